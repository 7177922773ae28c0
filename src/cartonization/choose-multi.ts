import { singleBox } from './choose-single.js';
import { cachedOrder, minus, totalUnits, type Context } from './context.js';
import { packBox, type BoxPacking } from './pack-box.js';
import { PORTFOLIO, useful } from './portfolio.js';

/** Constructions tried per box type in a greedy step while the budget lasts. */
const STEP_STRATEGIES = 4;

/**
 * How good a partial box is for a greedy step, higher is better (the classic greedy for
 * variable-sized bin packing): most volume packed for fewest boxes (ties: the smaller box), best
 * fill for least volume, least cost per packed volume for lowest cost.
 */
function merit(ctx: Context, bp: BoxPacking): number {
  const b = ctx.p.boxes[bp.box]!;
  if (ctx.cost.objective === 'least-volume') return bp.volume / b.volume;
  if (ctx.cost.objective === 'lowest-cost') return -ctx.cost.box(b, bp.weight)[0] / bp.volume;
  return bp.volume - b.volume * 1e-9;
}

/**
 * Greedy multi-box phase: while units remain, take the cheapest single box that holds them all if
 * one is found; otherwise fill the box type whose best partial packing has the most merit. Always
 * completes: once the budget is spent each step runs one construction per box type, and every
 * remaining unit fits some box alone, so each step packs at least one unit.
 * `allowed` restricts the box types (candidate generation for the volume and cost objectives).
 */
export function greedy(ctx: Context, counts: Int32Array, allowed?: readonly boolean[]): BoxPacking[] {
  const out: BoxPacking[] = [];
  let rem = counts;
  while (totalUnits(rem) > 0) {
    const one = singleBox(ctx, rem, true, allowed);
    if (one) {
      out.push(one.packing);
      break;
    }
    let best: BoxPacking | null = null, bestMerit = -Infinity;
    for (const box of ctx.p.boxes) {
      if (allowed && !allowed[box.id]) continue;
      if (!ctx.p.types.some((t) => rem[t.id]! > 0 && t.fit[box.id]!.length > 0)) continue;
      for (let i = 0; i < STEP_STRATEGIES; i++) {
        const s = PORTFOLIO[i]!;
        if (!useful(s, rem)) continue;
        if (i === 0) ctx.budget.force();
        else if (!ctx.budget.spend()) break;
        const bp = packBox(ctx.p, box.id, rem, cachedOrder(ctx, s.order), s);
        const m = bp.units > 0 ? merit(ctx, bp) : -Infinity;
        if (m > bestMerit) {
          best = bp;
          bestMerit = m;
        }
      }
    }
    if (!best) {
      if (allowed) return out.concat(greedy(ctx, rem)); // the restriction left units homeless
      throw new Error('cartonization: a packable unit fitted no box'); // normalise() guarantees otherwise
    }
    out.push(best);
    rem = minus(rem, best.counts);
  }
  return out;
}
