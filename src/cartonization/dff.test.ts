import { describe, expect, it } from 'vitest';
import { passesBox } from './bounds.js';
import { passesDff } from './dff.js';
import { normalise } from './normalise.js';
import { box, guillotine, int, item, rngFor } from './test-gen.js';
import type { ItemInput } from './types.js';

const TRAY = box('Tray', 364, 374, 40, 3_000, 140);
const dffOnly = (items: ItemInput[], b = TRAY): boolean => {
  const p = normalise({ items, boxes: [b] });
  return passesDff(p, 0, Int32Array.from(p.types.map((t) => t.count)));
};

describe('dual-feasible-function tests', () => {
  it.each([
    // 125 × 142 mm units lie at most 4 to a 364 × 374 layer (3 × 125 = 375 > 374); 10 mm thick: 4 layers.
    { what: '16 units of 125 × 142 × 10 in a tray: 4 layers of 4', units: 16, dims: [125, 142, 10], fits: true },
    { what: '17 of them: more than 4 layers of 4', units: 17, dims: [125, 142, 10], fits: false },
    { what: '20 of them (volume alone says 7.6 a layer)', units: 20, dims: [125, 142, 10], fits: false },
    // 124 mm: three fit along 374, so 6 a layer would pass (2 × 3).
    { what: '24 units of 124 × 142 × 10: 6 a layer', units: 24, dims: [124, 142, 10], fits: true },
  ])('$what → $fits', ({ units, dims, fits }) => {
    expect(dffOnly([item('u', dims[0]!, dims[1]!, dims[2]!, units)])).toBe(fits);
  });

  it('is a necessary test: the pieces of a box cut by guillotine cuts always pass it (300 seeded cases)', () => {
    const r = rngFor(7);
    for (let i = 0; i < 300; i++) {
      const W = int(r, 40, 400), L = int(r, 40, 400), H = int(r, 20, 300);
      const items = guillotine(r, W, L, H, int(r, 2, 14));
      const p = normalise({ items, boxes: [box('B', W, L, H)] });
      expect(passesBox(p, 0, Int32Array.from(p.types.map((t) => t.count)))).toBe(true);
    }
  });
});
