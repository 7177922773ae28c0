/**
 * Pack Order throughput and latency against a physical baseline, at two database sizes, in one run:
 *
 *   npm run bench:pack [-- --duration 10 --warmup 3 --connections 32 --orders 1000,1000000 --database sqlite|postgres --json <file> --profile <dir>]
 *
 * With --database postgres everything below happens in a fresh schema of BENCH_DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/test, dropped afterwards) instead of a SQLite file,
 * and the default sizes are 1,000 and 100,000 orders (seeding goes through multi-row inserts).
 *
 * Setup: the real service starts once on a fresh SQLite file (migrations, demo customer with a known
 * key, WH1 and package sizes S/M/L), takes one four-line order through POST /orders and packs it
 * once, and stops. That order and that consignment are the templates: orders are seeded straight
 * into the file from the order (bulk inserts, see bench/pack-db.ts), and the baseline writes
 * consignments shaped like the one the service wrote.
 *
 * Then for each size in --orders (ascending): seed up to that many orders, and run
 *   1. service: `node dist/main.js` in a child process;
 *   2. baseline: bench/pack-baseline-server.ts — bare Fastify doing the same reads and writes;
 * one after the other, on the same file, each with one autocannon run whose measured window opens
 * after the warm-up once every connection has had an answer (see measureSteady in bench/lib.ts).
 * Every request packs a random seeded order into two packages of two items. Between runs the
 * consignments the last run wrote are deleted, so each run starts from the same orders and no
 * consignments.
 *
 * Targets: pack req/s ≥ 50 % of baseline and p99 ≤ 15 ms at every size; p50 at the largest size
 * ≤ 1.2 × p50 at the smallest. Misses are reported, not failed: the exit code is non-zero only when
 * the bench itself broke (a non-2xx answer, a socket error, a child that died).
 */
import { mkdirSync, statfsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import {
  BenchError, type Figure, type Measurement, ROOT, type Server, type SteadyMeasurement, loadFigures, makeTempDir, measureSteady, nodeFlags, positive, printHeader,
  printRatio, printTable, runMain, startServer, startService, verdict, writeJson,
} from './lib.js';
import { type OrderTemplate, type SeedResult, captureTemplates, customerOrderReference, documentLength, resetConsignments, seedOrders } from './pack-db.js';
import { captureTemplatesPg, documentLengthPg, resetConsignmentsPg, seedOrdersPg } from './pack-db-pg.js';
import type { PackTemplate } from './pack-baseline-server.js';
import { type BenchSchema, createBenchSchema } from './pg.js';
import { prng as random } from '../src/cartonization/budget.js';

type ReferencesModule = typeof import('../src/shared/references.js');
const { formatReference } = (await import(new URL('../dist/shared/references.js', import.meta.url).href)) as ReferencesModule;

const API_KEY = 'bench_0123456789abcdef0123456789abcdef';
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 15;
const TARGET_P50_GROWTH = 1.2;
/** Disk a seeded order takes (document, item rows, indexes; measured ≈ 4.6 kB), with room to spare. */
const BYTES_PER_ORDER_BOUND = 6_000;

const HEADERS = { 'ocp-apim-subscription-key': API_KEY, 'content-type': 'application/json' };

/**
 * The order every seeded order copies: four lines in one package, SKUs A–D (D twice), origin by
 * shipping location, a destination address, metadata and a tag. Its customer reference has the
 * width of the seeded ones (WEB-00000001).
 */
const ORDER_BODY = JSON.stringify({
  OrderReferenceProvidedByCustomer: customerOrderReference(1),
  ShippingDate: '2026-12-05',
  Packages: [{
    Items: [
      { Sku: 'A', Description: 'Blue mug', Quantity: 1, Weight: { Value: 0.4, Unit: 'Kg' }, Dimensions: { Unit: 'Cm', Width: 10, Length: 12, Height: 9 }, Value: { Amount: 5.99, Currency: { IsoCode: 'GBP' } } },
      { Sku: 'B', Description: 'Loose tea 500g', Quantity: 1, Weight: { Value: 0.5, Unit: 'Kg' }, Value: { Amount: 12.5, Currency: { IsoCode: 'GBP' } }, CountryOfOrigin: { IsoCode: { TwoLetterCode: 'IN' } } },
      { Sku: 'C', Description: 'Gift card', Quantity: 1, Weight: { Value: 20, Unit: 'G' }, Value: { Amount: 2, Currency: { IsoCode: 'GBP' } } },
      { Sku: 'D', Description: 'Tea towel', Quantity: 2, Weight: { Value: 0.1, Unit: 'Kg' }, Value: { Amount: 4, Currency: { IsoCode: 'GBP' } } },
    ],
  }],
  Addresses: [
    { AddressType: 'Origin', ShippingLocationReference: 'WH1' },
    {
      AddressType: 'Destination',
      Contact: { FirstName: 'Jo', LastName: 'Bloggs', Email: 'jo@example.com' },
      AddressLine1: '1 High Street', Town: 'Leeds', Postcode: 'LS1 1AA', Country: { IsoCode: { TwoLetterCode: 'GB' } },
    },
  ],
  MetaData: [{ KeyValue: 'Channel', StringValue: 'web' }],
  Tags: ['gift'],
});

/** Two packages of two items: one by package size, one with its own weight and dimensions. */
const PACK_BODY = JSON.stringify({
  Packages: [
    { PackageSizeReference: 'M', Items: [{ Sku: 'A', Quantity: 1 }, { Sku: 'B', Quantity: 1 }] },
    {
      Weight: { Value: 1.2, Unit: 'Kg' },
      Dimensions: { Unit: 'Cm', Length: 30, Width: 20, Height: 10 },
      Items: [{ Sku: 'C', Quantity: 1 }, { Sku: 'D', Quantity: 2 }],
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  /** Measured seconds per target and size. */
  duration: number;
  /** Discarded seconds per target and size before the measured run. */
  warmup: number;
  connections: number;
  /** Database sizes in orders, ascending. */
  orders: number[];
  /** When set, the measured children run with --cpu-prof and leave their .cpuprofile files here. */
  profileDir: string | undefined;
  database: 'sqlite' | 'postgres';
  /** When set, the figures are also written here as JSON (bench/run-all.ts reads them). */
  json: string | undefined;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { duration: 10, warmup: 3, connections: 32, orders: [], profileDir: undefined, database: 'sqlite', json: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => argv[++i];
    if (arg === '--duration') options.duration = positive(arg, value());
    else if (arg === '--warmup') options.warmup = positive(arg, value());
    else if (arg === '--connections') options.connections = Math.round(positive(arg, value()));
    else if (arg === '--orders') {
      const raw = value();
      options.orders = (raw ?? '').split(',').map((s) => positive(arg, s.trim().replace(/_/g, '')));
      if (options.orders.some((n) => !Number.isInteger(n))) throw new BenchError(`${arg} takes whole numbers (got "${raw}")`);
      if (options.orders.some((n, j) => j > 0 && n <= options.orders[j - 1]!)) throw new BenchError(`${arg} sizes must ascend (got "${raw}")`);
    } else if (arg === '--profile') options.profileDir = resolve(value() ?? 'bench-profiles');
    else if (arg === '--json') options.json = resolve(value() ?? 'pack.json');
    else if (arg === '--database') {
      const db = value();
      if (db !== 'sqlite' && db !== 'postgres') throw new BenchError(`${arg} takes sqlite or postgres (got "${db ?? ''}")`);
      options.database = db;
    } else throw new BenchError(`unknown option ${arg} (known: --duration N, --warmup N, --connections N, --orders N,M, --database sqlite|postgres, --json FILE, --profile DIR)`);
  }
  if (options.orders.length === 0) options.orders = options.database === 'postgres' ? [1_000, 100_000] : [1_000, 1_000_000];
  return options;
}

// ---------------------------------------------------------------------------------------------
// Children

/** One profile directory per measured child: a baseline under tsx also profiles tsx's loader thread. */
const profileFlags = (options: Options, name: string) => nodeFlags(options.profileDir && join(options.profileDir, name));

/** The database both servers use and the bench's own direct work on it, SQLite file or PostgreSQL schema. */
interface PackStore {
  name: string;
  /** DATABASE_URL for the service. */
  serviceUrl: string;
  /** The baseline's database argument: a SQLite file or a postgres:// URL. */
  baselineArg: string;
  captureTemplates(): Promise<{ order: OrderTemplate; pack: PackTemplate }>;
  seedOrders(t: OrderTemplate, target: number): Promise<SeedResult>;
  resetConsignments(): Promise<number>;
  documentLength(reference: string): Promise<number | undefined>;
}

function sqliteStore(file: string): PackStore {
  return {
    name: 'SQLite', serviceUrl: `sqlite:${file}`, baselineArg: file,
    captureTemplates: async () => captureTemplates(file),
    seedOrders: (t, target) => seedOrders(file, t, target),
    resetConsignments: async () => resetConsignments(file),
    documentLength: async (reference) => documentLength(file, reference),
  };
}

function postgresStore(schema: BenchSchema): PackStore {
  const url = schema.url;
  return {
    name: 'PostgreSQL', serviceUrl: url, baselineArg: url,
    captureTemplates: () => captureTemplatesPg(url),
    seedOrders: (t, target) => seedOrdersPg(url, t, target),
    resetConsignments: () => resetConsignmentsPg(url),
    documentLength: (reference) => documentLengthPg(url, reference),
  };
}

function startPackService(store: PackStore, orders: number, options: Options): Promise<Server> {
  return startService('service (pack order)', store.serviceUrl, API_KEY, profileFlags(options, `service-${orders}`));
}

function startBaseline(store: PackStore, templateFile: string, orders: number, options: Options): Promise<Server> {
  return startServer('baseline (bare writes)', (port) => ({
    args: [
      ...profileFlags(options, `baseline-${orders}`), '--import', 'tsx', join(ROOT, 'bench/pack-baseline-server.ts'),
      String(port), store.baselineArg, templateFile,
    ],
  }));
}

// ---------------------------------------------------------------------------------------------
// Load

async function post(server: Server, path: string, body: string): Promise<{ status: number; text: string; location: string | null }> {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: HEADERS, body });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}


/** The path of a random one of the seeded orders EO 1 … `orders`. */
const packPath = (rand: () => number, orders: number) => `/orders/${formatReference('EO', 1 + Math.floor(rand() * orders))}/pack`;

/** One pack by hand first: a wrong body, key or seed should stop the bench with a readable reason. */
async function checkOnePack(server: Server, orders: number): Promise<void> {
  const path = packPath(Math.random, orders);
  const res = await post(server, path, PACK_BODY);
  if (res.status !== 201) throw server.failure(`POST ${path} answered ${res.status}, expected 201:\n${res.text}`);
}

function load(server: Server, orders: number, options: Options): Promise<SteadyMeasurement> {
  const rand = random(0x9ac4); // the same sequence for both targets
  return measureSteady(server, {
    url: server.url,
    connections: options.connections,
    pipelining: 1,
    requests: [{
      method: 'POST',
      headers: HEADERS,
      body: PACK_BODY,
      setupRequest: (request) => ({ ...request, path: packPath(rand, orders) }),
    }],
  }, options);
}

/** Start → check → warm up → measure → stop, then clear what the run wrote. */
async function bench(start: () => Promise<Server>, store: PackStore, orders: number, options: Options): Promise<SteadyMeasurement> {
  const server = await start();
  try {
    await checkOnePack(server, orders);
    return await load(server, orders, options);
  } finally {
    await server.stop();
    await store.resetConsignments();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

interface SizeResult {
  orders: number;
  seed: SeedResult;
  service: SteadyMeasurement;
  baseline: SteadyMeasurement;
}

const count = (n: number) => n.toLocaleString('en-US');
const size = (bytes: number) => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(1)} MB`);

function report(results: SizeResult[], options: Options, elapsedSeconds: number, store: PackStore): boolean {
  printHeader(`Packline Pack Order bench (${store.name})`);
  console.log(`load: autocannon in this process, ${options.connections} connections, one run per target and size, one after the other; each request packs`);
  console.log('      a random seeded order (2 packages of 2 items), the same random sequence for both targets');
  console.log(`      measured: ${options.duration} s from when the ${options.warmup} s warm-up is over and every connection has had an answer (the first`);
  console.log('      request of a late connection waits for the busy server to accept it: connection set-up, not Pack Order)');
  console.log(store.name === 'SQLite'
    ? 'database: one SQLite file (WAL), service and baseline one after the other on it; the consignments a run wrote are deleted before the next run'
    : 'database: one PostgreSQL schema, service and baseline one after the other on it; the consignments a run wrote are deleted (and vacuumed) before the next run');
  console.log('baseline: bare Fastify, the same SQL in one transaction (order, its item rows, EC/EP counters, consignment row with a same-size document,');
  console.log('          2 package rows, 4 item rows, 1 audit row); no API-key look-up, validation, package-size/location look-ups or mapping');

  let broken = false;
  for (const r of results) {
    const seeded = r.seed.added > 0 ? `${count(r.seed.added)} seeded in ${r.seed.seconds.toFixed(1)} s` : 'nothing to seed';
    console.log(`\n${count(r.orders)} orders (${seeded}; database ${size(r.seed.fileBytes)})`);
    broken = printTable([r.service, r.baseline], '  ') || broken;
    printRatio(r.service, r.baseline, '  ');
    console.log(`  measured window opened after ${r.service.openedAfter.toFixed(1)} s (service), ${r.baseline.openedAfter.toFixed(1)} s (baseline)`);
  }

  const first = results[0]!;
  const last = results[results.length - 1]!;
  const growth = (m: (r: SizeResult) => Measurement) => m(last).p50 / m(first).p50;
  const scaled = results.length > 1;
  if (scaled) {
    const line = (name: string, m: (r: SizeResult) => Measurement) =>
      `  ${name} ${growth(m).toFixed(3)} (${m(first).p50.toFixed(2)} → ${m(last).p50.toFixed(2)} ms)`;
    console.log(`\np50 at ${count(last.orders)} orders / p50 at ${count(first.orders)} orders:`);
    console.log(line('service ', (r) => r.service));
    console.log(line('baseline', (r) => r.baseline));
    // With every connection always busy, p50 tracks connections / req/s, so it moves with whatever
    // else the box runs; server CPU per request is the steadier view of the same growth.
    const cpu = (m: (r: SizeResult) => Measurement) => {
      const a = m(first).cpuMsPerRequest;
      const b = m(last).cpuMsPerRequest;
      return a && b ? `${(b / a).toFixed(3)} (${a.toFixed(3)} → ${b.toFixed(3)} ms)` : 'n/a';
    };
    console.log(`cross-check, server CPU per request at ${count(last.orders)} / at ${count(first.orders)}: service ${cpu((r) => r.service)}, baseline ${cpu((r) => r.baseline)}`);
  }

  console.log('\ntargets');
  const rows: Array<[string, string, boolean]> = [];
  for (const r of results) {
    const ratio = r.service.reqPerSec / r.baseline.reqPerSec;
    rows.push([`pack req/s ≥ ${TARGET_RATIO * 100} % of baseline, ${count(r.orders)} orders`, `${(ratio * 100).toFixed(1)} %`, ratio >= TARGET_RATIO]);
  }
  for (const r of results) {
    rows.push([`pack p99 ≤ ${TARGET_P99_MS} ms, ${count(r.orders)} orders`, `${r.service.p99.toFixed(2)} ms`, r.service.p99 <= TARGET_P99_MS]);
  }
  if (scaled) {
    const g = growth((r) => r.service);
    rows.push([`pack p50(${count(last.orders)}) / p50(${count(first.orders)}) ≤ ${TARGET_P50_GROWTH}`, g.toFixed(3), g <= TARGET_P50_GROWTH]);
  }
  const labelWidth = Math.max(...rows.map((r) => r[0].length));
  const valueWidth = Math.max(...rows.map((r) => r[1].length));
  for (const [label, value, ok] of rows) console.log(`  ${label.padEnd(labelWidth)}   ${value.padStart(valueWidth)}   ${verdict(ok)}`);
  // Closed-loop load: every connection always has one request in flight, so by Little's law the
  // mean latency is connections / throughput; a p99 target implies a throughput floor.
  const floor = options.connections / (TARGET_P99_MS / 1000);
  console.log(`  (with ${options.connections} connections always busy, mean latency = ${options.connections} / req/s: p99 ≤ ${TARGET_P99_MS} ms needs > ${floor.toFixed(0)} req/s)`);
  if (!scaled) console.log('  (one size given: no p50 growth figure; give two with --orders N,M)');

  const seeding = results.reduce((s, r) => s + r.seed.seconds, 0);
  console.log(`\nwhole bench: ${elapsedSeconds.toFixed(0)} s (of which seeding ${seeding.toFixed(0)} s)`);
  if (broken) console.log('\nBENCH FAILED: non-2xx answers or socket errors during the runs, warm-up included (figures above are not valid)');
  if (options.profileDir) console.log(`\nCPU profiles (.cpuprofile; in service-<orders>/ and baseline-<orders>/, the largest file is the main thread): ${options.profileDir}`);
  const figures: Figure[] = results.flatMap((r) => loadFigures(`pack, ${count(r.orders)} orders,`, r.service, r.baseline));
  writeJson(options.json, {
    bench: 'pack',
    variant: store.name,
    options: { duration: options.duration, warmup: options.warmup, connections: options.connections, orders: options.orders },
    figures,
    notes: [
      ...rows.map(([label, value, ok]) => `${label}: ${value} ${verdict(ok)}`),
      `whole bench ${elapsedSeconds.toFixed(0)} s, of which seeding ${seeding.toFixed(0)} s`,
      ...(broken ? ['BENCH FAILED: non-2xx answers or socket errors'] : []),
    ],
  });
  return !broken;
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const started = Date.now();
  const options = parseOptions(process.argv.slice(2));
  if (options.profileDir) mkdirSync(options.profileDir, { recursive: true });

  // df first: the largest database must fit, with room to spare.
  const tmp = os.tmpdir();
  const fs = statfsSync(tmp);
  const free = fs.bavail * fs.bsize;
  const largest = options.orders[options.orders.length - 1]!;
  const need = largest * BYTES_PER_ORDER_BOUND + 1e9;
  console.log(`disk: ${size(free)} free in ${tmp}; ${count(largest)} orders need about ${size(need)} at most`);
  if (free < need) throw new BenchError(`not enough free disk in ${tmp} for ${count(largest)} orders (set TMPDIR to a roomier place)`);

  const dir = makeTempDir('packline-pack-bench-');
  const templateFile = join(dir, 'pack-template.json');
  const schema = options.database === 'postgres' ? await createBenchSchema('pack') : undefined;
  try {
    const store = schema ? postgresStore(schema) : sqliteStore(join(dir, 'pack.db'));
    const results = await runSizes(store, templateFile, options);
    return report(results, options, (Date.now() - started) / 1000, store) ? 0 : 1;
  } finally {
    await schema?.drop();
  }
}

async function runSizes(store: PackStore, templateFile: string, options: Options): Promise<SizeResult[]> {
  // Setup through the API: migrations, demo customer, one real order and one real pack.
  console.log(`setup: service on a fresh ${store.name} database, one order by POST /orders, one pack …`);
  const setup = await startService('service (setup)', store.serviceUrl, API_KEY);
  try {
    const order = await post(setup, '/orders', ORDER_BODY);
    if (order.status !== 201 || !order.location) throw setup.failure(`POST /orders answered ${order.status}, expected 201:\n${order.text}`);
    const reference = order.location.slice(order.location.lastIndexOf('/') + 1);
    if (reference !== formatReference('EO', 1)) throw setup.failure(`the first order is ${reference}, expected ${formatReference('EO', 1)}`);
    const pack = await post(setup, `/orders/${reference}/pack`, PACK_BODY);
    if (pack.status !== 201) throw setup.failure(`POST /orders/${reference}/pack answered ${pack.status}, expected 201:\n${pack.text}`);
  } finally {
    await setup.stop();
  }
  const templates = await store.captureTemplates();
  writeFileSync(templateFile, JSON.stringify(templates.pack));

  const results: SizeResult[] = [];
  for (const orders of options.orders) {
    console.log(`seed: up to ${count(orders)} orders …`);
    const seed = await store.seedOrders(templates.order, orders);
    const sample = await store.documentLength(formatReference('EO', orders));
    if (sample !== templates.order.documentLength) {
      throw new BenchError(`seed: order ${formatReference('EO', orders)} has a ${sample}-character document, the template ${templates.order.documentLength}`);
    }
    console.log(`seed: ${count(seed.added)} orders in ${seed.seconds.toFixed(1)} s; database ${size(seed.fileBytes)}`);

    console.log(`bench: service at ${count(orders)} orders for ${options.warmup} + ${options.duration} s …`);
    const service = await bench(() => startPackService(store, orders, options), store, orders, options);
    console.log(`bench: baseline at ${count(orders)} orders for ${options.warmup} + ${options.duration} s …`);
    const baseline = await bench(() => startBaseline(store, templateFile, orders, options), store, orders, options);
    results.push({ orders, seed, service, baseline });
  }
  return results;
}

runMain(main);
