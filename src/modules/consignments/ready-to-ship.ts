/**
 * Set (not) ready to ship (spec §4.10): `Allocated` ⇄ `ReadyToShip`, a staging state for
 * Manifest From Query; the state changes nothing else.
 */
import type { Customer, Deps } from '../deps.js';
import { type Outcome, forEachReference } from './bulk-outcomes.js';
import { type Transition, transitionConsignment } from './transition-consignment.js';

export const SET_READY_TO_SHIP: Transition = {
  action: 'SetReadyToShip',
  to: 'ReadyToShip',
  audit: 'SetReadyToShip',
  message: (reference) => `Consignment ${reference} is ready to ship`,
};

export const SET_NOT_READY_TO_SHIP: Transition = {
  action: 'SetNotReadyToShip',
  to: 'Allocated',
  audit: 'SetNotReadyToShip',
  message: (reference) => `Consignment ${reference} is no longer ready to ship`,
};

export function setReadyToShip(deps: Deps, customer: Customer, references: readonly string[], ready: boolean): Promise<Outcome[]> {
  const t = ready ? SET_READY_TO_SHIP : SET_NOT_READY_TO_SHIP;
  return forEachReference(references, (reference) => transitionConsignment(deps, customer, reference, t));
}
