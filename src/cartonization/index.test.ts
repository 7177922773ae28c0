import { describe, expect, it } from 'vitest';
import { checkPacking } from './check/index.js';
import { pack } from './index.js';
import { box, item } from './test-gen.js';
import type { PackOptions, PackRequest, PackResult } from './types.js';

const OPTS: PackOptions = { iterationBudget: 2_000 };

function run(req: PackRequest, opts: PackOptions = {}): PackResult {
  const res = pack(req, { ...OPTS, ...opts });
  expect(checkPacking(req, res)).toEqual([]);
  return res;
}
const refs = (res: PackResult): string[] => res.boxes.map((b) => b.boxRef).sort();

// The BoxPacker efficiency catalogue (inner dims; outer only for volumetric weight).
const OPT1 = box('Opt1', 230, 300, 240, 15_000, 160);
const OPT2 = box('Opt2', 364, 374, 40, 3_000, 140);
const OPT3 = box('Opt3', 229, 305, 520, 10_000, 100);
const OPT4 = box('Opt4', 220, 260, 15, 500, 10);
const CATALOGUE = [OPT1, OPT2, OPT3, OPT4];

describe('pack: hand-made cases with a known optimum', () => {
  it.each([
    ['2×3×4 bricks', box('B', 200, 300, 400), item('i', 100, 100, 100, 24)],
    ['5×4×3 rotated slabs', box('B', 250, 120, 90), item('i', 30, 50, 30, 60)],
    ['10 flat sheets', box('B', 210, 297, 40), item('i', 297, 210, 4, 10, 'upright')],
    ['27 cubes', box('B', 30, 30, 30), item('i', 10, 10, 10, 27)],
    ['4×4×4 upright', box('B', 80, 80, 200), item('i', 20, 20, 50, 64, 'upright')],
  ])('exact fill: %s go into one box', (_name, b, i) => {
    const res = run({ items: [i], boxes: [b, box('Huge', 1000, 1000, 1000)] });
    expect(refs(res)).toEqual(['B']);
    expect(res.boxes[0]!.utilisation).toBe(1);
    expect(res.certified).toBe(true);
  });

  it('a box cut by guillotine cuts: the pieces come back in that one box', () => {
    // 300×300×200: x at 100; the rest y at 150; those z at 120 and at 70. Dims given shuffled.
    const items = [item('a', 100, 300, 200), item('b', 150, 120, 200), item('c', 80, 200, 150), item('d', 200, 70, 150), item('e', 130, 150, 200)];
    const res = run({ items, boxes: [box('B', 300, 300, 200), box('Huge', 900, 900, 900)] });
    expect(refs(res)).toEqual(['B']);
    expect(res.boxes[0]!.utilisation).toBe(1);
  });

  it('an item that fits only rotated goes in rotated; `fixed` needs the bigger box or is unpacked', () => {
    const small = box('S', 100, 300, 50), big = box('L', 300, 300, 60);
    expect(refs(run({ items: [item('i', 300, 100, 50)], boxes: [small, big] }))).toEqual(['S']);
    expect(refs(run({ items: [item('i', 300, 100, 50, 1, 'fixed')], boxes: [small, big] }))).toEqual(['L']);
    const alone = run({ items: [item('i', 300, 100, 50, 1, 'fixed')], boxes: [small] });
    expect(alone.boxes).toEqual([]);
    expect(alone.unpacked).toEqual([{ ref: 'i', quantity: 1, reason: 'fits-no-box' }]);
  });

  it('upright items that would fit only on their side need the taller box', () => {
    const low = box('Low', 300, 300, 100), tall = box('Tall', 300, 300, 250);
    expect(refs(run({ items: [item('i', 50, 50, 200, 3)], boxes: [low, tall] }))).toEqual(['Low']);
    expect(refs(run({ items: [item('i', 50, 50, 200, 3, 'upright')], boxes: [low, tall] }))).toEqual(['Tall']);
  });

  it('a flat item goes in the 15 mm box; one millimetre thicker it does not', () => {
    expect(refs(run({ items: [item('i', 200, 250, 15, 1, 'upright', 400)], boxes: CATALOGUE }))).toEqual(['Opt4']);
    expect(refs(run({ items: [item('i', 200, 250, 16, 1, 'upright', 400)], boxes: CATALOGUE }))).toEqual(['Opt2']);
  });

  it('a stack of sheets that fills the 40 mm tray exactly stays in it; 1 mm more moves to the next box', () => {
    const sheets = (last: number) => [item('a', 210, 297, 8, 4, 'upright', 300), item('b', 210, 297, last, 1, 'upright', 300)];
    expect(refs(run({ items: sheets(8), boxes: CATALOGUE }))).toEqual(['Opt2']);
    const over = run({ items: sheets(9), boxes: CATALOGUE });
    expect(refs(over)).toEqual(['Opt1']);
    expect(over.certified).toBe(true);
  });

  it('weight: volume fits one box but the payload forces two; exactly at the limit stays one', () => {
    const b = box('B', 300, 300, 300, 10_100, 100); // payload 10,000 g
    const at = run({ items: [item('i', 100, 100, 100, 4, 'any', 2_500)], boxes: [b] });
    expect(at.boxes.length).toBe(1);
    expect(at.boxes[0]!.grossWeight).toBe(10_100);
    const over = run({ items: [item('i', 100, 100, 100, 4, 'any', 2_501)], boxes: [b] });
    expect(over.boxes.length).toBe(2);
    expect(over.lowerBound).toBe(2);
    expect(over.certified).toBe(true);
  });

  it('the three objectives give three different answers', () => {
    const items = [item('sheet', 210, 297, 8, 8, 'upright', 300)]; // a 64 mm stack, 2.4 kg
    const boxes = [
      { ...box('Big', 229, 305, 520, 10_000, 200, 100), outerWidth: 240, outerLength: 315, outerHeight: 530 },
      { ...box('Tray', 364, 374, 40, 3_000, 100, 50), outerWidth: 370, outerLength: 380, outerHeight: 46 },
      { ...box('Mailer', 220, 300, 35, 2_000, 50, 400), outerWidth: 230, outerLength: 310, outerHeight: 40 },
    ];
    expect(refs(run({ items, boxes }))).toEqual(['Big']);
    expect(refs(run({ items, boxes }, { objective: 'least-volume' }))).toEqual(['Mailer', 'Mailer']);
    expect(refs(run({ items, boxes }, { objective: 'lowest-cost' }))).toEqual(['Tray', 'Tray']);
  });

  it('items that fit no box, or are too heavy for every box, are unpacked with the reason', () => {
    const res = run({
      items: [item('ok', 10, 10, 10, 2), item('long', 10, 10, 999, 3), item('heavy', 10, 10, 10, 1, 'any', 50_000)],
      boxes: [box('B', 100, 100, 100, 20_000)],
    });
    expect(refs(res)).toEqual(['B']);
    expect(res.unpacked).toEqual([
      { ref: 'heavy', quantity: 1, reason: 'too-heavy-for-every-box' },
      { ref: 'long', quantity: 3, reason: 'fits-no-box' },
    ]);
  });

  it('an empty order packs into nothing, certified', () => {
    const res = run({ items: [], boxes: CATALOGUE });
    expect(res).toMatchObject({ boxes: [], unpacked: [], lowerBound: 0, certified: true });
  });

  it('rejects a quantity of 0 and non-integer dimensions', () => {
    expect(() => pack({ items: [item('i', 10, 10, 10, 0)], boxes: CATALOGUE })).toThrow(RangeError);
    expect(() => pack({ items: [item('i', 10.5, 10, 10)], boxes: CATALOGUE })).toThrow(RangeError);
  });

  it('places every unit under its own ref and settles nothing in mid-air', () => {
    const res = run({ items: [item('x', 50, 60, 70, 3), item('y', 20, 30, 40, 5)], boxes: [box('B', 200, 200, 200)] });
    const placements = res.boxes.flatMap((b) => b.placements);
    expect(placements.filter((p) => p.ref === 'x').length).toBe(3);
    expect(placements.filter((p) => p.ref === 'y').length).toBe(5);
    for (const p of placements) {
      const below = placements.some((q) => q.z + q.dz === p.z && q.x < p.x + p.dx && p.x < q.x + q.dx && q.y < p.y + p.dy && p.y < q.y + q.dy);
      expect(p.z === 0 || below).toBe(true);
    }
  });
});
