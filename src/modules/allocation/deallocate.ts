/**
 * Deallocation (spec §5.8): allowed in Allocated, Manifested and ManifestFailed; erases the
 * allocation, legs, tracking numbers, labels and customs documents and returns the consignment
 * to Unallocated. A manifested consignment is voided at the carrier first; if the carrier
 * refuses, nothing changes.
 *
 * Voiding runs like a cancellation (decision 0005: claim → call → finish, no transaction open
 * while the carrier answers): claim Manifested → `Cancelling` (the booking is being cancelled at
 * the carrier; other commands get 409 meanwhile), call the carrier, then → `Unallocated`, or back
 * to `Manifested` with 400 `CarrierCancelFailed`. Checking the state only after the carrier call
 * let a concurrent Dispatch (or a tracking scan) move the consignment on while its booking was
 * being voided: the carrier cancelled a booking the consignment then shipped on. A crash mid-call
 * leaves `Cancelling`; cancel-recovery.job.ts puts it back to Manifested after the grace period.
 */
import { AppError } from '../../shared/errors.js';
import { type Outcome, forEachReference } from '../consignments/bulk-outcomes.js';
import { type CarrierCancel, cancelAtCarrier } from '../consignments/cancel-consignment.js';
import { type ConsignmentChange, changeOneConsignment } from '../consignments/change-consignment.js';
import { type StoredConsignment, documentOf } from '../consignments/consignment.js';
import type { Customer, Deps } from '../deps.js';
import { deallocatedDocument } from './booking.js';
import { metaDataMap } from './consignment-facts.js';

const MESSAGE = 'Consignment deallocation completed successfully';

function deallocated<T>(latest: StoredConsignment, result: T): ConsignmentChange<T> {
  return {
    state: 'Unallocated',
    document: deallocatedDocument(documentOf(latest)),
    shipment: null,
    audit: { action: 'Deallocated', message: `Consignment ${latest.Reference} deallocated`, details: { MpdCarrierServiceReference: latest.Allocation?.MpdCarrierServiceReference ?? null } },
    result,
  };
}

export async function deallocateConsignment(deps: Deps, customer: Customer, reference: string): Promise<string> {
  const claim = await changeOneConsignment<CarrierCancel | null>(deps, customer, reference, 'Deallocate', (current, now) => {
    const shipment = current.shipment;
    const carrier = current.ConsignmentState === 'Manifested' && shipment ? deps.carriers.carrier(shipment.carrierReference) : undefined;
    if (!shipment || !carrier?.cancel) return deallocated(current, null);
    return {
      state: 'Cancelling',
      shipment: { ...shipment, cancelRun: { from: current.ConsignmentState, at: now } },
      audit: { action: 'Cancelling', message: `Voiding booking ${shipment.carrierBookingId} with ${carrier.name} to deallocate` },
      result: { from: current.ConsignmentState, carrier: carrier as CarrierCancel['carrier'], shipment, metaData: metaDataMap(current) },
    };
  });
  if (!claim) return MESSAGE;

  const refusal = await cancelAtCarrier(deps, customer, reference, claim);
  await changeOneConsignment(deps, customer, reference, { from: 'Cancelling' }, (latest) =>
    refusal === null
      ? deallocated(latest, null)
      : {
        state: claim.from,
        shipment: latest.shipment ? { ...latest.shipment, cancelRun: null } : null,
        audit: { action: 'CarrierCancelFailed', message: `${claim.carrier.name} refused to void the booking: ${refusal}` },
        result: null,
      });
  if (refusal !== null) throw new AppError('CarrierCancelFailed', `Consignment ${reference} was not deallocated: ${refusal}`);
  return MESSAGE;
}

export function deallocateConsignments(deps: Deps, customer: Customer, references: readonly string[]): Promise<Outcome[]> {
  return forEachReference(references, (reference) => deallocateConsignment(deps, customer, reference));
}
