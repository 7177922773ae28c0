/** A command that moves one consignment from one state to the next (spec §4.9–§4.11, §4.12 transitions). */
import type { Customer, Deps } from '../deps.js';
import { changeOneConsignment } from './change-consignment.js';
import type { ConsignmentDocument, StoredConsignment } from './consignment.js';
import type { ConsignmentAction, ConsignmentState } from './consignment-state.js';
import { documentOf } from './consignment.js';

export interface Transition {
  action: ConsignmentAction;
  to: ConsignmentState;
  /** The audit entry's action verb. */
  audit: string;
  /** The success message (bulk answers show it; the audit entry records it). */
  message(reference: string): string;
  /** Fields the transition sets besides the state. */
  document?(current: ConsignmentDocument, now: string): ConsignmentDocument;
}

/** Applies `t` to one consignment in a transaction of its own; answers the success message. */
export function transitionConsignment(deps: Deps, customer: Customer, reference: string, t: Transition): Promise<string> {
  return changeOneConsignment(deps, customer, reference, t.action, (current: StoredConsignment, now) => {
    const message = t.message(current.Reference);
    return {
      state: t.to,
      ...(t.document ? { document: t.document(documentOf(current), now) } : {}),
      audit: { action: t.audit, message },
      result: message,
    };
  });
}
