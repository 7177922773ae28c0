import type { Problem } from './normalise.js';

/** Plane families tried per axis: k planes at S/(k+1), 2S/(k+1), … */
export const MAX_PLANES = 4;

/**
 * Plane-crossing test (a necessary condition, stronger than volume for long items): put k planes
 * across axis a at S/(k+1), 2S/(k+1), …, kS/(k+1). A unit whose extent e along a exceeds m gaps
 * (e > m·S/(k+1)) has at least m of those planes strictly inside it, wherever it sits, and units
 * cut by the same plane have disjoint cross-sections in it. So Σ over units of min over fitting
 * orientations (planes cut × cross-section area) ≤ k × the box's face area. For k = 1 this says
 * 10 rods of 80 × 70 × 285 mm, 285 along a 300 mm side, need 10 × 80 × 70 mm² of the 230 × 240
 * mm face: they cannot share one box even though their volume fits.
 *
 * `planeShare` is one unit's part of that budget, 0..1 of the box; passesMultiset sums the
 * smallest share over a multiset's boxes, which must stay within the number of boxes.
 */
export function planeShare(p: Problem, t: number, boxId: number, axis: number, k: number): number {
  // Pure in (type, box, axis, k) and asked for in every multiset test: computed once per type and box.
  const ty = p.types[t]!;
  let v = ty.planes[boxId];
  if (!v) {
    v = new Float64Array(3 * MAX_PLANES);
    for (let a = 0; a < 3; a++) for (let q = 1; q <= MAX_PLANES; q++) v[a * MAX_PLANES + q - 1] = computeShare(p, t, boxId, a, q);
    ty.planes[boxId] = v;
  }
  return v[axis * MAX_PLANES + k - 1]!;
}

function computeShare(p: Problem, t: number, boxId: number, axis: number, k: number): number {
  const b = p.boxes[boxId]!;
  const S = axis === 0 ? b.W : axis === 1 ? b.L : b.H;
  const f = p.types[t]!.fit[boxId]!;
  let min = Infinity;
  for (let i = 0; i < f.length && min > 0; i += 3) {
    const e = f[i + axis]!;
    const cut = Math.ceil((e * (k + 1)) / S) - 1; // planes strictly inside any placement
    min = Math.min(min, cut * ((f[i]! * f[i + 1]! * f[i + 2]!) / e));
  }
  return min / ((k * b.volume) / S);
}

/** False = `counts` certainly does not fit one box of type `boxId`. */
export function passesPlanes(p: Problem, boxId: number, counts: Int32Array): boolean {
  for (let axis = 0; axis < 3; axis++) {
    for (let k = 1; k <= MAX_PLANES; k++) {
      let sum = 0;
      for (let t = 0; t < counts.length; t++) if (counts[t]! > 0) sum += counts[t]! * planeShare(p, t, boxId, axis, k);
      if (sum > 1 + 1e-9) return false;
    }
  }
  return true;
}
