import { describe, expect, it } from 'vitest';
import { checkPacking } from './check/index.js';
import { pack } from './index.js';
import { box, item } from './test-gen.js';

const TRAY = box('Tray', 364, 374, 40, 3_000, 140);
const OPT1 = box('Opt1', 230, 300, 240, 15_000, 160);

describe('placement tree search (small contents)', () => {
  it('two A4 sheets and two 32 mm blocks in a 40 mm tray: one block on a sheet, the other under the second sheet', () => {
    // Both sheets cover the tray's middle, so they overlap; a block on both would stand 42 mm tall.
    // The constructions miss it; the tree search finds it, so the tray (5.4 L) beats the box (16.6 L).
    const req = { items: [item('sheet', 210, 297, 5, 2, 'any', 187), item('block', 148, 210, 32, 2, 'any', 880)], boxes: [OPT1, TRAY] };
    const r = pack(req, { iterationBudget: 1_000 });
    expect(checkPacking(req, r)).toEqual([]);
    expect(r.boxes.map((b) => b.boxRef)).toEqual(['Tray']);
  });

  it.each([
    { blocks: 3, box: 'Tray', why: 'two side by side, the third turned beside them' },
    { blocks: 4, box: 'Tray', why: 'a pinwheel around a 62 mm hole (no grid of 4 fits 364 × 374)' },
    { blocks: 5, box: 'Opt1', why: 'their footprints exceed the floor and 2 × 32 mm exceeds 40' },
  ])('$blocks blocks of 148 × 210 × 32 mm: $box ($why)', ({ blocks, box: expected }) => {
    const req = { items: [item('block', 148, 210, 32, blocks, 'any', 500)], boxes: [OPT1, TRAY] };
    const r = pack(req, { iterationBudget: 1_000 });
    expect(checkPacking(req, r)).toEqual([]);
    expect(r.boxes.map((b) => b.boxRef)).toEqual([expected]);
  });

  it('a budget spent mid-search still gives a complete answer', () => {
    const req = { items: [item('sheet', 210, 297, 5, 2, 'any', 187), item('block', 148, 210, 32, 2, 'any', 880)], boxes: [OPT1, TRAY] };
    for (const iterationBudget of [1, 5, 20, 60]) {
      const r = pack(req, { iterationBudget });
      expect(checkPacking(req, r)).toEqual([]);
      expect(r.boxes.length).toBe(1);
    }
  });
});
