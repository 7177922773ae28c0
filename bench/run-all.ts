/**
 * Every benchmark, one after the other, and bench/RESULTS.md from their figures:
 *
 *   npm run bench                 # the full run (6–8 minutes on 2 cores; more when the box is busy)
 *   npm run bench -- --quick      # short runs and small sizes, a few minutes, to see that it all works
 *
 * Runs bench:orders and bench:pack on SQLite and on PostgreSQL (a fresh schema each, see bench/pg.ts),
 * bench:labels and bench:packer, each as a child with `--json <file>`; their own output goes to the
 * terminal as usual. RESULTS.md gets each figure with its same-run baseline and the ratio, the
 * targets each bench judged, the date, the machine and the load average before and after.
 * Exit code: non-zero if any bench broke (a missed target is not a break).
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { type BenchJson, ROOT, makeTempDir } from './lib.js';

interface Step {
  script: string;
  args: string[];
}

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';

const LOAD = quick ? ['--duration', '3', '--warmup', '2'] : [];
const STEPS: Step[] = [
  { script: 'bench/orders.ts', args: [...LOAD, '--database', 'sqlite'] },
  { script: 'bench/orders.ts', args: [...LOAD, '--database', 'postgres'] },
  { script: 'bench/pack.ts', args: [...LOAD, '--database', 'sqlite', ...(quick ? ['--orders', '1000,20000'] : [])] },
  { script: 'bench/pack.ts', args: [...LOAD, '--database', 'postgres', ...(quick ? ['--orders', '1000,20000'] : [])] },
  { script: 'bench/labels.ts', args: quick ? ['--labels', '300'] : [] },
  { script: 'bench/packer.ts', args: quick ? ['--orders', '500'] : [] },
];

function run(step: Step, json: string): Promise<number> {
  return new Promise((resolve) => {
    const args = ['--import', 'tsx', join(ROOT, step.script), ...step.args, '--json', json];
    console.log(`\n━━ node ${args.slice(2).join(' ')}`);
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const num = (n: number | undefined, unit: string) => {
  if (n === undefined || Number.isNaN(n)) return '–';
  const digits = unit === 'req/s' || unit === 'labels/s' || unit === 'boxes' ? 0 : unit === 'm³' ? 2 : n < 10 ? 3 : 1;
  return `${n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${unit}`;
};

function section(result: BenchJson, seconds: number, command: string): string {
  const title = `${result.bench}${result.variant ? ` — ${result.variant}` : ''}`;
  const lines = [
    `### ${title}`,
    '',
    `\`${command}\` — ${seconds.toFixed(0)} s; options ${JSON.stringify(result.options)}`,
    '',
    '| figure | Packline | same-run baseline | ratio |',
    '|---|---:|---:|---:|',
  ];
  for (const f of result.figures) {
    const ratio = f.baseline ? (f.value / f.baseline).toFixed(3) : '';
    lines.push(`| ${f.label} | ${num(f.value, f.unit)} | ${f.baseline === undefined ? '' : num(f.baseline, f.unit)} | ${ratio} |`);
  }
  lines.push('', ...result.notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}

function machine(): string[] {
  const cpus = os.cpus();
  return [
    `- CPU: ${cpus[0]?.model.trim() ?? 'unknown'}; \`nproc\` ${os.availableParallelism()}`,
    `- memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB total, ${(os.freemem() / 2 ** 30).toFixed(1)} GiB free at the start`,
    `- Node ${process.version}, ${os.platform()} ${os.release()} ${os.arch()}`,
  ];
}

async function main(): Promise<number> {
  const dir = makeTempDir('packline-bench-all-');
  const started = new Date();
  const loadBefore = os.loadavg();
  const machineLines = machine();
  const sections: string[] = [];
  const broken: string[] = [];
  for (const [i, step] of STEPS.entries()) {
    const json = join(dir, `${i}.json`);
    const t0 = performance.now();
    const code = await run(step, json);
    const seconds = (performance.now() - t0) / 1000;
    const command = `node --import tsx ${step.script} ${step.args.join(' ')}`.trim();
    let result: BenchJson | undefined;
    try {
      result = JSON.parse(readFileSync(json, 'utf8')) as BenchJson;
    } catch {
      result = undefined;
    }
    if (code !== 0 || !result) broken.push(`${command} (exit ${code}${result ? '' : ', no figures'})`);
    if (result) sections.push(section(result, seconds, command));
  }
  const total = (Date.now() - started.getTime()) / 1000;
  const loadAfter = os.loadavg();
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');

  const md = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench${quick ? ' -- --quick' : ''}\` (bench/run-all.ts) on ${started.toISOString()}; ${quick ? 'quick mode (short runs, small sizes: for checking, not for quoting)' : 'full run'}, ${(total / 60).toFixed(1)} min in all.`,
    '',
    '## Machine',
    '',
    ...machineLines,
    `- load average (1/5/15 min) before: ${load(loadBefore)}; after: ${load(loadAfter)}`,
    '',
    'The machine is shared: other work on it moves req/s and latencies between runs. Each ratio compares',
    'Packline with a baseline measured in the same run, one right after the other, so it is steadier',
    'than the absolute figures; server CPU per request is steadier still.',
    '',
    '## How to read',
    '',
    '- **orders / pack**: the real service (`node dist/main.js`) against a bare Fastify server doing the',
    '  same database writes (bench/baseline-server.ts, bench/pack-baseline-server.ts), 32 connections kept',
    '  open, autocannon; ratio = Packline / baseline (for req/s higher is better, for ms lower is better).',
    '  SQLite: a file in WAL mode; PostgreSQL: a fresh schema on the local server, dropped afterwards.',
    '- **labels**: labels per second on one thread; the baseline is the same PDF without its barcode.',
    '- **packer**: BoxPacker\'s 4,288-order e-commerce set; the baseline is BoxPacker\'s own answer.',
    '',
    '## Results',
    '',
    ...sections,
    ...(broken.length ? ['## Broken runs', '', ...broken.map((b) => `- ${b}`), ''] : []),
  ].join('\n');
  writeFileSync(join(ROOT, 'bench/RESULTS.md'), md);
  console.log(`\nbench/RESULTS.md written (${(total / 60).toFixed(1)} min${broken.length ? `; ${broken.length} broken` : ''})`);
  return broken.length ? 1 : 0;
}

main().then((code) => {
  process.exitCode = code;
}, (err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
