/** Pack Order's request (spec §3.1) as a TypeBox schema, for validation and OpenAPI. */
import { type Static, Type } from '@sinclair/typebox';
import { Opt, Str, StringEnum } from '../../shared/wire/schema-helpers.js';
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

/** [EXT] An order line for automatic box selection: which line, how many units, how it may be turned. */
export const BoxSelectionItemInput = Type.Object({
  Reference: Opt(Str(64)),
  ItemReferenceProvidedByCustomer: Opt(Str(100)),
  Sku: Opt(Str(100)),
  Quantity: Opt(Type.Integer({ description: 'units; default 1' })),
  Rotation: Opt(StringEnum(['any', 'upright', 'fixed'] as const, {
    description: 'any (default): every orientation; upright: the item\'s Height stays vertical; fixed: as given',
  })),
});
export type BoxSelectionItemInput = Static<typeof BoxSelectionItemInput>;

export const OBJECTIVES = ['fewest-boxes-then-volume', 'least-volume', 'lowest-cost'] as const;

/** [EXT] What automatic box selection works on; every field optional. */
const boxSelectionFields = {
  Items: Opt(Type.Array(BoxSelectionItemInput, { description: '[EXT] default: every unit still outstanding on the order' })),
  PackageSizeReferences: Opt(Type.Array(Str(100), { description: '[EXT] the boxes to choose from; default: all the customer\'s package sizes' })),
  Objective: Opt(StringEnum(OBJECTIVES, { description: '[EXT] default fewest-boxes-then-volume' })),
};

export const SuggestBoxesBody = Type.Object(boxSelectionFields);
export type SuggestBoxesBody = Static<typeof SuggestBoxesBody>;

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
  AutoPack: Opt(Type.Boolean({ description: '[EXT] let Packline choose the boxes: send Items / PackageSizeReferences / Objective instead of Packages' })),
  ...boxSelectionFields,
});
export type PackOrderBody = Static<typeof PackOrderBody>;

export const OrderReferencesBody = Type.Object({ OrderReferences: Opt(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 1000 })) });
export type OrderReferencesBody = Static<typeof OrderReferencesBody>;
