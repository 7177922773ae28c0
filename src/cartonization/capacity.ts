import type { Context } from './context.js';
import { packBox } from './pack-box.js';
import { PORTFOLIO } from './portfolio.js';
import type { Multiset } from './multisets.js';

/** Types with fewer units than this are not worth a capacity construction. */
const MIN_UNITS = 4;

/**
 * How many units of type `t` (up to its count) one box of type `b` takes, found by construction:
 * a heuristic figure, not a bound, so it only ranks and prunes improvement attempts and never
 * certifies. Memoised per call.
 */
export function capacity(ctx: Context, t: number, b: number): number {
  const key = t * ctx.p.boxes.length + b;
  let c = ctx.capacity.get(key);
  if (c !== undefined) return c;
  const only = new Int32Array(ctx.p.types.length);
  only[t] = ctx.p.types[t]!.count;
  c = 0;
  if (ctx.p.types[t]!.fit[b]!.length > 0) {
    for (const s of PORTFOLIO.slice(0, 2)) {
      ctx.budget.force();
      c = Math.max(c, packBox(ctx.p, b, only, [t], s).units);
    }
  }
  ctx.capacity.set(key, c);
  return c;
}

/**
 * Can the multiset plausibly hold each many-unit type on its own? Multisets failing this for an
 * order like 50 heavy slabs (8 per large box by weight, 7 per medium box by geometry) would cost
 * dozens of doomed constructions each.
 */
export function plausible(ctx: Context, m: Multiset, counts: Int32Array): boolean {
  for (let t = 0; t < counts.length; t++) {
    const n = counts[t]!;
    if (n < MIN_UNITS) continue;
    let room = 0;
    for (const b of m.boxes) {
      room += capacity(ctx, t, b);
      if (room >= n) break;
    }
    if (room < n) return false;
  }
  return true;
}
