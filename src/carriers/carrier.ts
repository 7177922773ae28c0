/**
 * The carrier adapter contract. An adapter declares its services (what they carry, where, for how
 * much and how fast) and implements the calls its carrier supports; an optional method that is
 * absent is a capability the carrier lacks (no manifest call, no live rates…). Adapters get their
 * settings, an HTTP client and the clock passed in; their mapping to and from the carrier's wire
 * format is pure and tested against fixtures.
 */

export const LABEL_FORMATS = ['PDF', 'PNG', 'ZPL', 'ZPLII'] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];

export type ServiceDirection = 'Outbound' | 'Inbound';

/** Documents an international consignment on this service needs (spec §7). */
export interface CustomsBehaviour {
  /** Postal customs forms: CN22 up to £270 of value, CN23 above (per package). */
  postalForms: boolean;
  commercialInvoice: boolean;
}

/** Data a service needs on international routes; missing data makes it ineligible (spec §5.4 step 3). */
export type RequiredCustomsData = 'HarmonisationCode' | 'CountryOfOrigin' | 'ShippersEORI' | 'ShippingTerms';

/** One price step: a package whose chargeable weight is ≤ `upToKg` costs `net`. */
export interface RateBand {
  upToKg: number;
  net: number;
}

export interface RateCard {
  currency: string;
  /** Bands per zone (see `zoneOf`), ascending by weight; heavier than the last band = no rate. */
  zones: Readonly<Record<string, readonly RateBand[]>>;
  /** VAT on domestic shipments (0.2 = 20 %); international exports are zero-rated. */
  domesticTaxRate: number;
  /** Volumetric divisor in cm³/kg: chargeable weight = max(actual, L×W×H / divisor). */
  volumetricDivisor: number;
}

/** Physical limits of the service, per package. */
export interface ServiceLimits {
  maxWeightKg: number;
  /** Longest side. */
  maxLengthCm: number;
  /** Longest side + girth (2 × the two shorter sides); absent = not limited. */
  maxCombinedCm?: number;
  maxPackages?: number;
}

export interface TransitPromise {
  /** Working days from collection to delivery, earliest and latest. */
  minDays: number;
  maxDays: number;
  /** Last collection booking of the day, UTC hour (cut-off); later bookings collect next working day. */
  cutOffHourUtc: number;
  /** Delivers on Saturdays too. */
  saturday?: boolean;
}

export interface CarrierServiceDefinition {
  /** The customer-facing service reference (SortedPRO's `MPD_…` codes), used by allocation. */
  reference: string;
  /** The carrier's own service code (leg `CarrierServiceReference`). */
  code: string;
  name: string;
  description: string;
  directions: readonly ServiceDirection[];
  /** Origin country codes the service collects from. */
  origins: readonly string[];
  /**
   * The rate-card zone for a route, or null when the service does not go there. Postcodes are
   * upper-case without spaces.
   */
  zoneOf(route: Route): string | null;
  limits: ServiceLimits;
  rates: RateCard;
  promise: TransitPromise;
  nativeLabelFormat: LabelFormat;
  /** Label formats the adapter can produce (the native one included). */
  labelFormats: readonly LabelFormat[];
  customs: CustomsBehaviour;
  requiredCustomsData: readonly RequiredCustomsData[];
  features: { tracked: boolean; signed: boolean; pickUp: boolean; dropOff: boolean; timed: boolean };
}

export interface Route {
  originCountry: string;
  originPostcode: string;
  destinationCountry: string;
  destinationPostcode: string;
}

export interface BookingParcel {
  reference: string;
  weightKg: number;
  lengthCm: number;
  widthCm: number;
  heightCm: number;
}

export interface BookingRequest {
  consignmentReference: string;
  service: CarrierServiceDefinition;
  parcels: readonly BookingParcel[];
  route: Route;
  collectionDate: string;
  /** Consignment metadata (simulated carriers read scenario switches from it). */
  metaData: ReadonlyMap<string, string>;
}

export interface Booking {
  /** The consignment-level tracking number (leg of the consignment). */
  trackingNumber: string;
  /** One tracking number per parcel, in request order. */
  parcels: readonly { reference: string; trackingNumber: string }[];
  /** The carrier's own booking id, kept for cancel/manifest calls. */
  carrierBookingId: string;
}

export interface ManifestRequest {
  shippingLocationReference: string;
  consignments: readonly { reference: string; carrierBookingId: string; trackingNumber: string; metaData: ReadonlyMap<string, string> }[];
}

export interface ManifestResult {
  /** The carrier's manifest id. */
  carrierManifestId: string;
  /** Consignments the carrier refused, with the reason; the others were accepted. */
  rejected: readonly { reference: string; message: string }[];
}

/** A tracking event as the carrier reports it (native code), for one parcel. */
export interface CarrierEvent {
  trackingNumber: string;
  code: string;
  description: string;
  timestamp: string;
  signedBy?: string;
  location?: string;
}

export interface TrackRequest {
  parcels: readonly { trackingNumber: string; metaData: ReadonlyMap<string, string> }[];
  /** Events already recorded per tracking number (how far each journey has got). */
  recorded: ReadonlyMap<string, number>;
  now: string;
}

/** Thrown by an adapter call the carrier refused; the message is shown to the client. */
export class CarrierError extends Error {
  override readonly name = 'CarrierError';
}

export interface HttpClient {
  request(url: string, init: { method: string; headers?: Record<string, string>; body?: string; timeoutMs?: number }): Promise<{ status: number; body: string }>;
}

export interface CarrierContext {
  /** The customer's settings for this carrier (credentials, switches); parsed by the adapter. */
  settings: Readonly<Record<string, unknown>>;
  http: HttpClient;
  now(): Date;
}

export interface CarrierAdapter {
  /** Carrier reference, e.g. `SIMPOST` (SortedPRO's `CarrierReference`). */
  reference: string;
  name: string;
  services: readonly CarrierServiceDefinition[];
  /** Normalises a native event code to a standard one (a §4.12 shipped state or an informational code). */
  normaliseEvent(code: string): StandardEventCode;
  book?(request: BookingRequest, ctx: CarrierContext): Promise<Booking>;
  cancel?(booking: { carrierBookingId: string; consignmentReference: string; metaData: ReadonlyMap<string, string> }, ctx: CarrierContext): Promise<void>;
  manifest?(request: ManifestRequest, ctx: CarrierContext): Promise<ManifestResult>;
  /** Polls tracking: returns events newer than those already recorded. */
  track?(request: TrackRequest, ctx: CarrierContext): Promise<CarrierEvent[]>;
}

/** The state-bearing standard event codes (§9.4); anything else is informational. */
export const STATE_EVENT_CODES = [
  'Dispatched', 'AtDropOffPoint', 'Collected', 'CollectionFailed', 'InTransit', 'Delayed', 'OutForDelivery',
  'DeliveryFailed', 'DeliveryFailedCardLeft', 'Delivered', 'AtCollectionPoint', 'ReturnToSender', 'ActionRequired',
  'Missing', 'Lost', 'Damaged', 'InTransitWaiting', 'HeldByCarrier', 'ExchangeFailed', 'AtCustoms',
  'CarrierUnableToCollect', 'DeliveredDamaged',
] as const;
export type StateEventCode = (typeof STATE_EVENT_CODES)[number];
export type StandardEventCode = StateEventCode | 'Information';

export function isStateEventCode(code: string): code is StateEventCode {
  return (STATE_EVENT_CODES as readonly string[]).includes(code);
}
