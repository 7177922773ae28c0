/**
 * Create Order throughput and latency against a physical baseline, in one run:
 *
 *   npm run bench:orders [-- --duration 10 --warmup 3 --connections 32 --database sqlite|postgres --json <file> --profile <dir>]
 *
 * 1. service: the real `node dist/main.js` in a child process, with its first-run demo customer;
 * 2. baseline: bench/baseline-server.ts in a child process — bare Fastify doing the same
 *    writes as Create Order (counters, orders row, order_items rows) and nothing else.
 *
 * Each on a fresh database of its own: a SQLite file, or with --database postgres a fresh schema
 * in BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), dropped afterwards.
 *
 * Each gets one autocannon run on connections kept open, measured in a window that opens after the
 * warm-up (see measureSteady in bench/lib.ts), one after the other so they never compete for the
 * two cores. Targets: service req/s ≥ 80 % of baseline, service p99 ≤ 15 ms.
 * Misses are reported, not failed: the exit code is non-zero only when the bench itself broke
 * (a non-2xx answer, a socket error, a child that died).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  BenchError, type Measurement, ROOT, type Server, loadFigures, makeTempDir, measureSteady, nodeFlags, positive, printHeader, printRatio, printTable,
  runMain, startServer, startService as startPacklineService, verdict, writeJson,
} from './lib.js';
import { createBenchSchema } from './pg.js';

const API_KEY = 'bench_0123456789abcdef0123456789abcdef';
const TARGET_RATIO = 0.8;
const TARGET_P99_MS = 15;

/** A realistic three-item order: one package, an origin by shipping location, a destination address. */
const ORDER_BODY = JSON.stringify({
  OrderReferenceProvidedByCustomer: 'BENCH-1',
  ShippingDate: '2026-12-05',
  Packages: [{
    Items: [
      { Sku: 'MUG-BLUE', Description: 'Blue mug', Quantity: 2, Weight: { Value: 0.4, Unit: 'Kg' }, Dimensions: { Unit: 'Cm', Width: 10, Length: 12, Height: 9 }, Value: { Amount: 5.99, Currency: { IsoCode: 'GBP' } } },
      { Sku: 'TEA-500', Description: 'Loose tea 500g', Quantity: 1, Weight: { Value: 0.5, Unit: 'Kg' }, Value: { Amount: 12.5, Currency: { IsoCode: 'GBP' } }, CountryOfOrigin: { IsoCode: { TwoLetterCode: 'IN' } } },
      { Sku: 'CARD-01', Description: 'Gift card', Quantity: 1, Weight: { Value: 20, Unit: 'G' }, Value: { Amount: 2, Currency: { IsoCode: 'GBP' } } },
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

const HEADERS = { 'ocp-apim-subscription-key': API_KEY, 'content-type': 'application/json' };

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  /** Measured seconds per target. */
  duration: number;
  /** Discarded seconds per target before the measured run. */
  warmup: number;
  connections: number;
  /** When set, both children run with --cpu-prof and leave their .cpuprofile files here. */
  profileDir: string | undefined;
  database: 'sqlite' | 'postgres';
  /** When set, the figures are also written here as JSON (bench/run-all.ts reads them). */
  json: string | undefined;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { duration: 10, warmup: 3, connections: 32, profileDir: undefined, database: 'sqlite', json: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => argv[++i];
    if (arg === '--duration') options.duration = positive(arg, value());
    else if (arg === '--warmup') options.warmup = positive(arg, value());
    else if (arg === '--connections') options.connections = Math.round(positive(arg, value()));
    else if (arg === '--profile') options.profileDir = resolve(value() ?? 'bench-profiles');
    else if (arg === '--json') options.json = resolve(value() ?? 'orders.json');
    else if (arg === '--database') {
      const db = value();
      if (db !== 'sqlite' && db !== 'postgres') throw new BenchError(`${arg} takes sqlite or postgres (got "${db ?? ''}")`);
      options.database = db;
    } else throw new BenchError(`unknown option ${arg} (known: --duration N, --warmup N, --connections N, --database sqlite|postgres, --json FILE, --profile DIR)`);
  }
  return options;
}

// ---------------------------------------------------------------------------------------------
// Children

/** `database` is a SQLite file or a postgres:// URL. */
function startBaseline(database: string, options: Options): Promise<Server> {
  return startServer('baseline (bare inserts)', (port) => ({
    args: [...nodeFlags(options.profileDir), '--import', 'tsx', join(ROOT, 'bench/baseline-server.ts'), String(port), database],
  }));
}

function startService(databaseUrl: string, options: Options): Promise<Server> {
  return startPacklineService('service (create order)', databaseUrl, API_KEY, nodeFlags(options.profileDir));
}

// ---------------------------------------------------------------------------------------------
// Load

/** One request by hand first: a wrong body or key should stop the bench with a readable reason. */
async function checkOneOrder(server: Server): Promise<void> {
  const res = await fetch(`${server.url}/orders`, { method: 'POST', headers: HEADERS, body: ORDER_BODY });
  const text = await res.text();
  if (res.status !== 201) throw server.failure(`POST /orders answered ${res.status}, expected 201:\n${text}`);
}

function load(server: Server, options: Options): Promise<Measurement> {
  return measureSteady(server, {
    url: `${server.url}/orders`,
    method: 'POST',
    headers: HEADERS,
    body: ORDER_BODY,
    connections: options.connections,
    pipelining: 1,
  }, options);
}

/** Start → check → warm up → measure → stop, so only one server is ever up during a run. */
async function bench(start: () => Promise<Server>, options: Options): Promise<Measurement> {
  const server = await start();
  try {
    await checkOneOrder(server);
    return await load(server, options);
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

function report(baseline: Measurement, service: Measurement, options: Options): boolean {
  printHeader(`Packline Create Order bench (${databaseName(options)})`);
  console.log(`load: autocannon in this process, ${options.connections} connections kept open, one run per target, one after the other;`);
  console.log(`      measured: ${options.duration} s from when the ${options.warmup} s warm-up is over and every connection has had an answer\n`);

  const broken = printTable([service, baseline]);
  console.log('');
  const ratio = printRatio(service, baseline);
  console.log('');
  console.log('targets');
  console.log(`  create order req/s ≥ ${TARGET_RATIO * 100} % of baseline   ${`${(ratio * 100).toFixed(1)} %`.padStart(9)}   ${verdict(ratio >= TARGET_RATIO)}`);
  console.log(`  create order p99 ≤ ${TARGET_P99_MS} ms                 ${`${service.p99.toFixed(2)} ms`.padStart(9)}   ${verdict(service.p99 <= TARGET_P99_MS)}`);
  // Closed-loop load: every connection always has one request in flight, so by Little's law the
  // mean latency is connections / throughput; a p99 target implies a throughput floor.
  const floor = options.connections / (TARGET_P99_MS / 1000);
  console.log(`  (with ${options.connections} connections always busy, mean latency = ${options.connections} / req/s: p99 ≤ ${TARGET_P99_MS} ms needs > ${floor.toFixed(0)} req/s)`);
  if (broken) console.log('\nBENCH FAILED: non-2xx answers or socket errors during the measured runs (figures above are not valid)');
  if (options.profileDir) console.log(`\nCPU profiles (.cpuprofile, one per child): ${options.profileDir}`);
  writeJson(options.json, {
    bench: 'orders',
    variant: databaseName(options),
    options: { duration: options.duration, warmup: options.warmup, connections: options.connections },
    figures: loadFigures('create order', service, baseline),
    notes: [
      `create order req/s ≥ ${TARGET_RATIO * 100} % of baseline: ${(ratio * 100).toFixed(1)} % ${verdict(ratio >= TARGET_RATIO)}`,
      `create order p99 ≤ ${TARGET_P99_MS} ms: ${service.p99.toFixed(2)} ms ${verdict(service.p99 <= TARGET_P99_MS)}`,
      ...(broken ? ['BENCH FAILED: non-2xx answers or socket errors'] : []),
    ],
  });
  return !broken;
}

const databaseName = (options: Options) => (options.database === 'postgres' ? 'PostgreSQL' : 'SQLite');

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options.profileDir) mkdirSync(options.profileDir, { recursive: true });
  const dir = makeTempDir('packline-bench-');
  mkdirSync(join(dir, 'service'));
  mkdirSync(join(dir, 'baseline'));
  const schemas = options.database === 'postgres' ? [await createBenchSchema('orders_service'), await createBenchSchema('orders_baseline')] : [];
  try {
    const serviceDb = schemas[0]?.url ?? `sqlite:${join(dir, 'service', 'bench.db')}`;
    const baselineDb = schemas[1]?.url ?? join(dir, 'baseline', 'baseline.db');
    // Service first: if it rejects the order, we learn it before spending time on the baseline.
    console.log(`bench: service on ${databaseName(options)} for ${options.warmup} + ${options.duration} s …`);
    const service = await bench(() => startService(serviceDb, options), options);
    console.log(`bench: baseline on ${databaseName(options)} for ${options.warmup} + ${options.duration} s …`);
    const baseline = await bench(() => startBaseline(baselineDb, options), options);
    return report(baseline, service, options) ? 0 : 1;
  } finally {
    for (const schema of schemas) await schema.drop();
  }
}

runMain(main);
