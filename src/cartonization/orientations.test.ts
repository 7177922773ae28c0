import { describe, expect, it } from 'vitest';
import { fitting, orientations } from './orientations.js';

describe('orientations', () => {
  it.each([
    ['generic any', [10, 20, 30, 'any'], 6],
    ['square face any', [10, 10, 30, 'any'], 3],
    ['cube any', [10, 10, 10, 'any'], 1],
    ['generic upright', [10, 20, 30, 'upright'], 2],
    ['square footprint upright', [20, 20, 30, 'upright'], 1],
    ['fixed', [10, 20, 30, 'fixed'], 1],
  ] as const)('%s: distinct orientations only', (_n, [w, l, h, rule], count) => {
    expect(orientations(w, l, h, rule).length / 3).toBe(count);
  });

  it('upright keeps the item height vertical, not its smallest side', () => {
    const o = orientations(5, 50, 100, 'upright');
    for (let i = 2; i < o.length; i += 3) expect(o[i]).toBe(100);
  });

  it('fitting keeps the orientations inside the box', () => {
    expect(Array.from(fitting(orientations(10, 20, 30, 'any'), 30, 10, 20))).toEqual([30, 10, 20]);
    expect(fitting(orientations(10, 20, 30, 'fixed'), 30, 10, 20).length).toBe(0);
  });
});
