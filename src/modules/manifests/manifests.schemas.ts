/** SortedPRO's manifest request shapes (spec §8) as TypeBox schemas. */
import { type Static, Type } from '@sinclair/typebox';
import { Opt, Str } from '../../shared/wire/schema-helpers.js';
import { MAX_BULK, ReferenceListBody } from '../consignments/consignments.schemas.js';

/** `ManifestConsignmentsRequest` (§8.1). */
export const ManifestBody = Type.Object({ ConsignmentReferences: ReferenceListBody });
export type ManifestBody = Static<typeof ManifestBody>;

const References = Type.Array(Str(100), { maxItems: MAX_BULK });

/** `ManifestFromQueryRequest` (§8.2); the rules beyond types are checked by `parseManifestQuery`. */
export const ManifestFromQueryBody = Type.Object({
  States: Opt(Type.Array(Str(64), { maxItems: 50, description: 'Required: Allocated, ManifestFailed and/or ReadyToShip' })),
  ShippingLocationReferences: Opt(References),
  ShippingLocationReference: Type.Optional(Type.Union([Str(100), References, Type.Null()], { description: 'The help page spelling: one reference or a list' })),
  Carriers: Opt(References),
  LabelsPrinted: Opt(Type.Boolean()),
  ShippingDate: Opt(Type.String({ maxLength: 40, description: 'ISO 8601 date: consignments shipping that day' })),
  ShippingDateRanges: Opt(Type.Object({
    StartDate: Opt(Type.String({ maxLength: 40 })),
    EndDate: Opt(Type.String({ maxLength: 40 })),
  }, { description: 'Inclusive; a single object despite the plural name' })),
});
export type ManifestFromQueryBody = Static<typeof ManifestFromQueryBody>;

export const ManifestParams = Type.Object({ manifestReference: Type.String({ maxLength: 64 }) });
export const ManifestsQuery = Type.Object({ shippingLocationReference: Type.Optional(Type.String({ maxLength: 100 })) });
