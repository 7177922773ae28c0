/**
 * Deallocation (spec §5.8): allowed in Allocated, Manifested and ManifestFailed; erases the
 * allocation, legs, tracking numbers, labels and customs documents and returns the consignment
 * to Unallocated. A manifested consignment is voided at the carrier first; if the carrier
 * refuses, nothing changes.
 */
import { CarrierError } from '../../carriers/carrier.js';
import { AppError } from '../../shared/errors.js';
import { type Outcome, forEachReference } from '../consignments/bulk-outcomes.js';
import { changeOneConsignment } from '../consignments/change-consignment.js';
import { documentOf } from '../consignments/consignment.js';
import { checkAction } from '../consignments/consignment-state.js';
import { findConsignment } from '../consignments/consignments.repo.js';
import { consignmentNotFound } from '../consignments/load-consignment.js';
import type { Customer, Deps } from '../deps.js';
import { deallocatedDocument } from './booking.js';
import { carrierSettings } from './carrier-services.repo.js';
import { metaDataMap } from './consignment-facts.js';

export async function deallocateConsignment(deps: Deps, customer: Customer, reference: string): Promise<string> {
  const current = await findConsignment(deps.db, customer, reference);
  if (!current) throw consignmentNotFound(reference);
  checkAction(current.Reference, current.ConsignmentState, 'Deallocate');
  const shipment = current.shipment;
  if (current.ConsignmentState === 'Manifested' && shipment) {
    const carrier = deps.carriers.carrier(shipment.carrierReference);
    if (carrier?.cancel) {
      try {
        const settings = await carrierSettings(deps.db, customer.id, carrier.reference);
        await carrier.cancel({ carrierBookingId: shipment.carrierBookingId, consignmentReference: current.Reference, metaData: metaDataMap(current) },
          { settings, http: deps.http, now: () => deps.clock.now() });
      } catch (error) {
        if (!(error instanceof CarrierError)) throw error;
        throw new AppError('CarrierCancelFailed', `Consignment ${current.Reference} was not deallocated: ${error.message}`);
      }
    }
  }
  return changeOneConsignment(deps, customer, reference, 'Deallocate', (latest) => {
    const message = 'Consignment deallocation completed successfully';
    return {
      state: 'Unallocated',
      document: deallocatedDocument(documentOf(latest)),
      shipment: null,
      audit: { action: 'Deallocated', message: `Consignment ${latest.Reference} deallocated`, details: { MpdCarrierServiceReference: latest.Allocation?.MpdCarrierServiceReference ?? null } },
      result: message,
    };
  });
}

export function deallocateConsignments(deps: Deps, customer: Customer, references: readonly string[]): Promise<Outcome[]> {
  return forEachReference(references, (reference) => deallocateConsignment(deps, customer, reference));
}
