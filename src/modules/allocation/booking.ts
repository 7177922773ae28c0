/**
 * What allocation writes on a consignment (spec §5.2, §5.5) and what deallocation erases (§5.8):
 * pure functions from the booked service, the carrier's booking, the price and the promise.
 */
import type { Booking, CarrierAdapter, CarrierServiceDefinition } from '../../carriers/carrier.js';
import type { Allocation, ConsignmentDocument, ConsignmentLeg, CustomsDocumentKind, FailedAllocation, Rate, Shipment } from '../consignments/consignment.js';
import type { DeliveryPromise } from './promise.js';

export interface BookedService {
  carrier: Pick<CarrierAdapter, 'reference' | 'name'>;
  service: Pick<CarrierServiceDefinition, 'reference' | 'code' | 'name'>;
  group: { reference: string; name: string } | null;
  price: Rate;
  promise: DeliveryPromise;
  booking: Booking;
  customsDocuments: CustomsDocumentKind[];
  quoteReference: string | null;
}

function leg(b: BookedService, trackingNumbers: string[]): ConsignmentLeg {
  return { Leg: 1, TrackingReferences: trackingNumbers, CarrierReference: b.carrier.reference, CarrierServiceReference: b.service.code, CarrierName: b.carrier.name };
}

export function allocatedDocument(doc: ConsignmentDocument, b: BookedService, now: string): { document: ConsignmentDocument; shipment: Shipment } {
  const allocation: Allocation = {
    CarrierServiceGroupReference: b.group?.reference ?? null,
    MpdCarrierServiceGroupName: b.group?.name ?? null,
    MpdCarrierServiceReference: b.service.reference,
    MpdCarrierServiceName: b.service.name,
    AllocationDate: now,
    Price: b.price,
    CarrierReference: b.carrier.reference,
    CarrierName: b.carrier.name,
  };
  const byParcel = new Map(b.booking.parcels.map((p) => [p.reference, p.trackingNumber]));
  const document: ConsignmentDocument = {
    ...doc,
    Allocation: allocation,
    FailedAllocation: null,
    ConsignmentLegs: [leg(b, [b.booking.trackingNumber])],
    Packages: doc.Packages.map((p) => {
      const tracking = byParcel.get(p.Reference);
      return { ...p, ConsignmentLegs: tracking ? [leg(b, [tracking])] : [] };
    }),
    CollectionDate: b.promise.collectionDate.toISOString(),
    EarliestDeliveryDate: b.promise.earliestDelivery.toISOString(),
    LatestDeliveryDate: b.promise.latestDelivery.toISOString(),
    LabelCount: doc.Packages.length,
    LabelsPrinted: false,
    DateLabelsWereFirstPrinted: null,
  };
  const shipment: Shipment = {
    carrierReference: b.carrier.reference,
    serviceReference: b.service.reference,
    carrierBookingId: b.booking.carrierBookingId,
    trackingNumber: b.booking.trackingNumber,
    parcels: b.booking.parcels.map((p) => ({ ...p })),
    bookedAt: now,
    customsDocuments: b.customsDocuments,
    quoteReference: b.quoteReference,
    manifest: null,
    failedManifest: null,
  };
  return { document, shipment };
}

export function failedAllocationDocument(
  doc: ConsignmentDocument,
  failure: { message: string; service?: { reference: string; name: string } | null; group?: { reference: string; name: string } | null },
  now: string,
): ConsignmentDocument {
  const failed: FailedAllocation = {
    CarrierServiceGroupReference: failure.group?.reference ?? null,
    MpdCarrierServiceGroupName: failure.group?.name ?? null,
    MpdCarrierServiceReference: failure.service?.reference ?? null,
    MpdCarrierServiceName: failure.service?.name ?? null,
    AttemptedAllocationDate: now,
    Message: failure.message,
  };
  return { ...doc, FailedAllocation: failed };
}

/** Deallocation erases everything allocation set (spec §5.8). */
export function deallocatedDocument(doc: ConsignmentDocument): ConsignmentDocument {
  return {
    ...doc,
    Allocation: null,
    FailedAllocation: null,
    ConsignmentLegs: [],
    Packages: doc.Packages.map((p) => ({ ...p, ConsignmentLegs: [] })),
    LabelCount: 0,
    LabelsPrinted: false,
    DateLabelsWereFirstPrinted: null,
    CollectionDate: null,
    EarliestDeliveryDate: null,
    LatestDeliveryDate: null,
  };
}
