import { describe, expect, it } from 'vitest';
import { normalise } from './normalise.js';
import { passesPlanes } from './planes.js';
import { fitGroups, passesMultiset } from './bounds.js';
import { box, item } from './test-gen.js';
import { pack } from './index.js';
import type { ItemInput } from './types.js';

const OPT1 = box('Opt1', 230, 300, 240);
const only = (items: ItemInput[], b = OPT1) => {
  const p = normalise({ items, boxes: [b] });
  return passesPlanes(p, 0, Int32Array.from(p.types.map((t) => t.count)));
};

describe('plane-crossing test', () => {
  it('rods longer than half the box cross its middle plane: their cross-sections must share that face', () => {
    // 285 fits only along the 300 mm side; 80 × 70 mm sections in a 230 × 240 face: 9 fit (50,400 mm²), 10 do not.
    expect(only([item('rod', 80, 285, 70, 9)])).toBe(true);
    expect(only([item('rod', 80, 285, 70, 10)])).toBe(false);
    // Their volume alone would fit: 10 × 1,596,000 mm³ < 16,560,000 mm³.
  });

  it('more planes: units longer than a third of the box cross one of two planes', () => {
    // 110 mm cubes in a 300 × 300 × 100 box: each crosses one of the planes at 100 and 200 along x
    // and along y: at most 2 × (300 × 100) / (110 × 100) = 5.45 by the test, and indeed only 4 fit.
    const flat = box('Flat', 300, 300, 100);
    expect(only([item('c', 110, 110, 100, 5, 'fixed')], flat)).toBe(true);
    expect(only([item('c', 110, 110, 100, 6, 'fixed')], flat)).toBe(false);
  });

  it('multisets: the plane budget adds up over boxes (slabs that fit seven to a box)', () => {
    // 225 × 260 × 32 mm slabs: 260 exceeds half of the box's 300 mm in every fitting orientation,
    // so each needs 225 × 32 mm² of the 230 × 240 mm middle plane: 7 per box, not 8 (by volume: 9).
    const p = normalise({ items: [item('slab', 225, 260, 32, 40)], boxes: [OPT1] });
    const counts = Int32Array.from([40]);
    expect(passesMultiset(p, [0, 0, 0, 0, 0], fitGroups(p, counts))).toBe(false);
    expect(passesMultiset(p, [0, 0, 0, 0, 0, 0], fitGroups(p, counts))).toBe(true);
    const r = pack({ items: [item('slab', 225, 260, 32, 40)], boxes: [OPT1] }, { iterationBudget: 500 });
    expect(r.boxes.length).toBe(6);
    expect(r.lowerBound).toBe(6);
  });
});
