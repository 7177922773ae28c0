/**
 * Cancel (spec §4.9). The §4.12 matrix decides which states may cancel. With no carrier adapters
 * yet, a cancel goes straight to `Cancelled`: the transient `Cancelling` is for the carrier's
 * cancel call (and label voiding) that allocated and manifested consignments will need. The
 * allocation data is kept for the record. A cancelled consignment no longer counts as packed, so
 * its units go back to its order's left-to-pack ledger (the ledger query skips `Cancelled`).
 */
import type { Customer, Deps } from '../deps.js';
import { type Outcome, forEachReference } from './bulk-outcomes.js';
import { type Transition, transitionConsignment } from './transition-consignment.js';

export const CANCEL: Transition = {
  action: 'Cancel',
  to: 'Cancelled',
  audit: 'Cancelled',
  message: (reference) => `Consignment ${reference} cancellation completed successfully`,
};

export async function cancelConsignment(deps: Deps, customer: Customer, reference: string): Promise<void> {
  await transitionConsignment(deps, customer, reference, CANCEL);
}

export function cancelConsignments(deps: Deps, customer: Customer, references: readonly string[]): Promise<Outcome[]> {
  return forEachReference(references, (reference) => transitionConsignment(deps, customer, reference, CANCEL));
}
