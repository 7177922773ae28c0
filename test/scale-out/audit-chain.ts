/**
 * "State machine never skipped": a consignment's audit trail must be one unbroken chain — each
 * entry starts in the state the previous one ended in — and every step must be one the service's
 * commands can make. Commands that start in a settled state must be allowed there by the §4.12
 * matrix (`isAllowed`, the service's own table); steps out of a transient state (Allocating,
 * Manifesting, Cancelling) may only go where the finishing step of that command goes. Pure.
 */
import { type ConsignmentAction, type ConsignmentState, isAllowed, isShipped } from '../../src/modules/consignments/consignment-state.js';
import { tracksState } from '../../src/modules/tracking/tracking-rules.js';

export interface AuditStep {
  action: string;
  before: ConsignmentState | null;
  after: ConsignmentState | null;
}

/** How each audit verb may move a consignment. */
interface Rule {
  /** A command started in a settled state: the matrix must allow it in `before`. */
  command?: ConsignmentAction;
  /** Steps out of a transient state: the state it must be in. */
  finishes?: ConsignmentState;
  /** A carrier's scans (spec §9.4): only states tracking moves, only to a shipped state. */
  tracking?: true;
  /** Where it may end; 'same' = no state change; 'back' = the state the pending command came from. */
  to: readonly (ConsignmentState | 'same' | 'back' | 'shipped')[];
}

const RULES: Record<string, readonly Rule[]> = {
  Packed: [{ to: ['Unallocated'] }],
  Created: [{ to: ['Unallocated'] }],
  Allocating: [{ command: 'Allocate', to: ['Allocating'] }],
  AllocationFailed: [{ command: 'Allocate', to: ['AllocationFailed'] }, { finishes: 'Allocating', to: ['AllocationFailed'] }],
  Allocated: [{ finishes: 'Allocating', to: ['Allocated'] }],
  // A manifested consignment's booking is voided first: Manifested → Cancelling → Unallocated.
  Deallocated: [{ command: 'Deallocate', to: ['Unallocated'] }, { finishes: 'Cancelling', to: ['Unallocated'] }],
  SetReadyToShip: [{ command: 'SetReadyToShip', to: ['ReadyToShip'] }],
  SetNotReadyToShip: [{ command: 'SetNotReadyToShip', to: ['Allocated'] }],
  ManifestQueued: [{ command: 'Manifest', to: ['Manifesting'] }],
  // A synchronous run claims; the manifest job takes over a queued claim (Manifesting → Manifesting).
  Manifesting: [{ command: 'Manifest', to: ['Manifesting'] }, { finishes: 'Manifesting', to: ['same'] }],
  ManifestResumed: [{ finishes: 'Manifesting', to: ['same'] }],
  Manifested: [{ finishes: 'Manifesting', to: ['Manifested'] }],
  ManifestFailed: [{ finishes: 'Manifesting', to: ['ManifestFailed'] }],
  Cancelling: [{ command: 'Cancel', to: ['Cancelling'] }, { command: 'Deallocate', to: ['Cancelling'] }],
  Cancelled: [{ command: 'Cancel', to: ['Cancelled'] }, { finishes: 'Cancelling', to: ['Cancelled'] }],
  CarrierCancelFailed: [{ finishes: 'Cancelling', to: ['back'] }],
  CancelInterrupted: [{ finishes: 'Cancelling', to: ['back'] }],
  Dispatched: [{ command: 'Dispatch', to: ['Dispatched'] }],
  LabelsPrinted: [{ command: 'Labels', to: ['same'] }],
  TrackingStateChanged: [{ tracking: true, to: ['shipped'] }],
  TrackingDatesChanged: [{ tracking: true, to: ['same'] }],
  Updated: [{ command: 'Edit', to: ['same'] }],
  PackageAdded: [{ command: 'Edit', to: ['same'] }],
  PackageDeleted: [{ command: 'Edit', to: ['same'] }],
};

const TRANSIENT: ReadonlySet<ConsignmentState | null> = new Set(['Allocating', 'Manifesting', 'Cancelling']);

/** Every way the trail breaks the machine; empty when it is a valid chain. */
export function chainProblems(steps: readonly AuditStep[]): string[] {
  const problems: string[] = [];
  let state: ConsignmentState | null = null;
  /** The settled state the pending transient command started from. */
  let startedFrom: ConsignmentState | null = null;
  steps.forEach((step, i) => {
    const at = `#${i + 1} ${step.action} ${step.before ?? '∅'}→${step.after ?? '∅'}`;
    if (i === 0 && step.before !== null) problems.push(`${at}: the trail does not start at creation`);
    if (i > 0 && step.before !== state) problems.push(`${at}: starts in ${step.before ?? '∅'} but the previous entry ended in ${state ?? '∅'}`);
    const rules = RULES[step.action];
    if (!rules) problems.push(`${at}: unknown audit action`);
    else if (!rules.some((r) => fits(r, step, startedFrom))) problems.push(`${at}: not a step the state machine makes`);
    if (step.after !== null && TRANSIENT.has(step.after) && !TRANSIENT.has(step.before)) startedFrom = step.before;
    if (step.after !== null && !TRANSIENT.has(step.after)) startedFrom = null;
    state = step.after;
  });
  return problems;
}

function fits(rule: Rule, step: AuditStep, startedFrom: ConsignmentState | null): boolean {
  if (rule.command) {
    if (step.before === null || TRANSIENT.has(step.before) || !isAllowed(step.before, rule.command)) return false;
  } else if (rule.finishes) {
    if (step.before !== rule.finishes) return false;
  } else if (rule.tracking) {
    if (step.before === null || !tracksState(step.before)) return false;
  } else if (step.before !== null) {
    return false; // creation steps only
  }
  return rule.to.some((to) =>
    to === 'same' ? step.after === step.before
      : to === 'back' ? step.after === startedFrom && startedFrom !== null
        : to === 'shipped' ? step.after !== null && step.after !== step.before && isShipped(step.after)
          : step.after === to);
}
