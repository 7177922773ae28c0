import type { Context } from './context.js';
import type { Problem } from './normalise.js';
import { packBox, type BoxPacking } from './pack-box.js';
import { ORDER_AREA, ORDER_THICKEST, ORDER_VOLUME, typeOrder } from './portfolio.js';
import { RULE_BACK_BOTTOM_LEFT, RULE_CORNER, RULE_FAR_CORNER, RULE_LOWEST_TOP } from './rules.js';

/** Flat/standing splits tried per (box, content), and constructions per split. */
const MAX_SPLITS = 8;
const STRATEGIES = [
  { order: ORDER_AREA, rule: RULE_CORNER, block: false, spaceFirst: true },
  { order: ORDER_AREA, rule: RULE_FAR_CORNER, block: false, spaceFirst: false },
  { order: ORDER_VOLUME, rule: RULE_BACK_BOTTOM_LEFT, block: true, spaceFirst: false },
  { order: ORDER_THICKEST, rule: RULE_BACK_BOTTOM_LEFT, block: true, spaceFirst: false },
  { order: ORDER_VOLUME, rule: RULE_CORNER, block: true, spaceFirst: false },
  { order: ORDER_VOLUME, rule: RULE_LOWEST_TOP, block: true, spaceFirst: true },
];

interface Flex {
  t: number;
  flat: Int32Array;
  stand: Int32Array;
  /** Height needed standing on edge (the lowest standing orientation). */
  need: number;
  /** Height of all its units lying flat. */
  thick: number;
}

/** Orientations (flat triples) of `fit` that `keep`. */
function only(fit: Int32Array, keep: (dx: number, dy: number, dz: number) => boolean): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < fit.length; i += 3) if (keep(fit[i]!, fit[i + 1]!, fit[i + 2]!)) out.push(fit[i]!, fit[i + 1]!, fit[i + 2]!);
  return Int32Array.from(out);
}

/**
 * Shelves, for a box of books and sheets under free rotation: a few types lie flat (below or on
 * top), the rest stand on edge, thickness along x or y, like books on a shelf with a second row
 * across the gap the first leaves. The EMS rules choose each unit's orientation alone and rarely
 * find this, yet it is often the only way a pile taller than the box fits. The split: for each
 * standing height M, types needing more than M lie flat, then more lie flat (thickest, tallest
 * standing or thinnest first) while the flat height T keeps T + M within the box: a few
 * constructions per split, at most MAX_SPLITS splits, once per (box, content) after the portfolio.
 * Found on the BoxPacker set: an order of 26 books (309 mm flat) in the 240 mm box instead of the
 * 520 mm one. Orientations are only restricted, never invented, so a result is an ordinary packing.
 */
export function shelves(ctx: Context, boxId: number, counts: Int32Array): BoxPacking | null {
  const p = ctx.p, H = p.boxes[boxId]!.H;
  const total = counts.reduce((s, n) => s + n, 0);
  const flex: Flex[] = [];
  for (let t = 0; t < counts.length; t++) {
    if (counts[t] === 0) continue;
    const ty = p.types[t]!, fit = ty.fit[boxId]!, e = ty.minEdge;
    const flat = only(fit, (_x, _y, dz) => dz === e), stand = only(fit, (dx, dy, dz) => dz !== e && (dx === e || dy === e));
    if (flat.length === 0 || stand.length === 0) continue;
    let need = Infinity;
    for (let i = 2; i < stand.length; i += 3) need = Math.min(need, stand[i]!);
    flex.push({ t, flat, stand, need, thick: counts[t]! * e });
  }
  if (flex.length < 2) return null;
  const needs = [...new Set(flex.map((f) => f.need))].sort((a, b) => b - a);
  const seen = new Set<string>();
  let tried = 0;
  // Per standing height M: the forced split alone, then topped up thickest first or tallest first.
  const fills: ((a: Flex, b: Flex) => number)[] = [
    (a, b) => b.thick - a.thick || a.t - b.t,
    (a, b) => b.need - a.need || b.thick - a.thick || a.t - b.t,
    (a, b) => a.thick - b.thick || a.t - b.t,
  ];
  for (const M of needs) for (const fill of [null, ...fills]) {
    if (tried >= MAX_SPLITS) break;
    const flatSet = new Set<number>();
    let T = 0;
    for (const f of flex) {
      if (f.need > M) {
        flatSet.add(f.t);
        T += f.thick;
      }
    }
    if (T + M > H) continue;
    if (fill) {
      for (const f of flex.slice().sort(fill)) {
        if (!flatSet.has(f.t) && T + f.thick + M <= H && flatSet.size + 1 < flex.length) {
          flatSet.add(f.t);
          T += f.thick;
        }
      }
    }
    const key = [...flatSet].sort((a, b) => a - b).join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    tried++;
    const found = attempt(ctx, boxId, counts, total, new Map(flex.map((f) => [f.t, flatSet.has(f.t) ? f.flat : f.stand])), flatSet);
    if (found !== undefined) return found;
  }
  return null;
}

/** Runs the strategies on restricted orientations: the packing, null when the budget ran out, else undefined. */
function attempt(ctx: Context, boxId: number, counts: Int32Array, total: number, fits: ReadonlyMap<number, Int32Array>, flatSet: ReadonlySet<number>): BoxPacking | null | undefined {
  const q = restrict(ctx.p, boxId, fits);
  for (const s of STRATEGIES) {
    if (!ctx.budget.spend()) return null;
    const bp = packBox(q, boxId, counts, typeOrder(q, s.order, (t) => (flatSet.has(t) ? 1 : 0)), s);
    if (bp.units === total) return bp;
  }
  return undefined;
}

/** A view of the problem where some types have fewer orientations in one box. */
function restrict(p: Problem, boxId: number, fits: ReadonlyMap<number, Int32Array>): Problem {
  return {
    ...p,
    types: p.types.map((t) => {
      const f = fits.get(t.id);
      return f ? { ...t, fit: t.fit.map((g, b) => (b === boxId ? f : g)) } : t;
    }),
  };
}
