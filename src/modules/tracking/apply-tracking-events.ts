/**
 * One consignment's new tracking events, stored and applied in one transaction: the events go in
 * (duplicates skipped by the unique key), then the §9.4 rules run over all of the consignment's
 * events and, when the state or a date moved, the consignment changes with a `Tracking` audit entry.
 */
import type { CarrierAdapter } from '../../carriers/carrier.js';
import { writeTransaction } from '../../db/transaction.js';
import { changeConsignment } from '../consignments/change-consignment.js';
import { documentOf, type StoredConsignment } from '../consignments/consignment.js';
import { findConsignment } from '../consignments/consignments.repo.js';
import type { Customer, Deps } from '../deps.js';
import { insertEvents, listEvents, type NewTrackingEvent } from './tracking-events.repo.js';
import { applyTracking, sameOutcome, type TrackingDates, type TrackingOutcome } from './tracking-rules.js';

/** An event as posted, its time already parsed to a UTC instant. */
export interface IncomingEvent {
  at: string;
  carrierCode: string;
  description: string;
  signedBy: string | null;
  location: string | null;
}

export interface IncomingParcelEvents {
  /** `EP-…` or the package's tracking number, as posted. */
  packageReference: string;
  events: IncomingEvent[];
}

export interface TrackingLog {
  info(details: object, message: string): void;
}

const DATE_FIELDS = ['DateCollected', 'DateShipped', 'FirstAttemptedDeliveryDate', 'AttemptedDeliveryDate', 'DateDelivered', 'DateReturned'] as const;
const datesOf = (c: StoredConsignment): TrackingDates =>
  Object.fromEntries(DATE_FIELDS.map((k) => [k, c[k]])) as unknown as TrackingDates;

/** The package a posted reference names: its `EP-` reference or its tracking number, in any case. */
function parcelNamed(c: StoredConsignment, reference: string): { parcel: string; trackingNumber: string | null } | undefined {
  const wanted = reference.trim().toUpperCase();
  const byTracking = c.shipment?.parcels.find((p) => p.trackingNumber.toUpperCase() === wanted);
  const parcel = c.Packages.find((p) => p.Reference === wanted || p.Reference === byTracking?.reference);
  if (!parcel) return undefined;
  return { parcel: parcel.Reference, trackingNumber: c.shipment?.parcels.find((p) => p.reference === parcel.Reference)?.trackingNumber ?? null };
}

/** Stores and applies one consignment's events; answers the outcome when the consignment changed. */
export function applyTrackingEvents(
  deps: Pick<Deps, 'db' | 'dialect' | 'clock'>,
  target: { customer: Customer; reference: string },
  carrier: Pick<CarrierAdapter, 'reference' | 'normaliseEvent'>,
  posted: readonly IncomingParcelEvents[],
  log?: TrackingLog,
): Promise<TrackingOutcome | null> {
  return writeTransaction(deps.db, deps.dialect, async (tx) => {
    const current = await findConsignment(tx, target.customer, target.reference, { dialect: deps.dialect });
    if (!current) return null;
    const now = deps.clock.now().toISOString();
    const rows: NewTrackingEvent[] = [];
    for (const group of posted) {
      const named = parcelNamed(current, group.packageReference);
      if (!named) {
        log?.info({ consignment: current.Reference, packageReference: group.packageReference }, 'tracking events for an unknown package ignored');
        continue;
      }
      for (const e of group.events) {
        rows.push({
          customerId: target.customer.id,
          consignmentId: current.id,
          ...named,
          carrierReference: carrier.reference,
          carrierServiceName: current.Allocation?.MpdCarrierServiceName ?? null,
          code: carrier.normaliseEvent(e.carrierCode),
          carrierCode: e.carrierCode,
          description: e.description,
          at: e.at,
          signedBy: e.signedBy,
          location: e.location,
          createdAt: now,
        });
      }
    }
    await insertEvents(tx, rows);

    const events = await listEvents(tx, target.customer.id, current.id);
    const before: TrackingOutcome = { state: current.ConsignmentState, dates: datesOf(current) };
    const after = applyTracking(before, current.Packages.map((p) => p.Reference), events);
    if (sameOutcome(before, after)) return null;
    const moved = after.state !== before.state;
    // State-independent write: the guard only asserts the state read above under the row lock.
    await changeConsignment(tx, deps, target.customer, current.Reference, { from: current.ConsignmentState }, (latest) => ({
      ...(moved ? { state: after.state } : {}),
      document: { ...documentOf(latest), ...after.dates },
      audit: {
        action: moved ? 'TrackingStateChanged' : 'TrackingDatesChanged',
        category: 'Tracking',
        message: moved
          ? `Tracking moved ${latest.Reference} from ${before.state} to ${after.state}`
          : `Tracking updated the dates of ${latest.Reference}`,
        details: { CarrierReference: carrier.reference, Dates: changedDates(before.dates, after.dates) },
      },
      result: undefined,
    }));
    return after;
  });
}

function changedDates(before: TrackingDates, after: TrackingDates): Partial<TrackingDates> {
  return Object.fromEntries(DATE_FIELDS.filter((k) => before[k] !== after[k]).map((k) => [k, after[k]]));
}
