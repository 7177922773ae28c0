/** Dispatch (spec §4.11, "Mark as Dispatched"): `Manifested` → `Dispatched`, with DateShipped = now. */
import type { Customer, Deps } from '../deps.js';
import { type Outcome, forEachReference } from './bulk-outcomes.js';
import { type Transition, transitionConsignment } from './transition-consignment.js';

export const DISPATCH: Transition = {
  action: 'Dispatch',
  to: 'Dispatched',
  audit: 'Dispatched',
  message: (reference) => `Consignment ${reference} dispatched`,
  document: (current, now) => ({ ...current, DateShipped: now }),
};

export function dispatchConsignments(deps: Deps, customer: Customer, references: readonly string[]): Promise<Outcome[]> {
  return forEachReference(references, (reference) => transitionConsignment(deps, customer, reference, DISPATCH));
}
