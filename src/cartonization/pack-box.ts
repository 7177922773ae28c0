import type { Problem } from './normalise.js';
import { blockScore, sizeBlock, spaceScore } from './rules.js';
import { SpacePool } from './spaces.js';

/** One box's content: blocks as flat (type, x, y, z, dx, dy, dz, nx, ny, nz) records, dx.. per unit. */
export interface BoxPacking {
  box: number;
  blocks: number[];
  counts: Int32Array;
  units: number;
  weight: number;
  volume: number;
}

export interface Construction {
  rule: number;
  block: boolean;
  /** Space first (take the best space, put the first type that fits) instead of type first. */
  spaceFirst: boolean;
  /** Space first: of all types, take the largest block that fits the space (else the first type that fits). */
  bestFit?: boolean;
}

// Scratch state shared by all constructions: the engine is synchronous, never re-entered.
const pool = new SpacePool();
const dims = new Int32Array(3);

/**
 * Packs as much of `remaining` as it can into one empty box of type `boxId`, taking types in
 * `order` (ids; types absent from it are not packed). Free space only shrinks, so a type that fits
 * nowhere is dropped for good; cost O(blocks · spaces · orientations).
 */
export function packBox(p: Problem, boxId: number, remaining: Int32Array, order: readonly number[], c: Construction): BoxPacking {
  const box = p.boxes[boxId]!;
  const out: BoxPacking = { box: boxId, blocks: [], counts: new Int32Array(remaining.length), units: 0, weight: 0, volume: 0 };
  const alive = order.filter((t) => remaining[t]! > 0 && p.types[t]!.fit[boxId]!.length > 0);
  let weightLeft = box.payload;
  let minEdge = minEdgeOf(p, alive);
  pool.reset(box.W, box.L, box.H);
  const d = () => pool.d;
  while (alive.length > 0 && pool.n > 0) {
    // Types too heavy for what is left of the payload are dropped.
    let dropped = false;
    for (let i = alive.length - 1; i >= 0; i--) {
      if (p.types[alive[i]!]!.weight > weightLeft) {
        alive.splice(i, 1);
        dropped = true;
      }
    }
    if (dropped) {
      minEdge = minEdgeOf(p, alive);
      pool.prune(minEdge);
      continue;
    }
    let bestT = -1, bestS = -1, bestO = -1, b1 = Infinity, b2 = Infinity, b3 = Infinity;
    let bnx = 0, bny = 0, bnz = 0;
    const consider = (t: number, s: number, fromO: number, fit: Int32Array, primary: (bx: number, by: number, bz: number) => number): void => {
      const ty = p.types[t]!;
      const n0 = out.counts[t]!, left = remaining[t]! - n0;
      const n = ty.weight > 0 ? Math.min(left, Math.floor(weightLeft / ty.weight)) : left;
      const q = 6 * s, dd = d();
      const sx = dd[q + 3]! - dd[q]!, sy = dd[q + 4]! - dd[q + 1]!, sz = dd[q + 5]! - dd[q + 2]!;
      for (let o = fromO; o < fit.length; o += 3) {
        const dx = fit[o]!, dy = fit[o + 1]!, dz = fit[o + 2]!;
        if (dx > sx || dy > sy || dz > sz) continue;
        const u = sizeBlock(sx, sy, sz, dx, dy, dz, n, c.block, dims);
        const bx = dims[0]! * dx, by = dims[1]! * dy, bz = dims[2]! * dz;
        const s1 = primary(bx, by, bz), s2 = -u, s3 = Math.min(sx - bx, sy - by, sz - bz);
        if (s1 < b1 || (s1 === b1 && (s2 < b2 || (s2 === b2 && s3 < b3)))) {
          b1 = s1; b2 = s2; b3 = s3; bestT = t; bestS = s; bestO = o;
          bnx = dims[0]!; bny = dims[1]!; bnz = dims[2]!;
        }
      }
    };
    if (!c.spaceFirst) {
      const t = alive[0]!;
      const fit = p.types[t]!.fit[boxId]!;
      for (let s = 0; s < pool.n; s++) {
        const q = 6 * s, dd = d();
        const x = dd[q]!, y = dd[q + 1]!, z = dd[q + 2]!;
        consider(t, s, 0, fit, (bx, by, bz) => blockScore(c.rule, x, y, z, bx, by, bz, box.W, box.L, box.H));
      }
      if (bestT < 0) {
        alive.shift();
        minEdge = minEdgeOf(p, alive);
        pool.prune(minEdge);
        continue;
      }
    } else {
      let s = -1, best = Infinity;
      const dd = d();
      for (let i = 0; i < pool.n; i++) {
        const q = 6 * i;
        const v = spaceScore(c.rule, dd[q]!, dd[q + 1]!, dd[q + 2]!, dd[q + 3]! - dd[q]!, dd[q + 4]! - dd[q + 1]!, dd[q + 5]! - dd[q + 2]!);
        if (v < best) {
          best = v;
          s = i;
        }
      }
      for (const t of alive) {
        consider(t, s, 0, p.types[t]!.fit[boxId]!, c.bestFit ? (bx, by, bz) => -(bx * by * bz) : () => 0);
        if (bestT >= 0 && !c.bestFit) break;
      }
      if (bestT < 0) {
        pool.remove(s); // nothing left fits this space, and nothing will
        continue;
      }
    }
    const ty = p.types[bestT]!, fit = ty.fit[boxId]!, dd = d(), q = 6 * bestS;
    const dx = fit[bestO]!, dy = fit[bestO + 1]!, dz = fit[bestO + 2]!;
    const x = dd[q]!, y = dd[q + 1]!, z = dd[q + 2]!, u = bnx * bny * bnz;
    out.blocks.push(bestT, x, y, z, dx, dy, dz, bnx, bny, bnz);
    out.counts[bestT]! += u;
    out.units += u;
    out.weight += u * ty.weight;
    out.volume += u * ty.volume;
    weightLeft -= u * ty.weight;
    if (out.counts[bestT] === remaining[bestT]) {
      alive.splice(alive.indexOf(bestT), 1);
      minEdge = minEdgeOf(p, alive);
    }
    pool.carve(x, y, z, x + bnx * dx, y + bny * dy, z + bnz * dz, minEdge);
  }
  return out;
}

function minEdgeOf(p: Problem, alive: readonly number[]): number {
  let m = Infinity;
  for (const t of alive) m = Math.min(m, p.types[t]!.minEdge);
  return m === Infinity ? 1 << 30 : m;
}
