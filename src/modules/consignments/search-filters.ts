/**
 * Search Consignments' query string (spec §4.5) → typed conditions, AND-combined. Pure: the
 * repository turns conditions into SQL. Parameter names match in any case; an empty value is the
 * same as no value; a bad value, a repeated parameter or an unknown parameter is a 400 naming it.
 */
import { AppError, type ErrorDetail } from '../../shared/errors.js';
import { findCountry } from '../../shared/iso.js';
import { normaliseReference } from '../../shared/references.js';
import { parseInstant } from '../../shared/wire/dates.js';
import { DIRECTIONS, SOURCES } from '../../shared/wire/types.js';
import { type ConsignmentState, parseState } from './consignment-state.js';

export type DateColumn = 'created_at' | 'scheduled_delivery_date' | 'shipped_date' | 'shipping_date' | 'requested_delivery_date';
export type NumberColumn = 'weight_kg' | 'value_amount';
export type TextColumn =
  | 'reference' | 'customer_consignment_reference' | 'carrier_service_reference' | 'shipping_location_reference'
  | 'destination_country' | 'direction' | 'source';

export type Condition =
  | { kind: 'date'; column: DateColumn; op: '>=' | '<='; value: string }
  | { kind: 'number'; column: NumberColumn; op: '>=' | '<='; value: number }
  | { kind: 'equals'; column: TextColumn; value: string }
  | { kind: 'states'; values: ConsignmentState[] }
  | { kind: 'carriers'; values: string[] }
  | { kind: 'labelsPrinted'; value: boolean }
  /** Origin or destination postcode, compared upper-case without spaces. */
  | { kind: 'postcode'; value: string }
  /** Destination region, any case. */
  | { kind: 'region'; value: string }
  /** One of the consignment's tracking numbers, exactly. */
  | { kind: 'tracking'; value: string }
  /** Substring, any case, of reference, customer reference, tracking numbers, destination postcode or first line. */
  | { kind: 'searchTerm'; value: string }
  /** Holds the package `EP-…`. */
  | { kind: 'package'; reference: string };

const MAX_VALUE_LENGTH = 200;

/** One parameter's value → its conditions, or a message saying what was expected. */
type Parser = (raw: string) => Condition[] | string;

/** A date filter's value → the instant it bounds, inclusive; or what was expected. Shared with Search Orders. */
export function parseDateBound(raw: string, op: '>=' | '<='): { value: string } | string {
  // `+01:00` arrives as ` 01:00` when a client forgets to encode the plus sign.
  const fixed = raw.replace(/(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$/, '$1+$2');
  const instant = parseInstant(fixed);
  if (!instant) return 'Expected an ISO 8601 date or date-time, such as 2026-03-01 or 2026-03-01T09:30:00Z.';
  // Ranges are inclusive: a date alone as the upper bound takes in that whole day.
  return { value: op === '<=' && /^\d{4}-\d{2}-\d{2}$/.test(fixed) ? new Date(Date.parse(instant) + 86_400_000 - 1).toISOString() : instant };
}

const dateBound = (column: DateColumn, op: '>=' | '<='): Parser => (raw) => {
  const bound = parseDateBound(raw, op);
  return typeof bound === 'string' ? bound : [{ kind: 'date', column, op, value: bound.value }];
};

const numberBound = (column: NumberColumn, op: '>=' | '<=', scale = 1): Parser => (raw) => {
  if (!/^\d{1,15}(\.\d{1,10})?$/.test(raw)) return 'Expected a number of 0 or more, such as 2.5.';
  return [{ kind: 'number', column, op, value: Number(raw) * scale }];
};

const equals = (column: TextColumn): Parser => (raw) => [{ kind: 'equals', column, value: raw }];

const reference = (prefix: 'EC' | 'EP'): Parser => (raw) => {
  const ref = normaliseReference(raw, prefix);
  if (!ref) return `Expected a reference such as ${prefix}-000-05B-MMA.`;
  return prefix === 'EC' ? [{ kind: 'equals', column: 'reference', value: ref }] : [{ kind: 'package', reference: ref }];
};

const oneOf = (column: 'direction' | 'source', names: readonly string[]): Parser => (raw) => {
  const byNumber = /^\d+$/.test(raw) ? names[Number(raw)] : undefined;
  const name = byNumber ?? names.find((n) => n.toLowerCase() === raw.toLowerCase());
  return name ? [{ kind: 'equals', column, value: name }] : `Expected one of: ${names.join(', ')}.`;
};

const list = (raw: string) => raw.split(',').map((s) => s.trim()).filter(Boolean);

const states: Parser = (raw) => {
  const parsed = list(raw).map((s) => [s, parseState(s)] as const);
  const unknown = parsed.filter(([, s]) => !s).map(([s]) => s);
  if (unknown.length > 0) return `Unknown state ${unknown.map((s) => `"${s}"`).join(', ')}; expected consignment states such as Unallocated or Allocated, comma-separated.`;
  return [{ kind: 'states', values: [...new Set(parsed.map(([, s]) => s!))] }];
};

const boolean: Parser = (raw) => {
  const v = raw.toLowerCase();
  if (v === 'true' || v === '1') return [{ kind: 'labelsPrinted', value: true }];
  if (v === 'false' || v === '0') return [{ kind: 'labelsPrinted', value: false }];
  return 'Expected true or false.';
};

const country: Parser = (raw) => {
  const found = /^[a-z]{2}$/i.test(raw) ? findCountry(raw) : undefined;
  return found ? [{ kind: 'equals', column: 'destination_country', value: found.IsoCode.TwoLetterCode }] : 'Expected an ISO 3166-1 two-letter country code, such as GB.';
};

/** Filter names as the spec spells them → parser. Aliases share a parser. */
const FILTERS: Record<string, Parser> = {
  startFrom: dateBound('created_at', '>='),
  endAt: dateBound('created_at', '<='),
  createdDateFrom: dateBound('created_at', '>='),
  createdDateTo: dateBound('created_at', '<='),
  scheduledDeliveryDateFrom: dateBound('scheduled_delivery_date', '>='),
  scheduledDeliveryDateTo: dateBound('scheduled_delivery_date', '<='),
  shippedDateFrom: dateBound('shipped_date', '>='),
  shippedDateTo: dateBound('shipped_date', '<='),
  shippingDateFrom: dateBound('shipping_date', '>='),
  shippingDateTo: dateBound('shipping_date', '<='),
  requestedDeliveryDateFrom: dateBound('requested_delivery_date', '>='),
  requestedDeliveryDateTo: dateBound('requested_delivery_date', '<='),
  reference: reference('EC'),
  consignmentNumber: reference('EC'),
  referenceProvidedByCustomer: equals('customer_consignment_reference'),
  clientReference: equals('customer_consignment_reference'),
  trackingReference: (raw) => [{ kind: 'tracking', value: raw }],
  state: states,
  direction: oneOf('direction', DIRECTIONS),
  source: oneOf('source', SOURCES),
  weightInGramsFrom: numberBound('weight_kg', '>=', 1 / 1000),
  weightInGramsTo: numberBound('weight_kg', '<=', 1 / 1000),
  weightInKgFrom: numberBound('weight_kg', '>='),
  weightInKgTo: numberBound('weight_kg', '<='),
  carrierService: equals('carrier_service_reference'),
  carriers: (raw) => [{ kind: 'carriers', values: list(raw) }],
  postCode: (raw) => [{ kind: 'postcode', value: raw.replace(/\s+/g, '').toUpperCase() }],
  valueFrom: numberBound('value_amount', '>='),
  valueTo: numberBound('value_amount', '<='),
  labelsPrinted: boolean,
  searchTerm: (raw) => [{ kind: 'searchTerm', value: raw }],
  shippingLocationReference: equals('shipping_location_reference'),
  destinationCountryCode: country,
  destinationRegion: (raw) => [{ kind: 'region', value: raw }],
  packageNumber: reference('EP'),
};

/** Legacy paging (the path's take/skip win) and PRO-internal parameters: accepted, ignored (§4.5). */
const IGNORED = new Set(['pagesize', 'startpage', 'stateattribute', 'creference', 'preference']);

export const FILTER_NAMES = Object.keys(FILTERS);
const BY_LOWER_CASE_NAME = new Map(Object.entries(FILTERS).map(([name, parse]) => [name.toLowerCase(), parse]));

export function parseSearchFilters(query: Readonly<Record<string, unknown>>): Condition[] {
  return parseFilterQuery(query, BY_LOWER_CASE_NAME, IGNORED);
}

/**
 * A search query string → conditions, by a table of parsers keyed by lower-case name. Shared with
 * Search Orders so both searches treat names, repeats, empty and bad values alike.
 */
export function parseFilterQuery<C>(
  query: Readonly<Record<string, unknown>>,
  parsers: ReadonlyMap<string, (raw: string) => C[] | string>,
  ignored: ReadonlySet<string> = new Set(),
): C[] {
  const conditions: C[] = [];
  const problems: ErrorDetail[] = [];
  const bad = (name: string, message: string) => problems.push({ Code: 'InvalidFilter', Target: name, Message: message });
  const seen = new Set<string>();
  for (const [name, value] of Object.entries(query)) {
    const key = name.toLowerCase();
    if (ignored.has(key)) continue;
    const parse = parsers.get(key);
    if (!parse) {
      bad(name, `Unknown search parameter "${name}".`);
      continue;
    }
    if (Array.isArray(value) || seen.has(key)) {
      bad(name, `${name} is given more than once.`);
      continue;
    }
    seen.add(key);
    const raw = typeof value === 'string' ? value.trim() : '';
    if (raw === '') continue;
    if (raw.length > MAX_VALUE_LENGTH) {
      bad(name, `${name} must be at most ${MAX_VALUE_LENGTH} characters.`);
      continue;
    }
    const parsed = parse(raw);
    if (typeof parsed === 'string') bad(name, `${name}: ${parsed}`);
    else conditions.push(...parsed);
  }
  if (problems.length > 0) {
    const only = problems.length === 1 ? problems[0]! : undefined;
    throw new AppError('InvalidFilter', only ? only.Message : `${problems.length} search parameters are not valid; see Details.`, problems);
  }
  return conditions;
}

export const MAX_TAKE = 1000;

/** `{take}/{skip}` of the search path: take 1..1000, skip ≥ 0. */
export function parsePaging(take: string, skip: string): { take: number; skip: number } {
  const problems: ErrorDetail[] = [];
  const t = /^\d{1,4}$/.test(take) ? Number(take) : NaN;
  if (!(t >= 1 && t <= MAX_TAKE)) problems.push({ Code: 'InvalidPaging', Target: 'take', Message: `take must be a whole number from 1 to ${MAX_TAKE}.` });
  const s = /^\d{1,15}$/.test(skip) ? Number(skip) : NaN;
  if (!(s >= 0)) problems.push({ Code: 'InvalidPaging', Target: 'skip', Message: 'skip must be a whole number, 0 or more.' });
  if (problems.length > 0) throw new AppError('InvalidPaging', problems.map((p) => p.Message).join(' '), problems);
  return { take: t, skip: s };
}
