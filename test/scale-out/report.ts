/** The figures of one scale-out run, as lines to print: per kind of request, statuses, latency and 409s. */
import type { Answer, LoadResult } from './load.js';
import type { Instance } from './services.js';

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const counts = (values: readonly string[]) => {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}×${n}`).join(' ');
};

export function report(load: LoadResult, instances: readonly Instance[], run: { seed: number; clients: number; opsPerClient: number }): string[] {
  const lines = [
    `scale-out run: seed ${run.seed}, ${run.clients} clients × ${run.opsPerClient} requests over ${instances.length} instances, ` +
      `${load.answers.length} requests in ${(load.elapsedMs / 1000).toFixed(1)} s (${Math.round(load.answers.length / (load.elapsedMs / 1000))} req/s); ` +
      `per instance: ${instances.map((i) => `${i.name} ${load.answers.filter((a) => a.instance === i.name).length}`).join(', ')}`,
    `packs answered 201: ${load.packs.length} (${load.packs.filter((p) => p.returnReference).length} with a return twin), consignments created: ${load.consignments.length}`,
    'kind                 n     statuses                         p50 ms  p99 ms  max ms   409s  bulk items',
  ];
  const byKind = new Map<string, Answer[]>();
  for (const a of load.answers) byKind.set(a.kind, [...(byKind.get(a.kind) ?? []), a]);
  const row = (kind: string, answers: Answer[]) => {
    const ms = answers.map((a) => a.ms).sort((x, y) => x - y);
    const statuses = counts(answers.map((a) => (a.code ? `${a.status} ${a.code}` : String(a.status))));
    const conflicts = answers.filter((a) => a.status === 409).length + answers.flatMap((a) => a.items ?? []).filter((i) => i === '409').length;
    const items = counts(answers.flatMap((a) => a.items ?? []));
    return `${kind.padEnd(18)} ${String(answers.length).padStart(4)}  ${statuses.padEnd(32)} ${percentile(ms, 50).toFixed(0).padStart(6)} ${percentile(ms, 99).toFixed(0).padStart(7)} ${(ms.at(-1) ?? 0).toFixed(0).padStart(7)} ${String(conflicts).padStart(6)}  ${items}`;
  };
  for (const [kind, answers] of [...byKind].sort()) lines.push(row(kind, answers));
  lines.push(row('all', load.answers));
  return lines;
}
