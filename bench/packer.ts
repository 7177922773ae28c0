/**
 * The cartonization engine against BoxPacker's e-commerce set, checked unit by unit:
 *
 *   npm run bench:packer [-- --orders N --mode upright|any|both]
 *
 * Loads /work/shared/datasets/boxpacker-efficiency (4 box types, 4,288 real orders; depth is the
 * vertical axis, so depth → height) and packs every order with `pack` (default objective) twice:
 * every item `upright` ("keep flat"), then `any` ("free rotation"). Every result goes through the
 * independent checker (src/cartonization/check). Per mode it prints, beside BoxPacker's figures:
 * boxes, Σ inner volume of the boxes used, orders with fewer/more boxes, orders with less/more
 * volume at the same box count, checker failures, per-order time (after a warm-up pass), the
 * share of certified orders, and the gap to the volume lower bound of PACKER.md §2.
 *
 * BoxPacker's per-order answer comes from expected.csv: the box count plus the utilisation rounded to
 * 0.1 % identify the multiset of box types (exact integer test, bench/packer-data.ts); its inner
 * volume is then exact. Only where no multiset or several match would it fall back to
 * item volume / utilisation, which is off by up to 0.05 / utilisation (0.6 % at 8 % fill); the
 * bench prints how many orders needed that (none, on this set).
 *
 * Then a scaling table on seeded random orders and an invented seven-box catalogue, and the targets
 * with PASS/MISS. The exit code is non-zero only when the packer is broken (a checker failure or a
 * throw), never for a missed target.
 *
 * `--packer <module>` (development only) loads `pack` from another module instead of
 * src/cartonization/index.ts, e.g. a stand-in while the real packer does not exist yet.
 */
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { checkPacking } from '../src/cartonization/check/index.js';
import type { PackRequest, PackResult, Rotation } from '../src/cartonization/types.js';
import { type BoxPackerAnswer, type Dataset, type Order, distinctItems, identicalItems, innerVolume, loadDataset, requestFor } from './packer-data.js';

import { type Figure, writeJson } from './lib.js';

type PackerModule = typeof import('../src/cartonization/index.js');

/** A usage or setup error: printed without a stack. */
class BenchError extends Error {}

const DEFAULT_PACKER = '../src/cartonization/index.js';
const SCALING_SEED = 182;
const SCALING_REPEATS = 3;
const M3 = 1e9; // mm³ per m³

/** PACKER.md §2 and the agreed targets; the volume bounds hold for ≤ BoxPacker's box total. */
const MODES = {
  upright: { title: 'keep flat (every item upright)', boxPackerBoxes: 5_832, volumeBound: 43.1, maxVolume: 51.98, volumeFactor: 0.95, pick: (o: Order) => o.flat },
  any: { title: 'free rotation (any)', boxPackerBoxes: 4_557, volumeBound: 70.45, maxVolume: 73.35, volumeFactor: 0.96, pick: (o: Order) => o.free },
} as const;
type Mode = keyof typeof MODES;
const TARGET_P99_MS = 20;
const TARGET_100_MS = 100;
const TARGET_400_MS = 1_000;

interface Options { orders: number | undefined; modes: Mode[]; packer: string; json: string | undefined }

function parseArgs(argv: string[]): Options {
  const o: Options = { orders: undefined, modes: ['upright', 'any'], packer: DEFAULT_PACKER, json: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === '--orders') {
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) throw new BenchError(`--orders needs a positive integer (got "${v ?? ''}")`);
      o.orders = n;
      i++;
    } else if (a === '--mode') {
      if (v === 'both') o.modes = ['upright', 'any'];
      else if (v === 'upright' || v === 'any') o.modes = [v];
      else throw new BenchError(`--mode needs upright, any or both (got "${v ?? ''}")`);
      i++;
    } else if (a === '--json') {
      if (!v) throw new BenchError('--json needs a file');
      o.json = v;
      i++;
    } else if (a === '--packer') {
      if (!v) throw new BenchError('--packer needs a module path');
      o.packer = pathToFileURL(v).href;
      i++;
    } else {
      throw new BenchError(`unknown option "${a ?? ''}" (options: --orders N, --mode upright|any|both)`);
    }
  }
  return o;
}

// ---------------------------------------------------------------------------------------------

type Pack = PackerModule['pack'];

interface Run { result: PackResult | undefined; ms: number; violations: string[] }

/** Packs once, timed (the pack call only), then checks. A throw counts as a violation. */
async function packAndCheck(pack: Pack, request: PackRequest): Promise<Run> {
  const t0 = performance.now();
  let result: PackResult;
  try {
    const out: PackResult | Promise<PackResult> = pack(request);
    result = out instanceof Promise ? await out : out;
  } catch (err) {
    return { result: undefined, ms: performance.now() - t0, violations: [`pack threw: ${err instanceof Error ? err.message : String(err)}`] };
  }
  const ms = performance.now() - t0;
  return { result, ms, violations: checkPacking(request, result) };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const fmt = (n: number, d = 0) => n.toLocaleString('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d });
const signed = (n: number, d = 0) => (n > 0 ? '+' : n < 0 ? '−' : '±') + fmt(Math.abs(n), d);
const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${signed((100 * (a - b)) / b, 1)} %`);

function table(head: string[], rows: string[][], indent = '  '): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (c: string[]) => indent + c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('   ');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
}

interface ModeSummary {
  mode: Mode;
  full: boolean;
  boxes: number;
  volume: number;
  bpBoxes: number;
  bpVolume: number;
  p99: number;
  failures: number;
}

async function runMode(pack: Pack, dataset: Dataset, orders: Order[], mode: Mode, full: boolean): Promise<ModeSummary> {
  const spec = MODES[mode];
  const rotation: Rotation = mode;
  const byRef = new Map(dataset.boxes.map((b) => [b.ref, b]));
  console.log(`\n== ${spec.title}: ${fmt(orders.length)} orders, ${fmt(orders.reduce((s, o) => s + o.units, 0))} units`);

  // Warm the JIT on the same work, as a running service is: one untimed, uncounted pass over every
  // order. After only a few hundred orders the rarer paths (tree search, assignment test) were
  // still being compiled when the first orders that need them ran, and lost their time budget to it.
  for (const order of orders) await packAndCheck(pack, requestFor(dataset, order, rotation));

  let boxes = 0, volume = 0, bpBoxes = 0, bpVolume = 0, lowerBounds = 0, certified = 0, unpackedUnits = 0;
  let fewer = 0, more = 0, sameCount = 0, lessVol = 0, moreVol = 0, sameVol = 0, estimated = 0;
  let failedOrders = 0, violations = 0;
  const shown: string[] = [];
  const times: number[] = [];
  const mix = new Map<string, number>();
  const bpMix = new Map<string, number>();
  const t0 = performance.now();
  for (const order of orders) {
    const bp: BoxPackerAnswer = spec.pick(order);
    const run = await packAndCheck(pack, requestFor(dataset, order, rotation));
    times.push(run.ms);
    bpBoxes += bp.boxes;
    bpVolume += bp.innerVolume;
    if (bp.multiset) for (const ref of bp.multiset) bpMix.set(ref, (bpMix.get(ref) ?? 0) + 1);
    else estimated++;
    if (run.violations.length > 0) {
      failedOrders++;
      violations += run.violations.length;
      for (const v of run.violations) if (shown.length < 20) shown.push(`order ${order.id}: ${v}`);
    }
    const r = run.result;
    if (!r) continue;
    const n = r.boxes.length;
    const v = r.boxes.reduce((s, b) => s + (byRef.has(b.boxRef) ? innerVolume(byRef.get(b.boxRef)!) : 0), 0);
    for (const b of r.boxes) mix.set(b.boxRef, (mix.get(b.boxRef) ?? 0) + 1);
    boxes += n;
    volume += v;
    lowerBounds += r.lowerBound;
    if (r.certified) certified++;
    unpackedUnits += r.unpacked.reduce((s, u) => s + u.quantity, 0);
    if (n < bp.boxes) fewer++;
    else if (n > bp.boxes) more++;
    else {
      sameCount++;
      // Exact comparison where BoxPacker's multiset is known; within 0.5 % of the estimate otherwise.
      const tol = bp.multiset ? 0 : 0.005 * bp.innerVolume;
      if (v < bp.innerVolume - tol) lessVol++;
      else if (v > bp.innerVolume + tol) moreVol++;
      else sameVol++;
    }
  }
  const totalMs = performance.now() - t0;
  times.sort((a, b) => a - b);
  const p99 = percentile(times, 99);

  table(['', 'Packline', 'BoxPacker', 'difference'], [
    ['boxes', fmt(boxes), fmt(bpBoxes), `${signed(boxes - bpBoxes)} (${pct(boxes, bpBoxes)})`],
    ['inner volume of boxes used, m³', fmt(volume / M3, 3), fmt(bpVolume / M3, 3), `${signed((volume - bpVolume) / M3, 3)} (${pct(volume, bpVolume)})`],
    ['box mix', mixLine(dataset, mix), mixLine(dataset, bpMix), ''],
  ]);
  if (full) {
    const gap = volume / M3 - spec.volumeBound;
    const note = boxes > spec.boxPackerBoxes ? ` — NB the bound assumes ≤ ${fmt(spec.boxPackerBoxes)} boxes; we used ${fmt(boxes)}` : '';
    console.log(`  volume lower bound (any packer with ≤ ${fmt(spec.boxPackerBoxes)} boxes): ${fmt(spec.volumeBound, 2)} m³; gap ${signed(gap, 3)} m³ (${pct(volume / M3, spec.volumeBound)} above it); BoxPacker ${signed(bpVolume / M3 - spec.volumeBound, 3)} m³${note}`);
  } else {
    console.log(`  volume lower bound: ${fmt(spec.volumeBound, 2)} m³ holds for all 4,288 orders only; no gap on a subset`);
  }
  console.log(`  Σ lowerBound reported by the packer: ${fmt(lowerBounds)} boxes (gap ${signed(boxes - lowerBounds)}); units reported unpacked: ${fmt(unpackedUnits)}`);
  console.log(`  orders vs BoxPacker: ${fmt(fewer)} fewer boxes, ${fmt(more)} more boxes; at the same count (${fmt(sameCount)}): ${fmt(lessVol)} less volume, ${fmt(moreVol)} more, ${fmt(sameVol)} same`);
  if (estimated > 0) console.log(`  (${fmt(estimated)} orders: BoxPacker's multiset not unique, its volume estimated as item volume / utilisation)`);
  console.log(`  certified optimal: ${fmt(certified)} / ${fmt(orders.length)} (${fmt((100 * certified) / orders.length, 1)} %)`);
  console.log(`  time per order, ms: p50 ${percentile(times, 50).toFixed(3)}, p95 ${percentile(times, 95).toFixed(3)}, p99 ${p99.toFixed(3)}, max ${percentile(times, 100).toFixed(2)}; total ${(times.reduce((s, t) => s + t, 0) / 1000).toFixed(2)} s packing (${(totalMs / 1000).toFixed(2)} s with checks)`);
  console.log(`  checker failures: ${fmt(failedOrders)} orders, ${fmt(violations)} violations`);
  for (const s of shown) console.log(`    ${s}`);
  if (violations > shown.length) console.log(`    … ${fmt(violations - shown.length)} more`);
  return { mode, full, boxes, volume, bpBoxes, bpVolume, p99, failures: failedOrders };
}

function mixLine(dataset: Dataset, mix: Map<string, number>): string {
  return dataset.boxes.map((b) => `${mix.get(b.ref) ?? 0}`).join('/');
}

// ---------------------------------------------------------------------------------------------

interface ScalingRow { name: string; boxes: number; simpleBound: number; lowerBound: number; certified: boolean; medianMs: number; maxMs: number; failures: number }

async function scaling(pack: Pack): Promise<ScalingRow[]> {
  const cases: [string, PackRequest][] = [
    ['25 distinct', distinctItems(25, SCALING_SEED)],
    ['100 distinct', distinctItems(100, SCALING_SEED)],
    ['400 distinct', distinctItems(400, SCALING_SEED)],
    ['400 identical 150×100×100', identicalItems(400)],
  ];
  const rows: ScalingRow[] = [];
  for (const [name, request] of cases) {
    const runs: Run[] = [];
    for (let i = 0; i < SCALING_REPEATS; i++) runs.push(await packAndCheck(pack, request));
    const first = runs[0]!;
    const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
    const failures = runs.filter((r) => r.violations.length > 0).length; // failing runs
    for (const r of runs) for (const v of r.violations.slice(0, 5)) console.log(`    ${name}: ${v}`);
    rows.push({
      name,
      boxes: first.result?.boxes.length ?? Number.NaN,
      simpleBound: simpleBound(request),
      lowerBound: first.result?.lowerBound ?? Number.NaN,
      certified: first.result?.certified ?? false,
      medianMs: ms[Math.floor(ms.length / 2)]!,
      maxMs: ms[ms.length - 1]!,
      failures,
    });
  }
  return rows;
}

/** max(⌈Σ unit volume / largest inner volume⌉, ⌈Σ unit weight / largest payload⌉), computed here. */
function simpleBound(request: PackRequest): number {
  const volume = request.items.reduce((s, i) => s + i.quantity * i.width * i.length * i.height, 0);
  const weight = request.items.reduce((s, i) => s + i.quantity * i.weight, 0);
  const maxVolume = Math.max(...request.boxes.map(innerVolume));
  const maxPayload = Math.max(...request.boxes.map((b) => b.maxWeight - b.emptyWeight));
  return Math.max(Math.ceil(volume / maxVolume), Math.ceil(weight / maxPayload));
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  const cpus = os.cpus();
  console.log(`Packer bench — BoxPacker e-commerce set — ${new Date().toISOString()}`);
  console.log(`machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${os.platform()} ${os.arch()}, node ${process.version}; load before the run ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
  console.log(`packer: ${opts.packer === DEFAULT_PACKER ? 'src/cartonization/index.ts' : opts.packer} (pack(request), default objective and budget)`);

  let pack: Pack;
  try {
    ({ pack } = (await import(opts.packer)) as PackerModule);
  } catch (err) {
    throw new BenchError(`cannot load the packer (${opts.packer}): ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  if (typeof pack !== 'function') throw new BenchError(`the packer module (${opts.packer}) exports no function 'pack'`);
  const dataset = loadDataset();
  const full = opts.orders === undefined || opts.orders >= dataset.orders.length;
  const orders = full ? dataset.orders : dataset.orders.slice(0, opts.orders);
  const unmatched = dataset.orders.filter((o) => o.flat.matches !== 1 || o.free.matches !== 1).length;
  console.log(`dataset: ${fmt(dataset.orders.length)} orders, ${dataset.boxes.map((b) => `${b.ref} ${b.innerWidth}×${b.innerLength}×${b.innerHeight}`).join(', ')} (inner mm; box mix below in this order)`);
  console.log(`BoxPacker's multiset recovered uniquely for ${fmt(dataset.orders.length - unmatched)} / ${fmt(dataset.orders.length)} orders in both modes`);
  if (!full) console.log(`subset: the first ${fmt(orders.length)} orders (targets judged against BoxPacker on the same orders)`);

  const summaries: ModeSummary[] = [];
  for (const mode of opts.modes) summaries.push(await runMode(pack, dataset, orders, mode, full));

  console.log(`\n== scaling (seed ${SCALING_SEED}; 7 invented boxes XS 150×100×100 … JUMBO 450×300×300 mm, in the spirit of BoxPacker issue #182; free rotation; edges 20–200 mm, 0.05–0.40 g/cm³; time = median of ${SCALING_REPEATS} runs)`);
  const rows = await scaling(pack);
  table(['order', 'boxes', 'volume/weight bound', 'packer lowerBound', 'certified', 'median ms', 'max ms', 'checker'], rows.map((r) => [
    r.name, String(r.boxes), String(r.simpleBound), String(r.lowerBound), r.certified ? 'yes' : 'no', r.medianMs.toFixed(1), r.maxMs.toFixed(1), r.failures === 0 ? 'ok' : `${r.failures} of ${SCALING_REPEATS} runs failed`,
  ]));

  console.log('\n== targets');
  const targets: [string, boolean][] = [];
  for (const s of summaries) {
    const spec = MODES[s.mode];
    if (s.full) {
      targets.push([`${spec.title}: boxes ${fmt(s.boxes)} < ${fmt(spec.boxPackerBoxes)}`, s.boxes < spec.boxPackerBoxes]);
      targets.push([`${spec.title}: inner volume ${fmt(s.volume / M3, 3)} m³ ≤ ${fmt(spec.maxVolume, 2)} m³`, s.volume / M3 <= spec.maxVolume]);
    } else {
      const limit = (spec.volumeFactor * s.bpVolume) / M3;
      // On a subset BoxPacker is often optimal already, so "not more boxes" is the fair reading.
      targets.push([`${spec.title} (subset): boxes ${fmt(s.boxes)} ≤ BoxPacker's ${fmt(s.bpBoxes)}`, s.boxes <= s.bpBoxes]);
      targets.push([`${spec.title} (subset): inner volume ${fmt(s.volume / M3, 3)} m³ ≤ ${spec.volumeFactor} × BoxPacker's = ${fmt(limit, 3)} m³`, s.volume / M3 <= limit]);
    }
    targets.push([`${spec.title}: p99 per order ${s.p99.toFixed(3)} ms ≤ ${TARGET_P99_MS} ms`, s.p99 <= TARGET_P99_MS]);
  }
  const failures = summaries.reduce((s, m) => s + m.failures, 0) + rows.reduce((s, r) => s + r.failures, 0);
  targets.push([`checker failures: ${failures} (orders + scaling runs) = 0`, failures === 0]);
  const row = (name: string) => rows.find((r) => r.name === name)!;
  targets.push([`100 distinct: ${row('100 distinct').medianMs.toFixed(1)} ms ≤ ${TARGET_100_MS} ms`, row('100 distinct').medianMs <= TARGET_100_MS]);
  targets.push([`400 distinct: ${row('400 distinct').medianMs.toFixed(1)} ms ≤ ${TARGET_400_MS} ms`, row('400 distinct').medianMs <= TARGET_400_MS]);
  for (const [name, ok] of targets) console.log(`  ${ok ? 'PASS' : 'MISS'}  ${name}`);
  if (targets.some(([name, ok]) => !ok && name.includes('inner volume'))) {
    console.log('  (how far any packer could go on volume, with proofs: npm run bench:packer:bounds; README, "Automatic box selection")');
  }
  writeJson(opts.json, {
    bench: 'packer',
    variant: full ? `all ${fmt(dataset.orders.length)} orders` : `first ${fmt(orders.length)} orders`,
    options: { orders: orders.length, modes: opts.modes },
    figures: [
      ...summaries.flatMap((s): Figure[] => [
        { label: `${MODES[s.mode].title}: boxes (baseline: BoxPacker)`, unit: 'boxes', value: s.boxes, baseline: s.bpBoxes, higherIsBetter: false },
        { label: `${MODES[s.mode].title}: inner volume used (baseline: BoxPacker)`, unit: 'm³', value: s.volume / M3, baseline: s.bpVolume / M3, higherIsBetter: false },
        { label: `${MODES[s.mode].title}: p99 time per order`, unit: 'ms', value: s.p99, higherIsBetter: false },
      ]),
      ...rows.map((r): Figure => ({ label: `scaling, ${r.name}: median time`, unit: 'ms', value: r.medianMs, higherIsBetter: false })),
    ],
    notes: targets.map(([name, ok]) => `${name} ${ok ? 'PASS' : 'MISS'}`),
  });

  if (failures > 0) {
    console.log(`\nBROKEN PACKER: ${failures} checker failures (exit 1)`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`\nBENCH FAILED: ${err instanceof BenchError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 2;
  },
);
