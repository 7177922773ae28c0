/** Create Consignment (spec §4.2): validate everything, then write it Unallocated with its audit entry. */
import { allocateReferences } from '../../db/references.js';
import { writeTransaction } from '../../db/transaction.js';
import { AppError, Problems } from '../../shared/errors.js';
import type { Customer, Deps } from '../deps.js';
import { bodyError } from './change-consignment.js';
import { lookUpReferences } from './consignment-lookups.js';
import { insertConsignment, recordAudit } from './consignments.repo.js';
import type { CreateConsignmentBody } from './consignments.schemas.js';
import { normaliseNewConsignment } from './normalise-consignment.js';

export async function createConsignment(deps: Deps, customer: Customer, body: CreateConsignmentBody): Promise<string> {
  const lookups = await lookUpReferences(deps.db, customer, [body]);
  const problems = new Problems();
  const document = normaliseNewConsignment(body, lookups, problems, deps.ids.hex32);
  if (problems.any) throw bodyError(AppError.validation(problems.list));
  const createdAt = deps.clock.now().toISOString();
  return writeTransaction(deps.db, deps.dialect, async (tx) => {
    const [reference] = await allocateReferences(tx, deps.dialect, 'EC', 1);
    const packageReferences = await allocateReferences(tx, deps.dialect, 'EP', document.Packages.length);
    document.Packages.forEach((p, i) => (p.Reference = packageReferences[i]!));
    const id = await insertConsignment(tx, customer.id, { reference: reference!, createdAt, state: 'Unallocated', orderId: null, isReturn: false, document });
    await recordAudit(tx, customer.id, {
      consignmentId: id, reference: reference!, at: createdAt, action: 'Created', message: `Consignment ${reference} created`, actor: customer.actor ?? null,
      stateBefore: null, stateAfter: 'Unallocated',
    });
    return reference!;
  });
}
