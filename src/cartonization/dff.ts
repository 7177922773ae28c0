import type { Problem } from './normalise.js';

/**
 * Dual-feasible functions (Fekete & Schepers 2004, "A general framework for bounds for
 * higher-dimensional orthogonal packing problems"): u maps [0, 1] to [0, 1] so that Σ x ≤ 1 implies
 * Σ u(x) ≤ 1. Applying one such function to each axis of every unit, as fractions of the box, keeps
 * a packing a packing, so Σ over units of u_x(dx/W) · u_y(dy/L) · u_z(dz/H) ≤ 1 is necessary for
 * one box. With rotations each unit takes its smallest product over the orientations that fit.
 *
 * Per axis: the identity; the rounding functions u⁽ᵏ⁾(x) = x when (k+1)x is an integer, else
 * ⌊(k+1)x⌋ / k, for k = 1..ROUNDINGS; and "big" u(x) = 1 above ½, 0 below, ½ at ½. Every triple of
 * them is one test (identity³ is the volume test, big·big·identity the stacking test of bounds.ts,
 * a rounding on one axis the plane test of planes.ts). Rounding on two axes is what sees that
 * 125 × 142 mm units lie at most 4 to a layer of a 364 × 374 tray (3 × 125 = 375), so 20 of them
 * 10 mm thick need more than its 40 mm.
 */
const ROUNDINGS = 4;
const FUNCS = ROUNDINGS + 2;
export const DFF_TESTS = FUNCS * FUNCS * FUNCS;
const EPS = 1e-9;

/** u_f(num / den) for function f; exact rational arithmetic on integers. */
function u(f: number, num: number, den: number): number {
  if (f === 0) return num / den;
  if (f <= ROUNDINGS) {
    const scaled = (f + 1) * num;
    return scaled % den === 0 ? num / den : Math.floor(scaled / den) / f;
  }
  return 2 * num > den ? 1 : 2 * num < den ? 0 : 0.5;
}

/** One unit of type `t` in box `b`: its smallest value per test over the fitting orientations. */
export function dffVector(p: Problem, t: number, b: number): Float64Array {
  const ty = p.types[t]!;
  const cached = ty.dff[b];
  if (cached) return cached;
  const box = p.boxes[b]!;
  const out = new Float64Array(DFF_TESTS).fill(Infinity);
  const f = ty.fit[b]!;
  const ux = new Float64Array(FUNCS), uy = new Float64Array(FUNCS), uz = new Float64Array(FUNCS);
  for (let i = 0; i < f.length; i += 3) {
    for (let g = 0; g < FUNCS; g++) {
      ux[g] = u(g, f[i]!, box.W);
      uy[g] = u(g, f[i + 1]!, box.L);
      uz[g] = u(g, f[i + 2]!, box.H);
    }
    let c = 0;
    for (let gx = 0; gx < FUNCS; gx++) {
      for (let gy = 0; gy < FUNCS; gy++) {
        const xy = ux[gx]! * uy[gy]!;
        for (let gz = 0; gz < FUNCS; gz++, c++) {
          const v = xy * uz[gz]!;
          if (v < out[c]!) out[c] = v;
        }
      }
    }
  }
  ty.dff[b] = out;
  return out;
}

/** False = `counts` certainly does not fit one box of type `boxId` (some test sums above 1). */
export function passesDff(p: Problem, boxId: number, counts: Int32Array): boolean {
  const sum = new Float64Array(DFF_TESTS);
  for (let t = 0; t < counts.length; t++) {
    const n = counts[t]!;
    if (n === 0) continue;
    const v = dffVector(p, t, boxId);
    for (let c = 0; c < DFF_TESTS; c++) sum[c] = sum[c]! + n * v[c]!;
  }
  for (let c = 0; c < DFF_TESTS; c++) if (sum[c]! > 1 + EPS) return false;
  return true;
}
