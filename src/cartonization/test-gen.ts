/** Seeded generators for the property-style tests (fast-check is not a dependency). */
import { prng } from './budget.js';
import type { Problem } from './normalise.js';
import type { BoxInput, ItemInput, PackRequest, PackResult, Rotation } from './types.js';

export type Rng = () => number;
export const rngFor = (seed: number): Rng => prng(seed);
export const int = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

export function box(ref: string, W: number, L: number, H: number, maxWeight = 30_000, emptyWeight = 100, cost?: number): BoxInput {
  const b: BoxInput = { ref, innerWidth: W, innerLength: L, innerHeight: H, outerWidth: W + 6, outerLength: L + 6, outerHeight: H + 6, emptyWeight, maxWeight };
  if (cost !== undefined) b.cost = cost;
  return b;
}

export function item(ref: string, w: number, l: number, h: number, quantity = 1, rotation: Rotation = 'any', weight = 100): ItemInput {
  return { ref, width: w, length: l, height: h, weight, quantity, rotation };
}

/** A random catalogue (2–5 boxes) and order (1–8 lines, 1–6 units each, mixed rotation rules). */
export function randomRequest(r: Rng): PackRequest {
  const boxes: BoxInput[] = [];
  for (let i = int(r, 2, 5); i > 0; i--) {
    boxes.push(box(`B${i}`, int(r, 60, 400), int(r, 60, 400), int(r, 10, 300), int(r, 2_000, 20_000), int(r, 0, 300), int(r, 0, 500)));
  }
  const items: ItemInput[] = [];
  const rules: Rotation[] = ['any', 'any', 'upright', 'fixed'];
  for (let i = int(r, 1, 8); i > 0; i--) {
    items.push(item(`I${i}`, int(r, 5, 250), int(r, 5, 250), int(r, 2, 150), int(r, 1, 6), rules[int(r, 0, 3)]!, int(r, 0, 3_000)));
  }
  return { items, boxes };
}

/**
 * A box cut by random guillotine cuts into `pieces` cuboids: the pieces, as items (dims shuffled
 * under `any`), must come back in that one box.
 */
export function guillotine(r: Rng, W: number, L: number, H: number, pieces: number): ItemInput[] {
  const parts: [number, number, number][] = [[W, L, H]];
  for (let guard = 0; parts.length < pieces && guard < 1000; guard++) {
    const i = int(r, 0, parts.length - 1);
    const p = parts[i]!;
    const axis = int(r, 0, 2);
    if (p[axis]! < 20) continue;
    const cut = int(r, 10, p[axis]! - 10);
    const a: [number, number, number] = [...p], b: [number, number, number] = [...p];
    a[axis] = cut;
    b[axis] = p[axis]! - cut;
    parts.splice(i, 1, a, b);
  }
  return parts.map((p, i) => {
    const d = shuffled(r, p);
    return item(`P${i}`, d[0]!, d[1]!, d[2]!, 1, 'any', 10);
  });
}

export function shuffled<T>(r: Rng, xs: readonly T[]): T[] {
  const out = xs.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = int(r, 0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** What each box of a result holds, as the box's id in `p` and units per type of `p`. */
export function boxContents(p: Problem, result: PackResult): { box: number; counts: Int32Array }[] {
  const typeOf = new Map(p.types.flatMap((t) => t.refs.map((x) => [x.ref, t.id] as const)));
  return result.boxes.map((b) => {
    const counts = new Int32Array(p.types.length);
    for (const pl of b.placements) counts[typeOf.get(pl.ref)!]! += 1;
    return { box: p.boxes.findIndex((x) => x.ref === b.boxRef), counts };
  });
}
