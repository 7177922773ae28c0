/**
 * What the benches share: child servers and temp dirs that are always torn down, a warm-up plus a
 * measured autocannon run with sub-millisecond latencies and server CPU per request, the result
 * table and the machine line. Each bench (bench/orders.ts, bench/pack.ts) keeps its own bodies,
 * targets and report.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** Taken when the first bench module loads, i.e. before any server starts. */
export const LOAD_AT_START = os.loadavg();

/** A failure of the bench itself (as opposed to a missed target). */
export class BenchError extends Error {}

export function positive(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new BenchError(`${name} needs a positive number (got "${raw ?? ''}")`);
  return n;
}

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

/** A new directory under the OS temp dir, removed when the bench ends (however it ends). */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/** Picks a free TCP port by binding port 0 and releasing it (a tiny race we accept). */
export async function freePort(): Promise<number> {
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

export class Server {
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
 * Every child gets the same environment and Node flags (bar the service's own variables) so the
 * comparison is between the code paths only. A baseline needs tsx to load its .ts file; tsx
 * costs at load time, not per request.
 */
export function nodeFlags(profileDir: string | undefined): string[] {
  return profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
}

/** Spawns `node <args>` from the project root on a free port and waits for GET /health. */
export async function startServer(
  name: string,
  command: (port: number) => { args: string[]; env?: Record<string, string> },
): Promise<Server> {
  const port = await freePort();
  const { args, env } = command(port);
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const server = new Server(name, `http://127.0.0.1:${port}`, child);
  await server.waitHealthy();
  return server;
}

/**
 * The real service, `node [flags] dist/main.js`, on a database URL (sqlite:<file> or postgres://…),
 * with its first-run demo customer's key preset and no rate limit (the load is one key).
 */
export function startService(name: string, databaseUrl: string, apiKey: string, flags: string[] = []): Promise<Server> {
  return startServer(name, (port) => ({
    args: [...flags, join(ROOT, 'dist/main.js')],
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      PACKLINE_API_KEY: apiKey,
      PACKLINE_RATE_LIMIT: 'off',
      LOG_LEVEL: 'warn',
    },
  }));
}

/** Stops every child still running (normally none: each bench stops its own). */
export async function stopAll(): Promise<void> {
  await Promise.all([...children].map((s) => s.stop()));
}

// ---------------------------------------------------------------------------------------------
// Load

export interface Measurement {
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

/** User + system CPU seconds of a process so far, from /proc (undefined where there is none). */
export function cpuSeconds(pid: number | undefined): number | undefined {
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

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export interface SteadyMeasurement extends Measurement {
  /** Seconds from the start of the load to the opening of the measured window. */
  openedAfter: number;
}

/**
 * One autocannon run on connections that stay open, measured in a window: the window opens once
 * `warmup` seconds have passed *and* every connection has had its first answer, and lasts
 * `duration` seconds; what comes before (warm-up) and after (until autocannon stops, ≤ 1 s) is
 * not counted. Throughput is the answers completed in the window over its length.
 *
 * Why not a warm-up run and a separate measured run: each autocannon run opens all its connections at once, and
 * a busy Node server (libuv 1.46 here) accepts about one pending connection per event-loop turn,
 * so the first request of the last connections waits behind many turns of the others — up to
 * seconds when each request costs a few ms. That wait is connection set-up under overload, not
 * the endpoint, yet it lands in the measured run's p99.
 */
export async function measureSteady(server: Server, base: autocannon.Options, times: { warmup: number; duration: number }): Promise<SteadyMeasurement> {
  const connections = base.connections ?? 10;
  const GIVE_UP_S = 120;
  const started = performance.now();
  const answered = new Set<unknown>();
  const latencies: number[] = [];
  let opened: number | undefined;
  let closed: number | undefined;
  let cpuBefore: number | undefined;
  let cpuAfter: number | undefined;

  const run = autocannon({ ...base, duration: times.warmup + times.duration + GIVE_UP_S });
  const open = () => {
    if (opened !== undefined) return;
    opened = performance.now();
    cpuBefore = cpuSeconds(server.child.pid);
    setTimeout(() => {
      closed = performance.now();
      cpuAfter = cpuSeconds(server.child.pid);
      run.stop();
    }, times.duration * 1000);
  };
  const warmedUp = setTimeout(() => {
    if (answered.size >= connections) open();
  }, times.warmup * 1000);
  // autocannon's histogram keeps whole milliseconds; record each response time ourselves for
  // sub-millisecond p50/p99. The 'response' event fires in the same callback autocannon counts in.
  run.on('response', (client, _status, _bytes, ms) => {
    if (opened === undefined) {
      answered.add(client);
      if (answered.size >= connections && performance.now() - started >= times.warmup * 1000) open();
    } else if (closed === undefined) {
      latencies.push(ms);
    }
  });
  const result = await run;
  clearTimeout(warmedUp);
  if (!server.alive) throw server.failure('died during the measured run');
  if (opened === undefined || closed === undefined) {
    throw server.failure(`only ${answered.size} of ${connections} connections had an answer within ${times.warmup + times.duration + GIVE_UP_S} s`);
  }

  const sorted = Float64Array.from(latencies).sort();
  return {
    name: server.name,
    requests: sorted.length,
    reqPerSec: sorted.length / ((closed - opened) / 1000),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    // Over the whole run, warm-up included: any of these means the bench broke.
    non2xx: result.non2xx,
    socketErrors: result.errors,
    cpuMsPerRequest: cpuBefore !== undefined && cpuAfter !== undefined && sorted.length > 0
      ? ((cpuAfter - cpuBefore) * 1000) / sorted.length
      : undefined,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
    openedAfter: (opened - started) / 1000,
  };
}

// ---------------------------------------------------------------------------------------------
// Report

/** The date, machine and load-average lines every report starts with. */
export function printHeader(title: string): void {
  const cpus = os.cpus();
  console.log(`\n${title} — ${new Date().toISOString()}`);
  console.log(`machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, node ${process.version}, ${os.platform()} ${os.arch()}`);
  // Other work on the box skews the runs differently; the load before we started hints at it.
  console.log(`load average before the run (1/5/15 min): ${LOAD_AT_START.map((l) => l.toFixed(2)).join(' / ')}`);
}

/** The result table; true when any row had non-2xx answers or socket errors (its details are printed). */
export function printTable(rows: Measurement[], indent = ''): boolean {
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
  const line = (c: string[]) => indent + c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('   ');
  console.log(line(head));
  for (const c of cells) console.log(line(c));

  let broken = false;
  for (const m of rows) {
    if (m.non2xx + m.socketErrors > 0) {
      broken = true;
      console.log(`${indent}  ${m.name}: ${m.non2xx} non-2xx, ${m.socketErrors} socket errors/timeouts; status codes ${JSON.stringify(m.statusCodes)}`);
    }
  }
  return broken;
}

/** The service/baseline req/s ratio and its cross-check from server CPU per request. */
export function printRatio(service: Measurement, baseline: Measurement, indent = ''): number {
  const ratio = service.reqPerSec / baseline.reqPerSec;
  console.log(`${indent}ratio service/baseline req/s: ${ratio.toFixed(3)} (${(ratio * 100).toFixed(1)} %)`);
  if (baseline.cpuMsPerRequest && service.cpuMsPerRequest) {
    // The same ratio from CPU cost per request: if the two disagree a lot, the box was busy.
    const cpuRatio = baseline.cpuMsPerRequest / service.cpuMsPerRequest;
    console.log(`${indent}cross-check from server CPU per request (baseline/service): ${cpuRatio.toFixed(3)} (${(cpuRatio * 100).toFixed(1)} %)`);
  }
  return ratio;
}

export const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

// ---------------------------------------------------------------------------------------------

/** Runs a bench's main: its number is the exit code; a thrown error is reported as a broken bench. */
export function runMain(main: () => Promise<number>): void {
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
      await stopAll();
      cleanUpSync();
    });
}

// ---------------------------------------------------------------------------------------------
// Machine-readable results (`--json <file>`), read by bench/run-all.ts to write bench/RESULTS.md

/** One figure of a bench and, where it has one, the same-run baseline it is compared with. */
export interface Figure {
  label: string;
  unit: string;
  value: number;
  baseline?: number;
  /** true when more is better (req/s), false when less is (ms); decides how the ratio reads. */
  higherIsBetter: boolean;
}

export interface BenchJson {
  bench: string;
  /** e.g. "SQLite", "PostgreSQL", or "" where no database is involved. */
  variant: string;
  options: Record<string, unknown>;
  figures: Figure[];
  /** Free-text notes (targets met or missed, what the baseline is). */
  notes: string[];
}

/** The req/s, p50, p99 and CPU figures of a service run against its baseline run. */
export function loadFigures(prefix: string, service: Measurement, baseline: Measurement): Figure[] {
  const figures: Figure[] = [
    { label: `${prefix} req/s`, unit: 'req/s', value: service.reqPerSec, baseline: baseline.reqPerSec, higherIsBetter: true },
    { label: `${prefix} p50`, unit: 'ms', value: service.p50, baseline: baseline.p50, higherIsBetter: false },
    { label: `${prefix} p99`, unit: 'ms', value: service.p99, baseline: baseline.p99, higherIsBetter: false },
  ];
  if (service.cpuMsPerRequest !== undefined && baseline.cpuMsPerRequest !== undefined) {
    figures.push({ label: `${prefix} server CPU per request`, unit: 'ms', value: service.cpuMsPerRequest, baseline: baseline.cpuMsPerRequest, higherIsBetter: false });
  }
  return figures;
}

export function writeJson(file: string | undefined, result: BenchJson): void {
  if (file) writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
}
