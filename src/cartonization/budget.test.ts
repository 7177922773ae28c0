import { describe, expect, it } from 'vitest';
import { Budget, keyedPrng } from './budget.js';

describe('budget', () => {
  it('an iteration budget is exact and never reads the clock', () => {
    const b = new Budget(undefined, 7);
    let n = 0;
    while (b.spend() && n < 1_000) n++;
    expect(n).toBe(7);
  });

  it('keyed PRNG: same key and seed, same draws; another key or seed, other draws', () => {
    const draws = (seed: number, key: string): number[] => {
      const r = keyedPrng(seed, key, 0);
      return [r(), r(), r()];
    };
    expect(draws(1, '0:1,2')).toEqual(draws(1, '0:1,2'));
    expect(draws(1, '0:1,2')).not.toEqual(draws(1, '0:1,3'));
    expect(draws(1, '0:1,2')).not.toEqual(draws(2, '0:1,2'));
  });
});
