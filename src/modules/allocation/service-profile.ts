/**
 * A customer's profile of one carrier service: whether it is enabled and the allocation rules
 * that narrow where it may be used (spec §5.4 step 3, §12 `MpdCarrierServiceProfile`). Stored in
 * `carrier_services.rules` in this shape (PascalCase, as the admin API takes and shows it).
 */

export const DIMENSION_TYPES = ['Length', 'Girth', 'AbsoluteWeight', 'CombinedDimensions'] as const;
export type DimensionType = (typeof DIMENSION_TYPES)[number];

export interface DimensionRestriction {
  DimensionType: DimensionType;
  /** Inclusive; cm for lengths, kg for AbsoluteWeight; null = unbounded on that side. */
  RangeFrom: number | null;
  RangeTo: number | null;
}

/** A UK postcode exclusion: every part given must match; parts left null are wildcards. */
export interface PostcodeRestriction {
  PostcodeArea: string;
  PostcodeDistrict: string | null;
  PostcodeSector: string | null;
  PostcodeUnit: string | null;
}

/** A US ZIP exclusion: one 3-digit prefix, or an inclusive range of prefixes. */
export type ZipRestriction = { Single: string } | { From: string; To: string };

export interface ServiceRules {
  DimensionRestrictions: DimensionRestriction[];
  DomesticLocationRestrictions: PostcodeRestriction[];
  ZipCodeRestrictions: ZipRestriction[];
  /** Destination countries the service must not be used for (ISO alpha-2). */
  ExcludedCountries: string[];
  CompensationAndValue: { MaxParcelValue: number | null; Currency: string } | null;
  /** The service may carry a consignment only if every consignment tag is here (§1.8). */
  AllocationFilteringTags: string[];
}

export interface ServiceProfile {
  reference: string;
  enabled: boolean;
  rules: ServiceRules;
}

export const NO_RULES: ServiceRules = {
  DimensionRestrictions: [],
  DomesticLocationRestrictions: [],
  ZipCodeRestrictions: [],
  ExcludedCountries: [],
  CompensationAndValue: null,
  AllocationFilteringTags: [],
};

export interface ServiceGroup {
  reference: string;
  name: string;
  enabled: boolean;
  /** Member service references. */
  members: string[];
}
