import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { DIALECTS } from '../../db/test-db.js';
import { allocateDirectly } from '../allocation/test-allocation.js';
import type { ConsignmentState } from '../consignments/consignment-state.js';
import { audit, create, exampleConsignment, examplePackage, get, row, setState } from '../consignments/test-consignments.js';
import { createCarrierKey, revokeCarrierKeys } from './carrier-keys.js';

/** A clock that moves one minute per reading, so polled events never share a timestamp. */
function steppingClock(start = Date.parse('2026-12-08T08:00:00Z')) {
  let n = 0;
  return { now: () => new Date(start + 60_000 * n++) };
}

const at = (hour: number, minute = 0) => `2026-12-08T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;
const event = (Code: string, TimeStamp: string, extra: Record<string, string> = {}) => ({ TimeStamp, Code, Description: `${Code} event`, ...extra });

describe.each(DIALECTS)('Tracking (spec §9) over HTTP on %s', (dialect) => {
  let t: TestServer;
  let simpostKey: string;
  let simcourierKey: string;
  beforeAll(async () => {
    t = await startTestServer(dialect, { clock: steppingClock() });
    simpostKey = (await createCarrierKey(t.deps, 'SIMPOST')).key;
    simcourierKey = (await createCarrierKey(t.deps, 'simcourier')).key;
  });
  afterAll(async () => t?.close());

  /** A consignment allocated through the real booking path, then put in `state`; answers its tracking numbers. */
  const shipped = async (options: { state?: ConsignmentState; packages?: number; service?: string; journey?: string } = {}) => {
    const packages = Array.from({ length: options.packages ?? 1 }, (_x, i) => examplePackage({ PackageReferenceProvidedByCustomer: `BOX-${i + 1}` }));
    const meta = options.journey ? [{ KeyValue: 'SimulatedJourney', StringValue: options.journey }] : [];
    const reference = await create(t, exampleConsignment({ Packages: packages, MetaData: meta }));
    const outcome = await allocateDirectly(t, reference, options.service ?? 'MPD_SIMPOST_TRACKED48');
    expect(outcome.ok).toBe(true);
    if (options.state !== 'Allocated') await setState(t, reference, options.state ?? 'Manifested');
    const c = await get(t, reference);
    return {
      reference,
      trackingNumber: c.ConsignmentLegs[0].TrackingReferences[0] as string,
      parcels: c.Packages.map((p: any) => ({ reference: p.Reference as string, trackingNumber: p.ConsignmentLegs[0].TrackingReferences[0] as string })),
    };
  };
  const post = (key: string, body: unknown, path = '/tracking/carrierevents') => t.call('POST', path, { key, body });
  const eventsBody = (carrier: string, consignment: string, pkg: string, events: unknown[]) => ({
    CarrierReference: carrier,
    ConsignmentTrackingEvents: [{ ConsignmentTrackingReference: consignment, PackageTrackingEvents: [{ PackageReference: pkg, TrackingEvents: events }] }],
  });
  const stored = (reference: string) =>
    t.deps.db.selectFrom('tracking_events').innerJoin('consignments', 'consignments.id', 'tracking_events.consignment_id')
      .select(['tracking_events.code', 'tracking_events.carrier_code', 'tracking_events.occurred_at'])
      .where('consignments.reference', '=', reference).orderBy('tracking_events.id').execute();
  const status = async (reference: string) => (await t.call('GET', `/consignments/${reference}/status`)).json.Status;

  describe('carrier events in (§9.3)', () => {
    it('walks Manifested → Collected → InTransit → OutForDelivery → Delivered with a carrier key, native codes normalised, dates set', async () => {
      const c = await shipped();
      const steps: [string, string, ConsignmentState][] = [['ACC', at(9), 'Collected'], ['TRN', at(11), 'InTransit'], ['OFD', at(13), 'OutForDelivery'], ['DLV', at(14), 'Delivered']];
      for (const [code, time, state] of steps) {
        const r = await post(simpostKey, eventsBody('SIMPOST', c.trackingNumber, c.parcels[0].trackingNumber, [event(code, time, code === 'DLV' ? { SignedBy: 'J. SMITH' } : {})]));
        expect(r.status, r.text).toBe(202);
        expect(r.text).toBe('');
        expect(await status(c.reference)).toBe(state);
      }
      const doc = await get(t, c.reference);
      expect(doc).toMatchObject({ ConsignmentState: 'Delivered', DateCollected: at(9), DateShipped: at(9), DateDelivered: at(14), FirstAttemptedDeliveryDate: null });
      expect((await stored(c.reference)).map((e) => [e.code, e.carrier_code])).toEqual([['Collected', 'ACC'], ['InTransit', 'TRN'], ['OutForDelivery', 'OFD'], ['Delivered', 'DLV']]);
      const tracking = (await audit(t, c.reference)).filter((a) => a.Details.Action === 'TrackingStateChanged');
      expect(tracking.map((a) => [a.Details.StateBefore, a.Details.StateAfter])).toEqual([
        ['Manifested', 'Collected'], ['Collected', 'InTransit'], ['InTransit', 'OutForDelivery'], ['OutForDelivery', 'Delivered'],
      ]);
      expect(tracking[0]!.Username).toBe(simpostKey.slice(0, 12));
      const entries = await t.deps.db.selectFrom('consignment_audit').select('category').where('action', '=', 'TrackingStateChanged').execute();
      expect(new Set(entries.map((e) => e.category))).toEqual(new Set(['Tracking']));
    });

    it("takes the customer's own key with EC/EP references, on the SDK path too", async () => {
      const c = await shipped();
      const r = await post(t.key, eventsBody('SIMPOST', c.reference, c.parcels[0].reference, [event('Collected', at(9))]), '/carrierTrackingEvents');
      expect(r.status, r.text).toBe(202);
      expect(await status(c.reference)).toBe('Collected');
      // Lower-case references and a TimeStamp with an offset are the same package and instant.
      await post(t.key, eventsBody('simpost', c.reference.toLowerCase(), c.parcels[0].reference.toLowerCase(), [event('TRN', '2026-12-08T12:00:00+02:00')]));
      expect(await status(c.reference)).toBe('InTransit');
      expect((await stored(c.reference)).at(-1)!.occurred_at).toBe(at(10));
    });

    it("does not let customer B's key touch A's consignment: 202, nothing stored, nothing changed", async () => {
      const c = await shipped();
      const before = await row(t, c.reference);
      for (const ref of [c.reference, c.trackingNumber]) {
        const r = await post(t.otherKey, eventsBody('SIMPOST', ref, c.parcels[0].reference, [event('Delivered', at(9))]));
        expect(r.status).toBe(202);
      }
      expect(await stored(c.reference)).toEqual([]);
      expect(await row(t, c.reference)).toEqual(before);
    });

    it('refuses a SIMPOST key posting SIMCOURIER events (403 KeyNotAllowed), and ignores SIMPOST events for a SIMCOURIER consignment', async () => {
      const courier = await shipped({ service: 'MPD_SIMCOURIER_NEXTDAY' });
      const refused = await post(simpostKey, eventsBody('SIMCOURIER', courier.trackingNumber, courier.parcels[0].trackingNumber, [event('10', at(9))]));
      expect(refused.status).toBe(403);
      expect(refused.json).toMatchObject({ Code: 'KeyNotAllowed', Details: [{ Target: 'CarrierReference' }] });
      const elsewhere = await post(simpostKey, eventsBody('SIMPOST', courier.trackingNumber, courier.parcels[0].trackingNumber, [event('ACC', at(9))]));
      expect(elsewhere.status).toBe(202);
      // Nor may the customer's own key post SIMPOST events for its SIMCOURIER consignment.
      const ownKey = await post(t.key, eventsBody('SIMPOST', courier.reference, courier.parcels[0].reference, [event('ACC', at(9))]));
      expect(ownKey.status).toBe(202);
      expect(await stored(courier.reference)).toEqual([]);
      // The SIMCOURIER key is the one that may.
      const allowed = await post(simcourierKey, eventsBody('SIMCOURIER', courier.trackingNumber, courier.parcels[0].trackingNumber, [event('10', at(9))]));
      expect(allowed.status).toBe(202);
      expect(await status(courier.reference)).toBe('Collected');
    });

    it('accepts a carrier key nowhere else (401), and no longer once revoked', async () => {
      const key = (await createCarrierKey(t.deps, 'SIMPOST')).key;
      const c = await shipped();
      const elsewhere = await t.call('GET', `/tracking/${c.reference}`, { key });
      expect([elsewhere.status, elsewhere.json.Code]).toEqual([401, 'InvalidApiKey']);
      expect((await t.call('GET', '/consignments/10/0', { key })).status).toBe(401);
      expect(await revokeCarrierKeys(t.deps, key.slice(0, 12))).toBe(1);
      const revoked = await post(key, eventsBody('SIMPOST', c.trackingNumber, c.parcels[0].trackingNumber, [event('ACC', at(9))]));
      expect([revoked.status, revoked.json.Code]).toEqual([401, 'InvalidApiKey']);
      expect(await stored(c.reference)).toEqual([]);
    });

    it('ignores duplicates (same package, code and time), in one post and across posts', async () => {
      const c = await shipped();
      const body = eventsBody('SIMPOST', c.trackingNumber, c.parcels[0].trackingNumber, [event('ACC', at(9)), event('ACC', '2026-12-08T09:00:00Z')]);
      expect((await post(simpostKey, body)).status).toBe(202);
      expect((await post(simpostKey, body)).status).toBe(202);
      expect(await stored(c.reference)).toHaveLength(1);
      expect((await audit(t, c.reference)).filter((a) => a.Details.Action.startsWith('Tracking'))).toHaveLength(1);
    });

    it('answers 202 and ignores unknown consignment and package references', async () => {
      const c = await shipped();
      const r = await post(simpostKey, {
        CarrierReference: 'SIMPOST',
        ConsignmentTrackingEvents: [
          { ConsignmentTrackingReference: 'SP999999999GB', PackageTrackingEvents: [{ PackageReference: 'SP999999999GB', TrackingEvents: [event('ACC', at(9))] }] },
          { ConsignmentTrackingReference: 'EC-ZZZ-ZZZ-ZZY', PackageTrackingEvents: [{ PackageReference: 'EP-ZZZ-ZZZ-ZZY', TrackingEvents: [event('ACC', at(9))] }] },
          { ConsignmentTrackingReference: '%', PackageTrackingEvents: [{ PackageReference: '_', TrackingEvents: [event('ACC', at(9))] }] },
          { ConsignmentTrackingReference: c.trackingNumber, PackageTrackingEvents: [{ PackageReference: 'EP-ZZZ-ZZZ-ZZY', TrackingEvents: [event('ACC', at(9))] }] },
        ],
      });
      expect(r.status, r.text).toBe(202);
      expect(await stored(c.reference)).toEqual([]);
      expect(await status(c.reference)).toBe('Manifested');
    });

    it.each([
      ['an unknown carrier', { CarrierReference: 'NOPE', ConsignmentTrackingEvents: [] }, 400, 'CarrierNotFound', 'CarrierReference'],
      ['a TimeStamp that is no date', null, 400, 'InvalidDate', 'ConsignmentTrackingEvents[0].PackageTrackingEvents[0].TrackingEvents[1].TimeStamp'],
      ['a missing Code', { CarrierReference: 'SIMPOST', ConsignmentTrackingEvents: [{ ConsignmentTrackingReference: 'X', PackageTrackingEvents: [{ PackageReference: 'Y', TrackingEvents: [{ TimeStamp: at(9), Description: '' }] }] }] },
        400, 'FieldRequired', 'ConsignmentTrackingEvents[0].PackageTrackingEvents[0].TrackingEvents[0].Code'],
    ])('refuses %s with 400 naming the field, and stores nothing', async (_name, body, statusCode, code, target) => {
      const c = await shipped();
      const sent = body ?? eventsBody('SIMPOST', c.trackingNumber, c.parcels[0].trackingNumber, [event('ACC', at(9)), event('TRN', '2026-12-45T10:00:00Z')]);
      const r = await post(t.key, sent);
      expect(r.status).toBe(statusCode);
      expect(r.json.Code).toBe(code);
      expect(r.json.Details.map((d: { Target: string }) => d.Target)).toContain(target);
      expect(await stored(c.reference)).toEqual([]);
    });

    it('is PartiallyDelivered with one of two packages delivered, Delivered with both', async () => {
      const c = await shipped({ packages: 2, state: 'Dispatched' });
      const [a, b] = c.parcels;
      await post(simpostKey, {
        CarrierReference: 'SIMPOST',
        ConsignmentTrackingEvents: [{
          ConsignmentTrackingReference: c.trackingNumber,
          PackageTrackingEvents: [
            { PackageReference: a.trackingNumber, TrackingEvents: [event('OFD', at(9)), event('DLV', at(10))] },
            { PackageReference: b.trackingNumber, TrackingEvents: [event('OFD', at(9))] },
          ],
        }],
      });
      expect(await get(t, c.reference)).toMatchObject({ ConsignmentState: 'PartiallyDelivered', DateDelivered: null });
      // A carrier may name the package's own number as the consignment's too.
      await post(simpostKey, eventsBody('SIMPOST', b.trackingNumber, b.trackingNumber, [event('DLV', at(12))]));
      expect(await get(t, c.reference)).toMatchObject({ ConsignmentState: 'Delivered', DateDelivered: at(12) });
    });

    it('is Lost when a package is lost and none delivered', async () => {
      const c = await shipped({ packages: 2 });
      await post(simpostKey, {
        CarrierReference: 'SIMPOST',
        ConsignmentTrackingEvents: [{
          ConsignmentTrackingReference: c.reference,
          PackageTrackingEvents: [
            { PackageReference: c.parcels[0].reference, TrackingEvents: [event('TRN', at(9)), event('LST', at(20))] },
            { PackageReference: c.parcels[1].reference, TrackingEvents: [event('OFD', at(21))] },
          ],
        }],
      });
      expect(await status(c.reference)).toBe('Lost');
    });

    it.each(['Cancelled', 'Unallocated'] as const)('stores events for a %s consignment without changing it', async (state) => {
      const c = await shipped({ state: state === 'Unallocated' ? 'Manifested' : state });
      if (state === 'Unallocated') await t.deps.db.updateTable('consignments').set({ state, carrier_reference: null }).where('reference', '=', c.reference).execute();
      const before = await row(t, c.reference);
      const r = await post(t.key, eventsBody('SIMPOST', c.reference, c.parcels[0].reference, [event('ACC', at(9)), event('DLV', at(10))]));
      expect(r.status).toBe(202);
      expect(await stored(c.reference)).toHaveLength(2);
      expect(await row(t, c.reference)).toEqual(before);
    });

    it('keeps DeliveryFailedCardLeft attempts as FirstAttemptedDeliveryDate / AttemptedDeliveryDate, and ReturnToSender as DateReturned', async () => {
      const c = await shipped();
      const events = [event('ACC', at(8)), event('OFD', at(9)), event('ATT', at(10)), event('OFD', at(11, 30)), event('UND', at(12)), event('RTS', at(13))];
      await post(simpostKey, eventsBody('SIMPOST', c.trackingNumber, c.parcels[0].trackingNumber, events));
      expect(await get(t, c.reference)).toMatchObject({
        ConsignmentState: 'ReturnToSender', FirstAttemptedDeliveryDate: at(10), AttemptedDeliveryDate: at(12), DateReturned: at(13), DateDelivered: null,
      });
    });

    it('does not stumble over an Idempotency-Key sent with a carrier key', async () => {
      const c = await shipped();
      const r = await t.call('POST', '/tracking/carrierevents', {
        key: simpostKey, headers: { 'idempotency-key': 'carrier-1' }, body: eventsBody('SIMPOST', c.trackingNumber, c.parcels[0].trackingNumber, [event('ACC', at(9))]),
      });
      expect(r.status, r.text).toBe(202);
    });
  });

  describe('events out (§9.1, §9.2)', () => {
    it('shows each package with a leg per carrier service and its events ascending; flattened carries the service on each event', async () => {
      const c = await shipped({ packages: 2 });
      await post(simpostKey, eventsBody('SIMPOST', c.trackingNumber, c.parcels[0].trackingNumber, [
        event('TRN', at(11), { Location: 'SimPost Mail Centre' }), event('ACC', at(9), { Location: 'Sender' }), event('NOTE', at(10)),
      ]));
      const r = await t.call('GET', `/tracking/${c.reference}`);
      expect(r.status).toBe(200);
      expect(r.json).toEqual({
        ConsignmentReferenceForAllLegsAssignedByMpd: c.reference,
        TrackedPackages: [
          {
            PackageReferenceForAllLegsAssignedByMpd: c.parcels[0].reference,
            Legs: [{
              CarrierServiceName: 'SimPost Tracked 48',
              Events: [
                { TimeStamp: at(9), Code: 'Collected', Description: 'ACC event', Location: 'Sender' },
                { TimeStamp: at(10), Code: 'Information', Description: 'NOTE event' },
                { TimeStamp: at(11), Code: 'InTransit', Description: 'TRN event', Location: 'SimPost Mail Centre' },
              ],
            }],
          },
          { PackageReferenceForAllLegsAssignedByMpd: c.parcels[1].reference, Legs: [{ CarrierServiceName: 'SimPost Tracked 48', Events: [] }] },
        ],
      });
      const flat = await t.call('GET', `/tracking/flattened/${c.reference}`);
      expect(flat.status).toBe(200);
      expect(flat.json.TrackedPackages[0].Events.map((e: any) => [e.CarrierServiceName, e.Code])).toEqual([
        ['SimPost Tracked 48', 'Collected'], ['SimPost Tracked 48', 'Information'], ['SimPost Tracked 48', 'InTransit'],
      ]);
      expect(flat.json.TrackedPackages[1]).toEqual({ PackageReferenceForAllLegsAssignedByMpd: c.parcels[1].reference, Events: [] });
    });

    it('shows an unallocated consignment with its packages and empty legs; 404 for unknown and for another customer', async () => {
      const reference = await create(t);
      const r = await t.call('GET', `/tracking/${reference}`);
      expect(r.json).toEqual({
        ConsignmentReferenceForAllLegsAssignedByMpd: reference,
        TrackedPackages: [{ PackageReferenceForAllLegsAssignedByMpd: (await get(t, reference)).Packages[0].Reference, Legs: [] }],
      });
      for (const path of [`/tracking/${reference}`, `/tracking/flattened/${reference}`]) {
        const theirs = await t.call('GET', path, { key: t.otherKey });
        expect([theirs.status, theirs.json.Code]).toEqual([404, 'ConsignmentNotFound']);
      }
      expect((await t.call('GET', '/tracking/EC-ZZZ-ZZZ-ZZY')).status).toBe(404);
      expect((await t.call('GET', '/tracking/nonsense')).json.Code).toBe('InvalidReference');
    });
  });

  describe('simulated journeys (advance on demand, the polling job)', () => {
    it('walks a full journey to Delivered one step per advance, then stays', async () => {
      const c = await shipped();
      const states: string[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await t.call('POST', `/tracking/${c.reference}/advance`);
        expect(r.status, r.text).toBe(200);
        expect(r.json.ConsignmentReferenceForAllLegsAssignedByMpd).toBe(c.reference);
        states.push(await status(c.reference));
      }
      expect(states).toEqual(['Collected', 'InTransit', 'OutForDelivery', 'Delivered', 'Delivered']);
      const view = (await t.call('GET', `/tracking/${c.reference}`)).json;
      expect(view.TrackedPackages[0].Legs[0].Events.map((e: any) => e.Code)).toEqual(['Collected', 'InTransit', 'OutForDelivery', 'Delivered']);
      expect(view.TrackedPackages[0].Legs[0].Events.at(-1).SignedBy).toBe('J. SMITH');
      expect((await get(t, c.reference)).DateDelivered).not.toBeNull();
    });

    it('follows the SimulatedJourney metadata: a failed attempt then delivery, on SIMCOURIER', async () => {
      const c = await shipped({ journey: 'DeliveredAfterFailedAttempt', service: 'MPD_SIMCOURIER_NEXTDAY' });
      const states: string[] = [];
      for (let i = 0; i < 6; i++) {
        await t.call('POST', `/tracking/${c.reference}/advance`);
        states.push(await status(c.reference));
      }
      expect(states).toEqual(['Collected', 'InTransit', 'OutForDelivery', 'DeliveryFailedCardLeft', 'OutForDelivery', 'Delivered']);
      const doc = await get(t, c.reference);
      expect(doc.FirstAttemptedDeliveryDate).not.toBeNull();
      expect(doc.DateDelivered > doc.FirstAttemptedDeliveryDate).toBe(true);
    });

    it("refuses to advance an unallocated consignment (400) and another customer's (404)", async () => {
      const reference = await create(t);
      const r = await t.call('POST', `/tracking/${reference}/advance`);
      expect([r.status, r.json.Code]).toEqual([400, 'InvalidConsignmentState']);
      const c = await shipped();
      const theirs = await t.call('POST', `/tracking/${c.reference}/advance`, { key: t.otherKey });
      expect(theirs.status).toBe(404);
      expect(await stored(c.reference)).toEqual([]);
    });

    it('polls every manifested or shipped consignment each run until its journey ends (job run)', async () => {
      const { trackingPollJob } = await import('./poll-tracking.js');
      const lost = await shipped({ journey: 'Lost' });
      const delivered = await shipped({ packages: 2, state: 'Dispatched' });
      const waiting = await shipped({ state: 'Allocated' });
      const job = trackingPollJob(1000);
      for (let i = 0; i < 5; i++) await job.run(t.deps);
      expect(await status(lost.reference)).toBe('Lost');
      expect(await status(delivered.reference)).toBe('Delivered');
      expect(await status(waiting.reference)).toBe('Allocated');
      expect(await stored(lost.reference)).toHaveLength(3);
      expect(await stored(delivered.reference)).toHaveLength(8);
      expect(await stored(waiting.reference)).toEqual([]);
    });
  });
});
