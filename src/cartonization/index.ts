/**
 * Cartonization: which boxes an order goes into and where each unit sits. Pure and synchronous:
 * no I/O, integers inside, deterministic for a given `iterationBudget` and `seed`.
 * Pipeline (PACKER.md §1): normalise and aggregate → bounds → single-box phase → greedy multi-box
 * phase → budgeted improvement → gravity settle.
 */
import { ASSIGN_NODES_PER_CALL } from './assign.js';
import { Budget, defaultTimeBudgetMs } from './budget.js';
import { countBound } from './bounds.js';
import { singleBox } from './choose-single.js';
import { greedy } from './choose-multi.js';
import { totalUnits, type Context } from './context.js';
import { improve, solutionCost } from './improve.js';
import { normalise } from './normalise.js';
import { compareCost, CostModel, defaultCarrierCharge } from './objective.js';
import type { BoxPacking } from './pack-box.js';
import { finishBox, RefCursor } from './settle.js';
import type { PackOptions, PackRequest, PackResult } from './types.js';

export type * from './types.js';
export {
  billableGrams,
  DEFAULT_CHARGE_BASE,
  DEFAULT_CHARGE_PER_KG,
  defaultCarrierCharge,
  VOLUMETRIC_MM3_PER_GRAM,
} from './objective.js';
export { defaultTimeBudgetMs } from './budget.js';

/** Throws RangeError on invalid input (non-integer or non-positive dims, quantity < 1, duplicate refs). */
export function pack(request: PackRequest, options: PackOptions = {}): PackResult {
  const p = normalise(request);
  const timeMs = options.timeBudgetMs ?? (options.iterationBudget === undefined ? defaultTimeBudgetMs(p.types.length) : undefined);
  const ctx: Context = {
    p,
    cost: new CostModel(options.objective ?? 'fewest-boxes-then-volume', options.carrierCharge ?? defaultCarrierCharge),
    budget: new Budget(timeMs, options.iterationBudget),
    seed: options.seed ?? 1,
    cache: new Map(),
    orders: new Map(),
    capacity: new Map(),
    assignNodes: { nodes: ASSIGN_NODES_PER_CALL },
    content: Int32Array.from(p.types.map((t) => t.count)),
    tests: new Map(),
    exactTests: new Map(),
  };
  const counts = ctx.content;
  let lb = countBound(p, counts);
  let sol: BoxPacking[] = [];
  let certified = true;
  if (totalUnits(counts) > 0) ({ sol, certified, lowerBound: lb = lb } = search(ctx, counts, lb));
  const refs = new RefCursor(p);
  return {
    boxes: sol.map((bp) => finishBox(p, bp, refs)),
    unpacked: p.unpacked,
    lowerBound: lb,
    certified,
    stats: { constructions: ctx.budget.constructions, elapsedMs: ctx.budget.elapsedMs() },
  };
}

function search(ctx: Context, counts: Int32Array, lb: number): { sol: BoxPacking[]; certified: boolean; lowerBound?: number } {
  const fewest = ctx.cost.objective === 'fewest-boxes-then-volume';
  if (lb === 1) {
    const one = singleBox(ctx, counts);
    if (one && one.first && fewest) return { sol: [one.packing], certified: true };
    if (one && fewest) return improve(ctx, counts, [one.packing], lb);
  }
  let sol = greedy(ctx, counts);
  if (!fewest) {
    // More, smaller boxes can win on volume or cost: rerun the greedy without the largest types.
    const byVolume = ctx.p.boxes.slice().sort((a, b) => b.volume - a.volume);
    for (let i = 0; i < byVolume.length - 1 && ctx.budget.ok(); i++) {
      const cap = byVolume[i]!.volume;
      const alt = greedy(ctx, counts, ctx.p.boxes.map((b) => b.volume < cap));
      if (compareCost(solutionCost(ctx, alt), solutionCost(ctx, sol)) < 0) sol = alt;
    }
  }
  return improve(ctx, counts, sol, lb);
}
