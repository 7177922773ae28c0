import { describe, expect, it } from 'vitest';
import { SIMCOURIER_SERVICES } from '../../carriers/simulated/sim-courier.js';
import { SIMPOST_SERVICES } from '../../carriers/simulated/sim-post.js';
import { chargeableWeightKg, rateFor } from './pricing.js';
import { promiseFor } from './promise.js';

const tracked48 = SIMPOST_SERVICES.find((s) => s.reference === 'MPD_SIMPOST_TRACKED48')!;
const pallet = SIMCOURIER_SERVICES.find((s) => s.reference === 'MPD_SIMCOURIER_PALLET')!;
const parcel = (weightKg: number, l = 10, w = 10, h = 10) => ({ weightKg, lengthCm: l, widthCm: w, heightCm: h });

describe('rate-card pricing: chargeable weight = max(actual, volumetric) per package, summed', () => {
  it.each([
    [parcel(1.2), 1.2],
    [parcel(0.5, 50, 40, 30), 12], // 60,000 cm³ / 5,000
    [parcel(15, 50, 40, 30), 15],
  ])('chargeable weight of %j is %s kg', (p, kg) => expect(chargeableWeightKg(p, 5000)).toBeCloseTo(kg, 6));

  it.each([
    ['one 1.2 kg parcel in UK', 'UK', [parcel(1.2)], 3.6, 4.32],
    ['exactly on a band edge (2 kg)', 'UK', [parcel(2)], 3.6, 4.32],
    ['two parcels add up', 'UK', [parcel(1.2), parcel(4)], 8.2, 9.84],
    ['a light but bulky parcel pays its volumetric weight', 'UK', [parcel(0.5, 50, 40, 30)], 9.4, 11.28],
    ['Northern Ireland has its own card', 'NI', [parcel(1)], 4.4, 5.28],
  ] as const)('%s', (_name, zone, parcels, net, gross) => {
    const rate = rateFor(tracked48, zone, parcels, 'GB')!;
    expect(rate.Net).toBeCloseTo(net, 2);
    expect(rate.Gross).toBeCloseTo(gross, 2);
    expect(rate.Gross).toBeCloseTo(rate.Net + rate.VatAmount, 2);
    expect(rate.TaxRate).toMatchObject({ Type: 'Standard', Rate: 0.2, CountryIsoCode: 'GB' });
    expect(rate.Currency).toEqual({ IsoCode: 'GBP', Name: 'Pound Sterling' });
  });

  it('has no price for a parcel heavier than the last band, or for a zone the card lacks', () => {
    expect(rateFor(tracked48, 'UK', [parcel(21)], 'GB')).toBeNull();
    expect(rateFor(tracked48, 'EU', [parcel(1)], 'GB')).toBeNull();
  });

  it('zero-rates exports and uses the pallet divisor of 3,000', () => {
    const intl = SIMPOST_SERVICES.find((s) => s.reference === 'MPD_SIMPOST_INTLTRACKED')!;
    expect(rateFor(intl, 'EU', [parcel(0.4)], 'GB')).toMatchObject({ Net: 8.9, Gross: 8.9, VatAmount: 0, TaxRate: { Type: 'Zero', Rate: 0 } });
    expect(chargeableWeightKg(parcel(10, 120, 100, 100), pallet.rates.volumetricDivisor)).toBe(400);
    expect(rateFor(pallet, 'UK', [parcel(10, 120, 100, 100)], 'GB')!.Net).toBe(85);
  });
});

describe('delivery promise (working days, cut-off, shipping date)', () => {
  const promise = { minDays: 2, maxDays: 3, cutOffHourUtc: 17 };
  const d = (iso: string) => new Date(iso);
  const day = (x: Date) => x.toISOString().slice(0, 10);
  it.each([
    ['Friday before cut-off: collect Friday, deliver Tue–Wed', '2026-12-04T10:00:00Z', null, '2026-12-04', '2026-12-08', '2026-12-09'],
    ['Friday after cut-off: collect Monday', '2026-12-04T18:00:00Z', null, '2026-12-07', '2026-12-09', '2026-12-10'],
    ['Saturday: collect Monday', '2026-12-05T09:00:00Z', null, '2026-12-07', '2026-12-09', '2026-12-10'],
    ['a future shipping date is the collection day', '2026-12-04T10:00:00Z', '2026-12-09T00:00:00Z', '2026-12-09', '2026-12-11', '2026-12-14'],
    ['a shipping date on a Sunday moves to Monday', '2026-12-04T10:00:00Z', '2026-12-06T00:00:00Z', '2026-12-07', '2026-12-09', '2026-12-10'],
  ])('%s', (_name, now, shipping, collection, earliest, latest) => {
    const p = promiseFor(promise, d(now), shipping ? d(shipping) : null);
    expect([day(p.collectionDate), day(p.earliestDelivery), day(p.latestDelivery)]).toEqual([collection, earliest, latest]);
  });
});
