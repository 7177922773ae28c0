/**
 * Polling carriers for tracking (spec §9; the simulated carriers' journeys advance one step per
 * poll): a job polls every consignment the carrier still has, and `advanceTracking` polls one on
 * demand. The events a carrier returns go through Post Tracking Events' own path
 * (`ingestCarrierEvents`), so polled and posted events follow the same rules.
 */
import type { Job } from '../../jobs.js';
import { AppError } from '../../shared/errors.js';
import { carrierSettings } from '../allocation/carrier-services.repo.js';
import { metaDataMap } from '../allocation/consignment-facts.js';
import { CONSIGNMENT_STATES, type ConsignmentState } from '../consignments/consignment-state.js';
import { fromRow, COLUMNS } from '../consignments/consignments.repo.js';
import type { StoredConsignment } from '../consignments/consignment.js';
import { loadConsignment } from '../consignments/load-consignment.js';
import type { Customer, Deps } from '../deps.js';
import type { TrackingLog } from './apply-tracking-events.js';
import { type EventCaller, ingestCarrierEvents } from './ingest-carrier-events.js';
import { recordedCounts } from './tracking-events.repo.js';
import { tracksState } from './tracking-rules.js';

/**
 * States the job polls: the carrier has the consignment (manifested or later) and it is not
 * finished. Final: delivered in full, lost, or back with the sender — nothing more to learn.
 * Damaged and Missing stay polled (a damaged parcel may still be delivered, a missing one found).
 */
const FINAL: ReadonlySet<ConsignmentState> = new Set(['Delivered', 'DeliveredDamaged', 'Lost', 'ReturnToSender']);
const PRE_MANIFEST: ReadonlySet<ConsignmentState> = new Set(['Allocated', 'ReadyToShip', 'ManifestFailed']);
export const isPolled = (state: ConsignmentState): boolean => tracksState(state) && !PRE_MANIFEST.has(state) && !FINAL.has(state);

/** Asks the consignment's carrier for new events and ingests them as `caller`; answers how many came. */
async function pollConsignment(deps: Deps, c: StoredConsignment, customer: Customer, caller: EventCaller, log?: TrackingLog): Promise<number> {
  const shipment = c.shipment;
  const carrier = shipment && deps.carriers.carrier(shipment.carrierReference);
  if (!shipment || !carrier?.track) return 0;
  const metaData = metaDataMap(c);
  const parcels = shipment.parcels
    .filter((p) => c.Packages.some((pkg) => pkg.Reference === p.reference))
    .map((p) => ({ trackingNumber: p.trackingNumber, metaData }));
  const events = await carrier.track(
    { parcels, recorded: await recordedCounts(deps.db, c.id, carrier.reference), now: deps.clock.now().toISOString() },
    { settings: await carrierSettings(deps.db, customer.id, carrier.reference), http: deps.http, now: () => deps.clock.now() },
  );
  if (events.length === 0) return 0;
  const byParcel = new Map<string, typeof events>();
  for (const e of events) byParcel.set(e.trackingNumber, [...(byParcel.get(e.trackingNumber) ?? []), e]);
  await ingestCarrierEvents(deps, caller, {
    CarrierReference: carrier.reference,
    ConsignmentTrackingEvents: [{
      ConsignmentTrackingReference: c.Reference,
      PackageTrackingEvents: [...byParcel].map(([trackingNumber, list]) => ({
        PackageReference: trackingNumber,
        TrackingEvents: list.map((e) => ({
          TimeStamp: e.timestamp, Code: e.code, Description: e.description, SignedBy: e.signedBy ?? null, Location: e.location ?? null,
        })),
      })),
    }],
  }, log);
  return events.length;
}

/**
 * [EXT] One step of every package's journey now, for tests and demos (`POST /tracking/{c}/advance`).
 * The consignment must have a carrier booking and be in a state tracking moves.
 */
export async function advanceTracking(deps: Deps, customer: Customer, reference: string): Promise<void> {
  const c = await loadConsignment(deps, customer, reference);
  if (!c.shipment || !tracksState(c.ConsignmentState)) {
    throw new AppError('InvalidConsignmentState', `Cannot advance tracking: consignment ${c.Reference} is ${c.ConsignmentState}.`, [
      { Code: 'InvalidConsignmentState', Target: 'ConsignmentState', Message: 'Tracking advances allocated, manifested and shipped consignments only.' },
    ]);
  }
  if (!deps.carriers.carrier(c.shipment.carrierReference)?.track) {
    throw new AppError('InvalidConsignmentState', `${c.shipment.carrierReference} reports no tracking Packline can poll.`);
  }
  await pollConsignment(deps, c, customer, { customer });
}

const BATCH = 200;

/** Polls every consignment in a polled state whose carrier can be polled, across all customers. */
export async function pollTracking(deps: Deps, log?: TrackingLog): Promise<{ polled: number; events: number; failed: number }> {
  const carriers = deps.carriers.carriers.filter((c) => c.track).map((c) => c.reference);
  const states = CONSIGNMENT_STATES.filter(isPolled);
  const totals = { polled: 0, events: 0, failed: 0 };
  if (carriers.length === 0) return totals;
  // Paged by id, so a run reaches every consignment however many there are.
  let after = 0;
  for (;;) {
    const rows = await deps.db
      .selectFrom('consignments')
      .innerJoin('customers', 'customers.id', 'consignments.customer_id')
      .select(COLUMNS.map((c) => `consignments.${c}` as const))
      .select(['customers.id as customerId', 'customers.reference as customerReference', 'customers.name as customerName'])
      .where('consignments.state', 'in', states)
      .where('consignments.carrier_reference', 'in', carriers)
      .where('consignments.id', '>', after)
      .orderBy('consignments.id')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      const customer: Customer = { id: Number(row.customerId), reference: row.customerReference, name: row.customerName };
      const c = fromRow(customer, row);
      const caller: EventCaller = { carrier: { carrierReference: c.shipment?.carrierReference ?? '', actor: 'tracking-poll' } };
      try {
        totals.events += await pollConsignment(deps, c, customer, caller, log);
        totals.polled += 1;
      } catch (err) {
        // One consignment's failure (a carrier refusing, a concurrent change) must not stop the others.
        totals.failed += 1;
        log?.info({ err, consignment: c.Reference }, 'tracking poll failed');
      }
    }
    if (rows.length < BATCH) break;
    after = Number(rows.at(-1)!.id);
  }
  return totals;
}

/** The tracking poll as an in-process job; `everyMs` comes from configuration. */
export function trackingPollJob(everyMs = 60_000): Job {
  return {
    name: 'tracking-poll',
    everyMs,
    async run(deps) {
      const totals = await pollTracking(deps);
      if (totals.failed > 0) throw new Error(`tracking poll: ${totals.failed} of ${totals.failed + totals.polled} consignments failed`);
    },
  };
}
