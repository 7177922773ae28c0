/**
 * Allocating one consignment (spec §5.2, §5.5) in three steps, so no database transaction is
 * held open while a carrier answers:
 *
 * 1. claim — in one transaction: check the state, choose the service (`choose`), and move the
 *    consignment to `Allocating` (or straight to `AllocationFailed` when nothing qualifies);
 * 2. book — call the carrier adapter, bounded by a timeout;
 * 3. finish — in a second transaction: `Allocating` → `Allocated` with the booking, or
 *    → `AllocationFailed` with the carrier's message.
 *
 * A crash between 1 and 3 leaves `Allocating`; `recoverInterruptedAllocations` turns those into
 * `AllocationFailed` after a grace period, so nothing is stuck for ever.
 */
import { type Booking, type CarrierAdapter, CarrierError, type CarrierServiceDefinition } from '../../carriers/carrier.js';
import { writeTransaction } from '../../db/transaction.js';
import { AppError } from '../../shared/errors.js';
import { changeConsignment, type Tx } from '../consignments/change-consignment.js';
import { type CustomsDocumentKind, type Rate, type StoredConsignment, documentOf } from '../consignments/consignment.js';
import type { Customer, Deps } from '../deps.js';
import { findConsignment } from '../consignments/consignments.repo.js';
import { allocatedDocument, failedAllocationDocument } from './booking.js';
import { carrierSettings } from './carrier-services.repo.js';
import { consignmentFacts } from './consignment-facts.js';
import type { DeliveryPromise } from './promise.js';

export interface ServiceChoice {
  carrier: CarrierAdapter;
  service: CarrierServiceDefinition;
  group: { reference: string; name: string } | null;
  price: Rate;
  promise: DeliveryPromise;
  customsDocuments: CustomsDocumentKind[];
  quoteReference: string | null;
}

export interface NoChoice {
  /** Why nothing qualified: becomes FailedAllocation.Message. */
  failure: string;
  service?: { reference: string; name: string } | null;
  group?: { reference: string; name: string } | null;
}

export type Chooser = (consignment: StoredConsignment, tx: Tx) => Promise<ServiceChoice | NoChoice>;

export type AllocationOutcome =
  | { ok: true; reference: string; choice: ServiceChoice; booking: Booking; collectionDate: string }
  | { ok: false; reference: string; error: AppError };

/** How long a carrier may take to book (spec §5.5: 30 s per consignment by default). */
export const BOOKING_TIMEOUT_MS = 30_000;

export async function allocateConsignment(deps: Deps, customer: Customer, reference: string, choose: Chooser): Promise<AllocationOutcome> {
  let choice: ServiceChoice;
  try {
    const claimed = await writeTransaction(deps.db, deps.dialect, (tx) =>
      changeConsignment(tx, deps, customer, reference, 'Allocate', async (current, now) => {
        const chosen = await choose(current, tx);
        if ('failure' in chosen) {
          return {
            state: 'AllocationFailed',
            document: failedAllocationDocument(documentOf(current), { message: chosen.failure, service: chosen.service ?? null, group: chosen.group ?? null }, now),
            audit: { action: 'AllocationFailed', message: `Allocation of ${current.Reference} failed: ${chosen.failure}` },
            result: chosen as ServiceChoice | NoChoice,
          };
        }
        return {
          state: 'Allocating',
          audit: { action: 'Allocating', message: `Booking ${current.Reference} with ${chosen.service.name}` },
          result: chosen as ServiceChoice | NoChoice,
        };
      }));
    if ('failure' in claimed) return { ok: false, reference, error: new AppError('NoEligibleService', claimed.failure) };
    choice = claimed;
  } catch (error) {
    if (error instanceof AppError) return { ok: false, reference, error };
    throw error;
  }

  let booking: Booking | null = null;
  let failure: string | null = null;
  const current = await loadForBooking(deps, customer, reference);
  try {
    booking = await book(deps, customer, current, choice);
  } catch (error) {
    failure = error instanceof CarrierError ? error.message : `Could not be booked with courier: ${(error as Error).message}`;
  }

  const finished = await writeTransaction(deps.db, deps.dialect, (tx) =>
    changeConsignment(tx, deps, customer, reference, { from: 'Allocating' }, (latest, now) => {
      if (!booking) {
        return {
          state: 'AllocationFailed',
          document: failedAllocationDocument(documentOf(latest), { message: failure!, service: choice.service, group: choice.group }, now),
          audit: { action: 'AllocationFailed', message: `Allocation of ${latest.Reference} failed: ${failure}` },
          result: null,
        };
      }
      const { document, shipment } = allocatedDocument(documentOf(latest), { ...choice, booking }, now);
      return {
        state: 'Allocated',
        document,
        shipment,
        audit: {
          action: 'Allocated',
          message: `Allocated to ${choice.service.name} (${choice.service.reference}), ${choice.price.Gross} ${choice.price.Currency.IsoCode}`,
          details: { MpdCarrierServiceReference: choice.service.reference, TrackingNumber: booking.trackingNumber },
        },
        result: document.CollectionDate!,
      };
    }));
  if (!booking || finished === null) {
    return { ok: false, reference, error: new AppError('CarrierBookingFailed', failure ?? 'Could not be booked with courier.') };
  }
  return { ok: true, reference, choice, booking, collectionDate: finished };
}

async function loadForBooking(deps: Deps, customer: Customer, reference: string): Promise<StoredConsignment> {
  const found = await findConsignment(deps.db, customer, reference);
  if (!found) throw new AppError('ConsignmentNotFound', `Consignment ${reference} was not found.`);
  return found;
}

async function book(deps: Deps, customer: Customer, consignment: StoredConsignment, choice: ServiceChoice): Promise<Booking> {
  if (!choice.carrier.book) throw new CarrierError(`${choice.carrier.name} cannot book consignments through Packline.`);
  const facts = consignmentFacts(consignment);
  const settings = await carrierSettings(deps.db, customer.id, choice.carrier.reference);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CarrierError(`Could not be booked with courier: ${choice.carrier.name} did not answer within ${BOOKING_TIMEOUT_MS / 1000} s.`)), BOOKING_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      choice.carrier.book(
        {
          consignmentReference: consignment.Reference,
          service: choice.service,
          parcels: facts.parcels,
          route: facts.route,
          collectionDate: choice.promise.collectionDate.toISOString(),
          metaData: facts.metaData,
        },
        { settings, http: deps.http, now: () => deps.clock.now() },
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
