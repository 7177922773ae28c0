import { describe, expect, it } from 'vitest';
import { carrierRegistry } from '../../carriers/registry.js';
import { type Candidate, type EligibilityInput, cheapest, evaluate, noEligibleMessage } from './eligibility.js';
import { NO_RULES, type ServiceRules } from './service-profile.js';

const registry = carrierRegistry();
const candidate = (reference: string, rules: Partial<ServiceRules> = {}, enabled = true): Candidate => {
  const found = registry.service(reference)!;
  return { ...found, profile: { reference, enabled, rules: { ...NO_RULES, ...rules } } };
};
const FRIDAY_10AM = new Date('2026-12-04T10:00:00Z');

function input(over: {
  route?: Partial<EligibilityInput['facts']['route']>;
  parcels?: EligibilityInput['facts']['parcels'];
  direction?: 'Outbound' | 'Inbound';
  value?: { amount: number; currency: string } | null;
  tags?: string[];
  metaData?: Record<string, string>;
  shippingDate?: string;
  requested?: { Date: string; IsToBeExactlyOnTheDateSpecified: boolean; window?: boolean };
  items?: EligibilityInput['items'];
  filters?: EligibilityInput['filters'];
  now?: Date;
} = {}): EligibilityInput {
  return {
    facts: {
      route: { originCountry: 'GB', originPostcode: 'OL164NW', destinationCountry: 'GB', destinationPostcode: 'LS11AA', ...over.route },
      parcels: over.parcels ?? [{ reference: 'EP-1', weightKg: 1.2, lengthCm: 30, widthCm: 20, heightCm: 10 }],
      direction: over.direction ?? 'Outbound',
      value: over.value === undefined ? { amount: 11.98, currency: 'GBP' } : over.value,
      tags: over.tags ?? [],
      metaData: new Map(Object.entries(over.metaData ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
      destination: undefined,
      origin: undefined,
      shippingDate: over.shippingDate ? new Date(over.shippingDate) : null,
    },
    requestedDelivery: over.requested
      ? { Date: over.requested.Date, IsToBeExactlyOnTheDateSpecified: over.requested.IsToBeExactlyOnTheDateSpecified, DeliveryWindow: over.requested.window ? { Start: '09:00:00', End: '12:00:00', UtcOffset: '+00:00' } : null }
      : null,
    items: over.items ?? [{ HarmonisationCode: null, CountryOfOrigin: null }],
    shippingTerms: null,
    toPickupPoint: false,
    ...(over.filters ? { filters: over.filters } : {}),
    now: over.now ?? FRIDAY_10AM,
  };
}

const T48 = 'MPD_SIMPOST_TRACKED48';
const S24 = 'MPD_SIMPOST_SIGNED24';
const INTL = 'MPD_SIMPOST_INTLTRACKED';
const RET = 'MPD_SIMPOST_RETURNS';
const ND = 'MPD_SIMCOURIER_NEXTDAY';
const PAL = 'MPD_SIMCOURIER_PALLET';
const IEX = 'MPD_SIMCOURIER_INTLEXPRESS';

describe('eligibility pipeline (spec §5.4), one row per rule', () => {
  it.each([
    // [name, service, rules, enabled, input, expected stage (or 'ok'), reason fragment]
    ['a plain domestic parcel qualifies', T48, {}, true, input(), 'ok', ''],
    ['a disabled profile never qualifies', T48, {}, false, input(), 'Capability', 'not enabled'],
    ['the service must serve the route', T48, {}, true, input({ route: { destinationCountry: 'FR', destinationPostcode: '75001' } }), 'Capability', 'does not deliver'],
    ['an international service does not take domestic parcels', INTL, {}, true, input(), 'Capability', 'does not deliver'],
    ['origin outside the service countries', T48, {}, true, input({ route: { originCountry: 'FR' } }), 'Capability', 'does not collect'],
    ['direction must be served: inbound on an outbound-only service', T48, {}, true, input({ direction: 'Inbound' }), 'Capability', 'Inbound'],
    ['returns service takes inbound', RET, {}, true, input({ direction: 'Inbound' }), 'ok', ''],
    ['returns (drop-off) service refuses outbound without IsDropOff', RET, {}, true, input(), 'Capability', 'Outbound'],
    ['filter ServiceDirection Inbound excludes outbound-only services', T48, {}, true, input({ filters: { ServiceDirection: 'Inbound' } }), 'Capability', 'filter'],
    ['filter IsDropOff true excludes non-drop-off services', T48, {}, true, input({ filters: { IsDropOff: true } }), 'Capability', 'IsDropOff'],
    ['parcel over the carrier weight limit', T48, {}, true, input({ parcels: [{ reference: 'p', weightKg: 21, lengthCm: 10, widthCm: 10, heightCm: 10 }] }), 'Capability', '21 kg'],
    ['parcel longer than the carrier allows', T48, {}, true, input({ parcels: [{ reference: 'p', weightKg: 1, lengthCm: 10, widthCm: 70, heightCm: 10 }] }), 'Capability', '70 cm'],
    ['length + girth over the limit', T48, {}, true, input({ parcels: [{ reference: 'p', weightKg: 1, lengthCm: 60, widthCm: 40, heightCm: 40 }] }), 'Capability', 'girth'],
    ['pallet takes at most 4 packages', PAL, {}, true, input({ parcels: Array.from({ length: 5 }, (_, i) => ({ reference: `p${i}`, weightKg: 40, lengthCm: 100, widthCm: 100, heightCm: 100 })) }), 'Capability', 'at most 4'],
    ['shipping date in the past', T48, {}, true, input({ shippingDate: '2026-12-03T09:00:00Z' }), 'Dates', 'has passed'],
    ['shipping date today after the cut-off', T48, {}, true, input({ shippingDate: '2026-12-04T00:00:00Z', now: new Date('2026-12-04T17:30:00Z') }), 'Dates', 'cannot collect'],
    ['shipping date on a Sunday', T48, {}, true, input({ shippingDate: '2026-12-06T00:00:00Z' }), 'Dates', 'cannot collect'],
    ['requested delivery before the latest promise', T48, {}, true, input({ requested: { Date: '2026-12-08', IsToBeExactlyOnTheDateSpecified: false } }), 'Dates', 'after the requested'],
    ['requested delivery met', T48, {}, true, input({ requested: { Date: '2026-12-09', IsToBeExactlyOnTheDateSpecified: false } }), 'ok', ''],
    ['exact day on a service without a fixed transit time', T48, {}, true, input({ requested: { Date: '2026-12-10', IsToBeExactlyOnTheDateSpecified: true } }), 'Dates', 'exactly'],
    ['exact day met by collecting later (next-day service)', S24, {}, true, input({ requested: { Date: '2026-12-10', IsToBeExactlyOnTheDateSpecified: true } }), 'ok', ''],
    ['exact day before the earliest delivery', S24, {}, true, input({ requested: { Date: '2026-12-04', IsToBeExactlyOnTheDateSpecified: true } }), 'Dates', 'exactly'],
    ['a delivery window needs a timed service', ND, {}, true, input({ requested: { Date: '2026-12-08', IsToBeExactlyOnTheDateSpecified: true, window: true } }), 'Dates', 'time window'],
    ['dimension rule: Length range (longest side)', T48, { DimensionRestrictions: [{ DimensionType: 'Length', RangeFrom: null, RangeTo: 25 }] }, true, input(), 'Rules', 'Length 30'],
    ['dimension rule: Girth from the two shorter sides', T48, { DimensionRestrictions: [{ DimensionType: 'Girth', RangeFrom: null, RangeTo: 59 }] }, true, input(), 'Rules', 'Girth 60'],
    ['dimension rule: AbsoluteWeight lower bound', T48, { DimensionRestrictions: [{ DimensionType: 'AbsoluteWeight', RangeFrom: 2, RangeTo: null }] }, true, input(), 'Rules', 'AbsoluteWeight 1.2'],
    ['dimension rule: CombinedDimensions inclusive edge passes', T48, { DimensionRestrictions: [{ DimensionType: 'CombinedDimensions', RangeFrom: 90, RangeTo: 90 }] }, true, input(), 'ok', ''],
    ['maximum value exceeded', ND, { CompensationAndValue: { MaxParcelValue: 10, Currency: 'GBP' } }, true, input(), 'Rules', 'worth 11.98'],
    ['maximum value in another currency without FX', ND, { CompensationAndValue: { MaxParcelValue: 100, Currency: 'EUR' } }, true, input(), 'Rules', 'exchange rate'],
    ['UK postcode exclusion (area + district)', T48, { DomesticLocationRestrictions: [{ PostcodeArea: 'LS', PostcodeDistrict: '1', PostcodeSector: null, PostcodeUnit: null }] }, true, input(), 'Rules', 'postcode'],
    ['UK postcode exclusion of another district passes', T48, { DomesticLocationRestrictions: [{ PostcodeArea: 'LS', PostcodeDistrict: '2', PostcodeSector: null, PostcodeUnit: null }] }, true, input(), 'ok', ''],
    ['US ZIP range exclusion', IEX, { ZipCodeRestrictions: [{ From: '902', To: '906' }] }, true, input({ route: { destinationCountry: 'US', destinationPostcode: '90404' }, metaData: { ShippersEORI: 'GB1' }, items: [{ HarmonisationCode: '6912', CountryOfOrigin: 'GB' }] }), 'Rules', 'ZIP'],
    ['country exclusion', IEX, { ExcludedCountries: ['FR'] }, true, input({ route: { destinationCountry: 'FR', destinationPostcode: '75001' }, metaData: { ShippersEORI: 'GB1' }, items: [{ HarmonisationCode: '6912', CountryOfOrigin: 'GB' }] }), 'Rules', 'excluded for FR'],
    ['customs data required on international routes', IEX, {}, true, input({ route: { destinationCountry: 'FR', destinationPostcode: '75001' } }), 'Rules', 'ShippersEORI'],
    ['customs data present: qualifies', IEX, {}, true, input({ route: { destinationCountry: 'FR', destinationPostcode: '75001' }, metaData: { shipperseori: 'GB1' }, items: [{ HarmonisationCode: '6912', CountryOfOrigin: 'GB' }] }), 'ok', ''],
    ['Northern Ireland counts as international for customs data', INTL, {}, true, input({ route: { destinationPostcode: 'BT11AA' } }), 'Rules', 'HarmonisationCode'],
    ['no rate: chargeable weight above the last band of the zone', INTL, {}, true, input({ route: { destinationCountry: 'FR', destinationPostcode: '75001' }, items: [{ HarmonisationCode: '1', CountryOfOrigin: 'GB' }], parcels: [{ reference: 'p', weightKg: 1, lengthCm: 40, widthCm: 30, heightCm: 30 }] }), 'Price', 'no rate'],
  ] as const)('%s', (_name, service, rules, enabled, inp, stage, fragment) => {
    const verdict = evaluate(candidate(service, rules as Partial<ServiceRules>, enabled), inp);
    if (stage === 'ok') {
      expect(verdict.eligible, JSON.stringify(verdict)).toBe(true);
    } else {
      expect(verdict).toMatchObject({ eligible: false, stage });
      expect((verdict as { reason: string }).reason).toContain(fragment);
    }
  });

  // The docs' worked tag table: A=Alcohol, B=Flammables, C=Alcohol+Flammables, D=Oil, E=none.
  const tagServices: Record<string, string[]> = { A: ['Alcohol'], B: ['Flammables'], C: ['Alcohol', 'Flammables'], D: ['Oil'], E: [] };
  it.each([
    [[], 'ABCDE'],
    [['Alcohol'], 'AC'],
    [['Flammables'], 'BC'],
    [['Alcohol', 'Flammables'], 'C'],
    [['Alcohol', 'Flammables', 'Oil'], ''],
    [[' alcohol '], 'AC'],
  ])('tags %j may go to services %s (docs tag table; case-insensitive, trimmed)', (tags, expected) => {
    const eligible = Object.entries(tagServices)
      .filter(([, serviceTags]) => evaluate(candidate(T48, { AllocationFilteringTags: serviceTags }), input({ tags })).eligible)
      .map(([name]) => name).join('');
    expect(eligible).toBe(expected);
  });
});

describe('the choice (spec §5.4 step 5)', () => {
  it('picks the cheapest net price, and explains when nothing qualifies', () => {
    const verdicts = [T48, S24, ND, PAL, INTL, RET].map((s) => evaluate(candidate(s), input()));
    expect(cheapest(verdicts)?.candidate.service.reference).toBe(T48);
    const heavy = [T48, S24].map((s) => evaluate(candidate(s), input({ parcels: [{ reference: 'p', weightKg: 25, lengthCm: 10, widthCm: 10, heightCm: 10 }] })));
    expect(cheapest(heavy)).toBeUndefined();
    expect(noEligibleMessage(heavy)).toMatch(/MPD_SIMPOST_TRACKED48: .*25 kg.*MPD_SIMPOST_SIGNED24: .*25 kg/);
  });

  it('breaks a price tie on gross, then latest delivery, then reference', () => {
    const a = evaluate(candidate(T48), input());
    const b = evaluate(candidate(S24), input());
    if (!a.eligible || !b.eligible) throw new Error('expected both eligible');
    const sameNet = { ...b, price: { ...b.price, Net: a.price.Net, Gross: a.price.Gross } };
    // Same price: the one delivering earlier (Signed 24) wins.
    expect(cheapest([a, sameNet])?.candidate.service.reference).toBe(S24);
    // Same price and dates: reference ascending (…SIGNED24 < …TRACKED48), whatever the order given.
    const sameEverything = { ...sameNet, promise: a.promise };
    expect(cheapest([a, sameEverything])?.candidate.service.reference).toBe(S24);
    expect(cheapest([sameEverything, a])?.candidate.service.reference).toBe(S24);
  });
});
