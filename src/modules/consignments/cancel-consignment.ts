/**
 * Cancel (spec §4.9, §4.12, §17 #18). The §4.12 matrix decides which states may cancel. A
 * consignment the carrier has booked (Allocated, ManifestFailed, Manifested with a booking record)
 * is cancelled at the carrier too, in three steps so no transaction is open while the carrier
 * answers: claim → `Cancelling`; the adapter's `cancel()`; → `Cancelled`, or, when the carrier
 * refuses, back to the state it came from with 400 `CarrierCancelFailed`.
 *
 * [DECIDE] Allocated and ManifestFailed consignments are voided at the carrier as well, not only
 * Manifested ones: their booking holds a tracking number and a label the carrier would otherwise
 * expect a parcel for. A consignment with no booking record (never booked), or whose carrier has
 * no cancel call, is cancelled in Packline only, in one step. The allocation data is kept for the
 * record. A cancelled consignment no longer counts as packed, so its units go back to its order's
 * left-to-pack ledger (the ledger query skips `Cancelled`). A crash mid-call leaves `Cancelling`:
 * cancel-recovery.job.ts puts such consignments back after a grace period.
 */
import type { CarrierAdapter } from '../../carriers/carrier.js';
import { CarrierError } from '../../carriers/carrier.js';
import { withDeadline } from '../../carriers/deadline.js';
import { AppError } from '../../shared/errors.js';
import { carrierSettings } from '../allocation/carrier-services.repo.js';
import { metaDataMap } from '../allocation/consignment-facts.js';
import type { Customer, Deps } from '../deps.js';
import { type Outcome, forEachReference } from './bulk-outcomes.js';
import { changeOneConsignment } from './change-consignment.js';
import type { Shipment } from './consignment.js';
import type { ConsignmentState } from './consignment-state.js';
import type { Transition } from './transition-consignment.js';

export const CANCEL: Transition = {
  action: 'Cancel',
  to: 'Cancelled',
  audit: 'Cancelled',
  message: (reference) => `Consignment ${reference} cancellation completed successfully`,
};

/** How long a carrier may take to cancel a booking. */
export const CARRIER_CANCEL_TIMEOUT_MS = 30_000;

/** States in which the carrier holds a booking to void (shipped states cancel in Packline only, §4.12). */
const BOOKED: ReadonlySet<ConsignmentState> = new Set(['Allocated', 'ManifestFailed', 'Manifested']);

export interface CarrierCancel {
  from: ConsignmentState;
  carrier: CarrierAdapter & Required<Pick<CarrierAdapter, 'cancel'>>;
  shipment: Shipment;
  metaData: Map<string, string>;
}

/** Cancels one consignment; answers the success message. */
export async function cancelConsignment(deps: Deps, customer: Customer, reference: string): Promise<string> {
  const message = CANCEL.message(reference);
  const claim = await changeOneConsignment<CarrierCancel | null>(deps, customer, reference, 'Cancel', (current, now) => {
    const shipment = current.shipment;
    const carrier = shipment && BOOKED.has(current.ConsignmentState) ? deps.carriers.carrier(shipment.carrierReference) : undefined;
    if (!shipment || !carrier?.cancel) return { state: 'Cancelled', audit: { action: CANCEL.audit, message }, result: null };
    return {
      state: 'Cancelling',
      shipment: { ...shipment, cancelRun: { from: current.ConsignmentState, at: now } },
      audit: { action: 'Cancelling', message: `Cancelling booking ${shipment.carrierBookingId} with ${carrier.name}` },
      result: { from: current.ConsignmentState, carrier: carrier as CarrierCancel['carrier'], shipment, metaData: metaDataMap(current) },
    };
  });
  if (!claim) return message;

  const refusal = await cancelAtCarrier(deps, customer, reference, claim);
  await changeOneConsignment(deps, customer, reference, { from: 'Cancelling' }, (current) => {
    const shipment = current.shipment ? { ...current.shipment, cancelRun: null } : null;
    return refusal === null
      ? { state: 'Cancelled', shipment, audit: { action: CANCEL.audit, message, details: { CarrierBookingId: claim.shipment.carrierBookingId } }, result: null }
      : { state: claim.from, shipment, audit: { action: 'CarrierCancelFailed', message: `${claim.carrier.name} refused to cancel: ${refusal}` }, result: null };
  });
  if (refusal !== null) throw new AppError('CarrierCancelFailed', `Consignment ${reference} could not be cancelled: ${refusal}`);
  return message;
}

/** The carrier's refusal, or null when it cancelled the booking. */
export async function cancelAtCarrier(deps: Deps, customer: Customer, reference: string, claim: CarrierCancel): Promise<string | null> {
  try {
    const settings = await carrierSettings(deps.db, customer.id, claim.carrier.reference);
    await withDeadline(
      claim.carrier.cancel({ carrierBookingId: claim.shipment.carrierBookingId, consignmentReference: reference, metaData: claim.metaData }, { settings, http: deps.http, now: () => deps.clock.now() }),
      CARRIER_CANCEL_TIMEOUT_MS,
      `${claim.carrier.name} did not answer the cancellation within ${CARRIER_CANCEL_TIMEOUT_MS / 1000} s.`,
    );
    return null;
  } catch (error) {
    return error instanceof CarrierError ? error.message : `${claim.carrier.name} could not be reached: ${(error as Error).message}`;
  }
}

export function cancelConsignments(deps: Deps, customer: Customer, references: readonly string[]): Promise<Outcome[]> {
  return forEachReference(references, (reference) => cancelConsignment(deps, customer, reference));
}
