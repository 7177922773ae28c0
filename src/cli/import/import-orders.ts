/**
 * `packline import orders <file.csv>`: streams the file, groups consecutive rows into orders,
 * checks each order locally, and creates the valid ones through the public API with at most
 * `concurrency` requests in flight. Only the order being read and the orders in flight are held in
 * memory (plus the set of customer references seen, to refuse an order split across the file).
 *
 * Re-running a file creates nothing twice: every order is sent with an Idempotency-Key derived
 * from the file's name and the order's customer reference (see idempotencyKey), so within the
 * service's 24-hour window a repeat replays the first answer instead of creating again.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse, type CsvError } from 'csv-parse';
import { PacklineError, type PacklineClient } from '../../client/index.js';
import type { Progress } from '../progress.js';
import {
  conflicts, type Header, orderBody, orderProblems, readHeader, readRow, reasonsByRow, REFERENCE_COLUMN, REJECTION_COLUMNS, type Row, rowProblems,
} from './order-rows.js';
import { rejectedFile } from './rejected-file.js';

export interface ImportOptions {
  file: string;
  /** Absent only for a dry run without a service (then shipping locations are not checked). */
  client?: PacklineClient;
  dryRun: boolean;
  concurrency?: number;
  progress?: (totalBytes: number) => Progress;
  /** Waits between retries of a failed send (tests shorten them). */
  retryDelaysMs?: number[];
}

export interface ImportSummary {
  rowsRead: number;
  ordersCreated: number;
  /** Orders an earlier run created: the service replayed its answer. */
  ordersAlreadyImported: number;
  /** Dry run: orders that passed the checks and would be sent. */
  ordersValid: number;
  ordersRejected: number;
  rowsRejected: number;
  locationsChecked: boolean;
  rejectedFile: string | null;
  seconds: number;
}

/** A problem that stops the whole import (unusable header, key refused, service unreachable). */
export class ImportAborted extends Error {}

const MAX_ROWS_PER_ORDER = 1000;
const DEFAULT_RETRY_DELAYS_MS = [500, 1000, 2000, 4000];

/** One row as read: its line in the file, its raw fields, its values by column. */
interface ReadRow { line: number; fields: string[]; row: Row; problems: string[] }
interface Group {
  reference: string;
  rows: ReadRow[];
  reappears: boolean;
  /** Rows beyond MAX_ROWS_PER_ORDER: not held, rejected as they are read. */
  overflow: number;
}

/**
 * The Idempotency-Key of one order: sha256 of the file's base name and the customer reference.
 * Stable across runs of the same file (and across edits to other orders in it); a different file
 * name gives different keys, which is how fixed rows from `<file>.rejected.csv` get sent afresh.
 */
export function idempotencyKey(file: string, reference: string): string {
  return `packline-import-${createHash('sha256').update(`${basename(file)}\n${reference}`).digest('hex')}`;
}

export async function importOrders(options: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const { file, client, dryRun } = options;
  const concurrency = options.concurrency ?? 8;
  const retryDelays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const totalBytes = (await stat(file)).size;
  const knownLocations = client ? await shippingLocations(client) : undefined;
  const summary: ImportSummary = {
    rowsRead: 0, ordersCreated: 0, ordersAlreadyImported: 0, ordersValid: 0, ordersRejected: 0, rowsRejected: 0,
    locationsChecked: knownLocations !== undefined, rejectedFile: null, seconds: 0,
  };
  const progress = options.progress?.(totalBytes);
  let header: Header | undefined;
  let headerNames: string[] = [];
  /** Field positions copied to the rejected file (a rejected file's own Line and Reason are dropped). */
  let kept: number[] = [];
  const rejected = rejectedFile(`${file}.rejected.csv`, () => kept.map((i) => headerNames[i]!));
  let rowsDone = 0;
  let bytes = 0;
  const advance = (rows: number) => {
    rowsDone += rows;
    progress?.update({ rows: rowsDone, bytes });
  };
  const original = (fields: string[]) => [...kept.map((i) => fields[i] ?? ''), ...fields.slice(headerNames.length)];

  const reject = async (group: Group, reasons: string[][]) => {
    summary.ordersRejected++;
    summary.rowsRejected += group.rows.length;
    const blamed = group.rows.filter((_r, i) => reasons[i]!.length > 0).map((r) => r.line);
    for (const [i, r] of group.rows.entries()) {
      const own = reasons[i]!;
      const reason = own.length > 0 ? own.join('; ') : `not imported: order "${group.reference}" has rejected rows (line ${blamed.join(', ')})`;
      await rejected.write(r.line, reason, original(r.fields));
    }
    advance(group.rows.length);
  };

  const send = async (group: Group): Promise<void> => {
    const rows = group.rows.map((r) => r.row);
    const body = orderBody(rows);
    const key = idempotencyKey(file, group.reference);
    for (let attempt = 0; ; attempt++) {
      try {
        const created = await client!.createOrder(body, { idempotencyKey: key });
        if (created.replayed) summary.ordersAlreadyImported++;
        else summary.ordersCreated++;
        advance(rows.length);
        return;
      } catch (err) {
        if (err instanceof PacklineError && (err.status === 401 || err.status === 403)) throw new ImportAborted(`the service refused the key: ${err.message}`);
        const transient = !(err instanceof PacklineError) || err.status >= 500 || err.status === 409 || err.status === 429;
        if (transient && attempt < retryDelays.length) {
          await sleep(retryDelays[attempt]);
          continue;
        }
        return reject(group, rejectionReasons(err, rows.length, file));
      }
    }
  };

  // At most `concurrency` orders in flight; reading waits for a free slot, so the file streams.
  const inFlight = new Set<Promise<void>>();
  let fatal: unknown;
  const dispatch = async (group: Group) => {
    const reasons = groupProblems(group, knownLocations);
    if (reasons.some((r) => r.length > 0)) return reject(group, reasons);
    if (dryRun) {
      summary.ordersValid++;
      advance(group.rows.length);
      return;
    }
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    const task: Promise<void> = send(group).catch((err: unknown) => { fatal ??= err; }).finally(() => inFlight.delete(task));
    inFlight.add(task);
  };

  const parser = createReadStream(file).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, skip_records_with_error: true }));
  const malformed: Array<{ line: number; message: string }> = [];
  parser.on('skip', (err: CsvError & { lines?: number }) => malformed.push({ line: err.lines ?? 0, message: err.message }));

  const seen = new Set<string>();
  let current: Group | undefined;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; bytes: number } }>) {
    if (fatal) break;
    bytes = info.bytes;
    if (!header) {
      const read = readHeader(record);
      if ('problems' in read) throw new ImportAborted(`${file}: the header row is not usable: ${read.problems.join('; ')}`);
      header = read;
      headerNames = record.map((f) => f.trim().replace(/^\uFEFF/, ''));
      kept = headerNames.map((name, i) => ((REJECTION_COLUMNS as readonly string[]).includes(name) ? -1 : i)).filter((i) => i >= 0);
      continue;
    }
    for (const m of malformed.splice(0)) {
      summary.rowsRead++;
      summary.rowsRejected++;
      await rejected.write(m.line, `malformed CSV: ${m.message}`, []);
      advance(1);
    }
    summary.rowsRead++;
    const { row, problems } = readRow(header, record);
    const read: ReadRow = { line: info.lines, fields: record, row, problems };
    const reference = row[REFERENCE_COLUMN];
    if (current && reference !== '' && reference === current.reference) {
      if (current.rows.length < MAX_ROWS_PER_ORDER) current.rows.push(read);
      else {
        current.overflow++;
        summary.rowsRejected++;
        await rejected.write(read.line, tooLong(current), original(read.fields));
        advance(1);
      }
      continue;
    }
    if (current) await dispatch(current);
    current = { reference, rows: [read], reappears: reference !== '' && seen.has(reference), overflow: 0 };
    if (reference !== '') seen.add(reference);
  }
  if (!header && !fatal) throw new ImportAborted(`${file}: the file is empty (it needs a header row)`);
  if (current && !fatal) await dispatch(current);
  await Promise.all(inFlight);
  if (fatal) throw fatal;
  for (const m of malformed) {
    summary.rowsRead++;
    summary.rowsRejected++;
    await rejected.write(m.line, `malformed CSV: ${m.message}`, []);
  }
  summary.rejectedFile = await rejected.close();
  progress?.finish();
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

/** Reasons per row of a group, found without the service: row values, order columns, grouping. */
function groupProblems(group: Group, knownLocations: ReadonlySet<string> | undefined): string[][] {
  const [first] = group.rows;
  return group.rows.map((r, i) => {
    const reasons = [...r.problems, ...rowProblems(r.row)];
    if (group.reappears) reasons.push(`the rows of order "${group.reference}" must be consecutive; it appeared earlier in the file`);
    if (group.overflow > 0) reasons.push(tooLong(group));
    if (i === 0) reasons.push(...orderProblems(r.row, knownLocations));
    else reasons.push(...conflicts(first!.row, r.row));
    return reasons;
  });
}

const tooLong = (group: Group) => `an order may have at most ${MAX_ROWS_PER_ORDER} rows; "${group.reference}" has more`;

/** Why the service did not create an order, per row. */
function rejectionReasons(err: unknown, rowCount: number, file: string): string[][] {
  if (!(err instanceof PacklineError)) {
    const text = `not sent: ${err instanceof Error ? err.message : String(err)}; run the import again to retry (nothing is created twice)`;
    return Array.from({ length: rowCount }, () => [text]);
  }
  if (err.Code === 'IdempotencyKeyReused') {
    const text = `IdempotencyKeyReused: an import of a file named "${basename(file)}" in the last 24 hours sent this order with different rows `
      + '(it was created or rejected then); import corrections under another file name, e.g. the .rejected.csv file';
    return Array.from({ length: rowCount }, () => [text]);
  }
  if (err.status >= 500 || err.status === 409 || err.status === 429) {
    const text = `not created: ${err.status} ${err.Code}: ${err.Message}; run the import again to retry (nothing is created twice)`;
    return Array.from({ length: rowCount }, () => [text]);
  }
  return reasonsByRow(rowCount, err.Code, err.Message, err.Details);
}

async function shippingLocations(client: PacklineClient): Promise<Set<string>> {
  try {
    return new Set((await client.listShippingLocations()).map((l) => l.Reference.toUpperCase()));
  } catch (err) {
    if (err instanceof PacklineError) throw new ImportAborted(`the service answered ${err.message}`);
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    throw new ImportAborted(`cannot reach the service: ${err instanceof Error ? err.message : String(err)}${cause}`);
  }
}
