/**
 * The independent checker: validates a PackResult against its PackRequest from the two alone.
 * It shares nothing with the packer but `../types.ts` — every rule below (orientations, fit,
 * overlap, weights) is computed here from scratch, so a bug in the packer cannot hide itself.
 *
 *   checkPacking(request, result) → string[]   (empty = valid; one line per violation)
 *
 * Each line names where (`box[i] 'ref'`, `placement[j] item 'ref'`, or `item 'ref'`) and what is
 * wrong. Rules, in the order they are checked:
 *  1. every box's `boxRef` exists in the request's catalogue; no box is empty;
 *  2. every placement names a requested item, has finite integer coordinates and extents, and
 *     (dx, dy, dz) is an orientation its rotation rule allows (`any`: a permutation of
 *     (width, length, height); `upright`: dz = height, {dx, dy} = {width, length}; `fixed`:
 *     dx = width, dy = length, dz = height);
 *  3. every placement lies inside the box's inner dims (0 ≤ x, x + dx ≤ innerWidth, same for y, z);
 *  4. no two placements in a box overlap with positive volume (touching faces are fine) — a sweep;
 *  5. reported itemsWeight = Σ unit weights, grossWeight = itemsWeight + emptyWeight (exact),
 *     grossWeight ≤ maxWeight, utilisation = Σ unit volumes / inner volume (± UTILISATION_TOLERANCE);
 *  6. every requested unit appears exactly once: per item ref, placed + unpacked = quantity;
 *  7. `unpacked` entries name requested items, with quantity a positive integer; no unit is
 *     reported unpacked that some box could take on its own (an allowed orientation inside the
 *     inner dims and unit weight ≤ maxWeight − emptyWeight); `fits-no-box` means no allowed
 *     orientation fits any box; `too-heavy-for-every-box` means every box it fits (or, if it fits
 *     none, every box) has a payload below the unit weight;
 *  8. lowerBound is a non-negative integer ≤ the number of boxes.
 */
import type { BoxInput, ItemInput, PackRequest, PackResult, Placement, Rotation } from '../types.js';

/** Absolute tolerance on a reported utilisation (0..1): allows rounding to 3 decimals. */
export const UTILISATION_TOLERANCE = 5e-4;
/** Overlapping pairs listed per box; further pairs are counted in one summary line. */
export const MAX_OVERLAPS_LISTED = 10;

const ROTATIONS: readonly Rotation[] = ['any', 'upright', 'fixed'];

export function checkPacking(request: PackRequest, result: PackResult): string[] {
  const errors: string[] = [];
  const items = new Map<string, ItemInput>();
  for (const item of request.items) {
    if (items.has(item.ref)) errors.push(`request: item ref '${item.ref}' appears more than once`);
    else items.set(item.ref, item);
    if (!ROTATIONS.includes(item.rotation)) errors.push(`request: item '${item.ref}' has unknown rotation '${String(item.rotation)}'`);
  }
  const boxes = new Map<string, BoxInput>();
  for (const box of request.boxes) {
    if (boxes.has(box.ref)) errors.push(`request: box ref '${box.ref}' appears more than once`);
    else boxes.set(box.ref, box);
  }

  const placed = new Map<string, number>();
  result.boxes.forEach((packed, b) => {
    const where = `box[${b}] '${packed.boxRef}'`;
    const box = boxes.get(packed.boxRef);
    if (!box) errors.push(`${where}: box ref is not in the request's catalogue`);
    if (packed.placements.length === 0) errors.push(`${where}: box is empty (no placements)`);

    let itemsWeight = 0;
    let itemsVolume = 0;
    const sound: Placement[] = []; // placements with valid numbers, for the overlap sweep
    const soundIndex: number[] = [];
    packed.placements.forEach((p, j) => {
      const at = `${where} placement[${j}] item '${p.ref}'`;
      placed.set(p.ref, (placed.get(p.ref) ?? 0) + 1);
      const item = items.get(p.ref);
      if (item) {
        itemsWeight += item.weight;
        itemsVolume += item.width * item.length * item.height;
      } else {
        errors.push(`${at}: item ref is not in the request`);
      }
      const numbers = [p.x, p.y, p.z, p.dx, p.dy, p.dz];
      if (!numbers.every(Number.isInteger)) {
        errors.push(`${at}: coordinates/extents must be finite integers, got x=${p.x} y=${p.y} z=${p.z} dx=${p.dx} dy=${p.dy} dz=${p.dz}`);
        return;
      }
      if (p.dx <= 0 || p.dy <= 0 || p.dz <= 0) errors.push(`${at}: extents must be positive, got ${p.dx}×${p.dy}×${p.dz}`);
      if (item) {
        const why = orientationError(item, p);
        if (why) errors.push(`${at}: ${why}`);
      }
      if (box) {
        const out: string[] = [];
        if (p.x < 0) out.push(`x = ${p.x} < 0`);
        if (p.y < 0) out.push(`y = ${p.y} < 0`);
        if (p.z < 0) out.push(`z = ${p.z} < 0`);
        if (p.x + p.dx > box.innerWidth) out.push(`x + dx = ${p.x + p.dx} > inner width ${box.innerWidth}`);
        if (p.y + p.dy > box.innerLength) out.push(`y + dy = ${p.y + p.dy} > inner length ${box.innerLength}`);
        if (p.z + p.dz > box.innerHeight) out.push(`z + dz = ${p.z + p.dz} > inner height ${box.innerHeight}`);
        if (out.length > 0) errors.push(`${at}: outside the box: ${out.join(', ')}`);
      }
      if (p.dx > 0 && p.dy > 0 && p.dz > 0) {
        sound.push(p);
        soundIndex.push(j);
      }
    });

    checkOverlaps(where, sound, soundIndex, errors);

    if (packed.itemsWeight !== itemsWeight) errors.push(`${where}: itemsWeight reported ${packed.itemsWeight} g, recomputed ${itemsWeight} g`);
    if (box) {
      const gross = itemsWeight + box.emptyWeight;
      if (packed.grossWeight !== gross) errors.push(`${where}: grossWeight reported ${packed.grossWeight} g, recomputed ${gross} g (items ${itemsWeight} + empty ${box.emptyWeight})`);
      if (gross > box.maxWeight) errors.push(`${where}: overweight: items ${itemsWeight} g + empty ${box.emptyWeight} g = ${gross} g > max ${box.maxWeight} g`);
      const innerVolume = box.innerWidth * box.innerLength * box.innerHeight;
      const utilisation = innerVolume > 0 ? itemsVolume / innerVolume : Number.NaN;
      if (!(Math.abs(packed.utilisation - utilisation) <= UTILISATION_TOLERANCE)) {
        errors.push(`${where}: utilisation reported ${packed.utilisation}, recomputed ${utilisation.toFixed(6)} (${itemsVolume} / ${innerVolume} mm³)`);
      }
    }
  });

  const unpacked = new Map<string, number>();
  result.unpacked.forEach((u, k) => {
    const at = `unpacked[${k}] item '${u.ref}'`;
    const item = items.get(u.ref);
    if (!Number.isInteger(u.quantity) || u.quantity <= 0) errors.push(`${at}: quantity must be a positive integer, got ${u.quantity}`);
    else unpacked.set(u.ref, (unpacked.get(u.ref) ?? 0) + u.quantity);
    if (!item) {
      errors.push(`${at}: item ref is not in the request`);
      return;
    }
    const fitting = request.boxes.filter((box) => fitsEmpty(item, box));
    const taker = fitting.find((box) => item.weight <= box.maxWeight - box.emptyWeight);
    if (taker) {
      errors.push(`${at}: reported '${u.reason}' but box '${taker.ref}' can take one unit (fits, and ${item.weight} g ≤ payload ${taker.maxWeight - taker.emptyWeight} g)`);
    } else if (u.reason === 'fits-no-box') {
      if (fitting.length > 0) errors.push(`${at}: reported 'fits-no-box' but it fits box '${fitting[0]!.ref}' (it is too heavy for it)`);
    } else if (u.reason === 'too-heavy-for-every-box') {
      const light = request.boxes.find((box) => item.weight <= box.maxWeight - box.emptyWeight);
      if (fitting.length === 0 && light) errors.push(`${at}: reported 'too-heavy-for-every-box' but it fits no box, and box '${light.ref}' could carry its ${item.weight} g`);
    } else {
      errors.push(`${at}: unknown reason '${String(u.reason)}'`);
    }
  });

  for (const [ref, item] of items) {
    const p = placed.get(ref) ?? 0;
    const u = unpacked.get(ref) ?? 0;
    if (p + u !== item.quantity) {
      const diff = p + u - item.quantity;
      errors.push(`item '${ref}': ${item.quantity} units requested, ${p} placed + ${u} unpacked = ${p + u} (${diff > 0 ? `${diff} extra` : `${-diff} missing`})`);
    }
  }

  const lb = result.lowerBound;
  if (!Number.isInteger(lb) || lb < 0) errors.push(`result: lowerBound must be a non-negative integer, got ${lb}`);
  else if (lb > result.boxes.length) errors.push(`result: lowerBound ${lb} > number of boxes ${result.boxes.length}`);
  return errors;
}

/** Why (dx, dy, dz) is not an orientation the item's rule allows, or undefined when it is. */
function orientationError(item: ItemInput, p: Placement): string | undefined {
  const got = `${p.dx}×${p.dy}×${p.dz}`;
  const dims = `${item.width}×${item.length}×${item.height} (w×l×h)`;
  switch (item.rotation) {
    case 'fixed':
      return p.dx === item.width && p.dy === item.length && p.dz === item.height ? undefined
        : `orientation ${got} not allowed: rotation 'fixed' needs exactly ${dims}`;
    case 'upright':
      if (p.dz !== item.height) return `orientation ${got} not allowed: rotation 'upright' needs dz = height ${item.height}`;
      return (p.dx === item.width && p.dy === item.length) || (p.dx === item.length && p.dy === item.width) ? undefined
        : `orientation ${got} not allowed: rotation 'upright' needs {dx, dy} = {${item.width}, ${item.length}}`;
    case 'any': {
      const a = [p.dx, p.dy, p.dz].sort((u, v) => u - v);
      const b = [item.width, item.length, item.height].sort((u, v) => u - v);
      return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] ? undefined
        : `extents ${got} are not a permutation of the item's ${dims}`;
    }
    default:
      return `unknown rotation '${String(item.rotation)}'`;
  }
}

/** True when some orientation the item's rule allows fits the box's empty inner space. */
function fitsEmpty(item: ItemInput, box: BoxInput): boolean {
  const { width: w, length: l, height: h } = item;
  const W = box.innerWidth;
  const L = box.innerLength;
  const H = box.innerHeight;
  switch (item.rotation) {
    case 'fixed':
      return w <= W && l <= L && h <= H;
    case 'upright':
      return h <= H && ((w <= W && l <= L) || (l <= W && w <= L));
    case 'any': {
      // An axis-aligned cuboid fits iff its sorted edges are each ≤ the box's sorted edges.
      const a = [w, l, h].sort((u, v) => u - v);
      const b = [W, L, H].sort((u, v) => u - v);
      return a[0]! <= b[0]! && a[1]! <= b[1]! && a[2]! <= b[2]!;
    }
    default:
      return false;
  }
}

/**
 * Pairs of placements that share positive volume. Sweep along one axis — the one with the most
 * distinct start coordinates, so the active set stays small: sorted by start, each placement is
 * compared only with the earlier ones whose extent along that axis still reaches past its start.
 */
function checkOverlaps(where: string, ps: Placement[], index: number[], errors: string[]): void {
  const starts = (k: 'x' | 'y' | 'z') => new Set(ps.map((p) => p[k])).size;
  const counts = { x: starts('x'), y: starts('y'), z: starts('z') };
  const axis = counts.x >= counts.y && counts.x >= counts.z ? 'x' : counts.y >= counts.z ? 'y' : 'z';
  const extent = axis === 'x' ? 'dx' : axis === 'y' ? 'dy' : 'dz';
  const order = ps.map((_, i) => i).sort((a, b) => ps[a]![axis] - ps[b]![axis]);
  let active: number[] = [];
  let found = 0;
  for (const i of order) {
    const p = ps[i]!;
    active = active.filter((j) => ps[j]![axis] + ps[j]![extent] > p[axis]);
    for (const j of active) {
      const q = ps[j]!;
      const ox = Math.min(p.x + p.dx, q.x + q.dx) - Math.max(p.x, q.x);
      const oy = Math.min(p.y + p.dy, q.y + q.dy) - Math.max(p.y, q.y);
      const oz = Math.min(p.z + p.dz, q.z + q.dz) - Math.max(p.z, q.z);
      if (ox > 0 && oy > 0 && oz > 0) {
        found++;
        if (found <= MAX_OVERLAPS_LISTED) {
          const [a, b] = index[j]! < index[i]! ? [j, i] : [i, j];
          errors.push(`${where}: placement[${index[a]}] item '${ps[a]!.ref}' and placement[${index[b]}] item '${ps[b]!.ref}' overlap by ${ox}×${oy}×${oz} mm`);
        }
      }
    }
    active.push(i);
  }
  if (found > MAX_OVERLAPS_LISTED) errors.push(`${where}: ${found - MAX_OVERLAPS_LISTED} more overlapping pairs not listed (${found} in all)`);
}
