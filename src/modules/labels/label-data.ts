/**
 * What one label shows, as plain data: built from the consignment and its booking record, sent to
 * a render worker (so it must survive structured cloning), drawn by the layout.
 */
import type { Address } from '../../shared/wire/model.js';
import type { StoredConsignment } from '../consignments/consignment.js';

export interface LabelAddress {
  name: string;
  company: string;
  lines: string[];
  town: string;
  region: string;
  postcode: string;
  country: string;
  countryCode: string;
}

export interface LabelData {
  carrierName: string;
  serviceName: string;
  trackingNumber: string;
  /** 1-based position of the package in the consignment, and how many there are. */
  parcelNumber: number;
  parcelCount: number;
  weightKg: number;
  sender: LabelAddress;
  recipient: LabelAddress;
  consignmentReference: string;
  /** The customer's own consignment reference (`ConsignmentReferenceProvidedByCustomer`). */
  customerReference: string;
  parcelReference: string;
  parcelCustomerReference: string;
  /** Shipping date, YYYY-MM-DD, or '' when none was given. */
  shippingDate: string;
}

const text = (s: string | null | undefined): string => (s ?? '').trim();

export function labelAddress(address: Address | undefined): LabelAddress {
  const a = address;
  const contactName = [a?.Contact?.Title, a?.Contact?.FirstName, a?.Contact?.LastName].map(text).filter(Boolean).join(' ');
  return {
    name: contactName || text(a?.CustomerName),
    company: text(a?.CompanyName),
    lines: [a?.AddressLine1, a?.AddressLine2, a?.AddressLine3].map(text).filter(Boolean),
    town: text(a?.Town),
    region: text(a?.Region),
    postcode: text(a?.Postcode),
    country: text(a?.Country?.Name),
    countryCode: text(a?.Country?.IsoCode.TwoLetterCode).toUpperCase(),
  };
}

/**
 * One label per package, in package order. Each package's tracking number comes from the booking
 * record; a package the booking does not list (it cannot happen while packages are frozen after
 * allocation) falls back to the consignment's number rather than printing no barcode.
 */
export function labelsFor(consignment: StoredConsignment, names: { carrierName: string; serviceName: string }): LabelData[] {
  const shipment = consignment.shipment;
  if (!shipment) return [];
  const numbers = new Map(shipment.parcels.map((p) => [p.reference, p.trackingNumber]));
  const byType = (type: string) => consignment.Addresses.find((a) => a.AddressType === type);
  const sender = labelAddress(byType('Origin'));
  const recipient = labelAddress(byType('Destination'));
  return consignment.Packages.map((parcel, i) => ({
    ...names,
    trackingNumber: numbers.get(parcel.Reference) ?? shipment.trackingNumber,
    parcelNumber: i + 1,
    parcelCount: consignment.Packages.length,
    weightKg: parcel.Weight.Value,
    sender,
    recipient,
    consignmentReference: consignment.Reference,
    customerReference: text(consignment.ConsignmentReferenceProvidedByCustomer),
    parcelReference: parcel.Reference,
    parcelCustomerReference: text(parcel.PackageReferenceProvidedByCustomer),
    // The day the carrier collects: the requested shipping date, else the one allocation booked.
    shippingDate: (consignment.ShippingDate ?? consignment.CollectionDate ?? '').slice(0, 10),
  }));
}
