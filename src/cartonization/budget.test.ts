import { describe, expect, it } from 'vitest';
import { Budget, keyedPrng, MIN_CONSTRUCTIONS } from './budget.js';

const spends = (b: Budget): number => {
  let n = 0;
  while (b.spend() && n < 1_000) n++;
  return n;
};

describe('budget', () => {
  // Clocks are placed far from the deadlines (a million ms), so no test depends on speed.
  const T = 1_000_000;

  it('a spent time budget still allows the first constructions (a stalled process is not starved)', () => {
    expect(spends(new Budget(T, undefined, performance.now() - 1.5 * T))).toBe(MIN_CONSTRUCTIONS);
  });

  it('past twice the time budget nothing more runs', () => {
    expect(spends(new Budget(T, undefined, performance.now() - 3 * T))).toBe(0);
  });

  it('an iteration budget is exact and never reads the clock', () => {
    expect(spends(new Budget(undefined, 7))).toBe(7);
  });

  it('keyed PRNG: same key and seed, same draws; another key, other draws', () => {
    const a = keyedPrng(1, '0:1,2', 0), b = keyedPrng(1, '0:1,2', 0), c = keyedPrng(1, '0:1,3', 0);
    const da = [a(), a(), a()], db = [b(), b(), b()], dc = [c(), c(), c()];
    expect(da).toEqual(db);
    expect(da).not.toEqual(dc);
  });
});
