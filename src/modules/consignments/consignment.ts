/**
 * A consignment (spec §4): packages going from one origin to one destination on one carrier
 * service. Created by Pack Order (cut from an order) or Create Consignment; always ≥ 1 package.
 */
import { round } from '../../shared/units.js';
import type { Address, Barcode, CustomsDocumentation, DeliveryDate, Dimensions, MetaDataEntry, Money, Weight } from '../../shared/wire/model.js';
import type { Direction, Source } from '../../shared/wire/types.js';
import { type OrderItem, sumMoney } from '../orders/order.js';
import type { ConsignmentState } from './consignment-state.js';

export interface ConsignmentItem extends OrderItem {
  Status: string | null;
}

export interface ConsignmentPackage {
  Reference: string;
  PackageReferenceProvidedByCustomer: string;
  Weight: Weight;
  Dimensions: Dimensions;
  Description: string | null;
  Value: Money | null;
  PackageSizeReference: string | null;
  Barcode: Barcode | null;
  MetaData: MetaDataEntry[];
  Items: ConsignmentItem[];
  Charges: unknown[];
  ConsignmentLegs: ConsignmentLeg[];
}

export interface ConsignmentLeg {
  Leg: number;
  TrackingReferences: string[];
  CarrierReference: string | null;
  CarrierServiceReference: string | null;
  CarrierName: string | null;
}

/** A price (spec §1.5 `Rate`): Gross = Net + VatAmount always (§17 #20). */
export interface Rate {
  Net: number;
  Gross: number;
  TaxRate: { Reference: string; CountryIsoCode: string; Type: 'Standard' | 'Reduced' | 'Zero'; Rate: number };
  VatAmount: number;
  Currency: { IsoCode: string; Name: string };
}

/** The allocation of §4.1, plus [EXT] the carrier's reference and name (AllocationSummary has them too). */
export interface Allocation {
  CarrierServiceGroupReference: string | null;
  MpdCarrierServiceGroupName: string | null;
  MpdCarrierServiceReference: string;
  MpdCarrierServiceName: string;
  AllocationDate: string;
  Price: Rate;
  CarrierReference: string;
  CarrierName: string;
}

export interface FailedAllocation {
  CarrierServiceGroupReference: string | null;
  MpdCarrierServiceGroupName: string | null;
  MpdCarrierServiceReference: string | null;
  MpdCarrierServiceName: string | null;
  AttemptedAllocationDate: string;
  Message: string;
}

export type CustomsDocumentKind = 'CN22' | 'CN23' | 'CommercialInvoice';

/**
 * What the carrier booked for an allocated consignment: kept beside the document (column
 * `shipment`), never shown on the wire. Labels, customs documents, manifests and tracking read it.
 */
export interface Shipment {
  carrierReference: string;
  serviceReference: string;
  carrierBookingId: string;
  trackingNumber: string;
  parcels: { reference: string; trackingNumber: string }[];
  bookedAt: string;
  /** The documents customs needs for this route and service (spec §7), decided at allocation. */
  customsDocuments: CustomsDocumentKind[];
  /** The quote the allocation used, if any. */
  quoteReference: string | null;
  /**
   * Set when manifested: the customer manifest record (§8.3) and the carrier's manifest id (null
   * when the carrier takes no manifest call).
   */
  manifest: { reference: string; carrierManifestId: string | null; manifestedAt: string } | null;
  /** Failed manifest attempt (shown in search summaries as FailedManifestMessage/TimeStamp). */
  failedManifest: { message: string; at: string } | null;
  /**
   * While `Manifesting`: who holds the consignment. `Queued` waits for the manifest job
   * (Manifest From Query); `Running` is being sent to the carrier by run `run` since `at`. The
   * job takes queued ones at once and running ones only when stale (a crashed run).
   */
  manifestRun?: ManifestRun | null;
  /** While `Cancelling`: the state to return to if the carrier refuses, and since when. */
  cancelRun?: { from: ConsignmentState; at: string } | null;
}

export interface ManifestRun {
  mode: 'Queued' | 'Running';
  at: string;
  run: string;
}

/** Everything of §4.1 except the fields kept in columns (reference, state, created, customer). */
export interface ConsignmentDocument {
  ConsignmentReferenceProvidedByCustomer: string;
  ShippingDate: string | null;
  RequestedDeliveryDate: DeliveryDate | null;
  EarliestDeliveryDate: string | null;
  LatestDeliveryDate: string | null;
  CollectionDate: string | null;
  DateShipped: string | null;
  DateCollected: string | null;
  AttemptedDeliveryDate: string | null;
  FirstAttemptedDeliveryDate: string | null;
  DateDelivered: string | null;
  DateReturned: string | null;
  Source: Source;
  Direction: Direction;
  Tags: string[];
  MetaData: MetaDataEntry[];
  CustomsDocumentation: CustomsDocumentation | null;
  Addresses: Address[];
  Packages: ConsignmentPackage[];
  Allocation: Allocation | null;
  FailedAllocation: FailedAllocation | null;
  ConsignmentLegs: ConsignmentLeg[];
  LabelCount: number;
  LabelsPrinted: boolean;
  DateLabelsWereFirstPrinted: string | null;
  IsLate: boolean;
  LateForCustomer: boolean;
  LocationInformation: { ShopReference: string | null; ReservationReference: string | null } | null;
  /** [EXT] The order this consignment was packed from (spec §3.4, §17 #4). */
  OrderReference: string | null;
}

export interface Consignment extends ConsignmentDocument {
  Reference: string;
  ConsignmentState: ConsignmentState;
  CustomerReference: string;
  DateCreated: string;
}

/** A consignment as stored: the resource plus what the repository needs to change it. */
export interface StoredConsignment extends Consignment {
  id: number;
  version: number;
  orderId: number | null;
  isReturn: boolean;
  returnOf: string | null;
  shipment: Shipment | null;
}

/** A consignment's weight: the sum of its packages' (spec §4.1). */
export function consignmentWeight(doc: Pick<ConsignmentDocument, 'Packages'>): Weight {
  return { Value: round(doc.Packages.reduce((sum, p) => sum + p.Weight.Value, 0), 5), Unit: 'Kg' };
}

/** A consignment's value: the sum of its packages' in the first package's currency (spec §2.1 rule). */
export function consignmentValue(doc: Pick<ConsignmentDocument, 'Packages'>): Money | null {
  return sumMoney(doc.Packages.map((p) => p.Value).filter((m): m is Money => m !== null));
}

/** The blank fields every new consignment starts with (spec §3.4's last rows). */
export const NEW_CONSIGNMENT_FIELDS = {
  EarliestDeliveryDate: null,
  LatestDeliveryDate: null,
  CollectionDate: null,
  DateShipped: null,
  DateCollected: null,
  AttemptedDeliveryDate: null,
  FirstAttemptedDeliveryDate: null,
  DateDelivered: null,
  DateReturned: null,
  Allocation: null,
  FailedAllocation: null,
  ConsignmentLegs: [],
  LabelCount: 0,
  LabelsPrinted: false,
  DateLabelsWereFirstPrinted: null,
  IsLate: false,
  LateForCustomer: false,
  LocationInformation: null,
} as const satisfies Partial<ConsignmentDocument>;

/** The document part of a stored consignment: what a write replaces. */
export function documentOf(c: StoredConsignment): ConsignmentDocument {
  const {
    Reference: _r, ConsignmentState: _s, CustomerReference: _c, DateCreated: _d, id: _i, version: _v, orderId: _o, isReturn: _ir, returnOf: _ro, shipment: _sh,
    ...document
  } = c;
  return document;
}
