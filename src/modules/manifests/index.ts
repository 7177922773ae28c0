/** The manifests module's public door (spec §8). */
export { manifestsRoutes } from './manifests.routes.js';
export { createManifestQueueJob, manifestQueueJob, MANIFEST_GRACE_MS } from './manifest-queue.job.js';
