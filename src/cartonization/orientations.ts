import type { Rotation } from './types.js';

/**
 * The distinct orientations a rotation rule allows, as flat (dx, dy, dz) triples. Duplicates
 * (cubes, square faces) are removed so the search does not try the same shape twice.
 * `upright` keeps the item's own `height` vertical — not its smallest dimension.
 */
export function orientations(w: number, l: number, h: number, rule: Rotation): number[] {
  const all: [number, number, number][] =
    rule === 'fixed'
      ? [[w, l, h]]
      : rule === 'upright'
        ? [[w, l, h], [l, w, h]]
        : [[w, l, h], [l, w, h], [w, h, l], [h, w, l], [l, h, w], [h, l, w]];
  const out: number[] = [];
  for (const [a, b, c] of all) {
    let seen = false;
    for (let i = 0; i < out.length; i += 3) {
      if (out[i] === a && out[i + 1] === b && out[i + 2] === c) seen = true;
    }
    if (!seen) out.push(a, b, c);
  }
  return out;
}

/** The orientations of `all` (flat triples) that fit inside W × L × H. */
export function fitting(all: readonly number[], W: number, L: number, H: number): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < all.length; i += 3) {
    const dx = all[i]!, dy = all[i + 1]!, dz = all[i + 2]!;
    if (dx <= W && dy <= L && dz <= H) out.push(dx, dy, dz);
  }
  return Int32Array.from(out);
}
