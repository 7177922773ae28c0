import type { Problem } from './normalise.js';

/** Beyond this many types with units the pairwise test costs more than it saves. */
const MAX_TYPES = 24;

/**
 * Clique stacking test (PACKER.md §7, the stronger form): two units that cannot sit side by side
 * along either of two axes, in any of their fitting orientations, overlap in both projections,
 * so they must be apart along the third axis. A set of pairwise such units (a clique, built
 * greedily, thickest first) must then fit end to end: the sum of their smallest extents along
 * that axis is at most the box's. False means the content certainly does not fit.
 */
export function passesClique(p: Problem, boxId: number, counts: Int32Array): boolean {
  const ids: number[] = [];
  for (let t = 0; t < counts.length; t++) if (counts[t]! > 0) ids.push(t);
  if (ids.length > MAX_TYPES) return true;
  const b = p.boxes[boxId]!;
  const size = [b.W, b.L, b.H];
  for (let axis = 0; axis < 3; axis++) {
    const a1 = (axis + 1) % 3, a2 = (axis + 2) % 3;
    const ext = (t: number): number => {
      const f = p.types[t]!.fit[boxId]!;
      let m = Infinity;
      for (let i = 0; i < f.length; i += 3) m = Math.min(m, f[i + axis]!);
      return m;
    };
    const apart = (s: number, t: number): boolean => {
      const f = p.types[s]!.fit[boxId]!, g = p.types[t]!.fit[boxId]!;
      for (let i = 0; i < f.length; i += 3) {
        for (let j = 0; j < g.length; j += 3) {
          if (f[i + a1]! + g[j + a1]! <= size[a1]! || f[i + a2]! + g[j + a2]! <= size[a2]!) return true;
        }
      }
      return false;
    };
    const order = ids.slice().sort((s, t) => ext(t) - ext(s) || s - t);
    const clique: number[] = [];
    let sum = 0;
    for (const t of order) {
      if (clique.some((c) => apart(c, t))) continue;
      clique.push(t);
      sum += ext(t) * (apart(t, t) ? 1 : counts[t]!);
      if (sum > size[axis]!) return false;
    }
  }
  return true;
}
