import type { ItemType, Problem } from './normalise.js';
import type { Construction } from './pack-box.js';
import { RULE_BACK_BOTTOM_LEFT, RULE_CORNER, RULE_FAR_CORNER, RULE_LOWEST_TOP } from './rules.js';

/** Type orders: which type a type-first construction packs first. */
export const ORDER_VOLUME = 0;
export const ORDER_LONGEST = 1;
export const ORDER_AREA = 2;
export const ORDER_THICKEST = 3;
export const ORDER_HEIGHT = 4;

export interface Strategy extends Construction {
  order: number;
}

function key(t: ItemType, order: number): number {
  switch (order) {
    case ORDER_LONGEST:
      return t.maxEdge * 1e12 + t.volume;
    case ORDER_AREA:
      return (t.rule === 'any' ? t.maxEdge * (t.w + t.l + t.h - t.maxEdge - t.minEdge) : t.w * t.l) * 1e10 + t.volume;
    case ORDER_THICKEST:
      return t.minEdge * 1e12 + t.volume;
    case ORDER_HEIGHT:
      return (t.rule === 'any' ? t.minEdge : t.h) * 1e12 + t.volume;
    default:
      return t.volume * 1e4 + t.weight / 1e3;
  }
}

/**
 * Type ids in descending `order` key (ties by id: stable and input-order independent), after a
 * descending `first` rank (multi-box attempts: what the boxes still to come cannot take well).
 */
export function typeOrder(p: Problem, order: number, first?: (t: number) => number, noise?: () => number): number[] {
  const ids = p.types.map((t) => t.id);
  const k = ids.map((t) => key(p.types[t]!, order) * (noise ? 1 + 0.6 * (noise() - 0.5) : 1));
  const f = ids.map((t) => first?.(t) ?? 0);
  return ids.sort((a, b) => f[b]! - f[a]! || k[b]! - k[a]! || a - b);
}

/**
 * The portfolio, best first. The order was measured on the BoxPacker efficiency set (share of
 * single-box packs found first by each construction); the rest cover what those miss.
 */
export const PORTFOLIO: Strategy[] = (() => {
  const out: Strategy[] = [];
  const rules = [RULE_BACK_BOTTOM_LEFT, RULE_LOWEST_TOP, RULE_CORNER, RULE_FAR_CORNER];
  const orders = [ORDER_VOLUME, ORDER_AREA, ORDER_LONGEST, ORDER_THICKEST, ORDER_HEIGHT];
  for (const block of [true, false]) {
    for (const order of orders) {
      for (const rule of rules) {
        out.push({ order, rule, block, spaceFirst: false });
        out.push({ order, rule, block, spaceFirst: true });
        if (order === ORDER_VOLUME) out.push({ order, rule, block, spaceFirst: true, bestFit: true });
      }
    }
  }
  return out;
})();

/** Block on and off are the same construction when no type has more than one unit left. */
export function useful(s: Strategy, counts: Int32Array): boolean {
  if (s.block) return true;
  for (const n of counts) if (n > 1) return true;
  return false;
}
