/**
 * The admin body of a service profile → the stored rules (spec §5.4 step 3, §12). Every problem
 * is collected with its field path and reported in one 400. A field left out (or null) keeps the
 * profile's current value, so `{"IsEnabled": false}` switches a service off without touching its
 * rules; an empty list clears that kind of rule.
 */
import { Problems } from '../../shared/errors.js';
import { findCountry, findCurrency } from '../../shared/iso.js';
import { round, round5 } from '../../shared/units.js';
import { MAX_AMOUNT, MAX_CM, MAX_KG, tags, text } from '../../shared/wire/normalise.js';
import { field, index } from '../../shared/wire/paths.js';
import type { ServiceProfileInput } from './carrier-services.schemas.js';
import {
  DIMENSION_TYPES, type DimensionRestriction, NO_RULES, type PostcodeRestriction, type ServiceProfile, type ServiceRules, type ZipRestriction,
} from './service-profile.js';

type In<T> = T | null | undefined;

export function normaliseServiceProfile(input: ServiceProfileInput, reference: string, current: ServiceProfile | undefined): ServiceProfile {
  const problems = new Problems();
  const was = current?.rules ?? NO_RULES;
  const rules: ServiceRules = {
    DimensionRestrictions: input.DimensionRestrictions ? dimensionRestrictions(input.DimensionRestrictions, problems) : was.DimensionRestrictions,
    DomesticLocationRestrictions: input.DomesticLocationRestrictions ? postcodeRestrictions(input.DomesticLocationRestrictions, problems) : was.DomesticLocationRestrictions,
    ZipCodeRestrictions: input.ZipCodeRestrictions ? zipRestrictions(input.ZipCodeRestrictions, problems) : was.ZipCodeRestrictions,
    ExcludedCountries: input.ExcludedCountries || input.InternationalLocationRestrictions ? excludedCountries(input, problems) : was.ExcludedCountries,
    CompensationAndValue: input.CompensationAndValue ? compensation(input.CompensationAndValue, problems) : was.CompensationAndValue,
    AllocationFilteringTags: input.AllocationFilteringTags ? tags(input.AllocationFilteringTags) : was.AllocationFilteringTags,
  };
  problems.throwIfAny();
  return { reference, enabled: input.IsEnabled ?? current?.enabled ?? true, rules };
}

type DimensionInput = NonNullable<ServiceProfileInput['DimensionRestrictions']>[number];

function dimensionRestrictions(inputs: DimensionInput[], problems: Problems): DimensionRestriction[] {
  const out: DimensionRestriction[] = [];
  inputs.forEach((input, i) => {
    const at = index('DimensionRestrictions', i);
    const raw = text(input.DimensionType);
    const type = DIMENSION_TYPES.find((t) => t.toLowerCase() === raw?.toLowerCase());
    if (!type) {
      problems.add(raw ? 'InvalidEnumValue' : 'FieldRequired', field(at, 'DimensionType'), raw
        ? `DimensionType "${raw}" is not one of: ${DIMENSION_TYPES.join(', ')}.`
        : `DimensionType is required: one of ${DIMENSION_TYPES.join(', ')}.`);
    }
    const max = type === 'AbsoluteWeight' ? MAX_KG : MAX_CM;
    const bound = (name: 'RangeFrom' | 'RangeTo') => {
      const v = input[name];
      if (v === null || v === undefined) return null;
      if (!(v >= 0 && v <= max)) {
        problems.add(type === 'AbsoluteWeight' ? 'InvalidWeight' : 'InvalidDimensions', field(at, name), `${name} must be from 0 to ${max} (${type === 'AbsoluteWeight' ? 'kg' : 'cm'}).`);
        return undefined;
      }
      return round5(v);
    };
    const from = bound('RangeFrom');
    const to = bound('RangeTo');
    if (from === null && to === null) problems.add('FieldRequired', field(at, 'RangeTo'), 'A dimension restriction needs RangeFrom, RangeTo or both.');
    if (typeof from === 'number' && typeof to === 'number' && from > to) problems.add('ValidationFailed', field(at, 'RangeFrom'), 'RangeFrom must not be more than RangeTo.');
    if (type && from !== undefined && to !== undefined) out.push({ DimensionType: type, RangeFrom: from, RangeTo: to });
  });
  return out;
}

/** The parts of a UK postcode (`M2 6LW` = area M, district 2, sector 6, unit LW), each upper-cased. */
const POSTCODE_PARTS = [
  { name: 'PostcodeArea', pattern: /^[A-Z]{1,2}$/, what: 'one or two letters (e.g. M, LS)' },
  { name: 'PostcodeDistrict', pattern: /^[0-9][0-9A-Z]?$/, what: 'a digit, then optionally a digit or a letter (e.g. 2, 10, 1A)' },
  { name: 'PostcodeSector', pattern: /^[0-9]$/, what: 'one digit' },
  { name: 'PostcodeUnit', pattern: /^[A-Z]{2}$/, what: 'two letters' },
] as const;

type PostcodeInput = NonNullable<ServiceProfileInput['DomesticLocationRestrictions']>[number];

export function postcodeRestrictions(inputs: PostcodeInput[], problems: Problems, path = 'DomesticLocationRestrictions'): PostcodeRestriction[] {
  const out: PostcodeRestriction[] = [];
  inputs.forEach((input, i) => {
    const at = index(path, i);
    let ok = true;
    const values = POSTCODE_PARTS.map((part, p) => {
      const v = text(input[part.name])?.toUpperCase() ?? null;
      if (v === null) {
        // A part may be left out only when every later part is too: `M` + sector `6` means nothing.
        const later = POSTCODE_PARTS.slice(p + 1).find((l) => text(input[l.name]));
        if (p === 0 || later) {
          problems.add('FieldRequired', field(at, part.name), p === 0 ? 'PostcodeArea is required.' : `${part.name} is required when ${later!.name} is given.`);
          ok = false;
        }
      } else if (!part.pattern.test(v)) {
        problems.add('ValidationFailed', field(at, part.name), `${part.name} "${v}" must be ${part.what}.`);
        ok = false;
      }
      return v;
    });
    if (ok) out.push({ PostcodeArea: values[0]!, PostcodeDistrict: values[1] ?? null, PostcodeSector: values[2] ?? null, PostcodeUnit: values[3] ?? null });
  });
  return out;
}

type ZipInput = NonNullable<ServiceProfileInput['ZipCodeRestrictions']>[number];

/** US ZIP prefixes: only 3-digit values are valid in configuration [DOC release note 02/11/20]. */
function zipRestrictions(inputs: ZipInput[], problems: Problems): ZipRestriction[] {
  const out: ZipRestriction[] = [];
  inputs.forEach((input, i) => {
    const at = index('ZipCodeRestrictions', i);
    const zip = (name: 'Single' | 'From' | 'To') => {
      const v = text(input[name]);
      if (v !== null && !/^[0-9]{3}$/.test(v)) {
        problems.add('ValidationFailed', field(at, name), `${name} "${v}" must be a 3-digit ZIP prefix such as "322".`);
        return undefined;
      }
      return v;
    };
    const [single, from, to] = [zip('Single'), zip('From'), zip('To')];
    if (single !== null && (from !== null || to !== null)) {
      problems.add('ValidationFailed', at, 'Give either Single or From and To, not both.');
    } else if (single === null && (from === null || to === null)) {
      const missing = from === null && to === null ? 'Single' : from === null ? 'From' : 'To';
      problems.add('FieldRequired', field(at, missing), 'Give Single, or both From and To.');
    } else if (single) {
      out.push({ Single: single });
    } else if (from && to) {
      if (from > to) problems.add('ValidationFailed', field(at, 'From'), `From "${from}" must not be after To "${to}".`);
      else out.push({ From: from, To: to });
    }
  });
  return out;
}

function excludedCountries(input: ServiceProfileInput, problems: Problems): string[] {
  const out = new Set<string>();
  const add = (raw: In<string>, path: string) => {
    const code = text(raw);
    const country = code ? findCountry(code) : undefined;
    if (!country) problems.add('CountryNotFound', path, code ? `"${code}" is not an ISO 3166-1 alpha-2 country code.` : 'A country code is required.');
    else out.add(country.IsoCode.TwoLetterCode);
  };
  input.ExcludedCountries?.forEach((code, i) => add(code, index('ExcludedCountries', i)));
  input.InternationalLocationRestrictions?.forEach((r, i) => {
    const at = index('InternationalLocationRestrictions', i);
    add(r.CountryTwoLetterIsoCode, field(at, 'CountryTwoLetterIsoCode'));
    // Excluding the whole country instead would exclude more than was asked for.
    for (const part of ['Postcode', 'Town', 'County'] as const) {
      if (text(r[part])) problems.add('ValidationFailed', field(at, part), `Packline excludes whole countries only; ${part} is not supported.`);
    }
  });
  return [...out];
}

function compensation(input: NonNullable<ServiceProfileInput['CompensationAndValue']>, problems: Problems): ServiceRules['CompensationAndValue'] {
  const max = input.MaxParcelValue;
  const code = text(input.Currency);
  const currency = code ? findCurrency(code) : undefined;
  if (code && !currency) problems.add('InvalidCurrency', 'CompensationAndValue.Currency', `"${code}" is not an ISO 4217 currency code.`);
  if (max === null || max === undefined) return null;
  if (!(max >= 0 && max <= MAX_AMOUNT)) {
    problems.add('InvalidMoney', 'CompensationAndValue.MaxParcelValue', `MaxParcelValue must be from 0 to ${MAX_AMOUNT}.`);
    return null;
  }
  if (!code) problems.add('InvalidCurrency', 'CompensationAndValue.Currency', 'Currency is required with MaxParcelValue.');
  return currency ? { MaxParcelValue: round(max, 4), Currency: currency.IsoCode } : null;
}
