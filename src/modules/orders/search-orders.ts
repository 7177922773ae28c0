/**
 * [EXT] Search Orders: `GET /orders/{take}/{skip}?…`, shaped like Search Consignments (§4.5).
 * Query string → typed conditions (pure); the repository turns them into SQL. Same rules as the
 * consignment search: names in any case, empty = absent, a bad, repeated or unknown one is a 400.
 */
import type { PackingStatus } from '../packing/ledger.js';
import { parseDateBound, parseFilterQuery } from '../consignments/search-filters.js';

export const PACKING_STATUSES: readonly PackingStatus[] = ['Unpacked', 'PartiallyPacked', 'Packed', 'OverPacked'];

export type OrderCondition =
  | { kind: 'created'; op: '>=' | '<='; value: string }
  /** OrderReferenceProvidedByCustomer, exactly (after trimming). */
  | { kind: 'customerReference'; value: string }
  /** An order line has this SKU, exactly. */
  | { kind: 'sku'; value: string }
  /** The ledger's status (as Get Order computes it) is one of these. */
  | { kind: 'packingStatus'; values: PackingStatus[] }
  /** Substring, any case, of the order reference or the customer's reference: the dashboard's search box. */
  | { kind: 'searchTerm'; value: string };

type Parser = (raw: string) => OrderCondition[] | string;

const created = (op: '>=' | '<='): Parser => (raw) => {
  const bound = parseDateBound(raw, op);
  return typeof bound === 'string' ? bound : [{ kind: 'created', op, value: bound.value }];
};

const packingStatuses: Parser = (raw) => {
  const wanted = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const found = wanted.map((w) => PACKING_STATUSES.find((s) => s.toLowerCase() === w.toLowerCase()));
  if (found.some((s) => !s)) return `Expected one or more of ${PACKING_STATUSES.join(', ')}, comma-separated.`;
  return [{ kind: 'packingStatus', values: [...new Set(found as PackingStatus[])] }];
};

const FILTERS: Record<string, Parser> = {
  orderReferenceProvidedByCustomer: (raw) => [{ kind: 'customerReference', value: raw }],
  sku: (raw) => [{ kind: 'sku', value: raw }],
  packingStatus: packingStatuses,
  fromDate: created('>='),
  toDate: created('<='),
  searchTerm: (raw) => [{ kind: 'searchTerm', value: raw }],
};

export const ORDER_FILTER_NAMES = Object.keys(FILTERS);
const BY_LOWER_CASE_NAME = new Map(Object.entries(FILTERS).map(([name, parse]) => [name.toLowerCase(), parse]));

export function parseOrderFilters(query: Readonly<Record<string, unknown>>): OrderCondition[] {
  return parseFilterQuery(query, BY_LOWER_CASE_NAME);
}
