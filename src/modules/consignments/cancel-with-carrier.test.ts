import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { DIALECTS } from '../../db/test-db.js';
import { saveCarrierSettings } from '../allocation/carrier-services.repo.js';
import { demoCustomer } from '../allocation/test-allocation.js';
import { allocated, failing, movableClock, NEXTDAY, shipmentOf } from '../manifests/test-manifests.js';
import { CANCEL_GRACE_MS, cancelRecoveryJob } from './cancel-recovery.job.js';
import { audit, get } from './test-consignments.js';

describe.each(DIALECTS)('Cancel with the carrier (spec §4.9, §4.12, §17 #18) over HTTP on %s', (dialect) => {
  let t: TestServer;
  const clock = movableClock();
  beforeAll(async () => {
    t = await startTestServer(dialect, { clock });
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await saveCarrierSettings(t.deps.db, (await demoCustomer(t)).id, 'SIMCOURIER', {}, new Date().toISOString());
  });

  const stateOf = async (reference: string) => (await get(t, reference)).ConsignmentState;
  const manifested = async (overrides: Record<string, unknown> = {}) => {
    const reference = await allocated(t, undefined, overrides);
    const r = await t.call('PUT', '/consignments/manifest', { body: { ConsignmentReferences: [reference] } });
    expect(r.json[0].IsSuccess, r.text).toBe(true);
    return reference;
  };
  const actions = async (reference: string) => (await audit(t, reference)).map((e) => e.Details);

  it.each([
    ['Manifested', () => manifested()],
    ['Allocated', () => allocated(t)],
  ] as const)('cancels a booked %s consignment at the carrier: Cancelling → Cancelled, allocation kept', async (state, make) => {
    const reference = await make();
    const before = await get(t, reference);
    const r = await t.call('PUT', `/consignments/${reference}/cancel`);
    expect(r.status, r.text).toBe(200);
    expect(r.text).toBe('');
    expect(await get(t, reference)).toEqual({ ...before, ConsignmentState: 'Cancelled' });
    expect((await actions(reference)).slice(-2)).toEqual([
      { Action: 'Cancelling', StateBefore: state, StateAfter: 'Cancelling' },
      { Action: 'Cancelled', StateBefore: 'Cancelling', StateAfter: 'Cancelled' },
    ]);
  });

  it('when the carrier refuses (SimulateFailure: Cancel), a Manifested consignment stays Manifested: 400 CarrierCancelFailed', async () => {
    const reference = await manifested(failing('Cancel'));
    const r = await t.call('PUT', `/consignments/${reference}/cancel`);
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ Code: 'CarrierCancelFailed', Message: `Consignment ${reference} could not be cancelled: SimPost refused the cancel (simulated failure).` });
    expect(await stateOf(reference)).toBe('Manifested');
    expect((await actions(reference)).slice(-2)).toEqual([
      { Action: 'Cancelling', StateBefore: 'Manifested', StateAfter: 'Cancelling' },
      { Action: 'CarrierCancelFailed', StateBefore: 'Cancelling', StateAfter: 'Manifested' },
    ]);
    // Still dispatchable: nothing else moved.
    expect((await t.call('PUT', '/consignments/Dispatch', { body: { ConsignmentReferences: [reference] } })).json[0].Status).toBe('Success');
  });

  it('a carrier account switched to refuse cancels (failCancel) leaves an Allocated consignment Allocated; the cancel list says why, per item', async () => {
    await saveCarrierSettings(t.deps.db, (await demoCustomer(t)).id, 'SIMCOURIER', { failCancel: 'Already collected' }, new Date().toISOString());
    const courier = await allocated(t, NEXTDAY);
    const post = await allocated(t);
    const r = await t.call('PUT', '/consignments/cancellist', { body: [courier, post] });
    expect(r.status).toBe(200);
    expect(r.json.map((w: any) => [w.Data, w.IsSuccess, w.Message])).toEqual([
      [courier, false, `Consignment ${courier} could not be cancelled: Already collected`],
      [post, true, `Consignment ${post} cancellation completed successfully`],
    ]);
    expect([await stateOf(courier), await stateOf(post)]).toEqual(['Allocated', 'Cancelled']);
  });

  it('a cancellation interrupted by a crash (left Cancelling) goes back where it came from after the grace period, and can be cancelled again', async () => {
    const reference = await allocated(t);
    // What a process that died right after claiming the cancel leaves behind.
    const shipment = { ...(await shipmentOf(t, reference)), cancelRun: { from: 'Allocated', at: clock.now().toISOString() } };
    await t.deps.db.updateTable('consignments').set({ state: 'Cancelling', shipment: JSON.stringify(shipment) }).where('reference', '=', reference).execute();
    await cancelRecoveryJob.run(t.deps);
    expect(await stateOf(reference)).toBe('Cancelling');
    clock.advance(CANCEL_GRACE_MS + 60_000);
    await cancelRecoveryJob.run(t.deps);
    expect(await stateOf(reference)).toBe('Allocated');
    expect((await actions(reference)).at(-1)).toEqual({ Action: 'CancelInterrupted', StateBefore: 'Cancelling', StateAfter: 'Allocated' });
    expect((await t.call('PUT', `/consignments/${reference}/cancel`)).status).toBe(200);
    expect(await stateOf(reference)).toBe('Cancelled');
  });
});
