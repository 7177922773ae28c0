/**
 * Recovery of interrupted carrier cancellations (spec §4.9): a process that dies between claiming
 * a cancel (`Cancelling`) and finishing it would leave the consignment busy for ever. After a
 * grace period well above the carrier timeout, this job puts it back in the state it came from
 * (audit `CancelInterrupted`), so the client can cancel again: whether the carrier voided the
 * booking is unknown, and a second cancel at the carrier is harmless.
 */
import type { Job } from '../../jobs.js';
import { AppError } from '../../shared/errors.js';
import type { Customer, Deps } from '../deps.js';
import { changeOneConsignment } from './change-consignment.js';
import type { Shipment } from './consignment.js';
import { readJson } from '../../db/schema.js';

export const CANCEL_GRACE_MS = 10 * 60_000;

export function createCancelRecoveryJob(options: { graceMs?: number; everyMs?: number } = {}): Job {
  const graceMs = options.graceMs ?? CANCEL_GRACE_MS;
  return {
    name: 'cancel-recovery',
    everyMs: options.everyMs ?? 60_000,
    async run(deps: Deps) {
      const customers = await deps.db.selectFrom('customers').select(['id', 'reference', 'name']).execute();
      for (const row of customers) {
        const customer: Customer = { id: Number(row.id), reference: row.reference, name: row.name, actor: 'cancel-recovery-job' };
        const stuck = await deps.db.selectFrom('consignments').select(['reference', 'shipment', 'updated_at'])
          .where('customer_id', '=', customer.id).where('state', '=', 'Cancelling').limit(500).execute();
        const now = deps.clock.now().getTime();
        for (const c of stuck) {
          const shipment = c.shipment === null || c.shipment === undefined ? null : readJson<Shipment>(c.shipment);
          const since = Date.parse(shipment?.cancelRun?.at ?? c.updated_at);
          if (!shipment?.cancelRun || now - since <= graceMs) continue;
          const back = shipment.cancelRun.from;
          await changeOneConsignment(deps, customer, c.reference, { from: 'Cancelling' }, (current) => ({
            state: back,
            shipment: current.shipment ? { ...current.shipment, cancelRun: null } : null,
            audit: { action: 'CancelInterrupted', message: `Cancellation interrupted since ${shipment.cancelRun!.at}; back to ${back}, cancel again` },
            result: null,
          })).catch((error: unknown) => {
            if (!(error instanceof AppError)) throw error;
          });
        }
      }
    },
  };
}

/** The job as served: every minute, 10 min grace. */
export const cancelRecoveryJob: Job = createCancelRecoveryJob();
