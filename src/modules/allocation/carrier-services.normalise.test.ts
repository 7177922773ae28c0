import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { normaliseServiceProfile } from './carrier-services.normalise.js';
import { normaliseCarrierSettings } from './carrier-services.settings.js';
import type { ServiceProfileInput } from './carrier-services.schemas.js';
import { NO_RULES, type ServiceProfile } from './service-profile.js';

const REF = 'MPD_SIMPOST_TRACKED48';
const current: ServiceProfile = {
  reference: REF,
  enabled: true,
  rules: { ...NO_RULES, DimensionRestrictions: [{ DimensionType: 'Length', RangeFrom: null, RangeTo: 61 }], AllocationFilteringTags: ['Alcohol'] },
};

/** The details of the 400 the body gets, as `Target Code` lines. */
function problems(input: ServiceProfileInput): string[] {
  try {
    normaliseServiceProfile(input, REF, current);
  } catch (e) {
    if (e instanceof AppError) return e.details.map((d) => `${d.Target} ${d.Code}`);
    throw e;
  }
  return [];
}

describe('service profile rules (spec §5.4 step 3): what is refused, naming each field', () => {
  it.each<[string, ServiceProfileInput, string[]]>([
    ['unknown dimension type', { DimensionRestrictions: [{ DimensionType: 'Height', RangeTo: 5 }] }, ['DimensionRestrictions[0].DimensionType InvalidEnumValue']],
    ['missing dimension type', { DimensionRestrictions: [{ RangeTo: 5 }] }, ['DimensionRestrictions[0].DimensionType FieldRequired']],
    ['a range with no bound', { DimensionRestrictions: [{ DimensionType: 'Girth' }] }, ['DimensionRestrictions[0].RangeTo FieldRequired']],
    ['From above To', { DimensionRestrictions: [{ DimensionType: 'Length', RangeFrom: 10, RangeTo: 5 }] }, ['DimensionRestrictions[0].RangeFrom ValidationFailed']],
    ['a negative weight', { DimensionRestrictions: [{ DimensionType: 'AbsoluteWeight', RangeFrom: -1 }] }, ['DimensionRestrictions[0].RangeFrom InvalidWeight']],
    ['an absurd length', { DimensionRestrictions: [{ DimensionType: 'CombinedDimensions', RangeTo: 1e9 }] }, ['DimensionRestrictions[0].RangeTo InvalidDimensions']],
    ['no postcode area', { DomesticLocationRestrictions: [{ PostcodeDistrict: '2' }] }, ['DomesticLocationRestrictions[0].PostcodeArea FieldRequired']],
    ['an area of three letters', { DomesticLocationRestrictions: [{ PostcodeArea: 'ABC' }] }, ['DomesticLocationRestrictions[0].PostcodeArea ValidationFailed']],
    ['an area with a digit', { DomesticLocationRestrictions: [{ PostcodeArea: 'M1' }] }, ['DomesticLocationRestrictions[0].PostcodeArea ValidationFailed']],
    ['a district led by a letter', { DomesticLocationRestrictions: [{ PostcodeArea: 'EC', PostcodeDistrict: 'A1' }] }, ['DomesticLocationRestrictions[0].PostcodeDistrict ValidationFailed']],
    ['a district of three characters', { DomesticLocationRestrictions: [{ PostcodeArea: 'LS', PostcodeDistrict: '101' }] }, ['DomesticLocationRestrictions[0].PostcodeDistrict ValidationFailed']],
    ['a sector of two digits', { DomesticLocationRestrictions: [{ PostcodeArea: 'M', PostcodeDistrict: '2', PostcodeSector: '66' }] }, ['DomesticLocationRestrictions[0].PostcodeSector ValidationFailed']],
    ['a unit with a digit', { DomesticLocationRestrictions: [{ PostcodeArea: 'M', PostcodeDistrict: '2', PostcodeSector: '6', PostcodeUnit: 'L1' }] }, ['DomesticLocationRestrictions[0].PostcodeUnit ValidationFailed']],
    ['a sector without a district', { DomesticLocationRestrictions: [{ PostcodeArea: 'M', PostcodeSector: '6' }] }, ['DomesticLocationRestrictions[0].PostcodeDistrict FieldRequired']],
    ['a unit without a sector', { DomesticLocationRestrictions: [{ PostcodeArea: 'M', PostcodeDistrict: '2', PostcodeUnit: 'LW' }] }, ['DomesticLocationRestrictions[0].PostcodeSector FieldRequired']],
    ['a 5-digit ZIP', { ZipCodeRestrictions: [{ Single: '90210' }] }, ['ZipCodeRestrictions[0].Single ValidationFailed']],
    ['a ZIP with letters', { ZipCodeRestrictions: [{ From: '9A0', To: '906' }] }, ['ZipCodeRestrictions[0].From ValidationFailed']],
    ['a ZIP range backwards', { ZipCodeRestrictions: [{ From: '906', To: '902' }] }, ['ZipCodeRestrictions[0].From ValidationFailed']],
    ['a ZIP range without To', { ZipCodeRestrictions: [{ From: '902' }] }, ['ZipCodeRestrictions[0].To FieldRequired']],
    ['an empty ZIP rule', { ZipCodeRestrictions: [{}] }, ['ZipCodeRestrictions[0].Single FieldRequired']],
    ['Single and a range', { ZipCodeRestrictions: [{ Single: '322', From: '902', To: '906' }] }, ['ZipCodeRestrictions[0] ValidationFailed']],
    ['an unknown country', { ExcludedCountries: ['XX'] }, ['ExcludedCountries[0] CountryNotFound']],
    ['a blank country', { ExcludedCountries: [' '] }, ['ExcludedCountries[0] CountryNotFound']],
    ['an unknown SortedPRO country', { InternationalLocationRestrictions: [{ CountryTwoLetterIsoCode: 'ZZ' }] }, ['InternationalLocationRestrictions[0].CountryTwoLetterIsoCode CountryNotFound']],
    ['a town-level exclusion', { InternationalLocationRestrictions: [{ CountryTwoLetterIsoCode: 'FR', Town: 'Paris' }] }, ['InternationalLocationRestrictions[0].Town ValidationFailed']],
    ['an unknown currency', { CompensationAndValue: { MaxParcelValue: 100, Currency: 'XYZ' } }, ['CompensationAndValue.Currency InvalidCurrency']],
    ['a value without a currency', { CompensationAndValue: { MaxParcelValue: 100 } }, ['CompensationAndValue.Currency InvalidCurrency']],
    ['a negative value', { CompensationAndValue: { MaxParcelValue: -1, Currency: 'GBP' } }, ['CompensationAndValue.MaxParcelValue InvalidMoney']],
  ])('%s', (_what, input, expected) => {
    expect(problems(input)).toEqual(expected);
  });

  it('reports every problem of a body at once', () => {
    expect(problems({
      DimensionRestrictions: [{ DimensionType: 'Width', RangeTo: 1 }, { DimensionType: 'Length', RangeFrom: 9, RangeTo: 1 }],
      ZipCodeRestrictions: [{ Single: '1' }],
      ExcludedCountries: ['FR', 'QQ'],
      CompensationAndValue: { MaxParcelValue: 5, Currency: 'ZZZ' },
    })).toEqual([
      'DimensionRestrictions[0].DimensionType InvalidEnumValue',
      'DimensionRestrictions[1].RangeFrom ValidationFailed',
      'ZipCodeRestrictions[0].Single ValidationFailed',
      'ExcludedCountries[1] CountryNotFound',
      'CompensationAndValue.Currency InvalidCurrency',
    ]);
  });
});

describe('service profile rules: what is accepted, normalised', () => {
  it('normalises case, trims, dedupes and keeps the first spelling of tags (spec §1.8)', () => {
    const p = normaliseServiceProfile({
      IsEnabled: false,
      DimensionRestrictions: [{ DimensionType: 'absoluteweight', RangeFrom: 0.5, RangeTo: 20 }, { DimensionType: 'GIRTH', RangeTo: 150 }],
      DomesticLocationRestrictions: [{ PostcodeArea: ' m ', PostcodeDistrict: '2', PostcodeSector: '6', PostcodeUnit: 'lw' }, { PostcodeArea: 'EC', PostcodeDistrict: '1a' }, { PostcodeArea: 'GY', PostcodeDistrict: '' }],
      ZipCodeRestrictions: [{ Single: '322' }, { From: '902', To: '906' }, { From: '021', To: '021' }],
      ExcludedCountries: ['fr', 'FR', 'de'],
      InternationalLocationRestrictions: [{ CountryTwoLetterIsoCode: 'us' }, { CountryTwoLetterIsoCode: 'DE' }],
      CompensationAndValue: { MaxParcelValue: 250.123456, Currency: 'eur' },
      AllocationFilteringTags: ['  Alcohol ', 'alcohol', '', 'Flammables'],
    }, REF, current);
    expect(p).toEqual({
      reference: REF,
      enabled: false,
      rules: {
        DimensionRestrictions: [{ DimensionType: 'AbsoluteWeight', RangeFrom: 0.5, RangeTo: 20 }, { DimensionType: 'Girth', RangeFrom: null, RangeTo: 150 }],
        DomesticLocationRestrictions: [
          { PostcodeArea: 'M', PostcodeDistrict: '2', PostcodeSector: '6', PostcodeUnit: 'LW' },
          { PostcodeArea: 'EC', PostcodeDistrict: '1A', PostcodeSector: null, PostcodeUnit: null },
          { PostcodeArea: 'GY', PostcodeDistrict: null, PostcodeSector: null, PostcodeUnit: null },
        ],
        ZipCodeRestrictions: [{ Single: '322' }, { From: '902', To: '906' }, { From: '021', To: '021' }],
        ExcludedCountries: ['FR', 'DE', 'US'],
        CompensationAndValue: { MaxParcelValue: 250.1235, Currency: 'EUR' },
        AllocationFilteringTags: ['Alcohol', 'Flammables'],
      },
    });
  });

  it('keeps what the body leaves out, clears a list sent empty, and drops the value limit on MaxParcelValue null', () => {
    expect(normaliseServiceProfile({ IsEnabled: false }, REF, current)).toEqual({ ...current, enabled: false });
    expect(normaliseServiceProfile({ AllocationFilteringTags: [] }, REF, current).rules).toEqual({ ...current.rules, AllocationFilteringTags: [] });
    const limited = { ...current, rules: { ...current.rules, CompensationAndValue: { MaxParcelValue: 10, Currency: 'GBP' } } };
    expect(normaliseServiceProfile({ CompensationAndValue: { MaxParcelValue: null } }, REF, limited).rules.CompensationAndValue).toBeNull();
  });

  it('starts a new profile enabled with no rules', () => {
    expect(normaliseServiceProfile({}, REF, undefined)).toEqual({ reference: REF, enabled: true, rules: NO_RULES });
  });
});

describe('carrier account settings', () => {
  it('keeps scalars and spells the simulated failure switches as the adapter reads them', () => {
    expect({ ...normaliseCarrierSettings({ FAILBOOKING: true, failManifest: 'Depot closed', apiUser: 'x', retries: 3, note: null }) })
      .toEqual({ failBooking: true, failManifest: 'Depot closed', apiUser: 'x', retries: 3, note: null });
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['a switch that is a number', { failBooking: 1 }, ['failBooking InvalidType']],
    ['a switch that is null', { failCancel: null }, ['failCancel InvalidType']],
    ['a nested object', { credentials: { user: 'x' } }, ['credentials InvalidType']],
    ['an array', { hubs: ['A'] }, ['hubs InvalidType']],
    ['a very long string', { token: 'x'.repeat(1001) }, ['token InvalidType']],
    ['an empty name', { ' ': true }, ['(empty name) ValidationFailed']],
    ['one switch twice in two spellings', { failBooking: true, FailBooking: false }, ['failBooking ValidationFailed']],
  ])('refuses %s', (_what, input, expected) => {
    let details: string[] = [];
    try {
      normaliseCarrierSettings(input);
    } catch (e) {
      details = (e as AppError).details.map((d) => `${d.Target} ${d.Code}`);
    }
    expect(details).toEqual(expected);
  });
});
