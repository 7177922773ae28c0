/**
 * `packline export consignments`: pages through Search Consignments (`GET /consignments/{take}/{skip}`,
 * newest first) and streams each page out as CSV rows or JSON array elements, so only one page is
 * held at a time.
 *
 * Paging by offset over a list sorted newest first would shift when consignments are created during
 * the export (a new one pushes every later page down one). So the export pins its upper bound:
 * `endAt` = the moment it started, and it sees the consignments that existed then. A consignment
 * whose state changes during the export can still move in or out of a `--state` filter.
 */
import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import type { ConsignmentFilters, ConsignmentSummary, PacklineClient } from '../../client/index.js';

export type ExportFormat = 'csv' | 'json';

export interface ExportOptions {
  client: PacklineClient;
  format: ExportFormat;
  out: NodeJS.WritableStream;
  /** Comma-separated states (names or numbers), as Search Consignments takes them. */
  state?: string;
  /** Created on or after (ISO date or date-time). */
  from?: string;
  /** Created on or before; a date alone takes in that whole day. */
  to?: string;
  pageSize?: number;
  now?: () => Date;
}

/** The CSV columns: every scalar of a ConsignmentSummary worth a spreadsheet column, Value and Weight flattened. */
export const CSV_COLUMNS: Array<[string, (c: ConsignmentSummary) => unknown]> = [
  ...(['Reference', 'ConsignmentReferenceProvidedByCustomer', 'DateCreated', 'State', 'ShippingDate', 'MpdCarrierReference',
    'MpdCarrierServiceReference', 'MpdCarrierServiceName', 'MpdCarrierServiceGroupReference', 'AllocationDate', 'ShippedDate', 'Source',
    'DestinationAddressLine1', 'DestinationAddressTown', 'DestinationAddressPostcode', 'DestinationAddressCountry', 'RequestedDeliveryDate',
    'LabelsPrinted', 'IsLate', 'DeliveryDate'] as const).map((k): [string, (c: ConsignmentSummary) => unknown] => [k, (c) => c[k]]),
  ['ValueAmount', (c) => c.Value?.Amount],
  ['ValueCurrency', (c) => c.Value?.Currency.IsoCode],
  ['WeightKg', (c) => c.Weight?.Value],
  ['FailedAllocationMessage', (c) => c.FailedAllocationMessage],
  ['FailedManifestMessage', (c) => c.FailedManifestMessage],
];

export async function exportConsignments(options: ExportOptions): Promise<{ exported: number }> {
  const { client, format, out } = options;
  const take = options.pageSize ?? 1000;
  const filters: ConsignmentFilters = { endAt: (options.now?.() ?? new Date()).toISOString() };
  if (options.state) filters.state = options.state;
  if (options.from) filters.createdDateFrom = options.from;
  if (options.to) filters.createdDateTo = options.to;

  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const csv = format === 'csv' ? stringify({ header: true, columns: CSV_COLUMNS.map(([name]) => name), cast: { boolean: (b) => String(b) } }) : null;
  const csvDone = csv ? pipeInto(csv, out) : null;
  if (!csv) await write('[');

  let exported = 0;
  for (let skip = 0; ; skip += take) {
    const page = await client.searchConsignments(take, skip, filters);
    for (const c of page.ConsignmentSummaries) {
      if (csv) {
        if (!csv.write(CSV_COLUMNS.map(([, value]) => value(c) ?? ''))) await once(csv, 'drain');
      } else {
        await write(`${exported === 0 ? '\n' : ',\n'}${JSON.stringify(c)}`);
      }
      exported++;
    }
    if (page.ConsignmentSummaries.length < take) break;
  }
  if (csv) {
    csv.end();
    await csvDone;
  } else {
    await write(exported === 0 ? ']\n' : '\n]\n');
  }
  return { exported };
}

/** Pipes the CSV into `out` without ending it (stdout must stay open); resolves when all is written. */
function pipeInto(csv: NodeJS.ReadableStream, out: NodeJS.WritableStream): Promise<void> {
  csv.pipe(out, { end: false });
  return once(csv, 'end').then(() => undefined);
}
