import { passesClique } from './clique.js';
import { dffVector, DFF_TESTS } from './dff.js';
import { MAX_PLANES, planeShare } from './planes.js';
import type { Problem } from './normalise.js';

/** Resources per box: volume, payload, stack along x, y, z, the plane shares (3 axes × k), then the DFF tests that can bind. */
const BASE = 5 + 3 * MAX_PLANES;
const EPS = 1e-9;

/** Search nodes per test; past this (or past the caller's allowance) the test gives up and answers "may fit". */
export const ASSIGN_NODES = 2_000;
/** Search nodes for all the tests of one `pack` call. */
export const ASSIGN_NODES_PER_CALL = 5_000;

/**
 * One unit of type `t` in one box of type `b`, as fractions of that box's budgets (volume, payload,
 * the stacking heights of bounds.ts, the plane shares of planes.ts, then the given DFF tests), or
 * null when it does not fit.
 */
function consumption(p: Problem, t: number, b: number, tests: readonly number[]): Float64Array | null {
  const ty = p.types[t]!, box = p.boxes[b]!;
  if (ty.fit[b]!.length === 0) return null;
  if (ty.weight > box.payload) return null;
  const base = (ty.budgets[b] ??= baseConsumption(p, t, b));
  const c = new Float64Array(BASE + tests.length);
  c.set(base);
  const v = dffVector(p, t, b);
  tests.forEach((test, i) => (c[BASE + i] = v[test]!));
  return c;
}

function baseConsumption(p: Problem, t: number, b: number): Float64Array {
  const ty = p.types[t]!, box = p.boxes[b]!;
  const c = new Float64Array(BASE);
  c[0] = ty.volume / box.volume;
  c[1] = box.payload > 0 ? ty.weight / box.payload : 0;
  const size = [box.W, box.L, box.H];
  for (let a = 0; a < 3; a++) c[2 + a] = ty.stack[b]![a]! / size[a]!;
  for (let a = 0; a < 3; a++) for (let k = 1; k <= MAX_PLANES; k++) c[5 + a * MAX_PLANES + k - 1] = planeShare(p, t, b, a, k);
  return c;
}

/**
 * The DFF tests (dff.ts) that could fail in some box of the multiset: those where all the units,
 * each at its largest value over those boxes, sum above 1. The others can never bind.
 */
function bindingTests(p: Problem, boxes: readonly number[], types: readonly number[], counts: Int32Array): number[] {
  const sum = new Float64Array(DFF_TESTS);
  for (const t of types) {
    const vs = boxes.filter((b) => p.types[t]!.fit[b]!.length > 0).map((b) => dffVector(p, t, b));
    const n = counts[t]!;
    for (let c = 0; c < DFF_TESTS; c++) {
      let max = 0;
      for (const v of vs) if (v[c]! > max) max = v[c]!;
      sum[c] = sum[c]! + n * max;
    }
  }
  const out: number[] = [];
  for (let c = 0; c < DFF_TESTS; c++) if (sum[c]! > 1 + EPS) out.push(c);
  return out;
}

/**
 * Necessary test for a multiset of boxes (PACKER.md §7, the exact form of the relaxation in
 * bounds.ts): is there a way to share the units out among the boxes so that every box passes the
 * single-box tests of bounds.ts — volume, payload, stacking heights, plane shares and the
 * dual-feasible-function tests of dff.ts as running sums, the clique test on each complete
 * assignment? Each is a necessary condition for one box, so when no assignment passes them all the
 * multiset cannot hold the content. A depth-first search over types (most constrained first), with
 * the per-box budgets as running sums, an aggregate bound on what the remaining types need, and
 * symmetry breaking between boxes of one type with the same content so far.
 *
 * Returns false only when the search proved no assignment exists; when it runs out of nodes it
 * answers true ("may fit"), so it can prune and certify but never wrongly rejects.
 */
export function assignable(
  p: Problem,
  multiset: readonly number[],
  counts: Int32Array,
  allowance: { nodes: number } = { nodes: Infinity },
  maxNodes = ASSIGN_NODES,
): boolean {
  if (allowance.nodes <= 0) return true;
  const boxes = multiset.slice().sort((a, b) => a - b);
  const m = boxes.length;
  const types: number[] = [];
  for (let t = 0; t < counts.length; t++) if (counts[t]! > 0) types.push(t);
  const distinct = [...new Set(boxes)];
  const tests = bindingTests(p, distinct, types, counts);
  const R = BASE + tests.length;
  const byBox = new Map<number, (Float64Array | null)[]>();
  for (const b of distinct) byBox.set(b, types.map((t) => consumption(p, t, b, tests)));
  // cons[d][i]: type types[d] in box i.
  const cons = types.map((_, d) => boxes.map((b) => byBox.get(b)![d]!));
  const fitsIn = cons.map((row) => row.filter((c) => c !== null).length);
  if (fitsIn.some((n) => n === 0)) return false;
  // Most constrained first: fewest boxes that take it, then largest volume share.
  const order = types.map((_, d) => d).sort((a, b) => fitsIn[a]! - fitsIn[b]! || maxShare(cons[b]!) - maxShare(cons[a]!) || a - b);
  const n = order.map((d) => counts[types[d]!]!);
  const rows = order.map((d) => cons[d]!);
  // need[d][j]: what types d.. need of resource j at least, whichever boxes they go to.
  const need = new Float64Array((order.length + 1) * R);
  for (let d = order.length - 1; d >= 0; d--) {
    for (let j = 0; j < R; j++) {
      let min = Infinity;
      for (const c of rows[d]!) if (c && c[j]! < min) min = c[j]!;
      need[d * R + j] = need[(d + 1) * R + j]! + n[d]! * min;
    }
  }
  const rem = new Float64Array(m * R).fill(1);
  const assigned = Array.from({ length: m }, () => new Int32Array(counts.length));
  let cls = boxes.slice(); // boxes with equal class: same type, same content so far (interchangeable)
  let nodes = 0;
  let gaveUp = false;

  const leafOk = (): boolean => {
    for (let i = 0; i < m; i++) if (!passesClique(p, boxes[i]!, assigned[i]!)) return false;
    return true;
  };

  const place = (d: number): boolean => {
    if (d === order.length) return leafOk();
    for (let j = 0; j < R; j++) {
      let room = 0;
      for (let i = 0; i < m; i++) room += rem[i * R + j]!;
      if (room + EPS < need[d * R + j]!) return false;
    }
    const t = types[order[d]!]!;
    const row = rows[d]!;
    // What each box could take of this type alone, and what boxes i.. could take together.
    const cap = new Int32Array(m);
    const capFrom = new Int32Array(m + 1);
    for (let i = m - 1; i >= 0; i--) {
      const c = row[i];
      let max = 0;
      if (c) {
        max = n[d]!;
        for (let j = 0; j < R && max > 0; j++) if (c[j]! > 0) max = Math.min(max, Math.floor((rem[i * R + j]! + EPS) / c[j]!));
      }
      cap[i] = max;
      capFrom[i] = capFrom[i + 1]! + max;
    }
    const take = new Int32Array(m);
    const prevCls = cls;
    const spread = (i: number, left: number): boolean => {
      if (--allowance.nodes < 0 || ++nodes > maxNodes) {
        gaveUp = true;
        return true;
      }
      if (capFrom[i]! < left) return false;
      if (i === m) {
        const next = boxes.map((_, k) => k);
        for (let k = 1; k < m; k++) if (prevCls[k] === prevCls[k - 1] && take[k] === take[k - 1]) next[k] = next[k - 1]!;
        cls = next;
        const ok = place(d + 1);
        cls = prevCls;
        return ok;
      }
      const c = row[i];
      let max = Math.min(cap[i]!, left);
      if (i > 0 && prevCls[i] === prevCls[i - 1]) max = Math.min(max, take[i - 1]!);
      // Units the later boxes cannot take must go here.
      const min = Math.max(0, left - capFrom[i + 1]!);
      for (let q = max; q >= min; q--) {
        take[i] = q;
        if (q > 0 && c) {
          for (let j = 0; j < R; j++) rem[i * R + j] = rem[i * R + j]! - q * c[j]!;
          assigned[i]![t] = q;
        }
        const ok = spread(i + 1, left - q);
        if (q > 0 && c) {
          for (let j = 0; j < R; j++) rem[i * R + j] = rem[i * R + j]! + q * c[j]!;
          assigned[i]![t] = 0;
        }
        if (ok || gaveUp) return true;
      }
      return false;
    };
    return spread(0, n[d]!);
  };

  return place(0) || gaveUp;
}

function maxShare(row: (Float64Array | null)[]): number {
  let s = 0;
  for (const c of row) if (c) s = Math.max(s, c[0]!);
  return s;
}
