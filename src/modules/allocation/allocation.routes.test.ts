import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { DIALECTS } from '../../db/test-db.js';
import { audit, create, exampleConsignment, examplePackage, get, row, setState } from '../consignments/test-consignments.js';

/** Friday 4 December 2026, 10:00 UTC: before every cut-off. Tests move it to expire quotes. */
const clock = { at: new Date('2026-12-04T10:00:00Z'), now() { return this.at; } };

/** A domestic consignment from WH1 to Leeds that every outbound domestic service could carry. */
const domestic = (over: Record<string, unknown> = {}) =>
  exampleConsignment({ Tags: [], ShippingDate: undefined, RequiredDeliveryDate: undefined, ...over });
const metadata = (key: string, value: string) => [{ KeyValue: key, StringValue: value }];
const tooHeavy = () => domestic({ Packages: [examplePackage({ Weight: { Value: 1200, Unit: 'Kg' } })] });

describe.each(DIALECTS)('Allocation (spec §5) over HTTP on %s', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(dialect, { clock });
  });
  afterAll(async () => t?.close());

  describe('A1 default rules (bulk)', () => {
    it('allocates the cheapest eligible service and fills allocation, legs, dates and labels count', async () => {
      const ref = await create(t, domestic());
      const r = await t.call('PUT', '/allocation/allocate', { body: { ConsignmentReferences: [ref] } });
      expect(r.status, r.text).toBe(200);
      expect(r.json).toHaveLength(1);
      const [summary] = r.json;
      expect(summary).toMatchObject({
        StatusCode: 200,
        CarrierReference: 'SIMPOST', CarrierName: 'SimPost',
        CarrierServiceReference: 'MPD_SIMPOST_TRACKED48', CarrierServiceName: 'SimPost Tracked 48',
        ConsignmentLegs: [{ Leg: 1, CarrierReference: 'SIMPOST', CarrierServiceReference: 'TPS48', CarrierName: 'SimPost' }],
      });
      expect(summary.Description).toBe(`Consignment ${ref} has been successfully allocated with SimPost SimPost Tracked 48 for shipping on 04/12/2026 17:00:00 +00:00`);
      expect(summary.ApiLinks.map((l: { Rel: string }) => l.Rel)).toEqual(['detail', 'label']);
      const tracking = summary.ConsignmentLegs[0].TrackingReferences[0];
      expect(tracking).toMatch(/^SP\d{9}GB$/);

      const c = await get(t, ref);
      expect(c.ConsignmentState).toBe('Allocated');
      expect(c.Allocation).toMatchObject({
        MpdCarrierServiceReference: 'MPD_SIMPOST_TRACKED48', MpdCarrierServiceName: 'SimPost Tracked 48', CarrierServiceGroupReference: null,
        Price: { Net: 3.6, Gross: 4.32, VatAmount: 0.72, Currency: { IsoCode: 'GBP' } },
      });
      expect(c.FailedAllocation).toBeNull();
      expect(c.LabelCount).toBe(1);
      expect(c.CollectionDate).toBe('2026-12-04T17:00:00.000Z');
      expect([c.EarliestDeliveryDate, c.LatestDeliveryDate]).toEqual(['2026-12-08T09:00:00.000Z', '2026-12-09T18:00:00.000Z']);
      expect(c.Packages[0].ConsignmentLegs[0].TrackingReferences).toEqual([tracking]);
      expect((await audit(t, ref)).map((a) => a.Details.Action)).toEqual(['Created', 'Allocating', 'Allocated']);
      // Search finds it by carrier and tracking number.
      const search = await t.call('GET', `/consignments/10/0?carriers=SIMPOST&trackingReference=${tracking}`);
      expect(search.status, search.text).toBe(200);
      expect(JSON.stringify(search.json)).toContain(ref);
      const miss = await t.call('GET', `/consignments/10/0?carriers=SIMCOURIER&trackingReference=${tracking}`);
      expect(JSON.stringify(miss.json)).not.toContain(ref);
    });

    it('takes each consignment in request order: success, wrong state, unknown, not a reference, nothing eligible', async () => {
      const ok = await create(t, domestic());
      const allocated = await create(t, domestic());
      await setState(t, allocated, 'Allocated');
      const heavy = await create(t, tooHeavy());
      const r = await t.call('PUT', '/allocation/allocate', { body: { ConsignmentReferences: [ok, allocated, 'EC-ZZZ-ZZZ-ZZZ', 'nonsense', heavy] } });
      expect(r.status).toBe(200);
      expect(r.json.map((s: { StatusCode: number }) => s.StatusCode)).toEqual([200, 400, 404, 400, 400]);
      expect(r.json[1]).toMatchObject({ ConsignmentLegs: [], CarrierReference: null, ApiLinks: [{ Rel: 'detail' }] });
      expect(r.json[2].ApiLinks).toEqual([]);
      expect(r.json[4].Description).toMatch(/No eligible carrier service.*1200 kg/);
      expect((await get(t, allocated)).ConsignmentState).toBe('Allocated');
      const failed = await get(t, heavy);
      expect(failed.ConsignmentState).toBe('AllocationFailed');
      expect(failed.FailedAllocation).toMatchObject({ AttemptedAllocationDate: clock.at.toISOString(), MpdCarrierServiceReference: null });
      expect(failed.FailedAllocation.Message).toMatch(/MPD_SIMPOST_TRACKED48: .*1200 kg/);
    });

    it('re-allocates an AllocationFailed consignment once it is fixed, clearing FailedAllocation', async () => {
      const ref = await create(t, tooHeavy());
      await t.call('PUT', '/allocation/allocate', { body: { ConsignmentReferences: [ref] } });
      const fixed = { ...domestic(), Reference: ref };
      const update = await t.call('PUT', '/consignments', { body: fixed });
      expect(update.status, update.text).toBe(200);
      const r = await t.call('PUT', '/allocation/allocate', { body: { ConsignmentReferences: [ref] } });
      expect(r.json[0].StatusCode).toBe(200);
      const c = await get(t, ref);
      expect([c.ConsignmentState, c.FailedAllocation]).toEqual(['Allocated', null]);
    });

    it('a booking the carrier refuses leaves AllocationFailed with the carrier message (SimulateFailure metadata)', async () => {
      const ref = await create(t, domestic({ MetaData: metadata('SimulateFailure', 'Booking') }));
      const r = await t.call('PUT', '/allocation/allocate', { body: { ConsignmentReferences: [ref] } });
      expect(r.json[0]).toMatchObject({ StatusCode: 400 });
      expect(r.json[0].Description).toMatch(/Could not be booked with courier/);
      const c = await get(t, ref);
      expect(c.ConsignmentState).toBe('AllocationFailed');
      expect(c.FailedAllocation).toMatchObject({ MpdCarrierServiceReference: 'MPD_SIMPOST_TRACKED48', MpdCarrierServiceName: 'SimPost Tracked 48' });
      expect(c.Allocation).toBeNull();
      expect(c.ConsignmentLegs).toEqual([]);
    });

    it('refuses a malformed body with 400 and changes nothing', async () => {
      for (const body of [{}, { ConsignmentReferences: [] }, { ConsignmentReferences: 'EC-000-000-001' }, { ConsignmentReferences: Array(1001).fill('EC-000-000-001') }]) {
        const r = await t.call('PUT', '/allocation/allocate', { body });
        expect(r.status, JSON.stringify(body).slice(0, 60)).toBe(400);
        expect(r.json.Code).toBeTruthy();
      }
    });
  });

  describe('A2 cheapest, single consignment', () => {
    it('answers a one-element array; 404 unknown; 400 InvalidConsignmentState; 400 NoEligibleService (state AllocationFailed)', async () => {
      const ref = await create(t, domestic());
      const ok = await t.call('PUT', `/allocation/${ref}/allocatewithcheapestquote`);
      expect(ok.status, ok.text).toBe(200);
      expect(ok.json).toHaveLength(1);
      expect(ok.json[0].StatusCode).toBe(200);

      const again = await t.call('PUT', `/allocation/${ref}/allocateWithCheapestQuote`);
      expect([again.status, again.json.Code]).toEqual([400, 'InvalidConsignmentState']);
      expect((await get(t, ref)).ConsignmentState).toBe('Allocated');

      expect((await t.call('PUT', '/allocation/EC-ZZZ-ZZZ-ZZZ/allocatewithcheapestquote')).status).toBe(404);
      const busy = await create(t, domestic());
      await setState(t, busy, 'Allocating');
      expect((await t.call('PUT', `/allocation/${busy}/allocatewithcheapestquote`)).status).toBe(409);

      const heavy = await create(t, tooHeavy());
      const none = await t.call('PUT', `/allocation/${heavy}/allocatewithcheapestquote`);
      expect([none.status, none.json.Code]).toEqual([400, 'NoEligibleService']);
      expect((await get(t, heavy)).ConsignmentState).toBe('AllocationFailed');
    });

    it("another customer's consignment is unknown (404) and stays untouched", async () => {
      const ref = await create(t, domestic());
      const before = await row(t, ref);
      const r = await t.call('PUT', `/allocation/${ref}/allocatewithcheapestquote`, { key: t.otherKey });
      expect([r.status, r.json.Code]).toEqual([404, 'ConsignmentNotFound']);
      expect(await row(t, ref)).toEqual(before);
    });
  });

  describe('A3/A4 service groups', () => {
    it('picks the cheapest member of the group and records the group', async () => {
      const ref = await create(t, domestic());
      const r = await t.call('PUT', `/allocation/${ref}/allocatewithservicegroup/nextday`);
      expect(r.status, r.text).toBe(200);
      expect(r.json[0].CarrierServiceReference).toBe('MPD_SIMPOST_SIGNED24');
      expect((await get(t, ref)).Allocation).toMatchObject({ CarrierServiceGroupReference: 'NEXTDAY', MpdCarrierServiceGroupName: 'Next day' });
    });

    it('unknown group: 404 on the path, 400 in the bulk body', async () => {
      const ref = await create(t, domestic());
      const one = await t.call('PUT', `/allocation/${ref}/allocatewithservicegroup/NOPE`);
      expect([one.status, one.json.Code]).toEqual([404, 'ServiceGroupNotFound']);
      const bulk = await t.call('PUT', '/allocation/allocatewithservicegroup', { body: { ConsignmentReferences: [ref], MpdCarrierServiceGroupReference: 'NOPE' } });
      expect([bulk.status, bulk.json.Code]).toEqual([400, 'ServiceGroupNotFound']);
      expect((await get(t, ref)).ConsignmentState).toBe('Unallocated');
    });

    it('bulk group allocation; a group whose members cannot carry it fails with the group named', async () => {
      const a = await create(t, domestic());
      const heavy = await create(t, domestic({ Packages: [examplePackage({ Weight: { Value: 25, Unit: 'Kg' } })] }));
      const r = await t.call('PUT', '/allocation/allocatewithservicegroup', { body: { ConsignmentReferences: [a, heavy], MpdCarrierServiceGroupReference: 'ECONOMY' } });
      expect(r.json.map((s: { StatusCode: number }) => s.StatusCode)).toEqual([200, 400]);
      expect((await get(t, heavy)).FailedAllocation).toMatchObject({ CarrierServiceGroupReference: 'ECONOMY', MpdCarrierServiceGroupName: 'Economy' });
    });
  });

  describe('A5 named carrier service', () => {
    it('allocates that exact service if eligible, even when a cheaper one exists', async () => {
      const ref = await create(t, domestic());
      const r = await t.call('PUT', '/allocation/allocatewithcarrierservice', { body: { ConsignmentReferences: [ref], MpdCarrierServiceReference: 'MPD_SIMCOURIER_NEXTDAY' } });
      expect(r.json[0]).toMatchObject({ StatusCode: 200, CarrierReference: 'SIMCOURIER', CarrierServiceReference: 'MPD_SIMCOURIER_NEXTDAY' });
      expect(r.json[0].ConsignmentLegs[0].TrackingReferences[0]).toMatch(/^SCW\d{12}$/);
      const c = await get(t, ref);
      expect(c.Packages[0].ConsignmentLegs[0].TrackingReferences[0]).toMatch(/^SC\d{14}$/);
    });

    it('an ineligible named service puts the consignment in AllocationFailed naming it', async () => {
      const ref = await create(t, domestic({ Packages: [examplePackage({ Weight: { Value: 25, Unit: 'Kg' } })] }));
      const r = await t.call('PUT', '/allocation/allocatewithcarrierservice', { body: { ConsignmentReferences: [ref], MpdCarrierServiceReference: 'MPD_SIMPOST_TRACKED48' } });
      expect(r.json[0].StatusCode).toBe(400);
      expect((await get(t, ref)).FailedAllocation).toMatchObject({ MpdCarrierServiceReference: 'MPD_SIMPOST_TRACKED48', MpdCarrierServiceName: 'SimPost Tracked 48' });
    });

    it('an unknown service is a 400 for the whole request and nothing changes', async () => {
      const ref = await create(t, domestic());
      const r = await t.call('PUT', '/allocation/allocatewithcarrierservice', { body: { ConsignmentReferences: [ref], MpdCarrierServiceReference: 'MPD_NOPE' } });
      expect([r.status, r.json.Code, r.json.Details[0].Target]).toEqual([400, 'CarrierServiceNotFound', 'MpdCarrierServiceReference']);
      const other = await t.call('PUT', '/allocation/allocatewithcarrierservice', { key: t.otherKey, body: { ConsignmentReferences: [ref], MpdCarrierServiceReference: 'MPD_SIMPOST_TRACKED48' } });
      expect(other.status).toBe(400); // the other customer has no services at all
      expect((await get(t, ref)).ConsignmentState).toBe('Unallocated');
    });
  });

  describe('A7 service filters', () => {
    it('filters narrow the candidates but never bypass rules', async () => {
      const ret = await create(t, domestic({ Direction: 'Inbound' }));
      const r = await t.call('PUT', '/allocation/allocateConsignmentsWithServiceFilters', { body: { ConsignmentReferences: [ret], Filters: { ServiceDirection: 'Inbound', IsDropOff: true } } });
      expect(r.json[0]).toMatchObject({ StatusCode: 200, CarrierServiceReference: 'MPD_SIMPOST_RETURNS' });
      const out = await create(t, domestic());
      // No pickup service exists: the filter leaves nothing, and the outbound parcel is not forced onto one.
      const none = await t.call('PUT', '/allocation/allocateConsignmentsWithServiceFilters', { body: { ConsignmentReferences: [out], Filters: { IsPickup: true } } });
      expect(none.json[0].StatusCode).toBe(400);
      expect(none.json[0].Description).toMatch(/IsPickup/);
      // ServiceDirection Inbound keeps services that also carry inbound (Next Day carries both ways).
      const both = await create(t, domestic());
      const r2 = await t.call('PUT', '/allocation/allocateConsignmentsWithServiceFilters', { body: { ConsignmentReferences: [both], Filters: { ServiceDirection: 'Inbound' } } });
      expect(r2.json[0]).toMatchObject({ StatusCode: 200, CarrierServiceReference: 'MPD_SIMCOURIER_NEXTDAY' });
    });
  });

  describe('A8 allocate all due by a date', () => {
    it('allocates every Unallocated consignment due to ship by the date (no date = due now), leaving later ones', async () => {
      const monday = await create(t, domestic({ ShippingDate: '2026-12-07T09:00:00Z' }));
      const wednesday = await create(t, domestic({ ShippingDate: '2026-12-09T09:00:00Z' }));
      const undated = await create(t, domestic());
      const r = await t.call('PUT', '/allocation/allocate/2026-12-08', { body: {} });
      expect(r.status, r.text).toBe(200);
      const byRef = Object.fromEntries(r.json.map((s: { ApiLinks: { Href: string }[]; StatusCode: number }) => [s.ApiLinks[0]!.Href.split('/').pop(), s.StatusCode]));
      expect(byRef[monday]).toBe(200);
      expect(byRef[undated]).toBe(200);
      expect(byRef[wednesday]).toBeUndefined();
      expect((await get(t, wednesday)).ConsignmentState).toBe('Unallocated');
    });

    it('with a named service or group, which is then required; a bad date is a 400', async () => {
      const ref = await create(t, domestic({ ShippingDate: '2026-12-07T09:00:00Z' }));
      const missing = await t.call('PUT', '/allocation/allocatewithcarrierservice/2026-12-08', { body: {} });
      expect([missing.status, missing.json.Details[0].Target]).toEqual([400, 'MpdCarrierServiceReference']);
      const bad = await t.call('PUT', '/allocation/allocate/not-a-date', { body: {} });
      expect([bad.status, bad.json.Code]).toEqual([400, 'InvalidDate']);
      const r = await t.call('PUT', '/allocation/allocatewithcarrierservice/2026-12-08', { body: { MpdCarrierServiceReference: 'MPD_SIMCOURIER_NEXTDAY', ShippingLocationReference: 'WH1' } });
      expect(r.status, r.text).toBe(200);
      expect((await get(t, ref)).Allocation.MpdCarrierServiceReference).toBe('MPD_SIMCOURIER_NEXTDAY');
    });
  });

  describe('Deallocation (spec §5.8)', () => {
    it('erases everything allocation set and returns to Unallocated; labels printed flags reset', async () => {
      const ref = await create(t, domestic());
      await t.call('PUT', `/allocation/${ref}/allocatewithcheapestquote`);
      const r = await t.call('PUT', `/consignments/${ref}/deallocate`);
      expect([r.status, r.text]).toEqual([200, '']);
      const c = await get(t, ref);
      expect(c).toMatchObject({
        ConsignmentState: 'Unallocated', Allocation: null, FailedAllocation: null, ConsignmentLegs: [], LabelCount: 0, LabelsPrinted: false,
        DateLabelsWereFirstPrinted: null, CollectionDate: null, EarliestDeliveryDate: null, LatestDeliveryDate: null,
      });
      expect(c.Packages[0].ConsignmentLegs).toEqual([]);
      expect((await row(t, ref)).shipment).toBeNull();
      expect((await audit(t, ref)).at(-1)!.Details).toEqual({ Action: 'Deallocated', StateBefore: 'Allocated', StateAfter: 'Unallocated' });
    });

    it.each([['Unallocated', 400], ['ReadyToShip', 400], ['Dispatched', 400], ['Manifesting', 409]] as const)('refuses %s with %s', async (state, status) => {
      const ref = await create(t, domestic());
      if (state !== 'Unallocated') await setState(t, ref, state);
      expect((await t.call('PUT', `/consignments/${ref}/deallocate`)).status).toBe(status);
      expect((await get(t, ref)).ConsignmentState).toBe(state);
    });

    it('voids a manifested consignment at the carrier first; if the carrier refuses, nothing changes', async () => {
      const ok = await create(t, domestic());
      await t.call('PUT', `/allocation/${ok}/allocatewithcheapestquote`);
      await setState(t, ok, 'Manifested');
      expect((await t.call('PUT', `/consignments/${ok}/deallocate`)).status).toBe(200);

      const refused = await create(t, domestic({ MetaData: metadata('SimulateFailure', 'Cancel') }));
      await t.call('PUT', `/allocation/${refused}/allocatewithcheapestquote`);
      await setState(t, refused, 'Manifested');
      const r = await t.call('PUT', `/consignments/${refused}/deallocate`);
      expect([r.status, r.json.Code]).toEqual([400, 'CarrierCancelFailed']);
      const c = await get(t, refused);
      expect(c.ConsignmentState).toBe('Manifested');
      expect(c.Allocation).not.toBeNull();
    });

    it('deallocates a list, in request order, one outcome each', async () => {
      const a = await create(t, domestic());
      await t.call('PUT', `/allocation/${a}/allocatewithcheapestquote`);
      const b = await create(t, domestic());
      const r = await t.call('PUT', '/consignments/deallocatelist', { body: [a, b, 'EC-ZZZ-ZZZ-ZZZ'] });
      expect(r.status).toBe(200);
      expect(r.json.map((o: { IsSuccess: boolean; Data: string }) => [o.IsSuccess, o.Data])).toEqual([[true, a], [false, b], [false, 'EC-ZZZ-ZZZ-ZZZ']]);
      expect(r.json[0].Message).toBe('Consignment deallocation completed successfully');
    });
  });
});
