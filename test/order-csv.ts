/** Order CSV files for the import tests: any rows, or a generated file of valid orders of 1–3 lines. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import { COLUMNS, type Row } from '../src/cli/import/order-rows.js';

export const goodRow = (reference: string, overrides: Partial<Row> = {}): Row => ({
  OrderReferenceProvidedByCustomer: reference, Sku: 'MUG-BLUE', Description: 'Blue mug', Quantity: '2', WeightKg: '0.4',
  LengthCm: '12', WidthCm: '10', HeightCm: '9', ValueAmount: '5.99', Currency: 'GBP', ShippingLocationReference: 'WH1',
  DestinationFirstName: 'Jo', DestinationLastName: 'Bloggs', DestinationCompany: 'Bloggs & Co, Ltd', AddressLine1: '1 High Street',
  AddressLine2: '', Town: 'Leeds', Region: 'West Yorkshire', Postcode: 'LS1 1AA', CountryCode: 'GB', Email: 'jo@example.com', Phone: '07700 900123',
  ...overrides,
});

/** Rows as CSV text under the full header (or `columns`); a row given as an array is written as is. */
export function orderCsv(rows: Array<Row | string[]>, columns: readonly string[] = COLUMNS): string {
  return stringify([columns, ...rows.map((r) => (Array.isArray(r) ? r : columns.map((c) => r[c as keyof Row] ?? '')))]);
}

/**
 * Writes `rowCount` rows of valid orders (1, 2 or 3 lines each, references `<prefix>-<n>`),
 * streaming, and returns how many orders they make.
 */
export async function writeGeneratedOrders(path: string, rowCount: number, prefix: string): Promise<number> {
  const out = createWriteStream(path);
  out.write(orderCsv([]));
  let orders = 0;
  for (let rows = 0; rows < rowCount; orders++) {
    const lines = Math.min(1 + (orders % 3), rowCount - rows);
    const chunk: Row[] = [];
    for (let l = 0; l < lines; l++) {
      chunk.push(goodRow(`${prefix}-${orders}`, { Sku: `SKU-${l}`, Quantity: String(1 + (l % 4)), Postcode: `LS${1 + (orders % 9)} 1AA` }));
    }
    rows += lines;
    if (!out.write(stringify(chunk.map((r) => COLUMNS.map((c) => r[c]))))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return orders;
}
