/** SortedPRO's consignment request shapes (spec §4.2, §4.6–§4.11) as TypeBox schemas. */
import { type Static, Type } from '@sinclair/typebox';
import { Opt, Str } from '../../shared/wire/schema-helpers.js';
import {
  AddressInput, BarcodeInput, CustomsDocumentationInput, DeliveryDateInput, DimensionsInput, DirectionSchema, MetaDataInput,
  MoneyInput, SourceSchema, WeightInput,
} from '../../shared/wire/types.js';
import { OrderItemInput } from '../orders/orders.schemas.js';

/** Bulk bodies name at most this many consignments (spec §1.12). */
export const MAX_BULK = 1000;

/** Consignment items take the order item fields (spec §4.2); on update `Reference` names the item to change. */
export const ConsignmentItemInput = OrderItemInput;

export const ConsignmentPackageInput = Type.Object({
  Reference: Opt(Str(64)),
  PackageReferenceProvidedByCustomer: Opt(Str(100)),
  Weight: Opt(WeightInput),
  Dimensions: Opt(DimensionsInput),
  PackageSizeReference: Opt(Str(100)),
  Description: Opt(Str(1000)),
  Value: Opt(MoneyInput),
  Barcode: Opt(BarcodeInput),
  MetaData: Opt(Type.Array(MetaDataInput)),
  Items: Opt(Type.Array(ConsignmentItemInput)),
}, { description: 'Weight and Dimensions (or a PackageSizeReference), Description and Value are required. Reference: on Update Consignment, the package to change; ignored elsewhere.' });
export type ConsignmentPackageInput = Static<typeof ConsignmentPackageInput>;

const consignmentFields = {
  ConsignmentReferenceProvidedByCustomer: Opt(Str(100)),
  Source: Opt(SourceSchema),
  ShippingDate: Opt(Type.String({ description: 'ISO 8601 date or date-time' })),
  RequiredDeliveryDate: Opt(DeliveryDateInput),
  /** Alias (spec §17 #14). */
  RequestedDeliveryDate: Opt(DeliveryDateInput),
  Packages: Opt(Type.Array(ConsignmentPackageInput)),
  CustomsDocumentation: Opt(CustomsDocumentationInput),
  Addresses: Opt(Type.Array(AddressInput)),
  MetaData: Opt(Type.Array(MetaDataInput)),
  Direction: Opt(DirectionSchema),
  Tags: Opt(Type.Array(Type.String())),
};

export const CreateConsignmentBody = Type.Object(consignmentFields);
export type CreateConsignmentBody = Static<typeof CreateConsignmentBody>;

export const UpdateConsignmentBody = Type.Object({ Reference: Opt(Type.String({ maxLength: 64 })), ...consignmentFields });
export type UpdateConsignmentBody = Static<typeof UpdateConsignmentBody>;

/** Update Consignment takes one object or a list (spec §17 #15); the route wraps a single object. */
export const UpdateConsignmentsBody = Type.Array(UpdateConsignmentBody, {
  minItems: 1,
  maxItems: MAX_BULK,
  description: 'One UpdateConsignmentRequest, or an array of them',
});

/** `["EC-000-05D-1NS", …]`: cancel list, set (not) ready to ship. */
export const ReferenceListBody = Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: MAX_BULK });
export type ReferenceListBody = Static<typeof ReferenceListBody>;

export const DispatchBody = Type.Object({ ConsignmentReferences: ReferenceListBody });
export type DispatchBody = Static<typeof DispatchBody>;

export const ConsignmentParams = Type.Object({ consignmentReference: Type.String({ maxLength: 64 }) });
export const PackageParams = Type.Object({ packageReference: Type.String({ maxLength: 64 }) });
export const ConsignmentPackageParams = Type.Object({
  consignmentReference: Type.String({ maxLength: 64 }),
  packageReference: Type.String({ maxLength: 64 }),
});
export const PagingParams = Type.Object({ take: Type.String({ maxLength: 20 }), skip: Type.String({ maxLength: 20 }) });
