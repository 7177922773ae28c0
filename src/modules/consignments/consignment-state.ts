/**
 * The consignment state machine of spec §4.12 as one table. Every action that changes a
 * consignment asks `checkAction` first; the table is the only place that knows which state
 * allows what.
 */
import { AppError } from '../../shared/errors.js';

export const CONSIGNMENT_STATES = [
  'Unallocated', 'Allocating', 'AllocationFailed', 'Allocated', 'ReadyToShip', 'Manifesting', 'Manifested',
  'ManifestFailed', 'Cancelling', 'Cancelled', 'Dispatched', 'AtDropOffPoint', 'Collected', 'CollectionFailed',
  'InTransit', 'Delayed', 'OutForDelivery', 'DeliveryFailed', 'DeliveryFailedCardLeft', 'Delivered',
  'PartiallyDelivered', 'AtCollectionPoint', 'ReturnToSender', 'ActionRequired', 'Missing', 'Lost', 'Damaged',
  'InTransitWaiting', 'HeldByCarrier', 'ExchangeFailed', 'AtCustoms', 'CarrierUnableToCollect', 'DeliveredDamaged',
] as const;
export type ConsignmentState = (typeof CONSIGNMENT_STATES)[number];

/** SortedPRO's numeric values (SDK `ConsignmentState`); 8 is unused. */
export const CONSIGNMENT_STATE_NUMBERS: Record<ConsignmentState, number> = {
  Unallocated: 0, Allocating: 1, AllocationFailed: 2, Allocated: 3, ReadyToShip: 40, Manifesting: 4, Manifested: 5,
  ManifestFailed: 6, Cancelling: 25, Cancelled: 26, Dispatched: 7, AtDropOffPoint: 9, Collected: 10,
  CollectionFailed: 11, InTransit: 12, Delayed: 13, OutForDelivery: 14, DeliveryFailed: 15, DeliveryFailedCardLeft: 16,
  Delivered: 17, PartiallyDelivered: 18, AtCollectionPoint: 19, ReturnToSender: 20, ActionRequired: 21, Missing: 22,
  Lost: 23, Damaged: 24, InTransitWaiting: 27, HeldByCarrier: 28, ExchangeFailed: 29, AtCustoms: 30,
  CarrierUnableToCollect: 31, DeliveredDamaged: 32,
};

export const CONSIGNMENT_ACTIONS = [
  'Allocate', 'Edit', 'Deallocate', 'Labels', 'Manifest', 'SetReadyToShip', 'SetNotReadyToShip', 'Dispatch', 'Cancel',
] as const;
export type ConsignmentAction = (typeof CONSIGNMENT_ACTIONS)[number];

/** What each action is called in messages. */
const ACTION_NAMES: Record<ConsignmentAction, string> = {
  Allocate: 'allocate',
  Edit: 'edit it or add or delete packages',
  Deallocate: 'deallocate',
  Labels: 'get labels or customs documents',
  Manifest: 'manifest',
  SetReadyToShip: 'set it ready to ship',
  SetNotReadyToShip: 'set it not ready to ship',
  Dispatch: 'dispatch',
  Cancel: 'cancel',
};

const TRANSIENT: ReadonlySet<ConsignmentState> = new Set(['Allocating', 'Manifesting', 'Cancelling']);

/** States a carrier has the consignment in (after dispatch). */
const PRE_SHIPPED: ReadonlySet<ConsignmentState> = new Set([
  'Unallocated', 'Allocating', 'AllocationFailed', 'Allocated', 'ReadyToShip', 'Manifesting', 'Manifested',
  'ManifestFailed', 'Cancelling', 'Cancelled',
]);
export const isShipped = (state: ConsignmentState): boolean => !PRE_SHIPPED.has(state);

/**
 * Shipped states that can never be cancelled, even with cancellation after dispatch allowed
 * (spec §4.12: not cancellable in either docs table, or the stricter of the two).
 */
const NEVER_CANCELLABLE: ReadonlySet<ConsignmentState> = new Set(['Delivered', 'PartiallyDelivered', 'InTransitWaiting', 'DeliveryFailed']);

/** The §4.12 matrix for the non-transient, non-shipped states. */
const MATRIX: Partial<Record<ConsignmentState, readonly ConsignmentAction[]>> = {
  Unallocated: ['Allocate', 'Edit', 'Cancel'],
  AllocationFailed: ['Allocate', 'Edit', 'Cancel'],
  Allocated: ['Deallocate', 'Labels', 'Manifest', 'SetReadyToShip', 'Cancel'],
  ReadyToShip: ['Labels', 'Manifest', 'SetNotReadyToShip'],
  ManifestFailed: ['Deallocate', 'Labels', 'Manifest', 'Cancel'],
  Manifested: ['Deallocate', 'Labels', 'Dispatch', 'Cancel'],
  Cancelled: [],
};

export interface StateRules {
  /** `cancellation.allowAfterDispatch`: shipped consignments may be cancelled (state only). */
  allowCancelAfterDispatch?: boolean;
}

/** The actions a consignment in `state` allows (empty for transient states: they answer 409). */
export function allowedActions(state: ConsignmentState, rules: StateRules = {}): ConsignmentAction[] {
  if (TRANSIENT.has(state)) return [];
  const listed = MATRIX[state];
  if (listed) return [...listed];
  // Every shipped state: labels may be reprinted; cancel only when configured and not final.
  const shipped: ConsignmentAction[] = ['Labels'];
  if (rules.allowCancelAfterDispatch && !NEVER_CANCELLABLE.has(state)) shipped.push('Cancel');
  return shipped;
}

export function isAllowed(state: ConsignmentState, action: ConsignmentAction, rules: StateRules = {}): boolean {
  return allowedActions(state, rules).includes(action);
}

/** The error for an action the state does not allow: 409 while busy, else 400 naming what is allowed. */
export function stateError(reference: string, state: ConsignmentState, action: ConsignmentAction, rules: StateRules = {}): AppError {
  if (TRANSIENT.has(state)) {
    return new AppError('ConsignmentBusy', `Consignment ${reference} is ${state}; try again when that has finished.`);
  }
  const allowed = allowedActions(state, rules);
  const hint = allowed.length > 0 ? `Allowed in ${state}: ${allowed.join(', ')}.` : `Nothing can be done to a ${state} consignment.`;
  return new AppError('InvalidConsignmentState', `Cannot ${ACTION_NAMES[action]}: consignment ${reference} is ${state}. ${hint}`, [
    { Code: 'InvalidConsignmentState', Target: 'ConsignmentState', Message: `${state} does not allow ${action}. ${hint}` },
  ]);
}

export function checkAction(reference: string, state: ConsignmentState, action: ConsignmentAction, rules: StateRules = {}): void {
  if (!isAllowed(state, action, rules)) throw stateError(reference, state, action, rules);
}

/** Parses a state name as search filters accept it: API value or display name, any case, spaces/hyphens ignored. */
export function parseState(raw: string): ConsignmentState | undefined {
  const wanted = raw.replace(/[\s-]/g, '').toLowerCase();
  const byName = CONSIGNMENT_STATES.find((s) => s.toLowerCase() === wanted);
  if (byName) return byName;
  if (/^\d+$/.test(wanted)) return CONSIGNMENT_STATES.find((s) => CONSIGNMENT_STATE_NUMBERS[s] === Number(wanted));
  // "Return to Sender" → returntosender; "In Transit - Waiting" → intransitwaiting: covered above.
  return undefined;
}
