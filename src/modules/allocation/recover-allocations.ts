/**
 * A consignment left `Allocating` by a crash between the carrier call and the final write would
 * stay busy for ever; this job fails such allocations after a grace period, so the client can
 * allocate again. (If the carrier did book, that booking is abandoned: the simulated carriers
 * keep no state; a real adapter would void it here.)
 */
import { writeTransaction } from '../../db/transaction.js';
import type { Job } from '../../jobs.js';
import { changeConsignment } from '../consignments/change-consignment.js';
import { documentOf } from '../consignments/consignment.js';
import type { Deps } from '../deps.js';
import { failedAllocationDocument } from './booking.js';
import { BOOKING_TIMEOUT_MS } from './allocate-consignment.js';

/** Well past the booking timeout: a live allocation is never mistaken for an interrupted one. */
export const INTERRUPTED_AFTER_MS = 4 * BOOKING_TIMEOUT_MS;

export async function recoverInterruptedAllocations(deps: Deps): Promise<number> {
  const cutOff = new Date(deps.clock.now().getTime() - INTERRUPTED_AFTER_MS).toISOString();
  const stuck = await deps.db.selectFrom('consignments')
    .innerJoin('customers', 'customers.id', 'consignments.customer_id')
    .select(['consignments.reference', 'customers.id as customerId', 'customers.reference as customerReference', 'customers.name'])
    .where('consignments.state', '=', 'Allocating').where('consignments.updated_at', '<', cutOff)
    .limit(500).execute();
  for (const row of stuck) {
    const customer = { id: Number(row.customerId), reference: row.customerReference, name: row.name, actor: 'system' };
    await writeTransaction(deps.db, deps.dialect, (tx) =>
      changeConsignment(tx, deps, customer, row.reference, { from: 'Allocating' }, (current, now) => {
        const message = 'Allocation was interrupted before the carrier booking was recorded; allocate again.';
        return {
          state: 'AllocationFailed',
          document: failedAllocationDocument(documentOf(current), { message }, now),
          audit: { action: 'AllocationFailed', message },
          result: null,
        };
      })).catch(() => undefined); // someone else finished it meanwhile
  }
  return stuck.length;
}

export const recoverAllocationsJob: Job = { name: 'recover-interrupted-allocations', everyMs: 60_000, run: async (deps) => { await recoverInterruptedAllocations(deps); } };
