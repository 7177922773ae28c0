import { fitGroups } from './bounds.js';
import { keyedPrng } from './budget.js';
import { boxesByCost, packAll } from './choose-single.js';
import { minus, totalUnits, type Context } from './context.js';
import { multisets, passesExactly, type Multiset } from './multisets.js';
import { plausible } from './capacity.js';
import { addCost, compareCost, zeroCost, type Cost } from './objective.js';
import { packBox, type BoxPacking } from './pack-box.js';
import { PORTFOLIO, typeOrder } from './portfolio.js';
import { splitStacks } from './split.js';

/** Constructions per non-last box of a multiset attempt, and for its last box. */
const FILL_STRATEGIES = 8;
const LAST_STRATEGIES = 16;
/** Randomised fills (noisy type orders) after the deterministic ones, budget permitting. */
const FILL_RESTARTS = 16;
/** Multisets tried per box count. */
const MULTISET_CAP = 48;

export function solutionCost(ctx: Context, sol: readonly BoxPacking[]): Cost {
  return sol.reduce((c, bp) => addCost(c, ctx.cost.box(ctx.p.boxes[bp.box]!, bp.weight)), zeroCost());
}

/** Right-size: each box's content alone into the cheapest box type that takes it (separable). */
export function rightSize(ctx: Context, sol: BoxPacking[]): BoxPacking[] {
  return sol.map((bp) => {
    const own = ctx.cost.box(ctx.p.boxes[bp.box]!, bp.weight);
    for (const b of boxesByCost(ctx, bp.counts)) {
      if (compareCost(ctx.cost.box(ctx.p.boxes[b]!, bp.weight), own) >= 0) break;
      if (!ctx.budget.ok()) break;
      const r = packAll(ctx, b, bp.counts);
      if (r) return r;
    }
    return bp;
  });
}

/**
 * Which types a box that is not the last of a multiset should take first: those no later box can
 * hold (2), then those that must stack in a later box (1: they use up its scarce height, as flat
 * items in a tray do), then the rest (0).
 */
function priority(ctx: Context, t: number, later: readonly number[]): number {
  const ty = ctx.p.types[t]!;
  if (later.every((b) => ty.fit[b]!.length === 0)) return 2;
  return later.some((b) => ty.stack[b]!.some((v) => v > 0)) ? 1 : 0;
}

/**
 * Tries to pack all of `counts` into exactly the boxes of `m` (or fewer): every box but the last is
 * filled as far as it goes, taking first the types that fit none of the boxes still to come; the
 * last must take the rest. Box sequences largest-first and smallest-first, several constructions.
 */
export function fill(ctx: Context, m: Multiset, counts: Int32Array): BoxPacking[] | null {
  const p = ctx.p;
  if (m.boxes.length === 1) {
    const one = packAll(ctx, m.boxes[0]!, counts);
    return one ? [one] : null;
  }
  const desc = m.boxes.slice().sort((a, b) => p.boxes[b]!.volume - p.boxes[a]!.volume || a - b);
  const seqs = [desc, desc.slice().reverse()];
  const rng = keyedPrng(ctx.seed, `${desc.join(',')}:${counts.join(',')}`, 0);
  for (let r = 0; r < FILL_STRATEGIES * seqs.length + FILL_RESTARTS; r++) {
    const seq = seqs[r < FILL_STRATEGIES * seqs.length ? r % 2 : rng() < 0.5 ? 0 : 1]!;
    const st = PORTFOLIO[r < FILL_STRATEGIES * seqs.length ? r >> 1 : Math.floor(rng() * FILL_STRATEGIES)]!;
    const noise = r < FILL_STRATEGIES * seqs.length ? undefined : rng;
    {
      let rem = counts;
      const packs: BoxPacking[] = [];
      let failed = false;
      for (let i = 0; i < seq.length - 1 && !failed; i++) {
        const later = seq.slice(i + 1);
        const order = typeOrder(p, st.order, (t) => priority(ctx, t, later), noise);
        if (!ctx.budget.spend()) return null;
        const bp = packBox(p, seq[i]!, rem, order, st);
        if (bp.units === 0) failed = true;
        packs.push(bp);
        rem = minus(rem, bp.counts);
        if (totalUnits(rem) === 0) return packs;
      }
      if (failed) continue;
      const last = packAll(ctx, seq[seq.length - 1]!, rem, LAST_STRATEGIES);
      if (last) return [...packs, last];
      if (!ctx.budget.ok()) return null;
    }
  }
  return null;
}

/**
 * Budgeted improvement: box multisets of each count from the bound up, cheapest first, each tried
 * only if its floor cost beats the incumbent. For fewest-boxes the answer is certified optimal when
 * it costs what the cheapest multiset passing the tests costs at the smallest count any passes.
 */
export function improve(ctx: Context, counts: Int32Array, start: BoxPacking[], lb: number): { sol: BoxPacking[]; certified: boolean; lowerBound: number } {
  let sol = rightSize(ctx, start);
  let best = solutionCost(ctx, sol);
  const groups = fitGroups(ctx.p, counts);
  const fewest = ctx.cost.objective === 'fewest-boxes-then-volume';
  // The cheapest multiset of the fewest boxes that passes the exact tests: nothing can beat it.
  // A count is skipped only when no multiset of it passes (all of them looked at).
  let floor: Multiset | undefined;
  const seen = { exhaustive: true };
  for (let k = lb; !floor && seen.exhaustive && k <= sol.length; k++) floor = multisets(ctx, k, counts, groups, 1, true, seen)[0];
  // No multiset of fewer boxes than the floor's passes the tests: that count is a lower bound.
  const lowerBound = floor ? floor.boxes.length : lb;
  if (fewest && floor && compareCost(best, floor.cost) <= 0) return { sol, certified: true, lowerBound };
  const kMax = fewest ? sol.length : sol.length + 1;
  const cands: Multiset[] = [];
  for (let k = lb; k <= kMax; k++) cands.push(...multisets(ctx, k, counts, groups, MULTISET_CAP));
  cands.sort((a, b) => compareCost(a.cost, b.cost));
  for (const m of cands) {
    if (compareCost(m.cost, best) >= 0) break; // floors are lower bounds: nothing later can win
    if (!ctx.budget.ok()) break;
    if (!plausible(ctx, m, counts)) continue;
    if (!passesExactly(ctx, m.boxes, counts)) continue;
    const f = fill(ctx, m, counts) ?? splitStacks(ctx, m, counts);
    if (!f) continue;
    const r = rightSize(ctx, f);
    const c = solutionCost(ctx, r);
    if (compareCost(c, best) < 0) {
      sol = r;
      best = c;
    }
  }
  return { sol, certified: fewest && !!floor && compareCost(best, floor.cost) <= 0, lowerBound };
}
