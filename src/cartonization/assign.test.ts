import { describe, expect, it } from 'vitest';
import { assignable } from './assign.js';
import { fitGroups, passesMultiset } from './bounds.js';
import { normalise } from './normalise.js';
import { box, item } from './test-gen.js';
import type { ItemInput } from './types.js';

const OPT1 = box('Opt1', 230, 300, 240, 15_000, 160);
const TRAY = box('Tray', 364, 374, 40, 3_000, 140);
const TALL = box('Tall', 229, 305, 520, 10_000, 100);
const setup = (items: ItemInput[]) => {
  const p = normalise({ items, boxes: [OPT1, TRAY, TALL] });
  const counts = Int32Array.from(p.types.map((t) => t.count));
  return { p, counts, groups: fitGroups(p, counts) };
};

describe('assignment test (multisets)', () => {
  it('15 books of 195 × 264 × 22 mm, 1,004 g, kept flat: the relaxation lets a box and a tray through, the assignment does not', () => {
    // A box takes 10 by height (240 / 22), a tray 1 (one footprint, 40 mm): 11 < 15. Two boxes take 20.
    const { p, counts, groups } = setup([item('book', 195, 264, 22, 15, 'upright', 1_004)]);
    expect(passesMultiset(p, [0, 1], groups)).toBe(true);
    expect(assignable(p, [0, 1], counts)).toBe(false);
    expect(assignable(p, [0, 0], counts)).toBe(true);
  });

  it('40 slabs of 225 × 260 × 32 mm, 1,194 g: 7 a box by height, 8 a tall box by weight', () => {
    const { p, counts } = setup([item('slab', 225, 260, 32, 40, 'upright', 1_194)]);
    expect(assignable(p, [0, 0, 0, 2, 1], counts)).toBe(false); // 21 + 8 + 1 = 30
    expect(assignable(p, [2, 2, 2, 2, 2], counts)).toBe(true); // 5 × 8 = 40
    expect(assignable(p, [0, 0, 0, 0, 0, 0], counts)).toBe(true); // 6 × 7 = 42
    expect(assignable(p, [0, 0, 0, 0, 2, 1], counts)).toBe(false); // 28 + 8 + 1 = 37
  });

  it('mixed types: what one box cannot take must go to the others, every box within its own tests', () => {
    // 300 × 330 sheets fit only the tray: 4 × 8 = 32 mm of it, leaving 8 mm, too little for a 10 mm
    // A4 sheet; the A4 sheets stack in the box, 24 at most (240 mm).
    const mix = (a4: number) => setup([item('wide', 300, 330, 8, 4, 'upright', 100), item('a4', 210, 297, 10, a4, 'upright', 200)]);
    const twenty = mix(20);
    expect(assignable(twenty.p, [0, 1], twenty.counts)).toBe(true);
    expect(assignable(twenty.p, [1, 1], twenty.counts)).toBe(false); // 80 mm of trays for 232 mm of sheets
    const many = mix(25);
    expect(passesMultiset(many.p, [0, 1], many.groups)).toBe(true);
    expect(assignable(many.p, [0, 1], many.counts)).toBe(false);
  });

  it('gives up as "may fit" when its node allowance is spent, never as "does not fit"', () => {
    const { p, counts } = setup([item('book', 195, 264, 22, 15, 'upright', 1_004)]);
    expect(assignable(p, [0, 1], counts, { nodes: 0 })).toBe(true);
  });
});
