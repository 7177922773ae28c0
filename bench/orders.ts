/**
 * Create Order throughput and latency against a physical baseline, in one run:
 *
 *   npm run bench:orders [-- --duration 10 --warmup 3 --connections 32 --profile <dir>]
 *
 * 1. service: the real `node dist/main.js` in a child process, with its first-run demo customer;
 * 2. baseline: bench/baseline-server.ts in a child process — bare Fastify doing the same
 *    SQLite writes as Create Order (counters, orders row, order_items rows) and nothing else.
 *
 * Each gets a warm-up (discarded) and a measured autocannon run, one after the other so they never
 * compete for the two cores. Targets: service req/s ≥ 80 % of baseline, service p99 ≤ 15 ms.
 * Misses are reported, not failed: the exit code is non-zero only when the bench itself broke
 * (a non-2xx answer, a socket error, a child that died).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const API_KEY = 'bench_0123456789abcdef0123456789abcdef';
const TARGET_RATIO = 0.8;
const TARGET_P99_MS = 15;
const LOAD_AT_START = os.loadavg();

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
}

function parseOptions(argv: string[]): Options {
  const options: Options = { duration: 10, warmup: 3, connections: 32, profileDir: undefined };
  const positive = (name: string, raw: string | undefined): number => {
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new BenchError(`${name} needs a positive number (got "${raw ?? ''}")`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => argv[++i];
    if (arg === '--duration') options.duration = positive(arg, value());
    else if (arg === '--warmup') options.warmup = positive(arg, value());
    else if (arg === '--connections') options.connections = Math.round(positive(arg, value()));
    else if (arg === '--profile') options.profileDir = resolve(value() ?? 'bench-profiles');
    else throw new BenchError(`unknown option ${arg} (known: --duration N, --warmup N, --connections N, --profile DIR)`);
  }
  return options;
}

/** A failure of the bench itself (as opposed to a missed target). */
class BenchError extends Error {}

// ---------------------------------------------------------------------------------------------
// Child processes and temp files, all torn down on the way out whatever happens

const children = new Set<Server>();
const tempDirs = new Set<string>();

function cleanUpSync(): void {
  for (const s of children) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}
process.on('exit', cleanUpSync);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping`);
    process.exit(130); // 'exit' runs cleanUpSync
  });
}

/** Picks a free TCP port by binding port 0 and releasing it (a tiny race we accept). */
async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolvePort(port) : reject(new Error('no port'))));
    });
  });
}

class Server {
  /** The last output of the child, shown if it fails. */
  private output = '';
  readonly exited: Promise<void>;

  constructor(readonly name: string, readonly url: string, readonly child: ChildProcess) {
    children.add(this);
    const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-8_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((done) => child.once('exit', () => done()));
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  failure(what: string): BenchError {
    const status = this.alive ? '' : ` (child exited: code ${this.child.exitCode}, signal ${this.child.signalCode})`;
    const tail = this.output.trim() ? `\n--- last output of ${this.name} ---\n${this.output.trim()}` : '';
    return new BenchError(`${this.name}: ${what}${status}${tail}`);
  }

  /** Polls GET /health until 200; fails fast if the child dies. */
  async waitHealthy(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.alive) throw this.failure('exited before answering /health');
      try {
        const res = await fetch(`${this.url}/health`);
        await res.arrayBuffer();
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw this.failure(`GET /health did not answer 200 within ${timeoutMs / 1000} s`);
  }

  /** SIGTERM (graceful, so --cpu-prof writes its file), then SIGKILL if it lingers. */
  async stop(): Promise<void> {
    if (this.alive) {
      this.child.kill('SIGTERM');
      const killed = await Promise.race([this.exited.then(() => false), sleep(5_000).then(() => true)]);
      if (killed) this.child.kill('SIGKILL');
      await this.exited;
    }
    children.delete(this);
  }
}

/**
 * Both children get the same environment and Node flags (bar the service's own variables) so the
 * comparison is between the code paths only. The baseline needs tsx to load its .ts file; tsx
 * costs at load time, not per request.
 */
function nodeFlags(options: Options): string[] {
  return options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
}

async function startBaseline(dir: string, options: Options): Promise<Server> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [...nodeFlags(options), '--import', 'tsx', join(ROOT, 'bench/baseline-server.ts'), String(port), join(dir, 'baseline.db')],
    { cwd: ROOT, env: { ...process.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const server = new Server('baseline (bare inserts)', `http://127.0.0.1:${port}`, child);
  await server.waitHealthy();
  return server;
}

async function startService(dir: string, options: Options): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeFlags(options), join(ROOT, 'dist/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`,
      PACKLINE_API_KEY: API_KEY,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = new Server('service (create order)', `http://127.0.0.1:${port}`, child);
  await server.waitHealthy();
  return server;
}

// ---------------------------------------------------------------------------------------------
// Load

interface Measurement {
  name: string;
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** Socket errors and timeouts. */
  socketErrors: number;
  /**
   * CPU time the server process spent per completed request during the measured run (Linux only).
   * It moves much less than req/s when something else on the box takes a core for a while.
   */
  cpuMsPerRequest: number | undefined;
  statusCodes: Record<string, number>;
}

/** One request by hand first: a wrong body or key should stop the bench with a readable reason. */
async function checkOneOrder(server: Server): Promise<void> {
  const res = await fetch(`${server.url}/orders`, { method: 'POST', headers: HEADERS, body: ORDER_BODY });
  const text = await res.text();
  if (res.status !== 201) throw server.failure(`POST /orders answered ${res.status}, expected 201:\n${text}`);
}

/** User + system CPU seconds of a process so far, from /proc (undefined where there is none). */
function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the parenthesised command name (which may itself hold ')'); utime and stime
    // are fields 14 and 15 of proc(5), i.e. 12th and 13th after it.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const CLOCK_TICKS = 100; // USER_HZ, 100 on every mainstream Linux
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

async function load(server: Server, options: Options): Promise<Measurement> {
  const base: autocannon.Options = {
    url: `${server.url}/orders`,
    method: 'POST',
    headers: HEADERS,
    body: ORDER_BODY,
    connections: options.connections,
    pipelining: 1,
  };
  const warm = await autocannon({ ...base, duration: options.warmup });
  if (warm.non2xx > 0 || warm.errors > 0) {
    throw server.failure(`warm-up had ${warm.non2xx} non-2xx answers and ${warm.errors} socket errors ${JSON.stringify(warm.statusCodeStats)}`);
  }

  // autocannon's histogram keeps whole milliseconds; record each response time ourselves for
  // sub-millisecond p50/p99. The 'response' event fires in the same callback autocannon counts in.
  const latencies: number[] = [];
  const cpuBefore = cpuSeconds(server.child.pid);
  const run = autocannon({ ...base, duration: options.duration });
  run.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await run;
  const cpuAfter = cpuSeconds(server.child.pid);
  if (!server.alive) throw server.failure('died during the measured run');

  const sorted = Float64Array.from(latencies).sort();
  return {
    name: server.name,
    requests: sorted.length,
    reqPerSec: result.requests.average,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    non2xx: result.non2xx,
    socketErrors: result.errors,
    cpuMsPerRequest: cpuBefore !== undefined && cpuAfter !== undefined && sorted.length > 0
      ? ((cpuAfter - cpuBefore) * 1000) / sorted.length
      : undefined,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
  };
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
  const cpus = os.cpus();
  console.log(`\nPackline Create Order bench — ${new Date().toISOString()}`);
  console.log(`machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, node ${process.version}, ${os.platform()} ${os.arch()}`);
  // Other work on the box skews the two runs differently; the load before we started hints at it.
  console.log(`load average before the run (1/5/15 min): ${LOAD_AT_START.map((l) => l.toFixed(2)).join(' / ')}`);
  console.log(`load: autocannon in this process, ${options.connections} connections, warm-up ${options.warmup} s (discarded), measured ${options.duration} s per target, run one after the other\n`);

  const rows = [service, baseline];
  const head = ['', 'req/s (mean)', 'p50 ms', 'p99 ms', 'errors', 'requests', 'server CPU ms/req'];
  const cells = rows.map((m) => [
    m.name,
    m.reqPerSec.toFixed(0),
    m.p50.toFixed(2),
    m.p99.toFixed(2),
    String(m.non2xx + m.socketErrors),
    String(m.requests),
    m.cpuMsPerRequest === undefined ? 'n/a' : m.cpuMsPerRequest.toFixed(3),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('   ');
  console.log(line(head));
  for (const c of cells) console.log(line(c));

  let broken = false;
  for (const m of rows) {
    if (m.non2xx + m.socketErrors > 0) {
      broken = true;
      console.log(`  ${m.name}: ${m.non2xx} non-2xx, ${m.socketErrors} socket errors/timeouts; status codes ${JSON.stringify(m.statusCodes)}`);
    }
  }

  const ratio = service.reqPerSec / baseline.reqPerSec;
  console.log(`\nratio service/baseline req/s: ${ratio.toFixed(3)} (${(ratio * 100).toFixed(1)} %)`);
  if (baseline.cpuMsPerRequest && service.cpuMsPerRequest) {
    // The same ratio from CPU cost per request: if the two disagree a lot, the box was busy.
    const cpuRatio = baseline.cpuMsPerRequest / service.cpuMsPerRequest;
    console.log(`cross-check from server CPU per request (baseline/service): ${cpuRatio.toFixed(3)} (${(cpuRatio * 100).toFixed(1)} %)`);
  }
  console.log('');
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  console.log('targets');
  console.log(`  create order req/s ≥ ${TARGET_RATIO * 100} % of baseline   ${`${(ratio * 100).toFixed(1)} %`.padStart(9)}   ${verdict(ratio >= TARGET_RATIO)}`);
  console.log(`  create order p99 ≤ ${TARGET_P99_MS} ms                 ${`${service.p99.toFixed(2)} ms`.padStart(9)}   ${verdict(service.p99 <= TARGET_P99_MS)}`);
  // Closed-loop load: every connection always has one request in flight, so by Little's law the
  // mean latency is connections / throughput; a p99 target implies a throughput floor.
  const floor = options.connections / (TARGET_P99_MS / 1000);
  console.log(`  (with ${options.connections} connections always busy, mean latency = ${options.connections} / req/s: p99 ≤ ${TARGET_P99_MS} ms needs > ${floor.toFixed(0)} req/s)`);
  if (broken) console.log('\nBENCH FAILED: non-2xx answers or socket errors during the measured runs (figures above are not valid)');
  if (options.profileDir) console.log(`\nCPU profiles (.cpuprofile, one per child): ${options.profileDir}`);
  return !broken;
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options.profileDir) mkdirSync(options.profileDir, { recursive: true });
  const dir = mkdtempSync(join(os.tmpdir(), 'packline-bench-'));
  tempDirs.add(dir);
  mkdirSync(join(dir, 'service'));
  mkdirSync(join(dir, 'baseline'));

  // Service first: if it rejects the order, we learn it before spending time on the baseline.
  console.log(`bench: service for ${options.warmup} + ${options.duration} s …`);
  const service = await bench(() => startService(join(dir, 'service'), options), options);
  console.log(`bench: baseline for ${options.warmup} + ${options.duration} s …`);
  const baseline = await bench(() => startBaseline(join(dir, 'baseline'), options), options);
  return report(baseline, service, options) ? 0 : 1;
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err: unknown) => {
    console.error(`\nBENCH FAILED: ${err instanceof BenchError ? err.message : err instanceof Error ? err.stack : String(err)}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    // Normally every child is already stopped; this covers a failure half-way through.
    await Promise.all([...children].map((s) => s.stop()));
    cleanUpSync();
  });
