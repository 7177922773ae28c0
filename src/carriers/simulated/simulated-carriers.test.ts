import { describe, expect, it } from 'vitest';
import { CarrierError, type CarrierContext } from '../carrier.js';
import { carrierRegistry } from '../registry.js';
import { JOURNEYS } from './journeys.js';
import { simCourier } from './sim-courier.js';
import { simPost } from './sim-post.js';
import { isSimPostNumber, s10CheckDigit, simCourierParcelNumber, simCourierWaybill, simPostNumber } from './tracking-numbers.js';
import { zoneFromGb } from './zones.js';

const ctx = (settings: Record<string, unknown> = {}): CarrierContext => ({
  settings, http: { request: () => Promise.reject(new Error('simulated carriers make no HTTP calls')) }, now: () => new Date('2026-12-04T10:00:00Z'),
});
const meta = (entries: Record<string, string> = {}) => new Map(Object.entries(entries).map(([k, v]) => [k.toLowerCase(), v]));
const route = { originCountry: 'GB', originPostcode: 'OL164NW', destinationCountry: 'GB', destinationPostcode: 'LS11AA' };
const booking = (over: { metaData?: Map<string, string> } = {}) => ({
  consignmentReference: 'EC-000-000-00A',
  service: simPost.services[0]!,
  parcels: [
    { reference: 'EP-000-000-001', weightKg: 1, lengthCm: 10, widthCm: 10, heightCm: 10 },
    { reference: 'EP-000-000-002', weightKg: 1, lengthCm: 10, widthCm: 10, heightCm: 10 },
  ],
  route,
  collectionDate: '2026-12-04T17:00:00.000Z',
  metaData: over.metaData ?? meta(),
});

describe('simulated carriers: tracking numbers', () => {
  it('computes the UPU S10 check digit (the standard example 12345678 → 5; 10 → 0, 11 → 5)', () => {
    expect(s10CheckDigit('12345678')).toBe(5);
    expect(s10CheckDigit('47326891')).toBe(6);
    expect(s10CheckDigit('00000000')).toBe(5);
  });

  it.each([
    ['EP-000-000-001', 'SP000000014GB'],
    ['EP-000-000-00A', `SP00000010${s10CheckDigit('00000010')}GB`],
  ])('SimPost numbers %s as %s, a valid S10 number', (reference, number) => {
    expect(simPostNumber(reference)).toBe(number);
    expect(isSimPostNumber(number)).toBe(true);
  });

  it('refuses an S10 number with a wrong check digit', () => expect(isSimPostNumber('SP000000015GB')).toBe(false));

  it('SimCourier numbers are unique per reference and deterministic', () => {
    expect(simCourierParcelNumber('EP-000-000-001')).toBe('SC00000000000001');
    expect(simCourierParcelNumber('EP-ZZZ-ZZZ-ZZZ')).toBe(`SC${String(36 ** 9 - 1).padStart(14, '0')}`);
    expect(simCourierWaybill('EC-000-000-00A')).toBe('SCW000000000010');
  });
});

describe('simulated carriers: zones', () => {
  it.each([
    ['GB', 'LS11AA', 'UK'], ['GB', 'BT11AA', 'NI'], ['GB', 'HS12AB', 'UK_REMOTE'], ['GB', 'ZE10AA', 'UK_REMOTE'], ['GB', 'IV11AA', 'UK'],
    ['FR', '75001', 'EU'], ['IE', 'D02', 'EU'], ['US', '90210', 'ROW'], ['CH', '8001', 'ROW'],
  ])('GB → %s %s is zone %s', (country, postcode, zone) => {
    expect(zoneFromGb({ ...route, destinationCountry: country, destinationPostcode: postcode })).toBe(zone);
  });
  it('serves no route from outside GB', () => expect(zoneFromGb({ ...route, originCountry: 'FR' })).toBeNull());
});

describe('simulated carriers: booking, manifest, cancel', () => {
  it('books deterministically: the same consignment gets the same numbers', async () => {
    const a = await simPost.book!(booking(), ctx());
    const b = await simPost.book!(booking(), ctx());
    expect(a).toEqual(b);
    expect(a.parcels.map((p) => p.trackingNumber)).toEqual([simPostNumber('EP-000-000-001'), simPostNumber('EP-000-000-002')]);
    expect(a.trackingNumber).toBe(a.parcels[0]!.trackingNumber);
    const courier = await simCourier.book!({ ...booking(), service: simCourier.services[0]! }, ctx());
    expect(courier.trackingNumber).toBe(simCourierWaybill('EC-000-000-00A'));
  });

  it.each([
    ['the account switch', { failBooking: true }, meta(), /Could not be booked with courier/],
    ['the account switch with its own message', { failBooking: 'Account on stop' }, meta(), /^Account on stop$/],
    ['the consignment metadata', {}, meta({ SimulateFailure: 'Booking' }), /Could not be booked/],
    ['metadata naming several operations', {}, meta({ SimulateFailure: 'Manifest, booking' }), /Could not be booked/],
  ])('refuses a booking by %s', async (_name, settings, metaData, message) => {
    await expect(simPost.book!(booking({ metaData }), ctx(settings))).rejects.toThrow(CarrierError);
    await expect(simPost.book!(booking({ metaData }), ctx(settings))).rejects.toThrow(message);
  });

  it('manifests a batch, rejecting only the consignments switched to fail', async () => {
    const result = await simCourier.manifest!({
      shippingLocationReference: 'WH1',
      consignments: [
        { reference: 'EC-1', carrierBookingId: 'b1', trackingNumber: 't1', metaData: meta() },
        { reference: 'EC-2', carrierBookingId: 'b2', trackingNumber: 't2', metaData: meta({ SimulateFailure: 'Manifest' }) },
      ],
    }, ctx());
    expect(result.rejected).toEqual([{ reference: 'EC-2', message: expect.stringMatching(/refused the manifest/) }]);
    expect(result.carrierManifestId).toBe('SIMCOURIER-WH1-20261204-2');
    const all = await simCourier.manifest!({ shippingLocationReference: 'WH1', consignments: [{ reference: 'EC-1', carrierBookingId: 'b1', trackingNumber: 't1', metaData: meta() }] }, ctx({ failManifest: true }));
    expect(all.rejected.map((r) => r.reference)).toEqual(['EC-1']);
  });

  it('cancels unless switched to fail', async () => {
    await expect(simPost.cancel!({ carrierBookingId: 'b', consignmentReference: 'EC-1', metaData: meta() }, ctx())).resolves.toBeUndefined();
    await expect(simPost.cancel!({ carrierBookingId: 'b', consignmentReference: 'EC-1', metaData: meta({ SimulateFailure: 'Cancel' }) }, ctx())).rejects.toThrow(CarrierError);
  });
});

describe('simulated carriers: scripted tracking journeys', () => {
  it.each(Object.entries(JOURNEYS))('walks the %s journey one step per poll, in native codes that normalise back', async (name, steps) => {
    const parcel = { trackingNumber: 'SP000000014GB', metaData: meta({ SimulatedJourney: name }) };
    const seen: string[] = [];
    for (let polled = 0; polled <= steps.length; polled++) {
      const events = await simPost.track!({ parcels: [parcel], recorded: new Map([[parcel.trackingNumber, polled]]), now: '' }, ctx());
      if (polled === steps.length) {
        expect(events).toEqual([]);
        break;
      }
      expect(events).toHaveLength(1);
      expect(events[0]!.code).not.toBe(steps[polled]); // native, not the standard code
      seen.push(simPost.normaliseEvent(events[0]!.code));
    }
    expect(seen).toEqual(steps);
  });

  it('defaults to Delivered, signs for the delivery, and maps unknown codes to Information', async () => {
    const parcel = { trackingNumber: 'SC1', metaData: meta() };
    const last = await simCourier.track!({ parcels: [parcel], recorded: new Map([['SC1', 3]]), now: '' }, ctx());
    expect(last[0]).toMatchObject({ code: '50', signedBy: 'J. SMITH' });
    expect(simCourier.normaliseEvent('50')).toBe('Delivered');
    expect(simCourier.normaliseEvent('Delivered')).toBe('Delivered');
    expect(simCourier.normaliseEvent('99')).toBe('Information');
    expect(simPost.normaliseEvent('dlv')).toBe('Delivered');
  });
});

describe('carrier registry', () => {
  it('knows both carriers and their 7 services by reference, any case', () => {
    const registry = carrierRegistry();
    expect(registry.carriers.map((c) => c.reference)).toEqual(['SIMPOST', 'SIMCOURIER']);
    expect(registry.carriers.flatMap((c) => c.services).length).toBe(7);
    expect(registry.service('mpd_simcourier_pallet')?.carrier.reference).toBe('SIMCOURIER');
    expect(registry.carrier('simpost')?.name).toBe('SimPost');
    expect(registry.service('MPD_NOPE')).toBeUndefined();
  });
});
