import { passesClique } from './clique.js';
import { passesDff } from './dff.js';
import { MAX_PLANES, passesPlanes, planeShare } from './planes.js';
import type { Problem } from './normalise.js';

/**
 * Necessary conditions (PACKER.md §7). Each test can only say "cannot fit"; a content passing
 * them may still not fit. They prune box types before any construction and certify answers.
 */

/** Does `counts` (units per type) pass the necessary tests for one box of type `boxId`? */
export function passesBox(p: Problem, boxId: number, counts: Int32Array): boolean {
  const b = p.boxes[boxId]!;
  let vol = 0, weight = 0, sx = 0, sy = 0, sz = 0;
  for (let t = 0; t < counts.length; t++) {
    const n = counts[t]!;
    if (n === 0) continue;
    const ty = p.types[t]!;
    if (ty.fit[boxId]!.length === 0) return false;
    vol += n * ty.volume;
    weight += n * ty.weight;
    const s = ty.stack[boxId]!;
    sx += n * s[0]!;
    sy += n * s[1]!;
    sz += n * s[2]!;
  }
  // Units more than half the box wide in both other axes all cover the centre line: they stack.
  if (vol > b.volume || weight > b.payload || sx > b.W || sy > b.L || sz > b.H) return false;
  return passesPlanes(p, boxId, counts) && passesDff(p, boxId, counts) && passesClique(p, boxId, counts);
}

/**
 * Units that fit only a subset S of the box types must go into boxes of S. One group per distinct
 * "fits" set S: the units (per type) whose fits set lies inside S, their volume and weight.
 */
export interface FitGroup {
  boxes: boolean[];
  counts: Int32Array;
  volume: number;
  weight: number;
}

export function fitGroups(p: Problem, counts: Int32Array): FitGroup[] {
  const sets = new Map<string, boolean[]>();
  for (let t = 0; t < counts.length; t++) {
    if (counts[t] === 0) continue;
    const s = p.types[t]!.fit.map((f) => f.length > 0);
    sets.set(s.map((v) => (v ? 1 : 0)).join(''), s);
  }
  return [...sets.values()].map((s) => {
    const g: FitGroup = { boxes: s, counts: new Int32Array(counts.length), volume: 0, weight: 0 };
    for (let t = 0; t < counts.length; t++) {
      const n = counts[t]!;
      if (n > 0 && p.types[t]!.fit.every((f, b) => f.length === 0 || s[b])) {
        g.counts[t] = n;
        g.volume += n * p.types[t]!.volume;
        g.weight += n * p.types[t]!.weight;
      }
    }
    return g;
  });
}

/**
 * Can a multiset of box types (ids, repeats allowed) hold the groups? Volume and weight per group;
 * a group with one box of the multiset available must pass that box's own tests; otherwise each
 * unit uses at least its smallest share of some box's height along a stacking axis (relaxation).
 */
export function passesMultiset(p: Problem, multiset: readonly number[], groups: readonly FitGroup[]): boolean {
  const distinct = [...new Set(multiset)];
  for (const g of groups) {
    let vol = 0, pay = 0, n = 0;
    for (const b of multiset) {
      if (g.boxes[b]) {
        vol += p.boxes[b]!.volume;
        pay += p.boxes[b]!.payload;
        n++;
      }
    }
    if (vol < g.volume || pay < g.weight) return false;
    if (n === 1) {
      if (!passesBox(p, multiset.find((b) => g.boxes[b])!, g.counts)) return false;
      continue;
    }
    for (let axis = 0; axis < 3; axis++) {
      let share = 0;
      for (let t = 0; t < g.counts.length; t++) {
        if (g.counts[t] === 0) continue;
        let min = Infinity;
        for (const b of distinct) {
          if (!g.boxes[b]) continue;
          const box = p.boxes[b]!;
          min = Math.min(min, p.types[t]!.stack[b]![axis]! / (axis === 0 ? box.W : axis === 1 ? box.L : box.H));
        }
        share += g.counts[t]! * min;
      }
      if (share > n) return false;
      // Plane shares (planes.ts): each box's planes hold at most one box's worth of sections.
      for (let k = 1; k <= MAX_PLANES; k++) {
        let planes = 0;
        for (let t = 0; t < g.counts.length; t++) {
          if (g.counts[t] === 0) continue;
          let min = Infinity;
          for (const b of distinct) if (g.boxes[b]) min = Math.min(min, planeShare(p, t, b, axis, k));
          planes += g.counts[t]! * min;
        }
        if (planes > n + 1e-9) return false;
      }
    }
  }
  return true;
}

/** A lower bound on the number of boxes for `counts`: volume and weight, per fits group. */
export function countBound(p: Problem, counts: Int32Array): number {
  let total = 0;
  for (const n of counts) total += n;
  if (total === 0) return 0;
  let lb = 1;
  for (const g of fitGroups(p, counts)) {
    let vol = 0, pay = 0;
    p.boxes.forEach((b) => {
      if (g.boxes[b.id]) {
        vol = Math.max(vol, b.volume);
        pay = Math.max(pay, b.payload);
      }
    });
    lb = Math.max(lb, Math.ceil(g.volume / vol), pay > 0 ? Math.ceil(g.weight / pay) : 1);
    // Plane shares (planes.ts): every box holds at most 1 of them, whichever box a unit is in.
    for (let axis = 0; axis < 3; axis++) {
      for (let k = 1; k <= MAX_PLANES; k++) {
        let share = 0;
        for (let t = 0; t < g.counts.length; t++) {
          if (g.counts[t] === 0) continue;
          let min = Infinity;
          for (const b of p.boxes) if (g.boxes[b.id]) min = Math.min(min, planeShare(p, t, b.id, axis, k));
          share += g.counts[t]! * min;
        }
        lb = Math.max(lb, Math.ceil(share - 1e-9));
      }
    }
  }
  if (lb === 1 && !p.boxes.some((b) => passesBox(p, b.id, counts))) lb = 2;
  return lb;
}
