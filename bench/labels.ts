/**
 * Label rendering throughput:
 *
 *   npm run bench:labels [-- --labels N --json <file>]
 *
 * Renders N one-package labels (each with its own tracking number and recipient, Latin, Greek and
 * Cyrillic names mixed) and prints labels per second for:
 *  - PDF on this thread, the way a render worker runs it (target ≥ 300/s on one core);
 *  - the same-run baseline: the identical PDF without the barcode, so the barcode's own cost shows
 *    (encoding with bwip-js plus ~30 vector bars);
 *  - layout only (measure and place text, no PDF), the floor under any output format;
 *  - PDF through the worker pool the server uses (its default size, jobs kept in flight);
 *  - ZPL and PNG on this thread.
 * Exit code is non-zero only if rendering breaks, never for a missed target.
 */
import os from 'node:os';
import type { LabelData } from '../src/modules/labels/label-data.js';
import { measureText } from '../src/modules/labels/label-fonts.js';
import { layoutLabel } from '../src/modules/labels/label-layout.js';
import { defaultWorkerCount, labelPool } from '../src/modules/labels/label-pool.js';
import { renderLabels } from '../src/modules/labels/render-labels.js';
import { renderPdf } from '../src/modules/labels/render-pdf.js';

import { type Figure, writeJson } from './lib.js';

const TARGET_PDF_PER_SECOND = 300;
const NAMES = ['Jo Bloggs', 'Αλέξανδρος Παπαδόπουλος', 'Иван Петров', 'Siobhán Ní Bhriain', 'Zoë Müller-Łukasiewicz', 'Ahmed Khan'];

function parseLabels(argv: string[]): number {
  const i = argv.indexOf('--labels');
  const n = i >= 0 ? Number(argv[i + 1]) : 2_000;
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--labels needs a positive whole number (got "${argv[i + 1] ?? ''}")`);
  return n;
}

function label(i: number): LabelData {
  const serial = String(100_000_000 + i).slice(1);
  return {
    carrierName: 'SimPost', serviceName: 'SimPost Tracked 48', trackingNumber: `SP${serial}GB`, parcelNumber: 1 + (i % 3), parcelCount: 3,
    weightKg: 0.25 + (i % 40) / 4,
    sender: { name: 'Demo Shop', company: 'Demo Shop Ltd', lines: ['Unit 4, Riverside Estate'], town: 'Manchester', region: '', postcode: 'M1 1AA', country: 'United Kingdom', countryCode: 'GB' },
    recipient: {
      name: `${NAMES[i % NAMES.length]} ${i}`, company: i % 2 ? 'Acme Trading' : '', lines: [`${1 + (i % 200)} High Street`], town: 'Leeds',
      region: 'West Yorkshire', postcode: `LS${1 + (i % 20)} ${1 + (i % 9)}AA`, country: 'United Kingdom', countryCode: 'GB',
    },
    consignmentReference: `EC-000-${String(i).padStart(3, '0').slice(-3)}-0TT`, customerReference: `ORDER-${i}`,
    parcelReference: `EP-000-${String(i).padStart(3, '0').slice(-3)}-1AB`, parcelCustomerReference: `BOX-${i % 3}`, shippingDate: '2026-12-07',
  };
}

async function timed(name: string, count: number, run: (i: number) => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < Math.min(200, count); i++) await run(i); // warm-up: JIT, font caches
  const start = performance.now();
  for (let i = 0; i < count; i++) await run(count + i);
  const ms = performance.now() - start;
  const perSecond = (count / ms) * 1000;
  console.log(`${name.padEnd(44)} ${perSecond.toFixed(0).padStart(7)} labels/s  ${(ms / count).toFixed(3).padStart(7)} ms/label`);
  return perSecond;
}

async function main(): Promise<void> {
  const count = parseLabels(process.argv.slice(2));
  console.log(`bench:labels — ${count} labels each, node ${process.version}, ${os.availableParallelism()} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);

  const jsonAt = process.argv.indexOf('--json');
  const jsonFile = jsonAt >= 0 ? process.argv[jsonAt + 1] : undefined;
  const pdf = await timed('PDF, this thread', count, (i) => renderLabels({ format: 'PDF', labels: [label(i)], dpi: 203, title: 't' }));
  const bare = await timed('  baseline: same PDF without the barcode', count, (i) => {
    const drawing = layoutLabel(label(i), measureText);
    return renderPdf([{ ...drawing, marks: drawing.marks.filter((m) => m.kind !== 'barcode') }], { title: 't' });
  });
  const layout = await timed('  layout only (no output)', count, (i) => layoutLabel(label(i), measureText));
  const zpl = await timed('ZPL, this thread', count, (i) => renderLabels({ format: 'ZPL', labels: [label(i)], dpi: 203, title: 't' }));
  const png = await timed('PNG 203 dpi, this thread', Math.ceil(count / 4), (i) => renderLabels({ format: 'PNG', labels: [label(i)], dpi: 203, title: 't' }));

  const threads = defaultWorkerCount();
  let pooled = { threads, perSecond: Number.NaN };
  const pool = labelPool({ threads });
  try {
    const inFlight = threads * 4;
    const runPool = async (offset: number, n: number) => {
      let next = 0;
      await Promise.all(Array.from({ length: inFlight }, async () => {
        while (next < n) {
          const i = next++;
          await pool.render({ format: 'PDF', labels: [label(offset + i)], dpi: 203, title: 't' });
        }
      }));
    };
    await runPool(0, threads * 100); // warm every worker
    const start = performance.now();
    await runPool(count, count);
    const ms = performance.now() - start;
    pooled = { threads, perSecond: (count / ms) * 1000 };
    console.log(`${`PDF, worker pool (${threads} threads, ${inFlight} in flight)`.padEnd(44)} ${((count / ms) * 1000).toFixed(0).padStart(7)} labels/s  ${(ms / count).toFixed(3).padStart(7)} ms/label (wall)`);
  } finally {
    await pool.close();
  }

  console.log(`\nbarcode share of a PDF label: ${(((1 / pdf - 1 / bare) / (1 / pdf)) * 100).toFixed(0)} %`);
  console.log(`target ≥ ${TARGET_PDF_PER_SECOND} PDF labels/s on one core: ${pdf >= TARGET_PDF_PER_SECOND ? 'PASS' : 'MISS'} (${pdf.toFixed(0)}/s)`);
  const perSecond = (label: string, value: number, baseline?: number): Figure =>
    ({ label, unit: 'labels/s', value, ...(baseline !== undefined ? { baseline } : {}), higherIsBetter: true });
  writeJson(jsonFile, {
    bench: 'labels',
    variant: '',
    options: { labels: count },
    figures: [
      perSecond('PDF, one thread (baseline: same PDF without the barcode)', pdf, bare),
      perSecond('PDF layout only, no output', layout),
      perSecond('ZPL, one thread', zpl),
      perSecond('PNG 203 dpi, one thread', png),
      perSecond(`PDF, worker pool of ${pooled.threads}`, pooled.perSecond),
    ],
    notes: [`≥ ${TARGET_PDF_PER_SECOND} PDF labels/s on one core: ${pdf.toFixed(0)}/s ${pdf >= TARGET_PDF_PER_SECOND ? 'PASS' : 'MISS'}`],
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
