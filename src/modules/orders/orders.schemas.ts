/** SortedPRO's order request shapes (spec §2.2, §2.4), as TypeBox schemas for validation and OpenAPI. */
import { type Static, Type } from '@sinclair/typebox';
import { Opt, Str } from '../../shared/wire/schema-helpers.js';
import {
  AddressInput, BarcodeInput, ContentClassificationDetailsSchema, ContentClassificationSchema, CountryInput,
  CustomsDocumentationInput, DeliveryDateInput, DimensionsInput, DirectionSchema, MetaDataInput, MoneyInput, SourceSchema,
  WeightInput,
} from '../../shared/wire/types.js';

export const OrderItemInput = Type.Object({
  Reference: Opt(Type.String({ description: 'ignored: the server assigns item references' })),
  Sku: Opt(Str(100)),
  ItemReferenceProvidedByCustomer: Opt(Str(100)),
  Model: Opt(Str(255)),
  Description: Opt(Str(1000)),
  Quantity: Opt(Type.Integer({ description: 'units; default 1' })),
  Unit: Opt(Str(50)),
  Weight: Opt(WeightInput),
  Dimensions: Opt(DimensionsInput),
  Value: Opt(MoneyInput),
  CountryOfOrigin: Opt(CountryInput),
  HarmonisationCode: Opt(Str(50)),
  HarmonisationKeyWords: Opt(Type.Array(Type.String())),
  Barcode: Opt(BarcodeInput),
  MetaData: Opt(Type.Array(MetaDataInput)),
  ContentClassification: Opt(ContentClassificationSchema),
  ContentClassificationDetails: Opt(ContentClassificationDetailsSchema),
});

export const OrderPackageInput = Type.Object({
  Reference: Opt(Type.String({ description: 'ignored: the server assigns EP- references' })),
  PackageReferenceProvidedByCustomer: Opt(Str(100)),
  Weight: Opt(WeightInput),
  Dimensions: Opt(DimensionsInput),
  PackageSizeReference: Opt(Str(100)),
  Description: Opt(Str(1000)),
  Value: Opt(MoneyInput),
  Barcode: Opt(BarcodeInput),
  MetaData: Opt(Type.Array(MetaDataInput)),
  Items: Opt(Type.Array(OrderItemInput)),
});

const orderFields = {
  OrderReferenceProvidedByCustomer: Opt(Str(100)),
  RequiredDeliveryDate: Opt(DeliveryDateInput),
  /** Alias (spec §17 #14). */
  RequestedDeliveryDate: Opt(DeliveryDateInput),
  ShippingDate: Opt(Type.String({ description: 'ISO 8601 date or date-time' })),
  CustomsDocumentation: Opt(CustomsDocumentationInput),
  Addresses: Opt(Type.Array(AddressInput)),
  MetaData: Opt(Type.Array(MetaDataInput)),
  Direction: Opt(DirectionSchema),
  Tags: Opt(Type.Array(Type.String())),
};

export const CreateOrderBody = Type.Object({
  ...orderFields,
  Source: Opt(SourceSchema),
  Packages: Opt(Type.Array(OrderPackageInput)),
});
export type CreateOrderBody = Static<typeof CreateOrderBody>;

/** Update Order: `Source` and `Packages` may be sent (same shape as create) but are ignored. */
export const UpdateOrderBody = Type.Object({ OrderReference: Opt(Type.String()), ...orderFields });
export type UpdateOrderBody = Static<typeof UpdateOrderBody>;

export const AddressBody = AddressInput;
export type AddressBody = Static<typeof AddressInput>;

export const OrderParams = Type.Object({ orderReference: Type.String({ maxLength: 64 }) });
