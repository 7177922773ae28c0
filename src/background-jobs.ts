/** The background jobs `npm start` runs (src/jobs.ts runs them; tests call their `run` directly). */
import type { Config } from './config.js';
import type { Job } from './jobs.js';
import { recoverAllocationsJob } from './modules/allocation/recover-allocations.js';
import { trackingPollJob } from './modules/tracking/index.js';
import { manifestQueueJob } from './modules/manifests/index.js';
import { cancelRecoveryJob } from './modules/consignments/cancel-recovery.job.js';
import { webhookDeliveryJob } from './modules/webhooks/index.js';

export function backgroundJobs(config: Pick<Config, 'trackingPollMs'>): Job[] {
  return [manifestQueueJob, recoverAllocationsJob, cancelRecoveryJob, trackingPollJob(config.trackingPollMs), webhookDeliveryJob()];
}
