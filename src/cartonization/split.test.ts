import { describe, expect, it } from 'vitest';
import { checkPacking } from './check/index.js';
import { pack } from './index.js';
import { box, item } from './test-gen.js';

describe('stack split (flat items across trays)', () => {
  it('splits stacks by subset sum where filling one tray first strands a sheet: 2 trays, not 3', () => {
    // BoxPacker set order 30f17f01: 9 sheets of 6 mm and 5 of 5 mm = 79 mm, trays 40 mm deep; each
    // sheet covers the tray's centre, so they stack. 40 + 39 mm works; 36 + 43 mm does not.
    const tray = box('Tray', 364, 374, 40, 3_000, 140);
    const request = {
      boxes: [box('Opt1', 230, 300, 240, 15_000, 160), tray, box('Opt3', 229, 305, 520, 10_000, 100)],
      items: [
        item('a', 230, 330, 6, 8, 'upright', 320),
        item('b', 210, 297, 6, 1, 'upright', 299),
        item('c', 210, 297, 5, 5, 'upright', 218),
      ],
    };
    const res = pack(request, { iterationBudget: 2_000 });
    expect(checkPacking(request, res)).toEqual([]);
    expect(res.boxes.map((b) => b.boxRef)).toEqual(['Tray', 'Tray']);
  });
});
