/**
 * `packline import orders`, run as a user would (`node bin/packline.js …`, needs `npm run build`)
 * against a real server on both databases: a generated 10,000-row file (timed), a file of broken
 * rows, reruns that create nothing twice, a dry run, and files or keys the import refuses.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMNS } from '../src/cli/import/order-rows.js';
import { DIALECTS } from '../src/db/test-db.js';
import { startTestServer, type TestServer } from './harness.js';
import { goodRow, orderCsv, writeGeneratedOrders } from './order-csv.js';

const bin = fileURLToPath(new URL('../bin/packline.js', import.meta.url));

interface Run { code: number; stdout: string; stderr: string }

function packline(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, PACKLINE_URL: '', PACKLINE_API_KEY: '', ...env }, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** A number from the import's summary, e.g. `figure(run, 'orders created')`. */
function figure(run: Run, label: string): number {
  const match = new RegExp(`${label}: (\\d+)`).exec(run.stdout);
  if (!match) throw new Error(`no "${label}" in:\n${run.stdout}\n${run.stderr}`);
  return Number(match[1]);
}

describe.each(DIALECTS)('packline import orders on %s', (dialect) => {
  let t: TestServer;
  let dir: string;
  const importFile = (file: string, ...more: string[]) => packline(['import', 'orders', file, '--url', t.baseUrl, '--key', t.key, ...more]);
  /** Orders stored whose customer reference starts with `prefix`. */
  const stored = async (prefix: string) =>
    (await t.deps.db.selectFrom('orders').select('customer_order_reference').where('customer_order_reference', 'like', `${prefix}%`).execute())
      .map((o) => o.customer_order_reference).sort();
  const rejectedRows = async (file: string) => parse(await readFile(`${file}.rejected.csv`, 'utf8'), { columns: true, relax_column_count: true }) as Array<Record<string, string>>;

  beforeAll(async () => {
    t = await startTestServer(dialect);
    dir = await mkdtemp(join(tmpdir(), 'packline-import-'));
  });
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('imports a generated 10,000-row file, then re-running it creates nothing new', async () => {
    const file = join(dir, 'big.csv');
    const orders = await writeGeneratedOrders(file, 10_000, `BIG${dialect}`);
    const first = await importFile(file);
    expect(first.code, first.stderr).toBe(0);
    expect(figure(first, 'orders created')).toBe(orders);
    expect(figure(first, 'rows read')).toBe(10_000);
    expect(figure(first, 'rows rejected')).toBe(0);
    expect(first.stdout).not.toContain('rejected rows and reasons');
    // Not a terminal: plain progress lines, not a redrawn bar.
    expect(first.stderr).toMatch(/^importing: \d+% · [\d,]+ rows · [\d,]+ rows\/s · ETA \d+:\d\d$/m);
    expect(first.stderr).not.toContain('\r');
    expect((await stored(`BIG${dialect}-`)).length).toBe(orders);
    // The figure the README quotes (measured, not asserted: timings are noisy on a shared machine).
    console.log(`[${dialect}] 10,000 rows / ${orders} orders: ${/time: .*/.exec(first.stdout)?.[0]}`);

    const again = await importFile(file);
    expect(again.code, again.stderr).toBe(0);
    expect(figure(again, 'orders created')).toBe(0);
    expect(figure(again, /already imported[^:]*/.source)).toBe(orders);
    expect((await stored(`BIG${dialect}-`)).length).toBe(orders);
    console.log(`[${dialect}] rerun (all replayed): ${/time: .*/.exec(again.stdout)?.[0]}`);
  }, 300_000);

  it('imports the good orders of a broken file and writes every other row, with its reason, to <file>.rejected.csv', async () => {
    const file = join(dir, 'broken.csv');
    const rows = [
      goodRow('BRK-1'), goodRow('BRK-1', { Sku: 'TEA' }), // line 2, 3: created
      ['BRK-2', 'MUG-BLUE', 'Blue mug', '2'], // line 4: missing columns
      goodRow('BRK-3'), goodRow('BRK-3', { WeightKg: 'heavy' }), // line 5, 6: a bad number sinks the order
      goodRow('BRK-4', { ShippingLocationReference: 'NOWHERE' }), // line 7
      goodRow('BRK-5', { CountryCode: 'XX' }), // line 8
      goodRow('BRK-6', { Postcode: '' }), // line 9: only the service knows GB needs a postcode
      goodRow('BRK-7'), goodRow('BRK-7', { WeightKg: '200000' }), // line 10, 11: the service's item limit, mapped to line 11
      goodRow('BRK-8'), goodRow('BRK-8', { Town: 'York' }), // line 12, 13: contradicts its first row
      goodRow('BRK-9', { Quantity: '1.5', ValueAmount: '5,99' }), // line 14
      goodRow('BRK-1', { Sku: 'LATE' }), // line 15: BRK-1 again, not consecutive
      goodRow('BRK-10', { Description: 'Mug, "large"' }), // line 16: created
    ];
    await writeFile(file, orderCsv(rows));
    const run = await importFile(file);
    expect(run.code, run.stderr).toBe(1);
    expect(figure(run, 'orders created')).toBe(2);
    expect(figure(run, 'orders rejected')).toBe(9);
    expect(figure(run, 'rows rejected')).toBe(12);
    expect(await stored('BRK-')).toEqual(['BRK-1', 'BRK-10']);
    const late = await t.deps.db.selectFrom('orders').select('document').where('customer_order_reference', '=', 'BRK-1').executeTakeFirstOrThrow();
    expect(JSON.stringify(late.document)).not.toContain('LATE');

    const rejected = await rejectedRows(file);
    expect(Object.keys(rejected[0]!)).toEqual(['Line', 'Reason', ...COLUMNS]);
    const reason = Object.fromEntries(rejected.map((r) => [r.Line, r.Reason]));
    expect(Object.keys(reason).map(Number).sort((a, b) => a - b)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(reason[4]).toBe(`the row has 4 fields; the header has ${COLUMNS.length}; WeightKg is required; ValueAmount is required; Currency is required; `
      + 'ShippingLocationReference is required; AddressLine1 is required; Town is required; CountryCode is required');
    expect(reason[5]).toBe('not imported: order "BRK-3" has rejected rows (line 6)');
    expect(reason[6]).toBe('WeightKg must be a number greater than 0 (got "heavy")');
    expect(reason[7]).toBe('ShippingLocationReference "NOWHERE" is not one of your shipping locations');
    expect(reason[8]).toBe('CountryCode "XX" is not an ISO 3166-1 two-letter code');
    expect(reason[9]).toMatch(/Postcode/);
    expect(reason[9]).toMatch(/\(Addresses\[1\]\.Postcode\)$/);
    expect(reason[10]).toBe('not imported: order "BRK-7" has rejected rows (line 11)');
    expect(reason[11]).toMatch(/^InvalidWeight: .*\(Packages\[0\]\.Items\[1\]\.Weight\.Value\)$/);
    expect(reason[12]).toBe('not imported: order "BRK-8" has rejected rows (line 13)');
    expect(reason[13]).toBe('Town "York" differs from the order\'s first row ("Leeds")');
    expect(reason[14]).toBe('Quantity must be a whole number from 1 to 1000000 (got "1.5"); ValueAmount must be a number, 0 or more (got "5,99")');
    expect(reason[15]).toBe('the rows of order "BRK-1" must be consecutive; it appeared earlier in the file');
    // The row's own values are kept, quoting included.
    expect(rejected.find((r) => r.Line === '13')).toMatchObject({ OrderReferenceProvidedByCustomer: 'BRK-8', Town: 'York', DestinationCompany: 'Bloggs & Co, Ltd' });

    // A rerun creates nothing new and rejects the same rows (the service replays its 400s too).
    const again = await importFile(file);
    expect(figure(again, 'orders created')).toBe(0);
    expect(figure(again, /already imported[^:]*/.source)).toBe(2);
    expect(figure(again, 'rows rejected')).toBe(12);
    expect(await stored('BRK-')).toEqual(['BRK-1', 'BRK-10']);

    // The fix: keep the rows to retry in the rejected file, correct them, import that file
    // (another name, so other keys; its Line and Reason columns are ignored).
    const fixedFile = join(dir, 'broken.csv.rejected.csv');
    const fixes: Record<string, Record<string, string>> = { 'BRK-4': { ShippingLocationReference: 'WH1' }, 'BRK-9': { Quantity: '1', ValueAmount: '5.99' } };
    const kept = rejected.filter((r) => r.OrderReferenceProvidedByCustomer! in fixes).map((r) => ({ ...r, ...fixes[r.OrderReferenceProvidedByCustomer!] }));
    await writeFile(fixedFile, orderCsv(kept.map((r) => ['Line', 'Reason', ...COLUMNS].map((c) => r[c] ?? '')), ['Line', 'Reason', ...COLUMNS]));
    const retry = await importFile(fixedFile);
    expect(retry.code, retry.stdout).toBe(0);
    expect(figure(retry, 'orders created')).toBe(2);
    expect(await stored('BRK-')).toEqual(['BRK-1', 'BRK-10', 'BRK-4', 'BRK-9']);
  }, 120_000);

  it('refuses, rather than creates again, an order changed under the same file name and reference', async () => {
    const file = join(dir, 'same.csv');
    await writeFile(file, orderCsv([goodRow('SAME-1'), goodRow('SAME-2')]));
    expect(figure(await importFile(file), 'orders created')).toBe(2);
    await writeFile(file, orderCsv([goodRow('SAME-1', { Quantity: '5' }), goodRow('SAME-2'), goodRow('SAME-3')]));
    const changed = await importFile(file);
    expect(figure(changed, 'orders created')).toBe(1);
    expect(figure(changed, /already imported[^:]*/.source)).toBe(1);
    const [refused] = await rejectedRows(file);
    expect(refused).toMatchObject({ Line: '2', OrderReferenceProvidedByCustomer: 'SAME-1', Quantity: '5' });
    expect(refused!.Reason).toMatch(/^IdempotencyKeyReused: an import of a file named "same.csv" in the last 24 hours sent this order with different rows/);
    expect(await stored('SAME-')).toEqual(['SAME-1', 'SAME-2', 'SAME-3']);
  });

  it('a dry run checks every row and sends no order', async () => {
    const file = join(dir, 'dry.csv');
    await writeFile(file, orderCsv([goodRow('DRY-1'), goodRow('DRY-2'), goodRow('DRY-2', { Sku: 'TEA' }), goodRow('DRY-3', { ShippingLocationReference: 'NOWHERE' })]));
    const run = await importFile(file, '--dry-run');
    expect(run.code).toBe(1);
    expect(figure(run, 'orders that would be sent')).toBe(2);
    expect(figure(run, 'rows rejected')).toBe(1);
    expect(await stored('DRY-')).toEqual([]);
    expect((await rejectedRows(file)).map((r) => r.Line)).toEqual(['5']);

    // Without a service: the same checks, except shipping locations, which it says it skipped.
    const offline = await packline(['import', 'orders', file, '--dry-run']);
    expect(offline.code, offline.stderr).toBe(0);
    expect(figure(offline, 'orders that would be sent')).toBe(3);
    expect(offline.stdout).toContain('shipping locations were not checked');
    // A run with no rejections removes the rejected file an earlier run left.
    await expect(readFile(`${file}.rejected.csv`)).rejects.toThrow();
  });

  it('stops before sending anything on an unusable header, a refused key or no service', async () => {
    const file = join(dir, 'bad-header.csv');
    await writeFile(file, orderCsv([['HDR-1', 'MUG']], ['OrderReferenceProvidedByCustomer', 'Skew']));
    const header = await importFile(file);
    expect(header.code).toBe(2);
    expect(header.stderr).toContain('unknown column "Skew"');
    expect(header.stderr).toContain('missing columns Sku, WeightKg');

    const good = join(dir, 'key.csv');
    await writeFile(good, orderCsv([goodRow('KEY-1')]));
    const refused = await packline(['import', 'orders', good, '--url', t.baseUrl, '--key', 'plk_not_a_key']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/import stopped: the service answered 401/);
    const nothing = await packline(['import', 'orders', good], { PACKLINE_URL: 'http://127.0.0.1:9', PACKLINE_API_KEY: t.key });
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('cannot reach the service');
    const noKey = await packline(['import', 'orders', good]);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('--url (or PACKLINE_URL)');
    expect(await stored('KEY-')).toEqual([]);

    // Environment variables stand in for --url and --key.
    const byEnv = await packline(['import', 'orders', good], { PACKLINE_URL: t.baseUrl, PACKLINE_API_KEY: t.key });
    expect(figure(byEnv, 'orders created')).toBe(1);
    expect(await stored('KEY-')).toEqual(['KEY-1']);
  });
});
