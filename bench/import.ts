/**
 * Bulk import throughput, end to end:
 *
 *   npm run bench:import [-- --rows 10000 --concurrency 8]
 *
 * Starts the real service (`node dist/main.js`, SQLite in a temp dir), writes a generated file of
 * valid orders (1–3 rows each), runs `packline import orders` on it as a user would, then runs it
 * again (every order replayed from its Idempotency-Key, nothing created). Prints rows/s for both
 * and the service's CPU per order, which moves less than wall time when the box is busy.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stat } from 'node:fs/promises';
import { writeGeneratedOrders } from '../test/order-csv.js';
import { cpuSeconds, makeTempDir, positive, printHeader, ROOT, runMain, startService } from './lib.js';

const API_KEY = 'bench_0123456789abcdef0123456789abcdef';
const run = promisify(execFile);

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : positive(name, process.argv[i + 1]);
}

runMain(async () => {
  const rows = option('rows', 10_000);
  const concurrency = option('concurrency', 8);
  printHeader(`packline import orders: ${rows.toLocaleString('en-GB')} rows, ${concurrency} in flight`);
  const dir = makeTempDir('packline-bench-import-');
  const file = join(dir, 'orders.csv');
  const orders = await writeGeneratedOrders(file, rows, 'BENCH');
  console.log(`file: ${(await stat(file)).size.toLocaleString('en-GB')} bytes, ${orders.toLocaleString('en-GB')} orders`);
  const service = await startService('service', join(dir, 'packline.db'), API_KEY);
  try {
    for (const pass of ['first run (creates)', 'rerun (replays)']) {
      const cpuBefore = cpuSeconds(service.child.pid);
      const started = performance.now();
      const { stdout } = await run(process.execPath, [join(ROOT, 'bin/packline.js'), 'import', 'orders', file, '--url', service.url, '--key', API_KEY,
        '--concurrency', String(concurrency)], { maxBuffer: 16 << 20 });
      const seconds = (performance.now() - started) / 1000;
      const cpu = cpuBefore === undefined ? undefined : cpuSeconds(service.child.pid)! - cpuBefore;
      const created = /orders created: (\d+)/.exec(stdout)?.[1];
      const replayed = /already imported[^:]*: (\d+)/.exec(stdout)?.[1];
      console.log(`${pass}: ${seconds.toFixed(1)} s wall (process start included) · ${Math.round(rows / seconds)} rows/s · ${Math.round(orders / seconds)} orders/s`
        + ` · created ${created}, replayed ${replayed}${cpu === undefined ? '' : ` · service CPU ${((cpu * 1000) / orders).toFixed(2)} ms/order`}`);
    }
  } finally {
    await service.stop();
  }
  return 0;
});
