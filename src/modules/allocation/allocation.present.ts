/** `AllocationSummary` (spec §5.3): one per consignment, success or failure. */
import type { AllocationOutcome } from './allocate-consignment.js';

type Href = (path: string) => string;

/** "14/06/2019 17:00:00 +00:00", as in the docs' Description. */
function ukDate(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +00:00`;
}

export function presentAllocationSummary(o: AllocationOutcome, href: Href) {
  const detail = { Rel: 'detail', Href: href(`/consignments/${o.reference}`) };
  if (!o.ok) {
    const found = o.error.code !== 'ConsignmentNotFound' && o.error.code !== 'InvalidReference';
    return {
      StatusCode: o.error.status,
      ApiLinks: found ? [detail] : [],
      Description: o.error.message,
      ConsignmentLegs: [],
      CarrierReference: null,
      CarrierName: null,
      CarrierServiceReference: null,
      CarrierServiceName: null,
    };
  }
  const { carrier, service } = o.choice;
  return {
    StatusCode: 200,
    ApiLinks: [detail, { Rel: 'label', Href: href(`/labels/${o.reference}`) }],
    Description: `Consignment ${o.reference} has been successfully allocated with ${carrier.name} ${service.name} for shipping on ${ukDate(o.collectionDate)}`,
    ConsignmentLegs: [{ Leg: 1, TrackingReferences: [o.booking.trackingNumber], CarrierReference: carrier.reference, CarrierServiceReference: service.code, CarrierName: carrier.name }],
    CarrierReference: carrier.reference,
    CarrierName: carrier.name,
    CarrierServiceReference: service.reference,
    CarrierServiceName: service.name,
  };
}
