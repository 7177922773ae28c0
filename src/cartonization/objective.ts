import type { BoxType } from './normalise.js';
import type { Objective } from './types.js';

/**
 * Default carrier charge for `lowest-cost`, in minor currency units: a per-parcel base plus a
 * per-kg rate on the billable weight rounded up to the next 0.5 kg. Billable weight is
 * max(gross grams, outer volume at 5,000 cm³ per kg), i.e. outer mm³ / 5,000 grams, rounded up.
 * The figures (4.50 base, 1.20 per kg) are a plausible domestic parcel tariff, not any carrier's:
 * the base is what stops the objective from splitting an order into many small parcels; the
 * per-kg part is what makes a large, light box cost more than a small one.
 */
export const DEFAULT_CHARGE_BASE = 450;
export const DEFAULT_CHARGE_PER_KG = 120;
/** mm³ per billable gram: 5,000 cm³ per kg. */
export const VOLUMETRIC_MM3_PER_GRAM = 5000;

export function defaultCarrierCharge(billableGrams: number): number {
  const halfKgs = Math.ceil(billableGrams / 500);
  return DEFAULT_CHARGE_BASE + Math.ceil((DEFAULT_CHARGE_PER_KG * halfKgs) / 2);
}

export function billableGrams(box: BoxType, itemsWeight: number): number {
  return Math.max(box.emptyWeight + itemsWeight, Math.ceil(box.outerVolume / VOLUMETRIC_MM3_PER_GRAM));
}

/**
 * A solution's cost is a tuple compared lexicographically (never a big-M sum), obtained by adding
 * per-box tuples, so every phase serves all three objectives:
 *   fewest-boxes-then-volume: (boxes, Σ inner volume, Σ outer volume)
 *   least-volume:             (Σ inner volume, boxes, Σ outer volume)
 *   lowest-cost:              (Σ box cost + carrier charge, boxes, Σ inner volume)
 */
export type Cost = [number, number, number];

export class CostModel {
  constructor(
    readonly objective: Objective,
    private readonly charge: (billableGrams: number) => number,
  ) {}

  box(b: BoxType, itemsWeight: number): Cost {
    if (this.objective === 'least-volume') return [b.volume, 1, b.outerVolume];
    if (this.objective === 'lowest-cost') return [b.cost + this.charge(billableGrams(b, itemsWeight)), 1, b.volume];
    return [1, b.volume, b.outerVolume];
  }

  /** A lower bound on `box` for any content (charges are assumed not to fall as weight rises). */
  boxFloor(b: BoxType): Cost {
    return this.box(b, 0);
  }
}

export const zeroCost = (): Cost => [0, 0, 0];

export function addCost(a: Cost, b: Cost): Cost {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
}

export function compareCost(a: Cost, b: Cost): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}
