/**
 * Update Consignment's field table (spec §4.6), pure: the stored document and one request
 * element in, the next document out, every problem reported with its path.
 */
import type { Problems } from '../../shared/errors.js';
import { normaliseReference } from '../../shared/references.js';
import * as n from '../../shared/wire/normalise.js';
import { field, index } from '../../shared/wire/paths.js';
import { snapshotAddresses } from './consignment-addresses.js';
import type { ConsignmentDocument, ConsignmentItem, ConsignmentPackage } from './consignment.js';
import type { ConsignmentPackageInput, UpdateConsignmentBody } from './consignments.schemas.js';
import { type ConsignmentLookups, normalisePackage } from './normalise-consignment.js';

/**
 * | field | present | absent / null |
 * |---|---|---|
 * | ShippingDate, RequestedDeliveryDate (alias RequiredDeliveryDate), ConsignmentReferenceProvidedByCustomer, CustomsDocumentation, MetaData | replaced | cleared |
 * | Addresses | replaced whole, §1.6 rules | 400 AddressesRequired (§17 #16) |
 * | Packages | non-empty: merged (`mergePackages`) | null / [] → unchanged |
 * | Tags | non-null replaces ([] clears) | unchanged |
 * | Direction [DECIDE: not in the table] | replaced | unchanged |
 * | Source, Reference | ignored / identifies | |
 */
export function applyConsignmentUpdate(
  current: ConsignmentDocument,
  body: UpdateConsignmentBody,
  lookups: ConsignmentLookups,
  problems: Problems,
  path: string,
  newItemReference: () => string,
): ConsignmentDocument {
  const at = (name: string) => field(path, name);
  // The consignment's own name for the field first (§17 #14).
  const deliveryDate = body.RequestedDeliveryDate ?? body.RequiredDeliveryDate;
  const addresses = n.addresses(body.Addresses, problems, at('Addresses'), new Set(lookups.locations.keys()));
  return {
    ...current,
    ConsignmentReferenceProvidedByCustomer: n.text(body.ConsignmentReferenceProvidedByCustomer) ?? '',
    ShippingDate: n.instant(body.ShippingDate, problems, at('ShippingDate')),
    RequestedDeliveryDate: n.deliveryDate(deliveryDate, problems, at(body.RequestedDeliveryDate ? 'RequestedDeliveryDate' : 'RequiredDeliveryDate')),
    CustomsDocumentation: n.customsDocumentation(body.CustomsDocumentation, problems, at('CustomsDocumentation')),
    MetaData: n.metaData(body.MetaData, problems, at('MetaData')),
    Addresses: snapshotAddresses(addresses, lookups.locations),
    Packages: mergePackages(current.Packages, body.Packages, lookups, problems, at('Packages'), newItemReference),
    Tags: body.Tags === null || body.Tags === undefined ? current.Tags : n.tags(body.Tags),
    Direction: body.Direction ?? current.Direction,
  };
}

/**
 * The package collection after an update (spec §4.6): an entry with a stored package's Reference
 * rewrites that package, one without is added, stored packages not listed are removed. Items are
 * known by reference across the whole consignment, so an item moved to another package keeps
 * its reference and its link to the order line; unknown or absent item references are new items.
 * An entry's `Items` null or absent keeps the package's items; `[]` empties it.
 */
export function mergePackages(
  current: readonly ConsignmentPackage[],
  inputs: ConsignmentPackageInput[] | null | undefined,
  lookups: ConsignmentLookups,
  problems: Problems,
  path: string,
  newItemReference: () => string,
): ConsignmentPackage[] {
  if (!inputs || inputs.length === 0) return [...current];
  const knownItems = new Map<string, ConsignmentItem>(current.flatMap((p) => p.Items.map((i) => [i.Reference, i] as const)));
  const claimedItems = new Set<string>();
  const claimItem = (reference: string, at: string): void => {
    if (claimedItems.has(reference)) problems.add('ValidationFailed', at, `Item ${reference} appears more than once in this consignment.`);
    claimedItems.add(reference);
  };
  const listedPackages = new Set<string>();
  const out: ConsignmentPackage[] = [];
  inputs.forEach((input, i) => {
    const at = index(path, i);
    const stored = storedPackage(current, input, listedPackages, problems, field(at, 'Reference'));
    if (stored === null) return;
    let itemReferences: string[] = [];
    if (input.Items) {
      itemReferences = input.Items.map((item, j) => {
        const reference = n.text(item.Reference)?.toLowerCase();
        if (!reference || !knownItems.has(reference)) return newItemReference();
        claimItem(reference, field(index(field(at, 'Items'), j), 'Reference'));
        return reference;
      });
    } else if (stored) {
      for (const item of stored.Items) claimItem(item.Reference, field(at, 'Items'));
    }
    const itemReference = (j: number) => itemReferences[j]!;
    const context = stored ? { current: stored, itemReference, itemStatus: (r: string) => knownItems.get(r)?.Status ?? null } : { itemReference };
    const next = normalisePackage(input, lookups, problems, at, context);
    if (next) out.push(next);
  });
  return out;
}

/** The stored package an entry names; undefined for a new one; null when the reference is wrong. */
function storedPackage(
  current: readonly ConsignmentPackage[],
  input: ConsignmentPackageInput,
  listed: Set<string>,
  problems: Problems,
  at: string,
): ConsignmentPackage | undefined | null {
  const raw = n.text(input.Reference);
  if (!raw) return undefined;
  const reference = normaliseReference(raw, 'EP');
  if (!reference) {
    problems.add('InvalidReference', at, `"${raw}" is not a package reference (EP-xxx-xxx-xxx).`);
    return null;
  }
  const stored = current.find((p) => p.Reference === reference);
  if (!stored) {
    problems.add('PackageNotFound', at, `Package ${reference} is not on this consignment; leave Reference out to add a package.`);
    return null;
  }
  if (listed.has(reference)) {
    problems.add('ValidationFailed', at, `Package ${reference} appears more than once.`);
    return null;
  }
  listed.add(reference);
  return stored;
}

/** JSON with object keys sorted: PostgreSQL's jsonb gives a stored document back with its keys reordered. */
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v);

/** What an update changed, for the audit entry: the top-level fields that differ, before and after. */
export function describeChanges(before: ConsignmentDocument, after: ConsignmentDocument) {
  const keys = (Object.keys(after) as Array<keyof ConsignmentDocument>).filter((k) => canonicalJson(before[k]) !== canonicalJson(after[k]));
  return {
    Changed: keys,
    Before: Object.fromEntries(keys.map((k) => [k, before[k]])),
    After: Object.fromEntries(keys.map((k) => [k, after[k]])),
  };
}
