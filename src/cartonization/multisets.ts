import { assignable } from './assign.js';
import { passesBox, passesMultiset, type FitGroup } from './bounds.js';
import type { Context } from './context.js';
import { addCost, compareCost, zeroCost, type Cost } from './objective.js';

export interface Multiset {
  boxes: number[];
  cost: Cost;
}

/**
 * The multisets of `k` box types that pass the necessary tests, in ascending floor cost (best
 * first over non-decreasing index tuples, with a heap), at most `cap` of them. The number of
 * multisets explored is bounded too: uncapped, 400 identical units in 7 box types is ~10^5.
 * `exact` adds the assignment test (assign.ts): stronger, and dearer, so it is used for the floor
 * that certifies answers; improvement checks its candidates lazily, only those it will try.
 * `info.exhaustive` says whether an empty answer means none passes (not just none among those explored).
 */
export function multisets(
  ctx: Context,
  k: number,
  counts: Int32Array,
  groups: readonly FitGroup[],
  cap: number,
  exact = false,
  info: { exhaustive: boolean } = { exhaustive: false },
): Multiset[] {
  const p = ctx.p;
  const floors = p.boxes.map((b) => ctx.cost.boxFloor(b));
  const ids = p.boxes.map((b) => b.id).sort((a, b) => compareCost(floors[a]!, floors[b]!) || a - b);
  const costOf = (tuple: number[]): Cost => tuple.reduce((c, i) => addCost(c, floors[ids[i]!]!), zeroCost());
  const heap: { tuple: number[]; cost: Cost }[] = [];
  const seen = new Set<string>();
  const push = (tuple: number[]): void => {
    const key = tuple.join(',');
    if (seen.has(key)) return;
    seen.add(key);
    heap.push({ tuple, cost: costOf(tuple) });
    for (let i = heap.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (compareCost(heap[up]!.cost, heap[i]!.cost) <= 0) break;
      [heap[up], heap[i]] = [heap[i]!, heap[up]!];
      i = up;
    }
  };
  const pop = (): { tuple: number[]; cost: Cost } => {
    const top = heap[0]!, last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < heap.length && compareCost(heap[l]!.cost, heap[m]!.cost) < 0) m = l;
        if (r < heap.length && compareCost(heap[r]!.cost, heap[m]!.cost) < 0) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i]!, heap[m]!];
        i = m;
      }
    }
    return top;
  };
  const out: Multiset[] = [];
  push(new Array<number>(k).fill(0));
  for (let explored = 0; heap.length > 0 && out.length < cap && explored < 400 + 40 * cap; explored++) {
    const { tuple, cost } = pop();
    const boxes = tuple.map((i) => ids[i]!);
    const ok = passes(ctx, boxes, counts, groups) && (!exact || passesExactly(ctx, boxes, counts));
    if (ok) out.push({ boxes, cost });
    for (let i = 0; i < k; i++) {
      if (tuple[i]! + 1 < ids.length && (i === k - 1 || tuple[i]! < tuple[i + 1]!)) {
        const next = tuple.slice();
        next[i]!++;
        push(next);
      }
    }
  }
  // Exhaustive: every multiset was looked at, or the `cap` cheapest passing ones were found.
  info.exhaustive = heap.length === 0 || out.length >= cap;
  return out;
}

/**
 * The necessary tests for `counts` in `boxes`. Memoised per call for the call's whole content (the
 * floor and the candidates enumerate the same multisets); any other content is tested afresh.
 */
function passes(ctx: Context, boxes: readonly number[], counts: Int32Array, groups: readonly FitGroup[]): boolean {
  const test = (): boolean => (boxes.length === 1 ? passesBox(ctx.p, boxes[0]!, counts) : passesMultiset(ctx.p, boxes, groups));
  return memo(ctx, ctx.tests, boxes, counts, test);
}

/** The assignment test (assign.ts), memoised like `passes`; for one box it is that box's own tests, already applied. */
export function passesExactly(ctx: Context, boxes: readonly number[], counts: Int32Array): boolean {
  if (boxes.length === 1) return true;
  return memo(ctx, ctx.exactTests, boxes, counts, () => assignable(ctx.p, boxes, counts, ctx.assignNodes));
}

function memo(ctx: Context, map: Map<string, boolean>, boxes: readonly number[], counts: Int32Array, test: () => boolean): boolean {
  if (counts !== ctx.content) return test();
  const key = boxes.join(',');
  let ok = map.get(key);
  if (ok === undefined) map.set(key, (ok = test()));
  return ok;
}
