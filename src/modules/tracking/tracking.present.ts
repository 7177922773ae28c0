/**
 * Tracking views (spec §9.1, §9.2): per package, events ascending by TimeStamp (ties in the order
 * they were recorded), grouped into legs by carrier service. An allocated consignment shows its
 * service's leg even before the first event; an unallocated one has no legs until events arrive.
 */
import type { StoredConsignment } from '../consignments/consignment.js';
import type { StoredTrackingEvent } from './tracking-events.repo.js';

const legName = (e: StoredTrackingEvent) => e.carrierServiceName ?? e.carrierReference ?? '';

function wireEvent(e: StoredTrackingEvent) {
  return {
    TimeStamp: e.at,
    Code: e.code,
    Description: e.description,
    ...(e.signedBy ? { SignedBy: e.signedBy } : {}),
    ...(e.location ? { Location: e.location } : {}),
  };
}

const ascending = (events: readonly StoredTrackingEvent[]) =>
  events.map((e, seq) => ({ e, seq })).sort((a, b) => (a.e.at < b.e.at ? -1 : a.e.at > b.e.at ? 1 : a.seq - b.seq)).map((x) => x.e);

export function presentTracking(c: StoredConsignment, events: readonly StoredTrackingEvent[]) {
  const sorted = ascending(events);
  return {
    ConsignmentReferenceForAllLegsAssignedByMpd: c.Reference,
    TrackedPackages: c.Packages.map((p) => {
      const own = sorted.filter((e) => e.parcel === p.Reference);
      const names = [...new Set([...(c.Allocation ? [c.Allocation.MpdCarrierServiceName] : []), ...own.map(legName)])];
      return {
        PackageReferenceForAllLegsAssignedByMpd: p.Reference,
        Legs: names.map((name) => ({ CarrierServiceName: name, Events: own.filter((e) => legName(e) === name).map(wireEvent) })),
      };
    }),
  };
}

export function presentFlattened(c: StoredConsignment, events: readonly StoredTrackingEvent[]) {
  const sorted = ascending(events);
  return {
    ConsignmentReferenceForAllLegsAssignedByMpd: c.Reference,
    TrackedPackages: c.Packages.map((p) => ({
      PackageReferenceForAllLegsAssignedByMpd: p.Reference,
      Events: sorted.filter((e) => e.parcel === p.Reference).map((e) => ({ CarrierServiceName: legName(e), ...wireEvent(e) })),
    })),
  };
}
