import type { Budget } from './budget.js';
import type { Problem } from './normalise.js';
import type { CostModel } from './objective.js';
import type { BoxPacking } from './pack-box.js';
import { typeOrder } from './portfolio.js';

/** What every phase of one `pack` call shares. */
export interface Context {
  p: Problem;
  cost: CostModel;
  budget: Budget;
  /** The call's seed; restarts draw from keyedPrng(seed, what they pack, …). */
  seed: number;
  /** Single-box outcomes by (box, content): the packing, or null after `tried` constructions failed. */
  cache: Map<string, { packing: BoxPacking | null; tried: number; shelved?: boolean }>;
  orders: Map<number, number[]>;
  /** capacity.ts: units of one type one box type takes, by (type × boxes + box). */
  capacity: Map<number, number>;
  /** Search nodes the assignment tests (assign.ts) may still spend in this call. */
  assignNodes: { nodes: number };
  /** The call's whole content (units per type). */
  content: Int32Array;
  /** Multiset test outcomes for `content`, by box ids (multisets.ts): necessary tests, assignment test. */
  tests: Map<string, boolean>;
  exactTests: Map<string, boolean>;
}

/** The plain type order for an order key, computed once per call. */
export function cachedOrder(ctx: Context, order: number): number[] {
  let o = ctx.orders.get(order);
  if (!o) {
    o = typeOrder(ctx.p, order);
    ctx.orders.set(order, o);
  }
  return o;
}

export function totalUnits(counts: Int32Array): number {
  let n = 0;
  for (const c of counts) n += c;
  return n;
}

export function minus(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! - b[i]!;
  return out;
}

export function contentWeight(ctx: Context, counts: Int32Array): number {
  let w = 0;
  for (let t = 0; t < counts.length; t++) w += counts[t]! * ctx.p.types[t]!.weight;
  return w;
}
