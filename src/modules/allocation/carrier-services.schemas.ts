/**
 * Input shapes of the carrier-service admin endpoints (Packline extensions, spec §12 "admin OPT").
 * They check shape and types only; the rules (ranges, postcode parts, countries, currencies) are in
 * carrier-services.normalise.ts so that every problem of a body is reported at once.
 */
import { type Static, Type } from '@sinclair/typebox';
import { Opt, Str } from '../../shared/wire/schema-helpers.js';

const MAX_RULES = 1000;
const List = <T extends Parameters<typeof Type.Array>[0]>(item: T) => Opt(Type.Array(item, { maxItems: MAX_RULES }));

export const DimensionRestrictionInput = Type.Object({
  // A plain string, not an enum schema: an unknown type is reported with the other rule problems.
  DimensionType: Opt(Str(50)),
  RangeFrom: Opt(Type.Number({ description: 'inclusive; cm, or kg for AbsoluteWeight; null = no lower bound' })),
  RangeTo: Opt(Type.Number({ description: 'inclusive; cm, or kg for AbsoluteWeight; null = no upper bound' })),
});

export const PostcodeRestrictionInput = Type.Object({
  PostcodeArea: Opt(Str(10)),
  PostcodeDistrict: Opt(Str(10)),
  PostcodeSector: Opt(Str(10)),
  PostcodeUnit: Opt(Str(10)),
});

export const ZipRestrictionInput = Type.Object({
  Single: Opt(Str(10)),
  From: Opt(Str(10)),
  To: Opt(Str(10)),
});

/** SortedPRO's shape of a country exclusion; Packline supports whole countries only. */
export const InternationalRestrictionInput = Type.Object({
  CountryTwoLetterIsoCode: Opt(Str(10)),
  Postcode: Opt(Str(50)),
  Town: Opt(Str(100)),
  County: Opt(Str(100)),
});

export const ServiceProfileInput = Type.Object({
  IsEnabled: Opt(Type.Boolean()),
  DimensionRestrictions: List(DimensionRestrictionInput),
  DomesticLocationRestrictions: List(PostcodeRestrictionInput),
  ZipCodeRestrictions: List(ZipRestrictionInput),
  ExcludedCountries: List(Str(10)),
  InternationalLocationRestrictions: List(InternationalRestrictionInput),
  CompensationAndValue: Opt(Type.Object({
    MaxParcelValue: Opt(Type.Number({ description: 'the most a consignment may be worth on this service; null = no limit' })),
    Currency: Opt(Str(10)),
  })),
  AllocationFilteringTags: List(Str(100)),
});
export type ServiceProfileInput = Static<typeof ServiceProfileInput>;

/** The carrier account settings as the adapter reads them (credentials, switches): a flat JSON object. */
export const CarrierSettingsInput = Type.Record(Type.String(), Type.Unknown(), { maxProperties: 50 });
export type CarrierSettingsInput = Static<typeof CarrierSettingsInput>;

export const ServiceGroupInput = Type.Object({
  Reference: Opt(Str(100)),
  Name: Opt(Str(100)),
  IsEnabled: Opt(Type.Boolean()),
  MpdCarrierServiceReferences: Opt(Type.Array(Str(100), { maxItems: 100 })),
});
export type ServiceGroupInput = Static<typeof ServiceGroupInput>;
