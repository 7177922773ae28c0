/**
 * `packline export consignments` against a real server on both databases: the CLI as a user runs
 * it (CSV and JSON, filters, stdout and --out; needs `npm run build`), and the export's paging and
 * snapshot in process.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, exportConsignments } from '../src/cli/export/export-consignments.js';
import { createPacklineClient, type ConsignmentSummary } from '../src/client/index.js';
import { DIALECTS } from '../src/db/test-db.js';
import { create, exampleConsignment } from '../src/modules/consignments/test-consignments.js';
import { startTestServer, type TestServer } from './harness.js';

const bin = fileURLToPath(new URL('../bin/packline.js', import.meta.url));

function packline(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, PACKLINE_URL: '', PACKLINE_API_KEY: '' } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe.each(DIALECTS)('packline export consignments on %s', (dialect) => {
  let t: TestServer;
  let dir: string;
  let references: string[];
  /** The moment after the fourth consignment was created and before the fifth. */
  let beforeFifth: Date;
  const exportCli = (...args: string[]) => packline(['export', 'consignments', '--url', t.baseUrl, '--key', t.key, ...args]);
  const search = async (query = '') => (await t.call('GET', `/consignments/1000/0${query}`)).json.ConsignmentSummaries as ConsignmentSummary[];

  beforeAll(async () => {
    t = await startTestServer(dialect);
    dir = await mkdtemp(join(tmpdir(), 'packline-export-'));
    references = [];
    for (let i = 1; i <= 5; i++) {
      if (i === 5) {
        await sleep(20);
        beforeFifth = new Date();
        await sleep(20);
      }
      references.push(await create(t, exampleConsignment({ ConsignmentReferenceProvidedByCustomer: `EXP-${i}, "quoted"` })));
    }
    for (const ref of references.slice(0, 2)) expect((await t.call('PUT', `/consignments/${ref}/cancel`)).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes every consignment as CSV to standard output, newest first, one column per summary field', async () => {
    const run = await exportCli('--format', 'csv');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('exported 5 consignments');
    const [header, ...rows] = parse(run.stdout) as string[][];
    expect(header).toEqual(CSV_COLUMNS.map(([name]) => name));
    const api = await search();
    expect(rows.map((r) => r[0])).toEqual(api.map((c) => c.Reference));
    expect(rows.map((r) => r[0])).toEqual([...references].reverse());
    const column = (name: string) => header!.indexOf(name);
    const newest = rows[0]!;
    expect(newest[column('ConsignmentReferenceProvidedByCustomer')]).toBe('EXP-5, "quoted"');
    expect(newest[column('State')]).toBe('Unallocated');
    expect(newest[column('ValueAmount')]).toBe(String(api[0]!.Value!.Amount));
    expect(newest[column('ValueCurrency')]).toBe('GBP');
    expect(newest[column('WeightKg')]).toBe(String(api[0]!.Weight.Value));
    expect(newest[column('LabelsPrinted')]).toBe('false');
    expect(newest[column('DestinationAddressTown')]).toBe('Leeds');
  });

  it('filters by state into a JSON file: the summaries exactly as Search Consignments gives them', async () => {
    const out = join(dir, 'cancelled.json');
    const run = await exportCli('--state', 'Cancelled', '--format', 'json', '--out', out);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    const exported = JSON.parse(await readFile(out, 'utf8')) as ConsignmentSummary[];
    expect(exported.map((c) => c.Reference)).toEqual([references[1], references[0]]);
    expect(exported).toEqual(await search('?state=Cancelled'));
  });

  it('filters by creation date; an empty result is still valid CSV or JSON', async () => {
    const today = await exportCli('--from', day(0), '--to', day(0), '--format', 'json');
    expect((JSON.parse(today.stdout) as unknown[]).length).toBe(5);
    const tomorrow = await exportCli('--from', day(1), '--format', 'json');
    expect(JSON.parse(tomorrow.stdout)).toEqual([]);
    const yesterday = await exportCli('--to', day(-1), '--format', 'csv');
    expect(parse(yesterday.stdout)).toEqual([CSV_COLUMNS.map(([name]) => name)]);
    const since = await exportCli('--from', beforeFifth.toISOString(), '--state', 'Unallocated', '--format', 'json');
    expect((JSON.parse(since.stdout) as ConsignmentSummary[]).map((c) => c.Reference)).toEqual([references[4]]);
  });

  it('refuses a bad filter with the API error, and requires --format', async () => {
    const bad = await exportCli('--state', 'Misplaced', '--format', 'csv');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/packline: 400 InvalidFilter: /);
    const noFormat = await exportCli();
    expect(noFormat.code).toBe(1);
    expect(noFormat.stderr).toContain("required option '--format <format>' not specified");
  });

  it('pages through the search, and sees only what existed when it started', async () => {
    const client = createPacklineClient({ baseUrl: t.baseUrl, apiKey: t.key });
    const collect = async (options: { pageSize: number; now?: () => Date }) => {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (c: Buffer) => chunks.push(c));
      const { exported } = await exportConsignments({ client, format: 'json', out, ...options });
      return { exported, items: JSON.parse(Buffer.concat(chunks).toString('utf8')) as ConsignmentSummary[] };
    };
    const paged = await collect({ pageSize: 2 });
    expect(paged.exported).toBe(5);
    expect(paged.items.map((c) => c.Reference)).toEqual([...references].reverse());
    const exact = await collect({ pageSize: 5 });
    expect(exact.items).toEqual(paged.items);
    const snapshot = await collect({ pageSize: 2, now: () => beforeFifth });
    expect(snapshot.items.map((c) => c.Reference)).toEqual(references.slice(0, 4).reverse());
  });
});
