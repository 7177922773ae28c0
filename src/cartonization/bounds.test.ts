import { describe, expect, it } from 'vitest';
import { countBound, fitGroups, passesBox, passesMultiset } from './bounds.js';
import { normalise } from './normalise.js';
import { box, boxContents, item, randomRequest, rngFor } from './test-gen.js';
import { checkPacking } from './check/index.js';
import { pack } from './index.js';
import type { ItemInput } from './types.js';

const TRAY = box('Tray', 364, 374, 40, 3_000, 140);
const OPT1 = box('Opt1', 230, 300, 240, 15_000, 160);
const problem = (items: ItemInput[]) => normalise({ items, boxes: [TRAY, OPT1] });
const all = (p: ReturnType<typeof problem>) => Int32Array.from(p.types.map((t) => t.count));

describe('bounds', () => {
  it('stacking: sheets wider than half the tray both ways must stack within its depth', () => {
    const ok = problem([item('a', 210, 297, 8, 5, 'upright')]);
    expect(passesBox(ok, 0, all(ok))).toBe(true);
    const thick = problem([item('a', 210, 297, 8, 5, 'upright'), item('b', 210, 297, 1, 1, 'upright')]);
    expect(passesBox(thick, 0, all(thick))).toBe(false);
  });

  it('clique: items that cannot sit side by side with each other must stack too', () => {
    // 182 is exactly half the tray's width, so this item is not "big" alone; next to a 230 it is.
    const p = problem([item('a', 230, 330, 30, 1, 'upright'), item('b', 182, 234, 11, 1, 'upright')]);
    expect(passesBox(p, 0, all(p))).toBe(false);
    const two = problem([item('b', 182, 234, 30, 2, 'upright')]); // two of them fit side by side
    expect(passesBox(two, 0, all(two))).toBe(true);
  });

  it('count bound: weight, volume and the single-box tests', () => {
    const heavy = problem([item('a', 10, 10, 10, 4, 'any', 7_000)]);
    expect(countBound(heavy, all(heavy))).toBe(2);
    // Fits only the tray (330 > 300); the volume fits one tray, but 50 mm of stack does not.
    const thick = problem([item('a', 300, 330, 25, 2, 'upright')]);
    expect(countBound(thick, all(thick))).toBe(2);
  });

  it('multisets: a group of units with one box available must pass that box alone', () => {
    const p = problem([item('a', 300, 330, 8, 6, 'upright')]); // tray only: 48 mm of stack
    const groups = fitGroups(p, all(p));
    expect(passesMultiset(p, [0, 1], groups)).toBe(false);
    expect(passesMultiset(p, [0, 0], groups)).toBe(true);
  });

  // Every test is a necessary condition: a content the packer really packed (checker-clean) passes
  // all of them — volume, payload, stacking, planes, dual-feasible functions, clique.
  it.each([5, 11])('never rejects a content the packer actually packed (150 random orders, seed %i)', (seed) => {
    const r = rngFor(seed);
    for (let i = 0; i < 150; i++) {
      const req = randomRequest(r);
      const result = pack(req, { iterationBudget: 200 });
      expect(checkPacking(req, result)).toEqual([]);
      const p = normalise(req);
      for (const { box: b, counts } of boxContents(p, result)) expect(passesBox(p, b, counts)).toBe(true);
    }
  });
});
