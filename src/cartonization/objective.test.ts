import { describe, expect, it } from 'vitest';
import type { BoxType } from './normalise.js';
import { billableGrams, compareCost, CostModel, defaultCarrierCharge } from './objective.js';

const box = (volume: number, outerVolume: number, cost = 0, emptyWeight = 100): BoxType =>
  ({ id: 0, ref: 'b', W: 1, L: 1, H: 1, volume, outerVolume, payload: 10_000, emptyWeight, cost });

describe('objective', () => {
  it('default charge: base plus the per-kg rate on billable weight rounded up to 0.5 kg', () => {
    expect(defaultCarrierCharge(1)).toBe(450 + 60);
    expect(defaultCarrierCharge(500)).toBe(450 + 60);
    expect(defaultCarrierCharge(501)).toBe(450 + 120);
    expect(defaultCarrierCharge(2_000)).toBe(450 + 240);
  });

  it('billable weight is the larger of gross and outer volume at 5,000 cm³ per kg', () => {
    expect(billableGrams(box(1, 10_000_000), 100)).toBe(2_000); // 10 L → 2 kg
    expect(billableGrams(box(1, 10_000_000), 5_000)).toBe(5_100);
  });

  it('per-box tuples by objective, compared lexicographically', () => {
    const small = box(1_000, 2_000_000, 300), big = box(5_000, 6_000_000, 100);
    const fewest = new CostModel('fewest-boxes-then-volume', defaultCarrierCharge);
    expect(fewest.box(small, 0)).toEqual([1, 1_000, 2_000_000]);
    expect(new CostModel('least-volume', defaultCarrierCharge).box(big, 0)[0]).toBe(5_000);
    const cost = new CostModel('lowest-cost', () => 7);
    expect(cost.box(small, 0)).toEqual([307, 1, 1_000]);
    expect(compareCost([1, 2, 3], [1, 2, 4])).toBeLessThan(0);
    expect(compareCost([2, 0, 0], [1, 9, 9])).toBeGreaterThan(0);
  });
});
