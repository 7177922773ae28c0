import { passesBox } from './bounds.js';
import { keyedPrng } from './budget.js';
import { cachedOrder, contentWeight, totalUnits, type Context } from './context.js';
import { compareCost } from './objective.js';
import { packBox, type BoxPacking } from './pack-box.js';
import { PORTFOLIO, typeOrder, useful } from './portfolio.js';
import { shelves } from './shelves.js';
import { treeSearch } from './tree.js';

/** Randomised restarts after the portfolio for one (box, content), budget permitting. */
const RESTARTS = 48;
const ALL = PORTFOLIO.length + RESTARTS;

/**
 * Tries to put all of `counts` into one box of type `boxId`: the necessary tests first, then up to
 * `limit` constructions (the portfolio, then restarts), stopping at the first that packs everything. With
 * `force` the first construction runs even when the budget is spent (completing an answer).
 */
export function packAll(ctx: Context, boxId: number, counts: Int32Array, limit = ALL, force = false): BoxPacking | null {
  if (!passesBox(ctx.p, boxId, counts)) return null;
  const key = `${boxId}:${counts.join(',')}`;
  const hit = ctx.cache.get(key);
  if (hit && (hit.packing || hit.tried >= limit)) return hit.packing;
  const total = totalUnits(counts);
  let tried = hit?.tried ?? 0;
  const rng = keyedPrng(ctx.seed, key, tried);
  for (let i = tried; i < limit; i++) {
    const s = PORTFOLIO[i < PORTFOLIO.length ? i : Math.floor(rng() * PORTFOLIO.length)]!;
    if (i < PORTFOLIO.length && !useful(s, counts)) {
      tried = i + 1;
      continue;
    }
    if (force && i === 0) ctx.budget.force();
    else if (!ctx.budget.spend()) break;
    tried = i + 1;
    // Past the portfolio: GRASP-style restarts, the same constructions on noisy type orders.
    const order = i < PORTFOLIO.length ? cachedOrder(ctx, s.order) : typeOrder(ctx.p, s.order, undefined, rng);
    const bp = packBox(ctx.p, boxId, counts, order, s);
    if (bp.units === total) {
      ctx.cache.set(key, { packing: bp, tried });
      return bp;
    }
  }
  // Once per (box, content), after the portfolio: books flat and on edge (shelves.ts), then for a
  // small content a search over placements (tree.ts).
  if (!hit?.shelved && ctx.budget.ok()) {
    const bp = shelves(ctx, boxId, counts) ?? treeSearch(ctx, boxId, counts);
    ctx.cache.set(key, { packing: bp, tried, shelved: true });
    return bp;
  }
  ctx.cache.set(key, { packing: null, tried, shelved: true });
  return null;
}

/** Box types in ascending per-box cost for this content (weight matters for lowest-cost). */
export function boxesByCost(ctx: Context, counts: Int32Array): number[] {
  const w = contentWeight(ctx, counts);
  const costs = ctx.p.boxes.map((b) => ctx.cost.box(b, w));
  return ctx.p.boxes.map((b) => b.id).sort((a, b) => compareCost(costs[a]!, costs[b]!) || a - b);
}

/**
 * The cheapest box type that takes all of `counts`, trying types in ascending cost. `first` says
 * whether the winner was the cheapest type passing the necessary tests (then it is optimal among
 * single boxes). `allowed` restricts the box types.
 */
export function singleBox(
  ctx: Context,
  counts: Int32Array,
  force = false,
  allowed?: readonly boolean[],
): { packing: BoxPacking; first: boolean } | null {
  let first = true;
  for (const b of boxesByCost(ctx, counts)) {
    if ((allowed && !allowed[b]) || !passesBox(ctx.p, b, counts)) continue;
    const bp = packAll(ctx, b, counts, force && !ctx.budget.ok() ? 1 : ALL, force);
    if (bp) return { packing: bp, first };
    first = false;
  }
  return null;
}
