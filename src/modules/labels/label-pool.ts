/**
 * Render workers. pdfkit, Skia and the ZPL writer are synchronous CPU work (≈ 2 ms a PDF label);
 * on the event loop a 50-package consignment would stall every other request for 100 ms. Jobs go
 * to a small piscina pool instead: piscina (v5 supports Node 20) queues, replaces crashed workers
 * and unrefs idle ones so they never hold the process open — about what a hand-written pool on
 * node:worker_threads would need, already tested.
 *
 * The worker runs compiled JS from dist/ under `npm start`; under vitest/tsx this file is
 * TypeScript, so the worker gets the .ts entry and tsx's loader.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { RenderJob } from './render-labels.js';

export interface LabelRenderer {
  render(job: RenderJob): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** The worker entry beside this module, in this module's own language, and how to load it. */
export function workerEntry(moduleUrl: string = import.meta.url): { filename: string; execArgv: string[] } {
  const typescript = fileURLToPath(moduleUrl).endsWith('.ts');
  if (!typescript) return { filename: new URL('./render-worker.js', moduleUrl).href, execArgv: [] };
  const tsx = pathToFileURL(createRequire(moduleUrl).resolve('tsx')).href;
  return { filename: new URL('./render-worker.ts', moduleUrl).href, execArgv: ['--import', tsx] };
}

/** Two workers on small machines; more where there are cores to spare for them. */
export const defaultWorkerCount = (): number => Math.max(2, Math.min(4, availableParallelism() - 1));

export function labelPool(options: { threads?: number } = {}): LabelRenderer {
  const threads = options.threads ?? defaultWorkerCount();
  const { filename, execArgv } = workerEntry();
  const pool = new Piscina({ filename, execArgv, minThreads: 1, maxThreads: threads, idleTimeout: 30_000 });
  return {
    render: (job) => pool.run(job) as Promise<Uint8Array>,
    close: () => pool.close(),
  };
}

let shared: LabelRenderer | undefined;

/** The process's pool, started on the first label request. */
export function sharedLabelPool(): LabelRenderer {
  shared ??= labelPool();
  return shared;
}
