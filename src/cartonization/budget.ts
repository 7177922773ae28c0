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
