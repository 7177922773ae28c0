/**
 * Every write to an existing consignment goes through here: read it locked inside the caller's
 * transaction, ask the state machine, apply the change, save under the optimistic lock and
 * record the audit entry — all in that one transaction, so a change and its audit entry commit
 * or roll back together.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { writeTransaction } from '../../db/transaction.js';
import { AppError } from '../../shared/errors.js';
import type { Customer, Deps } from '../deps.js';
import type { ConsignmentDocument, Shipment, StoredConsignment } from './consignment.js';
import { type ConsignmentAction, type ConsignmentState, checkAction } from './consignment-state.js';
import { type AuditCategory, findConsignment, recordAudit, saveConsignment } from './consignments.repo.js';
import { consignmentNotFound } from './load-consignment.js';

export interface ConsignmentChange<T> {
  state?: ConsignmentState;
  document?: ConsignmentDocument;
  /** The carrier booking record; null erases it (deallocation). */
  shipment?: Shipment | null;
  audit: { action: string; message: string; details?: unknown; category?: AuditCategory };
  result: T;
}

/**
 * Finishing a two-step command (Allocating → Allocated, Manifesting → Manifested): the
 * consignment must still be in the transient state the first step left it in.
 */
export interface StateGuard {
  from: ConsignmentState;
}

/** The caller's write transaction (`writeTransaction`: BEGIN IMMEDIATE on SQLite). */
export type Tx = Kysely<Database>;

export async function changeConsignment<T>(
  tx: Tx,
  deps: Pick<Deps, 'dialect' | 'clock'>,
  customer: Customer,
  reference: string,
  action: ConsignmentAction | StateGuard,
  change: (current: StoredConsignment, now: string) => ConsignmentChange<T> | Promise<ConsignmentChange<T>>,
): Promise<T> {
  const current = await findConsignment(tx, customer, reference, { dialect: deps.dialect });
  if (!current) throw consignmentNotFound(reference);
  if (typeof action === 'string') checkAction(current.Reference, current.ConsignmentState, action);
  else if (current.ConsignmentState !== action.from) {
    throw new AppError('ConcurrentModification', `Consignment ${reference} is ${current.ConsignmentState}, not ${action.from} as expected; another request changed it.`);
  }
  const now = deps.clock.now().toISOString();
  const next = await change(current, now);
  const saved = await saveConsignment(tx, customer.id, current, {
    ...(next.state ? { state: next.state } : {}),
    ...(next.document ? { document: next.document } : {}),
    ...(next.shipment === undefined ? {} : { shipment: next.shipment }),
    updatedAt: now,
  });
  if (!saved) {
    throw new AppError('ConcurrentModification', `Consignment ${reference} was changed by another request at the same time; try again.`);
  }
  await recordAudit(tx, customer.id, {
    consignmentId: current.id,
    reference: current.Reference,
    at: now,
    action: next.audit.action,
    message: next.audit.message,
    actor: customer.actor ?? null,
    stateBefore: current.ConsignmentState,
    stateAfter: next.state ?? current.ConsignmentState,
    ...(next.audit.category ? { category: next.audit.category } : {}),
    ...(next.audit.details === undefined ? {} : { details: next.audit.details }),
  });
  return next.result;
}

/** One consignment changed in a transaction of its own. */
export function changeOneConsignment<T>(
  deps: Deps,
  customer: Customer,
  reference: string,
  action: ConsignmentAction | StateGuard,
  change: (current: StoredConsignment, now: string, tx: Tx) => ConsignmentChange<T> | Promise<ConsignmentChange<T>>,
): Promise<T> {
  return writeTransaction(deps.db, deps.dialect, (tx) => changeConsignment(tx, deps, customer, reference, action, (c, now) => change(c, now, tx)));
}

/** A body's problems are a 400 even when a code names a missing thing (spec Appendix B: 404 on a path, 400 in a body). */
export function bodyError(error: AppError): AppError {
  return error.status === 400 ? error : new AppError(error.code, error.message, error.details, 400);
}
