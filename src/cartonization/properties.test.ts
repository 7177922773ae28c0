import { describe, expect, it } from 'vitest';
import { checkPacking } from './check/index.js';
import { pack } from './index.js';
import { box, guillotine, int, randomRequest, rngFor, shuffled } from './test-gen.js';
import type { Objective, PackRequest } from './types.js';

const OPTS = { iterationBudget: 400 };
const signature = (req: PackRequest, objective?: Objective): string => {
  const res = pack(req, { ...OPTS, objective });
  return res.boxes.map((b) => b.boxRef).sort().join(',') + ` / ${res.unpacked.map((u) => u.ref).join(',')}`;
};

describe('pack: seeded random properties', () => {
  it.each(['fewest-boxes-then-volume', 'least-volume', 'lowest-cost'] as Objective[])(
    'random orders and catalogues (%s): valid, at least the lower bound, independent of item order',
    (objective) => {
      for (let seed = 1; seed <= 150; seed++) {
        const r = rngFor(seed);
        const req = randomRequest(r);
        const res = pack(req, { ...OPTS, objective });
        expect(checkPacking(req, res), `seed ${seed}`).toEqual([]);
        expect(res.boxes.length, `seed ${seed}`).toBeGreaterThanOrEqual(res.lowerBound);
        const again = { items: shuffled(r, req.items), boxes: req.boxes };
        expect(signature(again, objective), `seed ${seed}`).toBe(signature(req, objective));
      }
    },
  );

  it('scaling every length by 2 keeps the box choice', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const req = randomRequest(rngFor(seed));
      const twice: PackRequest = {
        items: req.items.map((i) => ({ ...i, width: 2 * i.width, length: 2 * i.length, height: 2 * i.height })),
        boxes: req.boxes.map((b) => ({
          ...b,
          innerWidth: 2 * b.innerWidth, innerLength: 2 * b.innerLength, innerHeight: 2 * b.innerHeight,
          outerWidth: 2 * b.outerWidth, outerLength: 2 * b.outerLength, outerHeight: 2 * b.outerHeight,
        })),
      };
      expect(signature(twice), `seed ${seed}`).toBe(signature(req));
    }
  });

  // Measured: 87 of these 100 come back in one box (the same at 5,000 constructions); a drop is a regression.
  it('guillotine-cut boxes: the pieces come back in one box in at least 85 % of cases', () => {
    let one = 0;
    const runs = 100;
    for (let seed = 1; seed <= runs; seed++) {
      const r = rngFor(seed);
      const W = int(r, 100, 500), L = int(r, 100, 500), H = int(r, 100, 500);
      const req: PackRequest = { items: guillotine(r, W, L, H, int(r, 2, 12)), boxes: [box('B', W, L, H), box('Huge', 2000, 2000, 2000)] };
      const res = pack(req, OPTS);
      expect(checkPacking(req, res), `seed ${seed}`).toEqual([]);
      if (res.boxes.length === 1 && res.boxes[0]!.boxRef === 'B') one++;
    }
    expect(one / runs).toBeGreaterThanOrEqual(0.85);
  });

  it('wide orders stay fast and valid: 100 distinct items under a time budget', () => {
    const r = rngFor(7);
    const items = Array.from({ length: 100 }, (_, i) => ({
      ref: `i${i}`, width: int(r, 20, 200), length: int(r, 20, 200), height: int(r, 20, 200), weight: int(r, 10, 2000), quantity: 1, rotation: 'any' as const,
    }));
    const boxes = [box('S', 150, 100, 100), box('M', 300, 200, 200), box('L', 450, 300, 300, 30_000)];
    const t0 = performance.now();
    const res = pack({ items, boxes }, { timeBudgetMs: 50 });
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(checkPacking({ items, boxes }, res)).toEqual([]);
  });
});
