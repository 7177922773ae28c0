/**
 * Create/Update Order input → the stored order document, applying every rule of spec §1.5–§1.11 and
 * §2.2 and reporting all problems at once.
 */
import { Problems } from '../../shared/errors.js';
import * as n from '../../shared/wire/normalise.js';
import { field, index } from '../../shared/wire/paths.js';
import type { CreateOrderBody, UpdateOrderBody } from './orders.schemas.js';
import type { OrderDocument, OrderItem, OrderPackage } from './order.js';

/** Units of one order line; keeps quantities inside a 32-bit integer column with room to sum. */
export const MAX_QUANTITY = 1_000_000;

type PackageInput = NonNullable<CreateOrderBody['Packages']>[number];
export type ItemInput = NonNullable<PackageInput['Items']>[number];

/** The customer's reference data that order input may name. */
export interface KnownReferences {
  shippingLocations: ReadonlySet<string>;
  packageSizes: ReadonlySet<string>;
}

/** Every reference an order body names, so they can be looked up in one query each. */
export function namedReferences(body: { Addresses?: Array<{ ShippingLocationReference?: string | null }> | null; Packages?: PackageInput[] | null }) {
  return {
    shippingLocations: n.locationReferences(body.Addresses),
    packageSizes: [...new Set((body.Packages ?? []).map((p) => n.text(p.PackageSizeReference)).filter((r): r is string => r !== null))],
  };
}

/** One item (spec §2.2 item rules; consignment items share them, §4.2): Weight and Value required. */
export function normaliseItem(input: ItemInput, problems: Problems, path: string, newReference: () => string): OrderItem | null {
  const quantity = input.Quantity ?? 1;
  if (quantity < 1 || quantity > MAX_QUANTITY) {
    problems.add('InvalidQuantity', field(path, 'Quantity'), `Quantity must be a whole number from 1 to ${MAX_QUANTITY}.`);
  }
  if (!input.Weight) problems.add('InvalidWeight', field(path, 'Weight'), 'Every order item needs a Weight.');
  if (!input.Value) problems.add('InvalidMoney', field(path, 'Value'), 'Every order item needs a Value.');
  const weight = n.weight(input.Weight, problems, field(path, 'Weight'));
  const dimensions = n.dimensions(input.Dimensions, problems, field(path, 'Dimensions'));
  const value = n.money(input.Value, problems, field(path, 'Value'));
  const countryOfOrigin = n.country(input.CountryOfOrigin, problems, field(path, 'CountryOfOrigin'));
  const metaData = n.metaData(input.MetaData, problems, field(path, 'MetaData'));
  if (!weight || !value) return null;
  return {
    Reference: newReference(),
    Sku: n.text(input.Sku),
    ItemReferenceProvidedByCustomer: n.text(input.ItemReferenceProvidedByCustomer),
    Model: n.text(input.Model),
    Description: n.text(input.Description),
    Quantity: quantity,
    Unit: n.text(input.Unit),
    Weight: weight,
    Dimensions: dimensions,
    Value: value,
    CountryOfOrigin: countryOfOrigin,
    HarmonisationCode: n.text(input.HarmonisationCode),
    HarmonisationKeyWords: (input.HarmonisationKeyWords ?? []).map((k) => k.trim()).filter(Boolean),
    Barcode: n.barcode(input.Barcode),
    MetaData: metaData,
    ContentClassification: input.ContentClassification ?? null,
    ContentClassificationDetails: input.ContentClassificationDetails ?? null,
  };
}

function orderPackage(input: PackageInput, problems: Problems, path: string, known: KnownReferences, newItemReference: () => string): OrderPackage {
  const sizeReference = n.text(input.PackageSizeReference);
  if (sizeReference && !known.packageSizes.has(sizeReference)) {
    problems.add('PackageSizeNotFound', field(path, 'PackageSizeReference'), `Package size "${sizeReference}" was not found.`);
  }
  if (!input.Items || input.Items.length === 0) problems.add('PackageItemsRequired', field(path, 'Items'), 'Every package needs at least one item.');
  const items = (input.Items ?? [])
    .map((it, i) => normaliseItem(it, problems, index(field(path, 'Items'), i), newItemReference))
    .filter((it): it is OrderItem => it !== null);
  return {
    Reference: '', // assigned inside the create transaction
    PackageReferenceProvidedByCustomer: n.text(input.PackageReferenceProvidedByCustomer) ?? '',
    Weight: n.weight(input.Weight, problems, field(path, 'Weight')),
    Dimensions: n.dimensions(input.Dimensions, problems, field(path, 'Dimensions')),
    PackageSizeReference: sizeReference,
    Description: n.text(input.Description),
    Value: n.money(input.Value, problems, field(path, 'Value')),
    Barcode: n.barcode(input.Barcode),
    MetaData: n.metaData(input.MetaData, problems, field(path, 'MetaData')),
    Items: items,
  };
}

/** A new order's document; package references are left blank for the transaction to fill. */
export function normaliseNewOrder(body: CreateOrderBody, known: KnownReferences, newItemReference: () => string): OrderDocument {
  const problems = new Problems();
  if (!body.Packages || body.Packages.length === 0) problems.add('PackagesRequired', 'Packages', 'An order needs at least one package with at least one item.');
  const packages = (body.Packages ?? []).map((p, i) => orderPackage(p, problems, index('Packages', i), known, newItemReference));
  const doc: OrderDocument = {
    OrderReferenceProvidedByCustomer: n.text(body.OrderReferenceProvidedByCustomer),
    DeliveryOptionReference: null,
    Packages: packages,
    RequiredDeliveryDate: n.deliveryDate(body.RequiredDeliveryDate ?? body.RequestedDeliveryDate, problems,
      body.RequiredDeliveryDate ? 'RequiredDeliveryDate' : 'RequestedDeliveryDate'),
    ShippingDate: n.instant(body.ShippingDate, problems, 'ShippingDate'),
    MetaData: n.metaData(body.MetaData, problems, 'MetaData'),
    EarliestDeliveryDate: null,
    LatestDeliveryDate: null,
    Source: body.Source ?? 'Api',
    Addresses: n.addresses(body.Addresses, problems, 'Addresses', known.shippingLocations),
    CustomsDocumentation: n.customsDocumentation(body.CustomsDocumentation, problems, 'CustomsDocumentation'),
    Direction: body.Direction ?? 'Outbound',
    Tags: n.tags(body.Tags),
  };
  problems.throwIfAny();
  return doc;
}

/**
 * Update Order's field-by-field rules (spec §2.4): most fields are replaced when present and
 * cleared when absent; `Addresses` empty or absent keeps the stored ones; `Direction` absent keeps
 * it; `Tags` non-null replaces (even `[]`); packages and source never change here.
 */
export function applyOrderUpdate(current: OrderDocument, body: UpdateOrderBody, known: KnownReferences): OrderDocument {
  const problems = new Problems();
  const deliveryDateInput = body.RequiredDeliveryDate ?? body.RequestedDeliveryDate;
  const next: OrderDocument = {
    ...current,
    OrderReferenceProvidedByCustomer: n.text(body.OrderReferenceProvidedByCustomer),
    RequiredDeliveryDate: n.deliveryDate(deliveryDateInput, problems, body.RequiredDeliveryDate ? 'RequiredDeliveryDate' : 'RequestedDeliveryDate'),
    ShippingDate: n.instant(body.ShippingDate, problems, 'ShippingDate'),
    CustomsDocumentation: n.customsDocumentation(body.CustomsDocumentation, problems, 'CustomsDocumentation'),
    MetaData: n.metaData(body.MetaData, problems, 'MetaData'),
    Addresses: body.Addresses && body.Addresses.length > 0
      ? n.addresses(body.Addresses, problems, 'Addresses', known.shippingLocations)
      : current.Addresses,
    Direction: body.Direction ?? current.Direction,
    Tags: body.Tags === null || body.Tags === undefined ? current.Tags : n.tags(body.Tags),
  };
  problems.throwIfAny();
  return next;
}
