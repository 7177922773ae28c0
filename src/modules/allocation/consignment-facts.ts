/** What carriers and allocation rules look at on a consignment, read once from its document. */
import type { BookingParcel, Route } from '../../carriers/carrier.js';
import type { Address } from '../../shared/wire/model.js';
import { type ConsignmentDocument, consignmentValue } from '../consignments/consignment.js';

export interface ConsignmentFacts {
  route: Route;
  parcels: BookingParcel[];
  direction: 'Outbound' | 'Inbound';
  value: { amount: number; currency: string } | null;
  tags: string[];
  /** Metadata as text by lower-cased key (a typed value is turned into text). */
  metaData: Map<string, string>;
  destination: Address | undefined;
  origin: Address | undefined;
  shippingDate: Date | null;
}

export const postcodeKey = (postcode: string | null | undefined): string => (postcode ?? '').toUpperCase().replace(/\s+/g, '');

export function metaDataMap(doc: Pick<ConsignmentDocument, 'MetaData'>): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of doc.MetaData) {
    const value = m.StringValue ?? m.IntValue ?? m.DecimalValue ?? m.DateTimeValue ?? m.BoolValue;
    if (value !== null && value !== undefined) map.set(m.KeyValue.toLowerCase(), String(value));
  }
  return map;
}

export function consignmentFacts(doc: ConsignmentDocument): ConsignmentFacts {
  const origin = doc.Addresses.find((a) => a.AddressType === 'Origin');
  const destination = doc.Addresses.find((a) => a.AddressType === 'Destination');
  const value = consignmentValue(doc);
  return {
    route: {
      originCountry: origin?.Country?.IsoCode.TwoLetterCode ?? '',
      originPostcode: postcodeKey(origin?.Postcode),
      destinationCountry: destination?.Country?.IsoCode.TwoLetterCode ?? '',
      destinationPostcode: postcodeKey(destination?.Postcode),
    },
    parcels: doc.Packages.map((p) => ({
      reference: p.Reference,
      weightKg: p.Weight.Value,
      lengthCm: p.Dimensions.Length,
      widthCm: p.Dimensions.Width,
      heightCm: p.Dimensions.Height,
    })),
    direction: doc.Direction,
    value: value ? { amount: value.Amount, currency: value.Currency.IsoCode } : null,
    tags: doc.Tags,
    metaData: metaDataMap(doc),
    destination,
    origin,
    shippingDate: doc.ShippingDate ? new Date(doc.ShippingDate) : null,
  };
}
