import { describe, expect, it } from 'vitest';
import { normalise } from './normalise.js';
import { packBox } from './pack-box.js';
import { PORTFOLIO, typeOrder } from './portfolio.js';
import { box, item } from './test-gen.js';

describe('packBox', () => {
  it('fills a box exactly with blocks when the units tile it (first construction; most others)', () => {
    const p = normalise({ items: [item('a', 50, 40, 30, 60)], boxes: [box('B', 200, 120, 150)] });
    const full = PORTFOLIO.filter((s) => s.block).map((s) => packBox(p, 0, Int32Array.of(60), typeOrder(p, s.order), s).units === 60);
    expect(full[0]).toBe(true);
    expect(full.filter(Boolean).length / full.length).toBeGreaterThan(0.5);
  });

  it('stops at the payload and packs only what fits', () => {
    const p = normalise({ items: [item('a', 10, 10, 10, 50, 'any', 1_000)], boxes: [box('B', 100, 100, 100, 10_500, 500)] });
    const bp = packBox(p, 0, Int32Array.of(50), [0], PORTFOLIO[0]!);
    expect(bp.units).toBe(10);
    expect(bp.weight).toBe(10_000);
  });

  it('block off places one unit at a time, with the same answer on a simple tiling', () => {
    const p = normalise({ items: [item('a', 10, 10, 10, 8)], boxes: [box('B', 20, 20, 20)] });
    const s = PORTFOLIO.find((x) => !x.block)!;
    const bp = packBox(p, 0, Int32Array.of(8), [0], s);
    expect(bp.units).toBe(8);
    expect(bp.blocks.length / 10).toBe(8);
  });
});
