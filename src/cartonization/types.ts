/**
 * The cartonization engine's contract: what goes in, what comes out. Pure data; integers only
 * (millimetres, grams, minor currency units). Axes: x along a box's inner width, y along its
 * inner length, z vertical along its inner height. Units are converted at the API edge (item
 * dimensions rounded up, box inner dimensions rounded down), never in here.
 *
 * The packer (`../index.ts`) and the independent checker (`./check/`) share nothing but this file.
 */

/**
 * How an item may be turned: `any` — every axis-aligned orientation; `upright` — its `height`
 * stays vertical, it may turn about the vertical axis only (width and length swap); `fixed` —
 * exactly as given (width along x, length along y, height along z).
 */
export type Rotation = 'any' | 'upright' | 'fixed';

/** What "best" means; see docs/decisions (cartonization) for the cost model of `lowest-cost`. */
export type Objective = 'fewest-boxes-then-volume' | 'least-volume' | 'lowest-cost';

export interface ItemInput {
  /** The caller's name for this line; every unit of it is placed under this ref. Unique per request. */
  ref: string;
  width: number;
  length: number;
  /** The dimension that stays vertical under `upright`. */
  height: number;
  /** Grams per unit (≥ 0). */
  weight: number;
  /** Units (≥ 1). */
  quantity: number;
  rotation: Rotation;
}

export interface BoxInput {
  /** Unique per request. */
  ref: string;
  innerWidth: number;
  innerLength: number;
  innerHeight: number;
  /** Outer dimensions, for volumetric weight and reporting; equal to the inner ones when unknown. */
  outerWidth: number;
  outerLength: number;
  outerHeight: number;
  /** Grams. */
  emptyWeight: number;
  /** Grams: the most the box may weigh with its contents (so payload = maxWeight − emptyWeight). */
  maxWeight: number;
  /** Price of one box in minor currency units (0 when unknown); used by `lowest-cost`. */
  cost?: number;
}

export interface PackRequest {
  items: ItemInput[];
  boxes: BoxInput[];
}

export interface PackOptions {
  objective?: Objective;
  /** Wall-clock budget for improvement; the packing found so far is returned when it runs out. */
  timeBudgetMs?: number;
  /** Deterministic alternative to the time budget (tests, benches): a cap on constructions. */
  iterationBudget?: number;
  /** Seed of the PRNG used by randomised restarts. */
  seed?: number;
  /**
   * `lowest-cost` only: the carrier's charge in minor units for one parcel of this billable
   * weight (grams; billable = max(gross, outer volume / 5,000 cm³ per kg)). A default is documented.
   */
  carrierCharge?: (billableGrams: number) => number;
}

/** One unit of an item in a box: its corner and its extents along x, y, z. */
export interface Placement {
  ref: string;
  x: number;
  y: number;
  z: number;
  dx: number;
  dy: number;
  dz: number;
}

export interface PackedBox {
  /** The `BoxInput.ref` used. */
  boxRef: string;
  /** One per unit, in packing order (bottom layer first: by z, then y, then x). */
  placements: Placement[];
  /** Grams of the items in the box. */
  itemsWeight: number;
  /** Grams: items + the empty box. */
  grossWeight: number;
  /** Items' volume / the box's inner volume, 0..1. */
  utilisation: number;
}

export type UnpackedReason = 'fits-no-box' | 'too-heavy-for-every-box';

export interface UnpackedItem {
  ref: string;
  quantity: number;
  reason: UnpackedReason;
}

export interface PackResult {
  boxes: PackedBox[];
  /** Units that no box can take (never units left out because time ran out). */
  unpacked: UnpackedItem[];
  /** A lower bound on the number of boxes any packing of the packable units needs. */
  lowerBound: number;
  /** True when the answer is proven optimal for the objective. */
  certified: boolean;
  /** Constructions tried and milliseconds spent, for logs and benches. */
  stats: { constructions: number; elapsedMs: number };
}
