import { describe, expect, it } from 'vitest';
import { checkPacking } from './check/index.js';
import { pack } from './index.js';
import { normalise } from './normalise.js';
import { CostModel, defaultCarrierCharge } from './objective.js';
import { Budget } from './budget.js';
import { shelves } from './shelves.js';
import { box, item } from './test-gen.js';
import type { Context } from './context.js';
import type { ItemInput } from './types.js';

// An order of the BoxPacker set (1978adc9…): 26 books and sheets, 309 mm of them lying flat.
const BOOKS: [number, number, number, number][] = [
  [210, 297, 4, 228], [210, 297, 3, 180], [210, 297, 5, 247], [210, 297, 8, 412],
  [209, 284, 11, 395], [209, 284, 11, 412], [209, 284, 11, 444], [209, 284, 11, 403],
  [216, 216, 18, 467], [216, 216, 24, 444], [216, 216, 19, 409], [148, 210, 32, 880],
  [200, 200, 11, 305], [200, 200, 11, 303], [200, 200, 10, 225], [200, 200, 11, 301],
  [200, 200, 11, 303], [200, 200, 11, 305], [200, 200, 11, 305], [200, 200, 10, 231],
  [200, 200, 11, 298], [200, 200, 11, 300], [178, 178, 11, 214], [178, 178, 11, 214],
  [178, 178, 11, 212], [178, 178, 11, 214],
];
const items: ItemInput[] = BOOKS.map(([w, l, h, g], i) => item(`b${i}`, w, l, h, 1, 'any', g));
const MEDIUM = box('Medium', 230, 300, 240, 15_000, 160);
const TALL = box('Tall', 229, 305, 520, 10_000, 100);

describe('shelves: books flat and on edge', () => {
  it('packs a pile taller than the box into it: a few books flat, the rest standing in rows', () => {
    const p = normalise({ items, boxes: [MEDIUM] });
    const ctx: Context = {
      p, cost: new CostModel('fewest-boxes-then-volume', defaultCarrierCharge), budget: new Budget(undefined, 1_000),
      seed: 1, cache: new Map(), orders: new Map(), capacity: new Map(), assignNodes: { nodes: Infinity }, content: new Int32Array(0), tests: new Map(), exactTests: new Map(),
    };
    const bp = shelves(ctx, 0, Int32Array.from(p.types.map((t) => t.count)));
    expect(bp?.units).toBe(26);
  });

  it('so the order takes the medium box, not the tall one (the smaller box is the optimum)', () => {
    const request = { items, boxes: [MEDIUM, TALL] };
    const result = pack(request, { iterationBudget: 1_000 });
    expect(checkPacking(request, result)).toEqual([]);
    expect(result.boxes.map((b) => b.boxRef)).toEqual(['Medium']);
    expect(result.certified).toBe(true);
  });

  it('keep-flat books are left alone (they may not stand)', () => {
    const flat = items.map((i) => ({ ...i, rotation: 'upright' as const }));
    const p = normalise({ items: flat, boxes: [MEDIUM] });
    const ctx: Context = {
      p, cost: new CostModel('fewest-boxes-then-volume', defaultCarrierCharge), budget: new Budget(undefined, 1_000),
      seed: 1, cache: new Map(), orders: new Map(), capacity: new Map(), assignNodes: { nodes: Infinity }, content: new Int32Array(0), tests: new Map(), exactTests: new Map(),
    };
    expect(shelves(ctx, 0, Int32Array.from(p.types.map((t) => t.count)))).toBeNull();
    expect(ctx.budget.constructions).toBe(0);
  });
});
