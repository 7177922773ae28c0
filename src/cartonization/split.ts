import { packAll } from './choose-single.js';
import { minus, totalUnits, type Context } from './context.js';
import type { Multiset } from './multisets.js';
import { packBox, type BoxPacking } from './pack-box.js';
import { PORTFOLIO, typeOrder } from './portfolio.js';

/** Constructions per box but the last, and for the last box, per box sequence. */
const BOX_STRATEGIES = 4;
const LAST_STRATEGIES = 8;
/** Beyond this many stacking units the subset-sum table (units × box height) is not worth it. */
const MAX_UNITS = 400;

/**
 * Units of type t that must stack in box b: every fitting orientation is more than half the box
 * wide and long (normalise.ts `stack`), so one sits per level and each uses its height.
 */
const stacks = (ctx: Context, t: number, b: number): number => ctx.p.types[t]!.stack[b]![2]!;

/**
 * The subset of `units` (type ids, one entry per unit) with the most total stacking height that
 * fits box b's height and payload: 0/1 knapsack over heights, keeping the least weight per height.
 */
function tallestSubset(ctx: Context, b: number, units: readonly number[]): Int32Array {
  const box = ctx.p.boxes[b]!, H = box.H;
  const minW = new Float64Array(H + 1).fill(Infinity);
  minW[0] = 0;
  const took = new Uint8Array(units.length * (H + 1));
  units.forEach((t, i) => {
    const e = stacks(ctx, t, b), w = ctx.p.types[t]!.weight;
    for (let h = H; h >= e; h--) {
      if (minW[h - e]! + w < minW[h]!) {
        minW[h] = minW[h - e]! + w;
        took[i * (H + 1) + h] = 1;
      }
    }
  });
  let h = H;
  while (h > 0 && !(minW[h]! <= box.payload)) h--;
  const out = new Int32Array(ctx.p.types.length);
  for (let i = units.length - 1; i >= 0 && h > 0; i--) {
    if (took[i * (H + 1) + h]) {
      out[units[i]!]!++;
      h -= stacks(ctx, units[i]!, b);
    }
  }
  return out;
}

/**
 * Stack split, for orders of flat items: units that must stack in a box of the multiset use up
 * its height as in 1D bin packing, and fill()'s "as far as it goes" can strand a stack that
 * another subset would fit (9 sheets of 6 mm and 5 of 5 mm into two 40 mm trays: 40 + 39 mm, not
 * 36 + 43). Each box but the last takes the tallest subset of the remaining stacking units that
 * fits its height and payload (subset sum), then the other units as far as they go; the last box
 * must take the rest. Null when the multiset has no stacking units or no attempt packs everything.
 */
export function splitStacks(ctx: Context, m: Multiset, counts: Int32Array): BoxPacking[] | null {
  const p = ctx.p;
  if (m.boxes.length < 2) return null;
  const isStack = p.types.map((t) => counts[t.id]! > 0 && m.boxes.some((b) => stacks(ctx, t.id, b) > 0));
  if (!isStack.some((s) => s)) return null;
  const desc = m.boxes.slice().sort((a, b) => p.boxes[b]!.volume - p.boxes[a]!.volume || a - b);
  for (const seq of [desc, desc.slice().reverse()]) {
    for (let s = 0; s < BOX_STRATEGIES; s++) {
      const st = PORTFOLIO[s]!;
      let rem = counts;
      const packs: BoxPacking[] = [];
      let failed = false;
      for (let i = 0; i < seq.length - 1 && !failed; i++) {
        const b = seq[i]!;
        const here = (t: number): boolean => isStack[t]! && stacks(ctx, t, b) > 0;
        const units: number[] = [];
        for (let t = 0; t < rem.length; t++) if (here(t)) for (let n = 0; n < rem[t]!; n++) units.push(t);
        if (units.length > MAX_UNITS) return null;
        const share = tallestSubset(ctx, b, units);
        const offer = rem.map((n, t) => (here(t) ? share[t]! : n));
        if (!ctx.budget.spend()) return null;
        const bp = packBox(p, b, offer, typeOrder(p, st.order, (t) => (here(t) ? 1 : 0)), st);
        if (bp.units === 0 || isStack.some((_, t) => here(t) && bp.counts[t]! < share[t]!)) failed = true;
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
