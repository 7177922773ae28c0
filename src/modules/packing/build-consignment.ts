/**
 * What a consignment cut from an order gets from the pack request and what from the order
 * (spec §3.4), and its GenerateReturn twin (§3.5). Pure: look-ups happen before, writes after.
 */
import type { Problems } from '../../shared/errors.js';
import type { Address, MetaDataEntry, Money } from '../../shared/wire/model.js';
import * as n from '../../shared/wire/normalise.js';
import { field, index } from '../../shared/wire/paths.js';
import type { PackageSize } from '../accounts/package-sizes.js';
import type { ShippingLocation } from '../accounts/shipping-locations.js';
import { snapshotAddresses, swapOriginAndDestination } from '../consignments/consignment-addresses.js';
import { packageMeasurements } from '../consignments/package-measurements.js';
import {
  type ConsignmentDocument, type ConsignmentItem, type ConsignmentPackage, NEW_CONSIGNMENT_FIELDS,
} from '../consignments/consignment.js';
import { type OrderDocument, sumMoney } from '../orders/order.js';
import type { PackOrderBody, PackPackageInput } from './packing.schemas.js';
import type { ResolvedItem } from './resolve-items.js';

/** Order-level metadata every consignment packed from the order carries (spec §3.4, MetaData row). */
const CARRIED_METADATA_KEYS = ['ShippersEORI', 'ReceiversEORI', 'CarriageCurrency'];
const DESCRIPTION_MAX = 255;

export interface PackLookups {
  orderReference: string;
  order: OrderDocument;
  packageSizes: ReadonlyMap<string, PackageSize>;
  locations: ReadonlyMap<string, ShippingLocation>;
  newItemReference: () => string;
}

export interface PackedConsignment {
  document: ConsignmentDocument;
  /** New consignment item reference → the order item reference it was packed from. */
  itemSources: Map<string, string>;
}

/** Request metadata (whole array) or the order's, then the order's EORI/currency entries carried over. */
export function packMetaData(requested: MetaDataEntry[] | null, order: MetaDataEntry[]): MetaDataEntry[] {
  const list = [...(requested ?? order)];
  for (const key of CARRIED_METADATA_KEYS) {
    const has = (entries: MetaDataEntry[]) => entries.find((e) => e.KeyValue.toLowerCase() === key.toLowerCase());
    const fromOrder = has(order);
    if (fromOrder && !has(list)) list.push(fromOrder);
  }
  return list;
}

/** The order's addresses with the request's [EXT] same-typed replacements, then checked as a set. */
export function packAddresses(
  orderAddresses: readonly Address[],
  requested: PackOrderBody['Addresses'],
  locations: ReadonlyMap<string, ShippingLocation>,
  problems: Problems,
): Address[] {
  const replacements: Address[] = [];
  const seen = new Set<string>();
  (requested ?? []).forEach((input, i) => {
    const a = n.address(input, problems, index('Addresses', i));
    if (!a) return;
    if (seen.has(a.AddressType)) {
      problems.add('DuplicateAddressType', field(index('Addresses', i), 'AddressType'), `There is already a ${a.AddressType} address.`);
      return;
    }
    seen.add(a.AddressType);
    if (a.ShippingLocationReference && !locations.has(a.ShippingLocationReference)) {
      problems.add('ShippingLocationNotFound', field(index('Addresses', i), 'ShippingLocationReference'),
        `Shipping location "${a.ShippingLocationReference}" was not found.`);
    }
    replacements.push(a);
  });
  const merged = [
    ...orderAddresses.filter((a) => !seen.has(a.AddressType)),
    ...replacements,
  ];
  n.checkAddressSet(merged, problems, 'Addresses');
  // An order's location may have been deleted since the order was taken.
  for (const a of merged) {
    if (a.ShippingLocationReference && !locations.has(a.ShippingLocationReference) && !replacements.includes(a)) {
      problems.add('ShippingLocationNotFound', 'Addresses',
        `The order's ${a.AddressType} address names shipping location "${a.ShippingLocationReference}", which no longer exists.`);
    }
  }
  return snapshotAddresses(merged, locations);
}

/** Σ item value × quantity; else the source order package's value when the box holds one package's items. */
function packageValue(items: ResolvedItem[], order: OrderDocument, problems: Problems, path: string): Money | null {
  const summed = sumMoney(items.map((r) => ({ Amount: r.line.item.Value.Amount * r.quantity, Currency: r.line.item.Value.Currency })));
  if (summed) return summed;
  const sources = new Set(items.map((r) => r.line.packageIndex));
  const only = sources.size === 1 ? order.Packages[[...sources][0]!] : undefined;
  if (only?.Value) return only.Value;
  if (items.length > 0) problems.add('PackageValueUnavailable', field(path, 'Value'), 'No value can be derived for this package.');
  return null;
}

/** The source order package's description when the box holds one package's items, else the item descriptions. */
function packageDescription(items: ResolvedItem[], order: OrderDocument): string | null {
  const sources = new Set(items.map((r) => r.line.packageIndex));
  const own = sources.size === 1 ? order.Packages[[...sources][0]!]?.Description : null;
  if (own && own.trim()) return own;
  const descriptions = [...new Set(items.map((r) => r.line.item.Description).filter((d): d is string => !!d && d.trim() !== ''))];
  return descriptions.length > 0 ? descriptions.join(', ').slice(0, DESCRIPTION_MAX) : null;
}

function packPackage(
  input: PackPackageInput,
  resolved: Array<ResolvedItem | null>,
  lookups: PackLookups,
  problems: Problems,
  path: string,
  itemSources: Map<string, string>,
): ConsignmentPackage | null {
  // Explicit measurements win over the size's; the size reference is still kept (spec §3.4).
  const { sizeReference, weight, dimensions } = packageMeasurements(input, lookups.packageSizes, problems, path);
  if (!input.Items || input.Items.length === 0) problems.add('PackageItemsRequired', field(path, 'Items'), 'Every package needs at least one item.');
  const found = resolved.filter((r): r is ResolvedItem => r !== null);
  const value = packageValue(found, lookups.order, problems, path);
  if (!weight || !dimensions || found.length !== resolved.length) return null;
  const items: ConsignmentItem[] = found.map((r) => {
    const reference = lookups.newItemReference();
    itemSources.set(reference, r.line.item.Reference);
    return { ...structuredClone(r.line.item), Reference: reference, Quantity: r.quantity, Status: null };
  });
  return {
    Reference: '', // assigned inside the transaction
    PackageReferenceProvidedByCustomer: '',
    Weight: weight,
    Dimensions: dimensions,
    Description: packageDescription(found, lookups.order),
    Value: value,
    PackageSizeReference: sizeReference,
    Barcode: null,
    MetaData: [],
    Items: items,
    Charges: [],
    ConsignmentLegs: [],
  };
}

/** The outbound consignment a pack request cuts from its order; throws nothing, reports problems. */
export function buildPackedConsignment(body: PackOrderBody, resolved: Array<Array<ResolvedItem | null>>, lookups: PackLookups, problems: Problems): PackedConsignment {
  const { order } = lookups;
  if (!body.Packages || body.Packages.length === 0) problems.add('PackagesRequired', 'Packages', 'Give at least one package with at least one item.');
  const itemSources = new Map<string, string>();
  const packages = (body.Packages ?? []).map((p, i) => packPackage(p, resolved[i] ?? [], lookups, problems, index('Packages', i), itemSources));
  const document: ConsignmentDocument = {
    ...NEW_CONSIGNMENT_FIELDS,
    ConsignmentLegs: [],
    // Request value, then the order's, then none (spec §3.4; consignments emit "" for none).
    ConsignmentReferenceProvidedByCustomer: n.text(body.OrderReferenceProvidedByCustomer) ?? n.text(order.OrderReferenceProvidedByCustomer) ?? '',
    ShippingDate: n.instant(body.ShippingDate, problems, 'ShippingDate') ?? order.ShippingDate,
    RequestedDeliveryDate: order.RequiredDeliveryDate,
    EarliestDeliveryDate: order.EarliestDeliveryDate,
    LatestDeliveryDate: order.LatestDeliveryDate,
    Source: order.Source,
    Direction: order.Direction,
    Tags: body.Tags === null || body.Tags === undefined ? [...order.Tags] : n.tags(body.Tags),
    MetaData: packMetaData(body.MetaData ? n.metaData(body.MetaData, problems, 'MetaData') : null, order.MetaData),
    CustomsDocumentation: body.CustomsDocumentation
      ? n.customsDocumentation(body.CustomsDocumentation, problems, 'CustomsDocumentation')
      : order.CustomsDocumentation,
    Addresses: packAddresses(order.Addresses, body.Addresses, lookups.locations, problems),
    Packages: packages.filter((p): p is ConsignmentPackage => p !== null),
    OrderReference: lookups.orderReference,
  };
  return { document, itemSources };
}

/**
 * GenerateReturn's twin (spec §3.5): the same consignment with Origin and Destination swapped,
 * the opposite direction and its own item references (package references come in the transaction).
 */
export function returnTwin(outbound: PackedConsignment, newItemReference: () => string): PackedConsignment {
  const itemSources = new Map<string, string>();
  const document = structuredClone(outbound.document);
  document.Addresses = swapOriginAndDestination(document.Addresses);
  document.Direction = document.Direction === 'Inbound' ? 'Outbound' : 'Inbound';
  for (const p of document.Packages) {
    p.Reference = '';
    for (const item of p.Items) {
      const reference = newItemReference();
      itemSources.set(reference, outbound.itemSources.get(item.Reference)!);
      item.Reference = reference;
    }
  }
  return { document, itemSources };
}
