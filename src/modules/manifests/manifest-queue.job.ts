/**
 * The manifest job: completes the consignments Manifest From Query queued, and recovers runs that
 * never finished. Per customer it takes every `Manifesting` consignment that is `Queued`, or
 * `Running` for longer than the grace period (the process that held it crashed), claims it for a
 * run of its own and completes that run exactly as Manifest Consignments does (§8.1).
 *
 * A synchronous run's consignments are `Running` from their claim to their finish, so the job
 * never takes them mid-flight; the grace period (10 min) is far above the carrier timeout (60 s).
 * A recovered run sends the consignments to the carrier again: the crashed run may have
 * reached the carrier already, so a carrier can see a consignment twice — as when a client
 * retries a failed manifest; better than leaving it stuck in `Manifesting`.
 */
import { AppError } from '../../shared/errors.js';
import type { Job } from '../../jobs.js';
import { changeOneConsignment } from '../consignments/change-consignment.js';
import type { Customer, Deps } from '../deps.js';
import { type ClaimedConsignment, isDueForJob } from './manifest.js';
import { claimOf, completeManifestRun } from './manifest-run.js';
import { allCustomers, type ManifestingRow, manifestingConsignments } from './manifests.repo.js';

export const MANIFEST_GRACE_MS = 10 * 60_000;

export interface ManifestJobOptions {
  /** How long a `Running` claim may last before the job takes it over. */
  graceMs?: number;
  /** At most this many consignments per customer per pass. */
  batch?: number;
  everyMs?: number;
}

export function createManifestQueueJob(options: ManifestJobOptions = {}): Job {
  const graceMs = options.graceMs ?? MANIFEST_GRACE_MS;
  const batch = options.batch ?? 500;
  return {
    name: 'manifest-queue',
    everyMs: options.everyMs ?? 5_000,
    async run(deps: Deps) {
      for (const row of await allCustomers(deps.db)) {
        const customer: Customer = { ...row, actor: 'manifest-job' };
        const now = deps.clock.now();
        const due = (await manifestingConsignments(deps.db, customer.id, batch))
          .filter((c) => isDueForJob(c.shipment?.manifestRun, c.updatedAt, now, graceMs));
        if (due.length === 0) continue;
        const run = deps.ids.hex32();
        const claims: ClaimedConsignment[] = [];
        for (const listed of due) {
          const claim = await takeOver(deps, customer, listed, run);
          if (claim) claims.push(claim);
        }
        await completeManifestRun(deps, customer, claims);
      }
    },
  };
}

/** The job as served: every 5 s, 10 min grace. */
export const manifestQueueJob: Job = createManifestQueueJob();

/**
 * Claims a listed consignment for the job's run if nobody touched it since it was listed (same
 * holder). A `Manifesting` consignment with no booking record cannot be sent: it fails.
 */
async function takeOver(deps: Deps, customer: Customer, listed: ManifestingRow, run: string): Promise<ClaimedConsignment | null> {
  try {
    return await changeOneConsignment(deps, customer, listed.reference, { from: 'Manifesting' }, (current, now) => {
      const shipment = current.shipment;
      if ((shipment?.manifestRun?.run ?? null) !== (listed.shipment?.manifestRun?.run ?? null)) {
        throw new AppError('ConcurrentModification', `Consignment ${current.Reference} changed hands while the manifest job listed it.`);
      }
      if (!shipment) {
        return {
          state: 'ManifestFailed',
          audit: { action: 'ManifestFailed', message: `Manifest of ${current.Reference} failed: it has no carrier booking.` },
          result: null,
        };
      }
      const resumed = shipment.manifestRun?.mode === 'Running';
      return {
        shipment: { ...shipment, manifestRun: { mode: 'Running', at: now, run } },
        audit: resumed
          ? { action: 'ManifestResumed', message: `Manifest run interrupted since ${shipment.manifestRun?.at}; the manifest job sends it again` }
          : { action: 'Manifesting', message: `The manifest job is manifesting with ${shipment.carrierReference}` },
        result: claimOf(current, shipment, run),
      };
    });
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}
