/**
 * Manifesting (spec §8): pure rules. A manifest run sends each group of consignments — same
 * origin shipping location, same carrier — to the carrier in one call, and keeps one customer
 * manifest record per group (§8.3 [DECIDE]) listing what the carrier accepted.
 */
import type { Address } from '../../shared/wire/model.js';
import type { ConsignmentDocument, ManifestRun, Shipment } from '../consignments/consignment.js';

/** One line of a manifest file (SDK `ManifestFileItem`), copied from the consignment when it is claimed. */
export interface ManifestFileItem {
  Reference: string;
  CustomerReference: string;
  ShippingDate: string | null;
  EstimatedDelivery: string | null;
  ServiceName: string | null;
  Destination: string;
  Parcels: { Reference: string; TrackingNumber: string }[];
}

/** What the customer manifest record keeps beside its columns (`manifests.document`). */
export interface ManifestDocument {
  ShippingLocationName: string | null;
  CarrierName: string;
  FileName: string;
  Items: ManifestFileItem[];
}

export interface ManifestRecord extends ManifestDocument {
  reference: string;
  shippingLocationReference: string;
  carrierReference: string;
  carrierManifestId: string | null;
  createdAt: string;
}

/** A consignment claimed for a manifest run: all the run needs, read inside the claiming transaction. */
export interface ClaimedConsignment {
  reference: string;
  shippingLocationReference: string;
  carrierReference: string;
  carrierBookingId: string;
  trackingNumber: string;
  metaData: ReadonlyMap<string, string>;
  item: ManifestFileItem;
  /** The run id written on the consignment; the finish step checks it is still the holder. */
  run: string;
}

/**
 * The shipping location a consignment leaves from: the origin's, or for a return (inbound) that
 * names only its destination warehouse, the destination's — the same rule as the search column.
 * Empty when neither address names one.
 */
export function shippingLocationOf(doc: Pick<ConsignmentDocument, 'Addresses'>): string {
  const origin = doc.Addresses.find((a) => a.AddressType === 'Origin');
  const destination = doc.Addresses.find((a) => a.AddressType === 'Destination');
  return origin?.ShippingLocationReference ?? destination?.ShippingLocationReference ?? '';
}

/** `1 High Street, Leeds, LS1 1AA, GB` — the parts that are present, in postal order. */
export function oneLineAddress(address: Address | undefined): string {
  if (!address) return '';
  const name = address.CompanyName ?? ([address.Contact?.FirstName, address.Contact?.LastName].filter(Boolean).join(' ') || null);
  return [name, address.AddressLine1, address.AddressLine2, address.AddressLine3, address.Town, address.Region, address.Postcode, address.Country?.IsoCode.TwoLetterCode]
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .join(', ');
}

export function fileItemOf(reference: string, doc: ConsignmentDocument, shipment: Shipment): ManifestFileItem {
  const tracking = new Map(shipment.parcels.map((p) => [p.reference, p.trackingNumber]));
  return {
    Reference: reference,
    CustomerReference: doc.ConsignmentReferenceProvidedByCustomer,
    ShippingDate: doc.ShippingDate,
    EstimatedDelivery: doc.LatestDeliveryDate,
    ServiceName: doc.Allocation?.MpdCarrierServiceName ?? shipment.serviceReference,
    Destination: oneLineAddress(doc.Addresses.find((a) => a.AddressType === 'Destination')),
    Parcels: doc.Packages.map((p) => ({ Reference: p.Reference, TrackingNumber: tracking.get(p.Reference) ?? '' })),
  };
}

export interface ManifestGroup<T> {
  shippingLocationReference: string;
  carrierReference: string;
  consignments: T[];
}

/** Groups by (shipping location, carrier), groups and members in first-seen order. */
export function groupForManifest<T extends { shippingLocationReference: string; carrierReference: string }>(items: readonly T[]): ManifestGroup<T>[] {
  const groups = new Map<string, ManifestGroup<T>>();
  for (const item of items) {
    const key = `${item.shippingLocationReference}\u0000${item.carrierReference}`;
    let group = groups.get(key);
    if (!group) {
      group = { shippingLocationReference: item.shippingLocationReference, carrierReference: item.carrierReference, consignments: [] };
      groups.set(key, group);
    }
    group.consignments.push(item);
  }
  return [...groups.values()];
}

/** `SIMPOST_WH1-3837b8….pdf` (the §8.3 example `EDC5_SL1-3837b8….pdf`: carrier, location, manifest reference). */
export function manifestFileName(carrierReference: string, shippingLocationReference: string, reference: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${safe(carrierReference)}_${safe(shippingLocationReference || 'NOLOCATION')}-${reference}.pdf`;
}

/**
 * Whether the manifest job should take a `Manifesting` consignment now: a queued one at once; a
 * running one only when its run started more than `graceMs` ago (its process crashed, or lost
 * its carrier call past every timeout). `fallbackAt` (the row's last change) stands in for a
 * consignment that carries no run at all.
 */
export function isDueForJob(run: ManifestRun | null | undefined, fallbackAt: string, now: Date, graceMs: number): boolean {
  if (run?.mode === 'Queued') return true;
  const since = Date.parse(run?.at ?? fallbackAt);
  return Number.isFinite(since) ? now.getTime() - since > graceMs : true;
}
