/**
 * Weights and dimensions arrive in several units (spec §1.5) and are stored and emitted in Kg and Cm,
 * rounded to 5 decimal places, half away from zero.
 */
const KG_PER_UNIT: Record<string, number> = { kg: 1, g: 0.001, lb: 0.45359237, lbs: 0.45359237 };
const CM_PER_UNIT: Record<string, number> = { cm: 1, mm: 0.1, m: 100, in: 2.54, inches: 2.54 };

export const WEIGHT_UNITS = ['Kg', 'G', 'Lb', 'Lbs'] as const;
export const DIMENSION_UNITS = ['Cm', 'Mm', 'M', 'In', 'Inches'] as const;

export function round(value: number, places: number): number {
  const f = 10 ** places;
  const r = Math.round(Math.abs(value) * f + Number.EPSILON * f) / f;
  return value < 0 ? -r : r;
}
export const round5 = (value: number): number => round(value, 5);

/** Kilograms, or null when the unit is unknown. An absent unit means Kg, as in every documented example. */
export function toKg(value: number, unit: string | null | undefined): number | null {
  const factor = KG_PER_UNIT[(unit ?? 'Kg').trim().toLowerCase()];
  return factor === undefined ? null : round5(value * factor);
}

/** Centimetres, or null when the unit is unknown. An absent unit means Cm. */
export function toCm(value: number, unit: string | null | undefined): number | null {
  const factor = CM_PER_UNIT[(unit ?? 'Cm').trim().toLowerCase()];
  return factor === undefined ? null : round5(value * factor);
}
