import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleOrder, startTestServer, type TestServer } from '../../../test/harness.js';
import { DIALECTS } from '../../db/test-db.js';
import type { ConsignmentState } from './consignment-state.js';
import { audit, create, exampleConsignment, examplePackage, get, row, setState } from './test-consignments.js';

describe.each(DIALECTS)('Cancel, ready to ship and dispatch (spec §4.9–§4.11) over HTTP on %s', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(dialect);
  });
  afterAll(async () => t?.close());

  const inState = async (state: ConsignmentState) => {
    const reference = await create(t);
    if (state !== 'Unallocated') await setState(t, reference, state);
    return reference;
  };
  const stateOf = async (reference: string) => (await get(t, reference)).ConsignmentState;

  describe('Cancel one', () => {
    it.each(['Unallocated', 'AllocationFailed', 'Allocated', 'ManifestFailed', 'Manifested'] as const)(
      'cancels a %s consignment: 200 with no body, state Cancelled, an audit entry with who and the states', async (state) => {
        const reference = await inState(state);
        const r = await t.call('PUT', `/consignments/${reference}/cancel`);
        expect(r.status).toBe(200);
        expect(r.text).toBe('');
        expect(await stateOf(reference)).toBe('Cancelled');
        const last = (await audit(t, reference)).at(-1)!;
        expect(last.Details).toEqual({ Action: 'Cancelled', StateBefore: state, StateAfter: 'Cancelled' });
        expect(last.Username).toBeTruthy();
      });

    it.each([
      ['ReadyToShip', 400, 'InvalidConsignmentState'],
      ['Cancelled', 400, 'InvalidConsignmentState'],
      ['Dispatched', 400, 'InvalidConsignmentState'],
      ['Delivered', 400, 'InvalidConsignmentState'],
      ['Allocating', 409, 'ConsignmentBusy'],
      ['Cancelling', 409, 'ConsignmentBusy'],
    ] as const)('refuses to cancel a %s consignment with %i %s and changes nothing', async (state, status, code) => {
      const reference = await inState(state);
      const before = await row(t, reference);
      const entries = (await audit(t, reference)).length;
      const r = await t.call('PUT', `/consignments/${reference}/cancel`);
      expect(r.status).toBe(status);
      expect(r.json.Code).toBe(code);
      expect(await row(t, reference)).toEqual(before);
      expect(await audit(t, reference)).toHaveLength(entries);
    });

    it('keeps everything else: a cancelled consignment reads as before, only the state moved', async () => {
      const reference = await inState('Unallocated');
      const before = await get(t, reference);
      await t.call('PUT', `/consignments/${reference}/cancel`);
      expect(await get(t, reference)).toEqual({ ...before, ConsignmentState: 'Cancelled' });
    });

    it('cancels concurrently requested cancels exactly once: one 200, the rest 400, one audit entry', async () => {
      const reference = await inState('Unallocated');
      const replies = await Promise.all(Array.from({ length: 6 }, () => t.call('PUT', `/consignments/${reference}/cancel`)));
      expect(replies.map((r) => r.status).sort()).toEqual([200, 400, 400, 400, 400, 400]);
      expect(replies.filter((r) => r.status === 400).every((r) => r.json.Code === 'InvalidConsignmentState')).toBe(true);
      expect((await audit(t, reference)).filter((e) => e.Details.Action === 'Cancelled')).toHaveLength(1);
    });

    it("gives a packed consignment's units back to its order when it is cancelled", async () => {
      const order = String((await t.call('POST', '/orders', { body: exampleOrder() })).json[0].Href).split('/').pop()!;
      const packed = await t.call('POST', `/orders/${order}/pack`, {
        body: { Packages: [{ Weight: { Value: 1 }, Dimensions: { Length: 20, Width: 15, Height: 10 }, Items: [{ Sku: 'SKU093434', Quantity: 2 }] }] },
      });
      expect(packed.status, packed.text).toBe(201);
      const lines = async () => (await t.call('GET', `/orders/${order}`)).json.Packages[0].Items.map((i: any) => [i.Sku, i.QuantityPacked, i.QuantityOutstanding]);
      expect(await lines()).toEqual([['SKU093434', 2, 0], ['TEA-500', 0, 1]]);
      expect((await t.call('PUT', `/consignments/${packed.json.Results[0].Data}/cancel`)).status).toBe(200);
      expect(await lines()).toEqual([['SKU093434', 0, 2], ['TEA-500', 0, 1]]);
      expect((await t.call('GET', `/orders/${order}`)).json.PackingStatus).toBe('Unpacked');
    });
  });

  describe('Cancel a list', () => {
    it('answers 200 with one WithMessage per reference, in request order, successes and failures side by side', async () => {
      const ok = await inState('Allocated');
      const shipped = await inState('Dispatched');
      const r = await t.call('PUT', '/consignments/cancellist', { body: [shipped, 'EC-ZZZ-ZZZ-ZZZ', ok.toLowerCase(), 'nonsense'] });
      expect(r.status).toBe(200);
      expect(r.json).toEqual([
        { IsSuccess: false, Message: expect.stringContaining('Dispatched'), Data: shipped, ApiLinks: [{ Rel: 'detail', Href: `${t.baseUrl}/consignments/${shipped}` }] },
        { IsSuccess: false, Message: 'Consignment EC-ZZZ-ZZZ-ZZZ was not found.', Data: 'EC-ZZZ-ZZZ-ZZZ', ApiLinks: null },
        { IsSuccess: true, Message: `Consignment ${ok} cancellation completed successfully`, Data: ok, ApiLinks: [{ Rel: 'detail', Href: `${t.baseUrl}/consignments/${ok}` }] },
        { IsSuccess: false, Message: expect.stringContaining('not a consignment reference'), Data: 'nonsense', ApiLinks: null },
      ]);
      expect(await stateOf(ok)).toBe('Cancelled');
      expect(await stateOf(shipped)).toBe('Dispatched');
    });

    it('a reference listed twice is cancelled once; the second answer says it already is', async () => {
      const reference = await inState('Unallocated');
      const r = await t.call('PUT', '/consignments/cancellist', { body: [reference, reference] });
      expect(r.json.map((w: { IsSuccess: boolean }) => w.IsSuccess)).toEqual([true, false]);
      expect(r.json[1].Message).toContain('Cancelled');
    });

    it.each([
      ['an object', { References: [] }, 'InvalidType'],
      ['an empty list', [], 'ValidationFailed'],
      ['more than 1000 references', Array.from({ length: 1001 }, () => 'EC-000-000-001'), 'ValidationFailed'],
      ['a list with a number', ['EC-000-000-001', 2], 'InvalidType'],
    ])('refuses %s with 400 and cancels nothing', async (_what, body, code) => {
      const reference = await inState('Unallocated');
      const r = await t.call('PUT', '/consignments/cancellist', { body });
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ Code: code, CorrelationId: expect.any(String) });
      expect(await stateOf(reference)).toBe('Unallocated');
    });
  });

  describe('Set (not) ready to ship', () => {
    it('moves Allocated to ReadyToShip and back, answering WithMessage with a detail link, and audits both', async () => {
      const reference = await inState('Allocated');
      const ready = await t.call('PUT', '/consignments/setreadytoship', { body: [reference] });
      expect(ready.status).toBe(200);
      expect(ready.json).toEqual([{ IsSuccess: true, Message: expect.any(String), Data: reference, ApiLinks: [{ Rel: 'detail', Href: `${t.baseUrl}/consignments/${reference}` }] }]);
      expect(await stateOf(reference)).toBe('ReadyToShip');
      const back = await t.call('PUT', '/consignments/setnotreadytoship', { body: [reference] });
      expect(back.json[0].IsSuccess).toBe(true);
      expect(await stateOf(reference)).toBe('Allocated');
      expect((await audit(t, reference)).slice(-2).map((e) => e.Details)).toEqual([
        { Action: 'SetReadyToShip', StateBefore: 'Allocated', StateAfter: 'ReadyToShip' },
        { Action: 'SetNotReadyToShip', StateBefore: 'ReadyToShip', StateAfter: 'Allocated' },
      ]);
    });

    it.each([
      ['setreadytoship', 'Unallocated'],
      ['setreadytoship', 'ReadyToShip'],
      ['setreadytoship', 'Manifested'],
      ['setnotreadytoship', 'Allocated'],
      ['setnotreadytoship', 'Cancelled'],
    ] as const)('%s refuses a %s consignment in its WithMessage and leaves it alone', async (path, state) => {
      const reference = await inState(state);
      const r = await t.call('PUT', `/consignments/${path}`, { body: [reference] });
      expect(r.status).toBe(200);
      expect(r.json[0]).toMatchObject({ IsSuccess: false, Data: reference, Message: expect.stringContaining(state) });
      expect(await stateOf(reference)).toBe(state);
    });

    it('a ReadyToShip consignment must be set not ready before it can be cancelled', async () => {
      const reference = await inState('ReadyToShip');
      expect((await t.call('PUT', `/consignments/${reference}/cancel`)).json.Message).toContain('SetNotReadyToShip');
    });
  });

  describe('Dispatch', () => {
    it('moves Manifested to Dispatched, sets DateShipped, and answers a DispatchResponse per reference', async () => {
      const manifested = await inState('Manifested');
      const allocated = await inState('Allocated');
      const before = Date.now();
      const r = await t.call('PUT', '/consignments/Dispatch', { body: { ConsignmentReferences: [manifested, allocated, 'EC-ZZZ-ZZZ-ZZZ'] } });
      expect(r.status).toBe(200);
      expect(r.json).toEqual([
        { ConsignmentReferenceForAllLegsAssignedByMpd: manifested, Status: 'Success', HttpStatusCode: 200, ApiLinks: [{ Rel: 'detail', Href: `${t.baseUrl}/consignments/${manifested}` }], Message: expect.any(String) },
        { ConsignmentReferenceForAllLegsAssignedByMpd: allocated, Status: 'Failed', HttpStatusCode: 400, ApiLinks: [{ Rel: 'detail', Href: `${t.baseUrl}/consignments/${allocated}` }], Message: expect.stringContaining('Allocated') },
        { ConsignmentReferenceForAllLegsAssignedByMpd: 'EC-ZZZ-ZZZ-ZZZ', Status: 'NotFound', HttpStatusCode: 404, ApiLinks: null, Message: expect.any(String) },
      ]);
      const c = await get(t, manifested);
      expect(c.ConsignmentState).toBe('Dispatched');
      expect(Date.parse(c.DateShipped)).toBeGreaterThanOrEqual(before - 1000);
      expect((await row(t, manifested)).shipped_date).toBe(c.DateShipped);
      expect((await audit(t, manifested)).at(-1)!.Details).toEqual({ Action: 'Dispatched', StateBefore: 'Manifested', StateAfter: 'Dispatched' });
      expect(await stateOf(allocated)).toBe('Allocated');
    });

    it('matches the route in any case: /consignments/dispatch', async () => {
      const reference = await inState('Manifested');
      const r = await t.call('PUT', '/consignments/dispatch', { body: { consignmentReferences: [reference] } });
      expect(r.json[0].Status).toBe('Success');
    });

    it.each([
      ['without ConsignmentReferences', {}, 'FieldRequired', 'ConsignmentReferences'],
      ['with an empty list', { ConsignmentReferences: [] }, 'ValidationFailed', 'ConsignmentReferences'],
      ['with a bare array', ['EC-000-000-001'], 'InvalidType', 'body'],
    ])('refuses a body %s with 400 naming the field', async (_what, body, code, target) => {
      const r = await t.call('PUT', '/consignments/Dispatch', { body });
      expect(r.status).toBe(400);
      expect(r.json.Details).toContainEqual(expect.objectContaining({ Code: code, Target: target }));
    });
  });

  describe("another customer's consignment answers exactly like an unknown one, everywhere", () => {
    const unknown = 'EC-ZZZ-ZZZ-ZZY';
    const endpoints: Array<[string, string, (ref: string, pkg: string) => string, (ref: string, pkg: string) => unknown]> = [
      ['Get', 'GET', (ref) => `/consignments/${ref}`, () => undefined],
      ['Update', 'PUT', () => '/consignments', (ref) => ({ ...exampleConsignment(), Reference: ref })],
      ['Add Package', 'POST', (ref) => `/consignments/${ref}/addpackage`, () => examplePackage()],
      ['Remove Package (alias)', 'POST', (ref, pkg) => `/consignments/${ref}/removepackage/${pkg}`, () => undefined],
      ['Cancel', 'PUT', (ref) => `/consignments/${ref}/cancel`, () => undefined],
      ['Status', 'GET', (ref) => `/consignments/${ref}/status`, () => undefined],
      ['Audit', 'GET', (ref) => `/consignments/${ref}/audit`, () => undefined],
    ];
    it.each(endpoints)('%s: 404 ConsignmentNotFound, nothing changed', async (_name, method, path, body) => {
      const mine = await inState('Unallocated');
      const pkg = (await get(t, mine)).Packages[0].Reference;
      const before = await row(t, mine);
      const theirs = await t.call(method, path(mine, pkg), { key: t.otherKey, body: body(mine, pkg) });
      const none = await t.call(method, path(unknown, pkg), { key: t.otherKey, body: body(unknown, pkg) });
      expect(theirs.status).toBe(404);
      expect(theirs.json.Code).toBe('ConsignmentNotFound');
      expect(theirs.json.Message.replace(mine, '?')).toBe(none.json.Message.replace(unknown, '?'));
      expect(await row(t, mine)).toEqual(before);
    });

    it('Delete Package: 404 PackageNotFound, as for an unknown package', async () => {
      const mine = await inState('Unallocated');
      await t.call('POST', `/consignments/${mine}/addpackage`, { body: examplePackage() });
      const pkg = (await get(t, mine)).Packages[0].Reference;
      const theirs = await t.call('DELETE', `/packages/${pkg}`, { key: t.otherKey });
      const none = await t.call('DELETE', '/packages/EP-ZZZ-ZZZ-ZZY', { key: t.otherKey });
      expect([theirs.status, theirs.json.Code]).toEqual([404, 'PackageNotFound']);
      expect(theirs.json.Message.replace(pkg, '?')).toBe(none.json.Message.replace('EP-ZZZ-ZZZ-ZZY', '?'));
      expect((await get(t, mine)).Packages).toHaveLength(2);
    });

    it.each([
      ['cancellist', (ref: string) => [ref]],
      ['setreadytoship', (ref: string) => [ref]],
      ['setnotreadytoship', (ref: string) => [ref]],
      ['Dispatch', (ref: string) => ({ ConsignmentReferences: [ref] })],
    ])('%s: the per-reference answer is the not-found one, with no link', async (path, body) => {
      const mine = await inState(path === 'setnotreadytoship' ? 'ReadyToShip' : path === 'Dispatch' ? 'Manifested' : 'Allocated');
      const before = await row(t, mine);
      const theirs = (await t.call('PUT', `/consignments/${path}`, { key: t.otherKey, body: body(mine) })).json[0];
      const none = (await t.call('PUT', `/consignments/${path}`, { key: t.otherKey, body: body(unknown) })).json[0];
      expect(JSON.stringify(theirs).replaceAll(mine, '?')).toBe(JSON.stringify(none).replaceAll(unknown, '?'));
      expect(theirs.ApiLinks).toBeNull();
      expect(await row(t, mine)).toEqual(before);
    });
  });

  describe('routes: static segments win over /consignments/{take}/{skip} and /consignments/{ref}', () => {
    it.each([
      ['GET', '/consignments/count', 200],
      ['GET', '/consignments/getConsignmentReferences', 200],
      ['GET', '/consignments/getconsignmentreferences', 200],
      ['GET', '/consignments/10/0', 200],
      ['GET', '/consignments/EC-ZZZ-ZZZ-ZZZ', 404],
      ['GET', '/consignments/EC-ZZZ-ZZZ-ZZZ/status', 404],
      ['GET', '/consignments/EC-ZZZ-ZZZ-ZZZ/audit', 404],
      ['GET', '/consignments/getconsignmentonly/EC-ZZZ-ZZZ-ZZZ', 404],
      ['GET', '/consignments/getconsignmentwithmetadata/EC-ZZZ-ZZZ-ZZZ', 404],
    ])('%s %s → %i', async (method, path, status) => {
      const r = await t.call(method, path);
      expect(r.status, r.text).toBe(status);
      if (status === 404) expect(r.json.Code).toBe('ConsignmentNotFound');
    });

    it('answers the right shape on each of them', async () => {
      const reference = await create(t);
      expect(typeof (await t.call('GET', '/consignments/count')).json).toBe('number');
      expect((await t.call('GET', '/consignments/getConsignmentReferences')).json).toContain(reference);
      expect((await t.call('GET', '/consignments/10/0')).json).toMatchObject({ Count: expect.any(Number), ConsignmentSummaries: expect.any(Array) });
      expect((await t.call('GET', `/consignments/${reference}/status`)).json.Status).toBe('Unallocated');
      expect((await t.call('GET', `/consignments/${reference}`)).json.Reference).toBe(reference);
    });

    it.each([
      ['/consignments/10/status', 'InvalidReference'],
      ['/consignments/ten/0', 'InvalidPaging'],
      ['/consignments/count/0', 'InvalidPaging'],
    ])('GET %s → 400 %s', async (path, code) => {
      const r = await t.call('GET', path);
      expect(r.status).toBe(400);
      expect(r.json.Code).toBe(code);
    });
  });
});
