/**
 * The order CSV's rules, pure: which columns exist, what a valid row is, how the consecutive rows
 * of one order become a Create Order body, and how the API's 400 `Details` map back to rows.
 *
 * One row is one order line (an item). Rows with the same `OrderReferenceProvidedByCustomer`, one
 * after another, form one order with one package holding their items. The order-level columns
 * (origin location, destination name, address, contact) are read from the order's first row;
 * later rows may repeat them or leave them blank, but may not contradict them.
 */
import type { CreateOrderRequest, ErrorDetail } from '../../client/index.js';
import { findCountry, findCurrency } from '../../shared/iso.js';

/** Item columns (one value per row). */
export const ITEM_COLUMNS = ['Sku', 'Description', 'Quantity', 'WeightKg', 'LengthCm', 'WidthCm', 'HeightCm', 'ValueAmount', 'Currency'] as const;
/** Order columns: taken from the order's first row. */
export const ORDER_COLUMNS = [
  'ShippingLocationReference', 'DestinationFirstName', 'DestinationLastName', 'DestinationCompany', 'AddressLine1', 'AddressLine2',
  'Town', 'Region', 'Postcode', 'CountryCode', 'Email', 'Phone',
] as const;
export const REFERENCE_COLUMN = 'OrderReferenceProvidedByCustomer';
export const COLUMNS = [REFERENCE_COLUMN, ...ITEM_COLUMNS, ...ORDER_COLUMNS] as const;
export type Column = (typeof COLUMNS)[number];

/** Columns the header must have; the others may be left out of the file altogether. */
export const REQUIRED_COLUMNS: readonly Column[] = [
  REFERENCE_COLUMN, 'Sku', 'WeightKg', 'ValueAmount', 'Currency', 'ShippingLocationReference', 'AddressLine1', 'Town', 'CountryCode',
];
/** Columns this command writes into a rejected file; importing that file (once fixed) ignores them. */
export const REJECTION_COLUMNS = ['Line', 'Reason'] as const;

/** A CSV row by column name, values trimmed ('' when blank or absent). */
export type Row = Record<Column, string>;

export interface Header {
  /** For each field position, the column it holds (null: a column the import ignores). */
  positions: Array<Column | null>;
}

/** The header's layout, or the problems that make the file unusable (missing, unknown or repeated columns). */
export function readHeader(fields: string[]): Header | { problems: string[] } {
  const names = fields.map((f) => f.trim().replace(/^\uFEFF/, ''));
  const problems: string[] = [];
  const known = new Map(COLUMNS.map((c) => [c.toLowerCase(), c]));
  const seen = new Set<Column>();
  const positions = names.map((name): Column | null => {
    if ((REJECTION_COLUMNS as readonly string[]).includes(name)) return null;
    const column = known.get(name.toLowerCase());
    if (!column) {
      problems.push(`unknown column "${name}"`);
      return null;
    }
    if (seen.has(column)) problems.push(`column ${column} appears twice`);
    seen.add(column);
    return column;
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !seen.has(c));
  if (missing.length > 0) problems.push(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  return problems.length > 0 ? { problems } : { positions };
}

/** The row's values by column; a field count unlike the header's is a problem of the row. */
export function readRow(header: Header, fields: string[]): { row: Row; problems: string[] } {
  const row = Object.fromEntries(COLUMNS.map((c) => [c, ''])) as Row;
  header.positions.forEach((column, i) => {
    if (column) row[column] = (fields[i] ?? '').trim();
  });
  const problems = fields.length === header.positions.length ? [] : [`the row has ${fields.length} fields; the header has ${header.positions.length}`];
  return { row, problems };
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const MAX_QUANTITY = 1_000_000;

/** A decimal number as written in the file (a dot as decimal separator, no thousands separators). */
function parseNumber(text: string): number | null {
  return NUMBER.test(text) ? Number(text) : null;
}

/** What is wrong with a row on its own, before anything is sent (the API checks again). */
export function rowProblems(row: Row): string[] {
  const problems: string[] = [];
  const required = (c: Column) => {
    if (row[c] === '') problems.push(`${c} is required`);
    return row[c] !== '';
  };
  const positive = (c: Column) => {
    const n = parseNumber(row[c]);
    if (n === null || !(n > 0)) problems.push(`${c} must be a number greater than 0 (got "${row[c]}")`);
  };
  required(REFERENCE_COLUMN);
  if (row[REFERENCE_COLUMN].length > 100) problems.push(`${REFERENCE_COLUMN} must be at most 100 characters`);
  required('Sku');
  if (row.Quantity !== '') {
    const q = parseNumber(row.Quantity);
    if (q === null || !Number.isInteger(q) || q < 1 || q > MAX_QUANTITY) problems.push(`Quantity must be a whole number from 1 to ${MAX_QUANTITY} (got "${row.Quantity}")`);
  }
  if (required('WeightKg')) positive('WeightKg');
  const sides = (['LengthCm', 'WidthCm', 'HeightCm'] as const).filter((c) => row[c] !== '');
  if (sides.length > 0 && sides.length < 3) problems.push('LengthCm, WidthCm and HeightCm go together: give all three or none');
  for (const c of sides) positive(c);
  if (required('ValueAmount')) {
    const amount = parseNumber(row.ValueAmount);
    if (amount === null || amount < 0) problems.push(`ValueAmount must be a number, 0 or more (got "${row.ValueAmount}")`);
  }
  if (required('Currency') && !findCurrency(row.Currency)) problems.push(`Currency "${row.Currency}" is not an ISO 4217 code`);
  return problems;
}

/** What is wrong with the order-level columns of an order's first row. */
export function orderProblems(first: Row, knownLocations?: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const c of ['ShippingLocationReference', 'AddressLine1', 'Town', 'CountryCode'] as const) {
    if (first[c] === '') problems.push(`${c} is required`);
  }
  const location = first.ShippingLocationReference;
  if (location && knownLocations && !knownLocations.has(location.toUpperCase())) problems.push(`ShippingLocationReference "${location}" is not one of your shipping locations`);
  if (first.CountryCode && !findCountry(first.CountryCode)) problems.push(`CountryCode "${first.CountryCode}" is not an ISO 3166-1 two-letter code`);
  return problems;
}

/** Order-level values of a later row that contradict the order's first row. */
export function conflicts(first: Row, later: Row): string[] {
  return ORDER_COLUMNS.filter((c) => later[c] !== '' && later[c] !== first[c])
    .map((c) => `${c} "${later[c]}" differs from the order's first row ("${first[c]}")`);
}

const optional = (text: string) => (text === '' ? undefined : text);

type Item = NonNullable<NonNullable<CreateOrderRequest['Packages']>[number]['Items']>[number];

function item(row: Row): Item {
  const dimensions = row.LengthCm && row.WidthCm && row.HeightCm
    ? { Unit: 'Cm' as const, Length: Number(row.LengthCm), Width: Number(row.WidthCm), Height: Number(row.HeightCm) }
    : undefined;
  return {
    Sku: row.Sku,
    Description: optional(row.Description),
    Quantity: row.Quantity === '' ? 1 : Number(row.Quantity),
    Weight: { Value: Number(row.WeightKg), Unit: 'Kg' },
    Dimensions: dimensions,
    Value: { Amount: Number(row.ValueAmount), Currency: { IsoCode: row.Currency.toUpperCase() } },
  };
}

/**
 * The Create Order body of one order's rows (valid ones, first row first): one package, one item
 * per row in file order, an Origin at the shipping location and the Destination of the first row.
 * Blank optional columns are left out, so the same rows always give the same body (the
 * Idempotency-Key replay compares bodies).
 */
export function orderBody(rows: Row[]): CreateOrderRequest {
  const first = rows[0]!;
  const contact = {
    FirstName: optional(first.DestinationFirstName), LastName: optional(first.DestinationLastName),
    Email: optional(first.Email), Telephone: optional(first.Phone),
  };
  return {
    OrderReferenceProvidedByCustomer: first[REFERENCE_COLUMN],
    Packages: [{ PackageReferenceProvidedByCustomer: first[REFERENCE_COLUMN], Items: rows.map(item) }],
    Addresses: [
      { AddressType: 'Origin', ShippingLocationReference: first.ShippingLocationReference },
      {
        AddressType: 'Destination',
        Contact: Object.values(contact).some((v) => v !== undefined) ? contact : undefined,
        CompanyName: optional(first.DestinationCompany),
        AddressLine1: first.AddressLine1,
        AddressLine2: optional(first.AddressLine2),
        Town: first.Town,
        Region: optional(first.Region),
        Postcode: optional(first.Postcode),
        Country: { IsoCode: { TwoLetterCode: first.CountryCode.toUpperCase() } },
      },
    ],
  };
}

const ITEM_TARGET = /^Packages\[0\]\.Items\[(\d+)\]/;

/**
 * The API's 400 details as reasons per row of the order (index in `rows`): a detail about an item
 * belongs to that item's row; any other (addresses, the order as a whole) to every row.
 */
export function reasonsByRow(rowCount: number, code: string, message: string, details: ErrorDetail[]): string[][] {
  const reasons: string[][] = Array.from({ length: rowCount }, () => []);
  const all = details.length > 0 ? details : [{ Code: code, Target: null, Message: message }];
  for (const d of all) {
    const text = `${d.Code}: ${d.Message}${d.Target ? ` (${d.Target})` : ''}`;
    const i = ITEM_TARGET.exec(d.Target ?? '')?.[1];
    if (i !== undefined && Number(i) < rowCount) reasons[Number(i)]!.push(text);
    else reasons.forEach((r) => r.push(text));
  }
  return reasons;
}
