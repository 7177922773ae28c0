/**
 * Create Consignment and Add Package input → stored documents (spec §4.2, §4.7, §1.5–§1.11).
 * Pure: look-ups happen before, references are assigned in the transaction after; every problem
 * is collected with its field path.
 */
import type { Problems } from '../../shared/errors.js';
import * as n from '../../shared/wire/normalise.js';
import { field, index } from '../../shared/wire/paths.js';
import type { PackageSize } from '../accounts/package-sizes.js';
import type { ShippingLocation } from '../accounts/shipping-locations.js';
import { normaliseItem } from '../orders/normalise-order.js';
import { snapshotAddresses } from './consignment-addresses.js';
import { type ConsignmentDocument, type ConsignmentItem, type ConsignmentPackage, NEW_CONSIGNMENT_FIELDS } from './consignment.js';
import type { ConsignmentPackageInput, CreateConsignmentBody } from './consignments.schemas.js';
import { packageMeasurements } from './package-measurements.js';

/** The caller's shipping locations and package sizes that a body names. */
export interface ConsignmentLookups {
  locations: ReadonlyMap<string, ShippingLocation>;
  packageSizes: ReadonlyMap<string, PackageSize>;
}

/** Where a package's identity comes from: new packages get fresh item references; an update keeps known ones. */
export interface PackageContext {
  /** The stored package an update rewrites; absent for a new package. */
  current?: ConsignmentPackage;
  /** The reference of the item input at index i. */
  itemReference(i: number): string;
  /** The Status of a kept item (carrier output; input never sets it). */
  itemStatus?(reference: string): string | null;
}

/** A new package's context: every item gets a new reference. */
export const newPackage = (newItemReference: () => string): PackageContext => ({ itemReference: () => newItemReference() });

/**
 * One consignment package. Weight and Dimensions are required unless a PackageSizeReference
 * stands in (explicit values win, the reference is kept, as Pack Order does); Description and
 * Value are required (spec §4.2, §17 #33); items are optional and follow the order item rules.
 */
export function normalisePackage(
  input: ConsignmentPackageInput,
  lookups: ConsignmentLookups,
  problems: Problems,
  path: string,
  context: PackageContext,
): ConsignmentPackage | null {
  const { sizeReference, weight, dimensions } = packageMeasurements(input, lookups.packageSizes, problems, path);
  const description = n.text(input.Description);
  if (!description) problems.add('FieldRequired', field(path, 'Description'), 'Every consignment package needs a Description.');
  if (!input.Value) problems.add('InvalidMoney', field(path, 'Value'), 'Every consignment package needs a Value.');
  const value = n.money(input.Value, problems, field(path, 'Value'));
  const metaData = n.metaData(input.MetaData, problems, field(path, 'MetaData'));
  const items = input.Items === null || input.Items === undefined
    ? context.current?.Items ?? []
    : normaliseItems(input.Items, problems, field(path, 'Items'), context);
  if (!weight || !dimensions || !value || !description || !items) return null;
  return {
    Reference: context.current?.Reference ?? '', // a new package's is assigned inside the transaction
    PackageReferenceProvidedByCustomer: n.text(input.PackageReferenceProvidedByCustomer) ?? '',
    Weight: weight,
    Dimensions: dimensions,
    Description: description,
    Value: value,
    PackageSizeReference: sizeReference,
    Barcode: n.barcode(input.Barcode),
    MetaData: metaData,
    Items: items,
    // Carrier output: an update never sets these.
    Charges: context.current?.Charges ?? [],
    ConsignmentLegs: context.current?.ConsignmentLegs ?? [],
  };
}

function normaliseItems(
  inputs: NonNullable<ConsignmentPackageInput['Items']>,
  problems: Problems,
  path: string,
  context: PackageContext,
): ConsignmentItem[] | null {
  const items = inputs.map((input, i) => {
    const reference = context.itemReference(i);
    const item = normaliseItem(input, problems, index(path, i), () => reference);
    return item && { ...item, Status: context.itemStatus?.(reference) ?? null };
  });
  const found = items.filter((i): i is ConsignmentItem => i !== null);
  return found.length === items.length ? found : null;
}

/** Create Consignment's document (spec §4.2); package references are left blank for the transaction. */
export function normaliseNewConsignment(
  body: CreateConsignmentBody,
  lookups: ConsignmentLookups,
  problems: Problems,
  newItemReference: () => string,
): ConsignmentDocument {
  if (!body.Packages || body.Packages.length === 0) problems.add('PackagesRequired', 'Packages', 'A consignment needs at least one package.');
  const packages = (body.Packages ?? []).map((p, i) => normalisePackage(p, lookups, problems, index('Packages', i), newPackage(newItemReference)));
  const deliveryDateInput = body.RequiredDeliveryDate ?? body.RequestedDeliveryDate;
  const addresses = n.addresses(body.Addresses, problems, 'Addresses', new Set(lookups.locations.keys()));
  return {
    ...NEW_CONSIGNMENT_FIELDS,
    ConsignmentLegs: [],
    // Consignments emit "" for none (spec §4.1).
    ConsignmentReferenceProvidedByCustomer: n.text(body.ConsignmentReferenceProvidedByCustomer) ?? '',
    ShippingDate: n.instant(body.ShippingDate, problems, 'ShippingDate'),
    RequestedDeliveryDate: n.deliveryDate(deliveryDateInput, problems, body.RequiredDeliveryDate ? 'RequiredDeliveryDate' : 'RequestedDeliveryDate'),
    Source: body.Source ?? 'Api',
    Direction: body.Direction ?? 'Outbound',
    Tags: n.tags(body.Tags),
    MetaData: n.metaData(body.MetaData, problems, 'MetaData'),
    CustomsDocumentation: n.customsDocumentation(body.CustomsDocumentation, problems, 'CustomsDocumentation'),
    Addresses: snapshotAddresses(addresses, lookups.locations),
    Packages: packages.filter((p): p is ConsignmentPackage => p !== null),
    OrderReference: null,
  };
}

/** Every shipping location and package size a body names, to look up in one query each. */
export function namedLookups(body: { Addresses?: Array<{ ShippingLocationReference?: string | null }> | null; Packages?: ConsignmentPackageInput[] | null }) {
  return {
    locations: n.locationReferences(body.Addresses),
    packageSizes: [...new Set((body.Packages ?? []).map((p) => n.text(p.PackageSizeReference)).filter((r): r is string => r !== null))],
  };
}
