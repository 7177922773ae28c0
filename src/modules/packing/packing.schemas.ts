/** Pack Order's request (spec §3.1) as a TypeBox schema, for validation and OpenAPI. */
import { type Static, Type } from '@sinclair/typebox';
import { Opt, Str } from '../../shared/wire/schema-helpers.js';
import { AddressInput, CustomsDocumentationInput, DimensionsInput, MetaDataInput, WeightInput } from '../../shared/wire/types.js';

export const PackItemInput = Type.Object({
  Reference: Opt(Str(64)),
  ItemReferenceProvidedByCustomer: Opt(Str(100)),
  Sku: Opt(Str(100)),
  Quantity: Opt(Type.Integer({ description: 'units of that order item in this box; default 1' })),
});
export type PackItemInput = Static<typeof PackItemInput>;

export const PackPackageInput = Type.Object({
  Dimensions: Opt(DimensionsInput),
  Weight: Opt(WeightInput),
  PackageSizeReference: Opt(Str(100)),
  Items: Opt(Type.Array(PackItemInput)),
});
export type PackPackageInput = Static<typeof PackPackageInput>;

export const PackOrderBody = Type.Object({
  OrderReference: Opt(Type.String({ maxLength: 64, description: 'if given, must equal the path reference' })),
  OrderReferenceProvidedByCustomer: Opt(Str(100)),
  GenerateReturn: Opt(Type.Boolean()),
  Packages: Opt(Type.Array(PackPackageInput)),
  MetaData: Opt(Type.Array(MetaDataInput)),
  CustomsDocumentation: Opt(CustomsDocumentationInput),
  Tags: Opt(Type.Array(Type.String())),
  Addresses: Opt(Type.Array(AddressInput, { description: '[EXT] replaces the order address of the same type for this consignment' })),
  ShippingDate: Opt(Type.String({ description: '[EXT] ship date of this consignment; default the order\'s' })),
});
export type PackOrderBody = Static<typeof PackOrderBody>;

export const OrderReferencesBody = Type.Object({ OrderReferences: Opt(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 1000 })) });
export type OrderReferencesBody = Static<typeof OrderReferencesBody>;
