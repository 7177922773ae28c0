/**
 * Deallocating a manifested consignment voids its booking at the carrier. The carrier call must
 * not leave the consignment open to other commands: found by the scale-out test's review — the
 * state was checked only after the carrier answered, so a Dispatch in between shipped the
 * consignment on a booking the carrier had just voided.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import type { CarrierAdapter } from '../../carriers/carrier.js';
import { carrierRegistry } from '../../carriers/registry.js';
import { simCourier } from '../../carriers/simulated/sim-courier.js';
import { simPost } from '../../carriers/simulated/sim-post.js';
import { readJson } from '../../db/schema.js';
import { DIALECTS } from '../../db/test-db.js';
import { audit, get, row, setState } from '../consignments/test-consignments.js';
import { allocated } from '../manifests/test-manifests.js';

/** SimPost whose cancel waits until the test lets it answer. */
function gatedSimPost() {
  let entered!: () => void;
  let release!: () => void;
  const calledPromise = new Promise<void>((r) => (entered = r));
  const gate = new Promise<void>((r) => (release = r));
  const adapter: CarrierAdapter = {
    ...simPost,
    cancel: async (request, ctx) => {
      entered();
      await gate;
      return simPost.cancel!(request, ctx);
    },
  };
  return { adapter, called: calledPromise, release };
}

describe.each(DIALECTS)('Deallocating a manifested consignment while others act on it, on %s', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(dialect);
  });
  afterAll(async () => t?.close());

  it('holds the consignment busy (Cancelling) while the carrier voids the booking: a concurrent dispatch or cancel gets 409, then it is Unallocated', async () => {
    const reference = await allocated(t);
    await setState(t, reference, 'Manifested');
    const gated = gatedSimPost();
    const carriers = t.deps.carriers;
    t.deps.carriers = carrierRegistry([gated.adapter, simCourier]);
    try {
      const deallocating = t.call('PUT', `/consignments/${reference}/deallocate`);
      await gated.called;

      const dispatch = await t.call('PUT', '/consignments/Dispatch', { body: { ConsignmentReferences: [reference] } });
      expect([dispatch.json[0].Status, dispatch.json[0].HttpStatusCode]).toEqual(['Failed', 409]);
      const cancel = await t.call('PUT', `/consignments/${reference}/cancel`);
      expect([cancel.status, cancel.json.Code]).toEqual([409, 'ConsignmentBusy']);
      expect((await get(t, reference)).ConsignmentState).toBe('Cancelling');

      gated.release();
      const r = await deallocating;
      expect([r.status, r.text]).toEqual([200, '']);
    } finally {
      gated.release();
      t.deps.carriers = carriers;
    }
    expect((await get(t, reference)).ConsignmentState).toBe('Unallocated');
    expect((await row(t, reference)).shipment).toBeNull();
    expect((await audit(t, reference)).slice(-2).map((e) => e.Details)).toEqual([
      { Action: 'Cancelling', StateBefore: 'Manifested', StateAfter: 'Cancelling' },
      { Action: 'Deallocated', StateBefore: 'Cancelling', StateAfter: 'Unallocated' },
    ]);
  });

  it('when the carrier refuses to void, goes back to Manifested with its booking: 400 CarrierCancelFailed', async () => {
    const reference = await allocated(t, undefined, { MetaData: [{ KeyValue: 'SimulateFailure', StringValue: 'Cancel' }] });
    await setState(t, reference, 'Manifested');
    const before = await get(t, reference);
    const r = await t.call('PUT', `/consignments/${reference}/deallocate`);
    expect([r.status, r.json.Code]).toEqual([400, 'CarrierCancelFailed']);
    expect(await get(t, reference)).toEqual(before);
    expect(readJson<{ cancelRun?: unknown }>((await row(t, reference)).shipment).cancelRun ?? null).toBeNull();
    expect((await audit(t, reference)).slice(-2).map((e) => e.Details)).toEqual([
      { Action: 'Cancelling', StateBefore: 'Manifested', StateAfter: 'Cancelling' },
      { Action: 'CarrierCancelFailed', StateBefore: 'Cancelling', StateAfter: 'Manifested' },
    ]);
  });
});
