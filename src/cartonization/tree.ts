import type { Context } from './context.js';
import type { BoxPacking } from './pack-box.js';
import { SpacePool } from './spaces.js';

/** Contents with more units than this are left to the constructions: the tree grows too fast. */
export const TREE_MAX_UNITS = 14;
/** Search nodes per (box, content); one construction of the budget is charged per NODES_PER_CONSTRUCTION. */
export const TREE_NODES = 20_000;
const NODES_PER_CONSTRUCTION = 50;

/**
 * Depth-first search over single-unit placements for a small content that the constructions
 * could not fit although the necessary tests allow it. At each node it takes the free space with
 * the lowest corner (z, then y, then x) in which some unit still fits and branches on every type
 * and orientation placed at that corner, and on leaving that corner empty. Units may rest on one
 * unit and overhang another, in any order, which the greedy rules miss: two sheets and two blocks in
 * a 40 mm tray, one block on the first sheet, the other beside it under the second sheet.
 * Budgeted (nodes, and the call's budget); null when nothing was found in time.
 */
export function treeSearch(ctx: Context, boxId: number, counts: Int32Array): BoxPacking | null {
  const p = ctx.p;
  const box = p.boxes[boxId]!;
  const types: number[] = [];
  let units = 0;
  for (let t = 0; t < counts.length; t++) {
    if (counts[t]! === 0) continue;
    if (p.types[t]!.fit[boxId]!.length === 0) return null;
    types.push(t);
    units += counts[t]!;
  }
  if (units === 0 || units > TREE_MAX_UNITS) return null;
  types.sort((a, b) => p.types[b]!.volume - p.types[a]!.volume || a - b);
  const rem = Int32Array.from(counts);
  const blocks: number[] = [];
  const pools: SpacePool[] = [];
  let nodes = 0;
  let stop = false;
  let weightLeft = box.payload;

  const minEdge = (): number => {
    let m = 1 << 30;
    for (const t of types) if (rem[t]! > 0) m = Math.min(m, p.types[t]!.minEdge);
    return m;
  };

  const poolAt = (depth: number, from: SpacePool): SpacePool => {
    let q = pools[depth];
    if (!q) pools[depth] = q = new SpacePool();
    if (q.d.length < from.d.length) q.d = new Int32Array(from.d.length);
    q.d.set(from.d.subarray(0, 6 * from.n));
    q.n = from.n;
    return q;
  };

  const fitsIn = (t: number, d: Int32Array, o: number): boolean => {
    const f = p.types[t]!.fit[boxId]!;
    const sx = d[o + 3]! - d[o]!, sy = d[o + 4]! - d[o + 1]!, sz = d[o + 5]! - d[o + 2]!;
    for (let i = 0; i < f.length; i += 3) if (f[i]! <= sx && f[i + 1]! <= sy && f[i + 2]! <= sz) return true;
    return false;
  };

  const dfs = (depth: number, pool: SpacePool, left: number): boolean => {
    if (left === 0) return true;
    if (++nodes > TREE_NODES) stop = true;
    if (nodes % NODES_PER_CONSTRUCTION === 0 && !ctx.budget.spend()) stop = true;
    if (stop) return false;
    // Drop spaces no remaining unit fits; every remaining type needs some space; pick the lowest.
    const d = pool.d;
    let best = -1;
    for (let s = 0; s < pool.n; ) {
      const o = 6 * s;
      let any = false;
      for (const t of types) if (rem[t]! > 0 && p.types[t]!.weight <= weightLeft && fitsIn(t, d, o)) any = true;
      if (!any) {
        pool.remove(s);
        continue;
      }
      if (best < 0) best = s;
      else {
        const b = 6 * best;
        if (d[o + 2]! < d[b + 2]! || (d[o + 2] === d[b + 2] && (d[o + 1]! < d[b + 1]! || (d[o + 1] === d[b + 1] && d[o]! < d[b]!)))) best = s;
      }
      s++;
    }
    if (best < 0) return false;
    for (const t of types) {
      if (rem[t]! === 0) continue;
      let somewhere = false;
      for (let s = 0; s < pool.n && !somewhere; s++) somewhere = fitsIn(t, d, 6 * s);
      if (!somewhere || p.types[t]!.weight > weightLeft) return false;
    }
    const o = 6 * best;
    const x = d[o]!, y = d[o + 1]!, z = d[o + 2]!;
    const sx = d[o + 3]! - x, sy = d[o + 4]! - y, sz = d[o + 5]! - z;
    for (const t of types) {
      if (rem[t]! === 0) continue;
      const ty = p.types[t]!;
      if (ty.weight > weightLeft) continue;
      const f = ty.fit[boxId]!;
      for (let i = 0; i < f.length; i += 3) {
        const dx = f[i]!, dy = f[i + 1]!, dz = f[i + 2]!;
        if (dx > sx || dy > sy || dz > sz) continue;
        rem[t]!--;
        weightLeft -= ty.weight;
        blocks.push(t, x, y, z, dx, dy, dz, 1, 1, 1);
        const next = poolAt(depth + 1, pool);
        next.carve(x, y, z, x + dx, y + dy, z + dz, minEdge());
        if (dfs(depth + 1, next, left - 1)) return true;
        blocks.length -= 10;
        weightLeft += ty.weight;
        rem[t]!++;
        if (stop) return false;
      }
    }
    // Or leave that corner empty.
    const next = poolAt(depth + 1, pool);
    next.remove(best);
    return dfs(depth + 1, next, left);
  };

  const root = new SpacePool();
  root.reset(box.W, box.L, box.H);
  if (!dfs(0, root, units)) return null;
  const out: BoxPacking = { box: boxId, blocks, counts: Int32Array.from(counts), units, weight: 0, volume: 0 };
  for (const t of types) {
    out.weight += counts[t]! * p.types[t]!.weight;
    out.volume += counts[t]! * p.types[t]!.volume;
  }
  return out;
}
