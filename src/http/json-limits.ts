/**
 * Limits on the shape of a JSON body, checked on the text before it is parsed. Code after parsing
 * (the Idempotency-Key fingerprint, canonicalisation, logging) walks bodies recursively, so a body
 * nested thousands of levels deep must be refused at the edge instead of overflowing the stack.
 */

/** Deeper than any body the API takes (Update Consignment reaches about 7); the rest is abuse. */
export const MAX_JSON_DEPTH = 64;

/** True when arrays and objects nest deeper than `limit` (brackets inside strings do not count). */
export function jsonNestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}
