/**
 * SortedPRO references (spec §1.3): a prefix and nine upper-case base-36 digits in three groups,
 * e.g. EO-000-002-0TS. The number comes from a database counter; clients treat it as opaque.
 */
export type ReferencePrefix = 'EO' | 'EC' | 'EP';

const DIGITS = 9;
const MAX = 36 ** DIGITS;
const PATTERN = /^E[A-Z]{1,2}-[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/;

export function formatReference(prefix: ReferencePrefix, n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= MAX) throw new RangeError(`reference number out of range: ${n}`);
  const s = n.toString(36).toUpperCase().padStart(DIGITS, '0');
  return `${prefix}-${s.slice(0, 3)}-${s.slice(3, 6)}-${s.slice(6)}`;
}

/** Upper-cases a reference from a path or body; null when it does not have the reference shape at all. */
export function normaliseReference(raw: string, prefix: ReferencePrefix): string | null {
  const upper = raw.trim().toUpperCase();
  return PATTERN.test(upper) && upper.startsWith(`${prefix}-`) ? upper : null;
}
