import { AppError } from '../../shared/errors.js';
import { normaliseReference } from '../../shared/references.js';
import type { Customer, Deps } from '../deps.js';
import type { StoredConsignment } from './consignment.js';
import { findConsignment } from './consignments.repo.js';

/** A path reference → the stored form; 400 when it is not a consignment reference at all. */
export function consignmentReferenceFromPath(raw: string, target = 'consignmentReference'): string {
  const reference = normaliseReference(raw, 'EC');
  if (!reference) {
    throw new AppError('InvalidReference', `"${raw}" is not a consignment reference (EC-xxx-xxx-xxx).`, [
      { Code: 'InvalidReference', Target: target, Message: 'Expected EC-xxx-xxx-xxx.' },
    ]);
  }
  return reference;
}

/** The one answer for an unknown consignment and for another customer's. */
export const consignmentNotFound = (reference: string): AppError => new AppError('ConsignmentNotFound', `Consignment ${reference} was not found.`);

/** The caller's consignment, or 404 — the same answer for an unknown one and another customer's. */
export async function loadConsignment(deps: Pick<Deps, 'db'>, customer: Customer, reference: string): Promise<StoredConsignment> {
  const consignment = await findConsignment(deps.db, customer, reference);
  if (!consignment) throw consignmentNotFound(reference);
  return consignment;
}
