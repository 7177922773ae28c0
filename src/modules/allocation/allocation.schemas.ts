/** Request shapes of the allocation endpoints (spec §5.1, §5.8). */
import { type Static, Type } from '@sinclair/typebox';
import { ReferenceListBody } from '../consignments/consignments.schemas.js';

export const AllocateBody = Type.Object({ ConsignmentReferences: ReferenceListBody });
export type AllocateBody = Static<typeof AllocateBody>;

export const AllocateWithServiceGroupBody = Type.Object({
  ConsignmentReferences: ReferenceListBody,
  MpdCarrierServiceGroupReference: Type.String({ minLength: 1, maxLength: 100 }),
});
export type AllocateWithServiceGroupBody = Static<typeof AllocateWithServiceGroupBody>;

export const AllocateWithCarrierServiceBody = Type.Object({
  ConsignmentReferences: ReferenceListBody,
  MpdCarrierServiceReference: Type.String({ minLength: 1, maxLength: 100 }),
});
export type AllocateWithCarrierServiceBody = Static<typeof AllocateWithCarrierServiceBody>;

export const AllocateWithFiltersBody = Type.Object({
  ConsignmentReferences: ReferenceListBody,
  Filters: Type.Optional(Type.Object({
    ServiceDirection: Type.Optional(Type.Union([Type.Literal('Outbound'), Type.Literal('Inbound')])),
    IsPickup: Type.Optional(Type.Boolean()),
    IsDropOff: Type.Optional(Type.Boolean()),
  })),
});
export type AllocateWithFiltersBody = Static<typeof AllocateWithFiltersBody>;

const RefParam = Type.String({ maxLength: 64 });
export const ConsignmentParams = Type.Object({ consignmentReference: RefParam });
export const GroupParams = Type.Object({ consignmentReference: RefParam, mpdCarrierServiceGroupReference: Type.String({ maxLength: 100 }) });
export const QuoteParams = Type.Object({ consignmentReference: RefParam, quoteReference: Type.String({ maxLength: 64 }) });

export const AllocateAllBody = Type.Object({
  ShipByDate: Type.Optional(Type.String({ maxLength: 40 })),
  ShippingLocationReference: Type.Optional(Type.String({ maxLength: 100 })),
  MpdCarrierServiceReference: Type.Optional(Type.String({ maxLength: 100 })),
  MpdCarrierServiceGroupReference: Type.Optional(Type.String({ maxLength: 100 })),
});
export type AllocateAllBody = Static<typeof AllocateAllBody>;
export const ShipByParams = Type.Object({ shipByDate: Type.String({ maxLength: 40 }) });
