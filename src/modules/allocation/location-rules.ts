/**
 * Destination exclusions of a service profile (spec §5.4 step 3): UK postcodes by area, district,
 * sector and unit (unspecified parts are wildcards), US ZIP codes by 3-digit prefix or range.
 */
import type { PostcodeRestriction, ZipRestriction } from './service-profile.js';

export interface UkPostcode {
  area: string;
  district: string;
  sector: string;
  unit: string;
}

/** "M2 6LW" → {M, 2, 6, LW}; also a bare outward code ("M2") with empty sector and unit. */
export function parseUkPostcode(raw: string): UkPostcode | null {
  const s = raw.toUpperCase().replace(/\s+/g, '');
  const full = /^([A-Z]{1,2})(\d[A-Z\d]?)(\d)([A-Z]{2})$/.exec(s);
  if (full) return { area: full[1]!, district: full[2]!, sector: full[3]!, unit: full[4]! };
  const outward = /^([A-Z]{1,2})(\d[A-Z\d]?)$/.exec(s);
  return outward ? { area: outward[1]!, district: outward[2]!, sector: '', unit: '' } : null;
}

const same = (rule: string | null, value: string) => rule === null || rule.trim() === '' || rule.trim().toUpperCase() === value;

export function postcodeExcluded(rule: PostcodeRestriction, postcode: UkPostcode): boolean {
  return same(rule.PostcodeArea, postcode.area) && same(rule.PostcodeDistrict, postcode.district)
    && same(rule.PostcodeSector, postcode.sector) && same(rule.PostcodeUnit, postcode.unit);
}

/** The 3-digit prefix of a US ZIP ("90210-1234" → "902"), or null. */
export function zipPrefix(zip: string): string | null {
  const m = /^(\d{3})\d{2}(-?\d{4})?$/.exec(zip.trim());
  return m ? m[1]! : null;
}

export function zipExcluded(rule: ZipRestriction, prefix: string): boolean {
  if ('Single' in rule) return rule.Single === prefix;
  return rule.From <= prefix && prefix <= rule.To;
}
