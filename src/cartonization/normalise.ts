import { fitting, orientations } from './orientations.js';
import type { BoxInput, ItemInput, PackRequest, Rotation, UnpackedItem } from './types.js';

/** Identical units (same dims up to the rule's rotations, weight and rule) aggregated: all work is per type. */
export interface ItemType {
  id: number;
  w: number;
  l: number;
  h: number;
  weight: number;
  rule: Rotation;
  count: number;
  volume: number;
  minEdge: number;
  maxEdge: number;
  /** The refs whose units this type holds, sorted by ref so the answer ignores input order. */
  refs: { ref: string; count: number }[];
  /** Per box: orientations (flat dx, dy, dz) that fit the empty box; empty if none or too heavy. */
  fit: Int32Array[];
  /**
   * Per box, 3 values (axis x, y, z): the smallest extent along that axis over the fitting
   * orientations when every fitting orientation is more than half the box along the other two
   * axes (the unit then covers the box's centre line, so such units must stack; bounds.ts), else 0.
   */
  stack: Int32Array[];
  /** Per box, filled on first use by dff.ts: the unit's value in each dual-feasible-function test. */
  dff: (Float64Array | undefined)[];
  /** Per box, filled on first use by planes.ts: the unit's plane shares (axis × k). */
  planes: (Float64Array | undefined)[];
  /** Per box, filled on first use by assign.ts: the unit's share of the box's budgets. */
  budgets: (Float64Array | undefined)[];
}

export interface BoxType {
  id: number;
  ref: string;
  W: number;
  L: number;
  H: number;
  volume: number;
  outerVolume: number;
  payload: number;
  emptyWeight: number;
  cost: number;
}

export interface Problem {
  types: ItemType[];
  boxes: BoxType[];
  unpacked: UnpackedItem[];
}

const posInt = (v: number): boolean => Number.isInteger(v) && v > 0;
const natInt = (v: number): boolean => Number.isInteger(v) && v >= 0;

function validate(req: PackRequest): void {
  const refs = new Set<string>();
  for (const it of req.items) {
    if (refs.has(it.ref)) throw new RangeError(`duplicate item ref ${it.ref}`);
    refs.add(it.ref);
    if (![it.width, it.length, it.height].every(posInt)) throw new RangeError(`item ${it.ref}: dimensions must be positive integers`);
    if (!natInt(it.weight)) throw new RangeError(`item ${it.ref}: weight must be a non-negative integer`);
    if (!posInt(it.quantity)) throw new RangeError(`item ${it.ref}: quantity must be a positive integer`);
    if (!['any', 'upright', 'fixed'].includes(it.rotation)) throw new RangeError(`item ${it.ref}: unknown rotation`);
  }
  const boxRefs = new Set<string>();
  for (const b of req.boxes) {
    if (boxRefs.has(b.ref)) throw new RangeError(`duplicate box ref ${b.ref}`);
    boxRefs.add(b.ref);
    if (![b.innerWidth, b.innerLength, b.innerHeight].every(posInt)) throw new RangeError(`box ${b.ref}: inner dimensions must be positive integers`);
    if (![b.outerWidth, b.outerLength, b.outerHeight, b.emptyWeight, b.maxWeight, b.cost ?? 0].every(natInt)) {
      throw new RangeError(`box ${b.ref}: outer dimensions, weights and cost must be non-negative integers`);
    }
    if (b.maxWeight < b.emptyWeight) throw new RangeError(`box ${b.ref}: maxWeight below emptyWeight`);
  }
}

function boxType(b: BoxInput, id: number): BoxType {
  return {
    id, ref: b.ref, W: b.innerWidth, L: b.innerLength, H: b.innerHeight,
    volume: b.innerWidth * b.innerLength * b.innerHeight,
    outerVolume: b.outerWidth * b.outerLength * b.outerHeight,
    payload: b.maxWeight - b.emptyWeight, emptyWeight: b.emptyWeight, cost: b.cost ?? 0,
  };
}

/** Canonical dims: rotations the rule allows anyway are folded, so equal items share a type. */
function canonical(it: ItemInput): [number, number, number] {
  if (it.rotation === 'any') return [it.width, it.length, it.height].sort((a, b) => a - b) as [number, number, number];
  if (it.rotation === 'upright') return [Math.min(it.width, it.length), Math.max(it.width, it.length), it.height];
  return [it.width, it.length, it.height];
}

function stackExtents(fit: Int32Array, b: BoxType): Int32Array {
  const out = new Int32Array(3);
  if (fit.length === 0) return out;
  const size = [b.W, b.L, b.H];
  for (let axis = 0; axis < 3; axis++) {
    let min = Infinity;
    for (let i = 0; i < fit.length && min > 0; i += 3) {
      const a1 = (axis + 1) % 3, a2 = (axis + 2) % 3;
      if (2 * fit[i + a1]! > size[a1]! && 2 * fit[i + a2]! > size[a2]!) min = Math.min(min, fit[i + axis]!);
      else min = 0;
    }
    out[axis] = min;
  }
  return out;
}

/** Validates (throws RangeError), aggregates into types and sets aside units no box can take. */
export function normalise(req: PackRequest): Problem {
  validate(req);
  const boxes = req.boxes.map(boxType);
  const unpacked: UnpackedItem[] = [];
  const byKey = new Map<string, ItemType>();
  for (const it of req.items) {
    const [w, l, h] = canonical(it);
    const all = orientations(w, l, h, it.rotation);
    const geo = boxes.map((b) => fitting(all, b.W, b.L, b.H));
    if (geo.every((f) => f.length === 0)) {
      unpacked.push({ ref: it.ref, quantity: it.quantity, reason: 'fits-no-box' });
      continue;
    }
    const fit = geo.map((f, i) => (it.weight <= boxes[i]!.payload ? f : new Int32Array(0)));
    if (fit.every((f) => f.length === 0)) {
      unpacked.push({ ref: it.ref, quantity: it.quantity, reason: 'too-heavy-for-every-box' });
      continue;
    }
    const key = `${w},${l},${h},${it.weight},${it.rotation}`;
    let t = byKey.get(key);
    if (!t) {
      t = {
        id: 0, w, l, h, weight: it.weight, rule: it.rotation, count: 0, volume: w * l * h,
        minEdge: Math.min(w, l, h), maxEdge: Math.max(w, l, h), refs: [], fit,
        stack: fit.map((f, i) => stackExtents(f, boxes[i]!)),
        dff: [],
        planes: [],
        budgets: [],
      };
      byKey.set(key, t);
    }
    t.count += it.quantity;
    t.refs.push({ ref: it.ref, count: it.quantity });
  }
  const types = [...byKey.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]);
  types.forEach((t, i) => {
    t.id = i;
    t.refs.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  });
  unpacked.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  return { types, boxes, unpacked };
}
