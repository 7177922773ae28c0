/**
 * The search budget and the seeded PRNG. The budget limits only the improvement search: the
 * construction that guarantees a complete answer runs whatever is left (see choose-multi.ts).
 * With an `iterationBudget` and no `timeBudgetMs` the search never reads the clock, so results are
 * reproducible (tests, benches); with a time budget they depend on the machine's speed.
 */

export const DEFAULT_BUDGET_BASE_MS = 10;
export const DEFAULT_BUDGET_PER_TYPE_MS = 0.5;
export const DEFAULT_BUDGET_CAP_MS = 800;

/** PACKER.md §8 suggests 10 ms + 0.75 ms per distinct type; 0.5 keeps 100 distinct types well under 100 ms. */
export function defaultTimeBudgetMs(distinctTypes: number): number {
  return Math.min(DEFAULT_BUDGET_CAP_MS, DEFAULT_BUDGET_BASE_MS + DEFAULT_BUDGET_PER_TYPE_MS * distinctTypes);
}

export class Budget {
  constructions = 0;
  private readonly deadline: number;
  private readonly maxConstructions: number;
  private expired = false;

  constructor(timeMs: number | undefined, iterations: number | undefined, private readonly start = now()) {
    this.deadline = timeMs === undefined ? Infinity : start + timeMs;
    this.maxConstructions = iterations ?? Infinity;
  }

  /** Counts one construction; false once the budget is spent (and from then on). */
  spend(): boolean {
    if (!this.ok()) return false;
    this.constructions++;
    return true;
  }

  /** Counts a construction that runs regardless (completing the answer). */
  force(): void {
    this.constructions++;
  }

  ok(): boolean {
    if (this.expired) return false;
    if (this.constructions >= this.maxConstructions || (this.deadline !== Infinity && now() >= this.deadline)) {
      this.expired = true;
    }
    return !this.expired;
  }

  elapsedMs(): number {
    return now() - this.start;
  }
}

function now(): number {
  return performance.now();
}

/**
 * A PRNG for one piece of the search, seeded from what it works on (a box and content key) and
 * the call's seed: a change elsewhere in the search (one construction more or less) does not
 * reshuffle every later restart, so results move only where the search itself changed.
 */
export function keyedPrng(seed: number, key: string, salt: number): () => number {
  let h = 0x811c9dc5 ^ seed ^ Math.imul(salt, 0x9e3779b1);
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return prng(h >>> 0);
}

/** mulberry32: tiny, fast, good enough for tie-breaking noise; deterministic for a seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
