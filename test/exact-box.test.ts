/**
 * bench/exact-box.ts decides small packings exactly (HiGHS); bench/packer-bounds.ts rests its
 * "no packer can" figures on its "infeasible" answers, so it is checked both ways here on cases
 * whose answer is known by hand.
 */
import { describe, expect, it } from 'vitest';
import { exactFits } from '../bench/exact-box.js';
import { normalise } from '../src/cartonization/normalise.js';
import { box, item } from '../src/cartonization/test-gen.js';
import type { ItemInput } from '../src/cartonization/types.js';

const TRAY = box('Tray', 364, 374, 40, 3_000, 140);
const OPT1 = box('Opt1', 230, 300, 240, 15_000, 160);
const decide = async (items: ItemInput[], multiset: number[]) => {
  const p = normalise({ items, boxes: [TRAY, OPT1] });
  return exactFits(p, multiset, Int32Array.from(p.types.map((t) => t.count)), 60);
};
const overlap = (a: { x: number; y: number; z: number; dx: number; dy: number; dz: number }, b: typeof a) =>
  a.x < b.x + b.dx && b.x < a.x + a.dx && a.y < b.y + b.dy && b.y < a.y + a.dy && a.z < b.z + b.dz && b.z < a.z + a.dz;

describe('exact packing model (bench)', () => {
  it.each([
    { what: '4 blocks of 148 × 210 × 32 in a tray (a pinwheel)', items: [item('b', 148, 210, 32, 4)], fits: true },
    { what: '5 such blocks (footprints exceed the floor; two layers exceed 40 mm)', items: [item('b', 148, 210, 32, 5)], fits: false },
    { what: '2 sheets 210 × 297 × 5 and 2 blocks: one block on a sheet, one under the other sheet', items: [item('s', 210, 297, 5, 2), item('b', 148, 210, 32, 2)], fits: true },
    { what: '8 units of 125 × 142 × 20 (2 layers of 4)', items: [item('u', 125, 142, 20, 8)], fits: true },
    { what: 'a unit 50 mm thick (fits the box, not the tray)', items: [item('u', 200, 200, 50, 1)], fits: false },
    { what: '2 sheets 210 × 297 × 21 (both cover the middle: 42 mm)', items: [item('s', 210, 297, 21, 2)], fits: false },
  ])('tray: $what → $fits', async ({ items, fits }) => {
    const r = await decide(items, [0]);
    expect(r.fits).toBe(fits);
    if (r.fits === true) {
      for (const [i, a] of r.placements.entries()) {
        expect(a.x >= 0 && a.y >= 0 && a.z >= 0 && a.x + a.dx <= 364 && a.y + a.dy <= 374 && a.z + a.dz <= 40).toBe(true);
        for (const b of r.placements.slice(i + 1)) expect(overlap(a, b)).toBe(false);
      }
    }
  });

  it('several boxes: what the tray cannot hold goes to the box, within each box\'s weight', async () => {
    // 3 units of 1,200 g: the tray's payload (2,860 g) takes 2, so tray + tray fits and one tray does not.
    expect((await decide([item('u', 100, 100, 30, 3, 'any', 1_200)], [0])).fits).toBe(false);
    const two = await decide([item('u', 100, 100, 30, 3, 'any', 1_200)], [0, 0]);
    expect(two.fits).toBe(true);
    if (two.fits === true) expect(new Set(two.placements.map((p) => p.box)).size).toBe(2);
    expect((await decide([item('u', 100, 100, 30, 3, 'any', 1_200)], [1])).fits).toBe(true);
  });
});
