/**
 * An exact answer to "does this content fit these boxes?" for small contents, from a mixed-integer
 * model solved by HiGHS (the `highs` package, MIT): per unit a box, a position and one orientation
 * its rotation rule allows; for every pair of units one of the six "apart along an axis" relations
 * (the big-M model of Chen, Lee & Shen 1995). The boxes stand in a row along x, 1 mm apart, so
 * units in different boxes are apart along x by construction.
 *
 * Bench-side only (bench/packer-bounds.ts): it proves a cheaper set of boxes impossible
 * (infeasible twice: as solved, then again without presolve and with another seed) or finds a
 * packing the engine missed (feasible; rounded and checked by the
 * independent checker before it is believed). One answer takes milliseconds to minutes, so it has
 * no place on the request path.
 */
import * as highsModule from 'highs';
import type { Highs } from 'highs';
import type { Problem } from '../src/cartonization/normalise.js';
import { orientations } from '../src/cartonization/orientations.js';

export interface ExactPlacement { box: number; type: number; x: number; y: number; z: number; dx: number; dy: number; dz: number }
export type Exact = { fits: true; placements: ExactPlacement[] } | { fits: false } | { fits: 'unknown'; status: string };

// The package's types describe its CommonJS build; under ESM its default export is the loader.
type Loader = () => Promise<Highs>;
const loadHighs = (highsModule as unknown as { default: Loader }).default;
let solver: Highs | undefined;

/** `counts` units per type of `p` into the boxes `multiset` (box type ids, one per box); `seconds` caps the solve. */
export async function exactFits(p: Problem, multiset: readonly number[], counts: Int32Array, seconds = 60): Promise<Exact> {
  solver ??= await loadHighs();
  const boxes = multiset.map((id) => p.boxes[id]!);
  const off: number[] = [];
  let X = 0;
  for (const b of boxes) {
    off.push(X);
    X += b.W + 1;
  }
  const L = Math.max(...boxes.map((b) => b.L)), H = Math.max(...boxes.map((b) => b.H));
  const units: { type: number; dims: number[]; boxes: number[] }[] = [];
  for (let t = 0; t < counts.length; t++) {
    const ty = p.types[t]!;
    const inBoxes = multiset.map((id, k) => (ty.fit[id]!.length > 0 ? k : -1)).filter((k) => k >= 0);
    if (counts[t]! > 0 && inBoxes.length === 0) return { fits: false };
    const dims = orientations(ty.w, ty.l, ty.h, ty.rule);
    for (let i = 0; i < counts[t]!; i++) units.push({ type: t, dims, boxes: inBoxes });
  }
  const n = units.length;
  const ax = ['x', 'y', 'z'];
  const M = [X, L, H];
  const ext = (i: number, a: number): string => {
    const d = units[i]!.dims;
    const terms: string[] = [];
    for (let o = 0; o < d.length / 3; o++) terms.push(`${d[3 * o + a]} r${i}_${o}`);
    return terms.join(' + ');
  };
  const rows: string[] = [];
  const bins: string[] = [];
  const bounds: string[] = [];
  for (let i = 0; i < n; i++) {
    const u = units[i]!;
    const rs: string[] = [];
    for (let o = 0; o < u.dims.length / 3; o++) {
      rs.push(`r${i}_${o}`);
      bins.push(`r${i}_${o}`);
    }
    rows.push(`o${i}: ${rs.join(' + ')} = 1`);
    const as = u.boxes.map((k) => `a${i}_${k}`);
    bins.push(...as);
    rows.push(`b${i}: ${as.join(' + ')} = 1`);
    rows.push(`lo${i}: x${i} ${u.boxes.map((k) => `- ${off[k]} a${i}_${k}`).join(' ')} >= 0`);
    rows.push(`hx${i}: x${i} + ${ext(i, 0)} ${u.boxes.map((k) => `- ${off[k]! + boxes[k]!.W} a${i}_${k}`).join(' ')} <= 0`);
    rows.push(`hy${i}: y${i} + ${ext(i, 1)} ${u.boxes.map((k) => `- ${boxes[k]!.L} a${i}_${k}`).join(' ')} <= 0`);
    rows.push(`hz${i}: z${i} + ${ext(i, 2)} ${u.boxes.map((k) => `- ${boxes[k]!.H} a${i}_${k}`).join(' ')} <= 0`);
    for (let a = 0; a < 3; a++) bounds.push(`0 <= ${ax[a]}${i} <= ${M[a]}`);
  }
  boxes.forEach((b, k) => {
    const terms = units.map((u, i) => (u.boxes.includes(k) && p.types[u.type]!.weight > 0 ? `${p.types[u.type]!.weight} a${i}_${k}` : '')).filter(Boolean);
    if (terms.length > 0) rows.push(`w${k}: ${terms.join(' + ')} <= ${b.payload}`);
  });
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const rel: string[] = [];
      for (let a = 0; a < 3; a++) {
        for (const [u, v] of [[i, j], [j, i]] as const) {
          const s = `s${ax[a]}${u}_${v}`;
          rel.push(s);
          bins.push(s);
          rows.push(`p${ax[a]}${u}_${v}: ${ax[a]}${u} + ${ext(u, a)} - ${ax[a]}${v} + ${M[a]} ${s} <= ${M[a]}`);
        }
      }
      rows.push(`d${i}_${j}: ${rel.join(' + ')} >= 1`);
    }
  }
  // Identical units may be relabelled, so they can be taken in order of x + y + z (a valid cut).
  for (let i = 0; i + 1 < n; i++) if (units[i]!.type === units[i + 1]!.type) rows.push(`sym${i}: x${i} + y${i} + z${i} - x${i + 1} - y${i + 1} - z${i + 1} <= 0`);
  const lp = `Minimize\n obj: 0 x0\nSubject To\n ${rows.join('\n ')}\nBounds\n ${bounds.join('\n ')}\nBinary\n ${bins.join(' ')}\nEnd\n`;
  const res = solver.solve(lp, { output_flag: false, time_limit: seconds } as never);
  if (res.Status === 'Infeasible') {
    // A proof rests on this answer: it must hold again without presolve and with another seed.
    const again = solver.solve(lp, { output_flag: false, time_limit: seconds, presolve: 'off', random_seed: 7 } as never);
    return again.Status === 'Infeasible' ? { fits: false } : { fits: 'unknown', status: `infeasible, then ${again.Status} without presolve` };
  }
  if (res.Status !== 'Optimal') return { fits: 'unknown', status: res.Status };
  const col = (name: string): number => (res.Columns as Record<string, { Primal: number }>)[name]?.Primal ?? 0;
  const placements = units.map((u, i) => {
    let o = 0, k = u.boxes[0]!;
    for (let q = 0; q < u.dims.length / 3; q++) if (col(`r${i}_${q}`) > 0.5) o = q;
    for (const q of u.boxes) if (col(`a${i}_${q}`) > 0.5) k = q;
    return {
      box: k, type: u.type,
      x: Math.round(col(`x${i}`)) - off[k]!, y: Math.round(col(`y${i}`)), z: Math.round(col(`z${i}`)),
      dx: u.dims[3 * o]!, dy: u.dims[3 * o + 1]!, dz: u.dims[3 * o + 2]!,
    };
  });
  return { fits: true, placements };
}
