/**
 * Manifest Consignments From Query (spec §8.2): select the matches at request time, move each to
 * `Manifesting` marked `Queued`, and leave the carrier calls to the manifest job
 * (manifest-queue.job.ts). A match that cannot be queued (changed meanwhile, no booking) is
 * listed in FailedConsignments.
 */
import { AppError } from '../../shared/errors.js';
import type { Customer, Deps } from '../deps.js';
import { type ManifestQueryBody, parseManifestQuery } from './manifest-query.js';
import { claimForManifest } from './manifest-run.js';
import { selectForManifest } from './manifests.repo.js';

/** [DECIDE] One query queues at most this many consignments (PRO documents no cap). */
export const MAX_QUERY_MATCHES = 10_000;

export interface QueuedManifest {
  found: number;
  queued: number;
  failed: string[];
}

export async function manifestFromQuery(deps: Deps, customer: Customer, body: ManifestQueryBody): Promise<QueuedManifest> {
  const query = parseManifestQuery(body);
  const references = await selectForManifest(deps.db, customer.id, query, MAX_QUERY_MATCHES + 1);
  if (references.length > MAX_QUERY_MATCHES) {
    throw new AppError('TooManyResults', `More than ${MAX_QUERY_MATCHES} consignments match; narrow the query (for example by ShippingDate or ShippingLocationReferences).`);
  }
  const run = deps.ids.hex32();
  const failed: string[] = [];
  for (const reference of references) {
    try {
      await claimForManifest(deps, customer, reference, 'Queued', run);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      failed.push(reference);
    }
  }
  return { found: references.length, queued: references.length - failed.length, failed };
}
