/** Manifest answers on the wire (spec §8). */
import type { ManifestRecord } from './manifest.js';
import type { QueuedManifest } from './manifest-from-query.js';

/** [DECIDE] Manifest PDFs are rendered on request, not stored; this names where PRO keeps its files. */
export const MANIFEST_FILE_CONTAINER = 'manifests';

/** One entry of Get Customer Manifests (§8.3). */
export function presentManifest(m: ManifestRecord) {
  return {
    ManifestReference: m.reference,
    ManifestFileStorageContainer: MANIFEST_FILE_CONTAINER,
    ManifestFileName: m.FileName,
    ShippingLocationReference: m.shippingLocationReference || null,
    ShippingLocationName: m.ShippingLocationName,
    Created: m.createdAt,
    CarrierName: m.CarrierName,
    BookingsCount: m.Items.length,
    // Every adapter so far takes its manifest through the carrier's API: no file is sent.
    ManifestFileNameSentToCarrier: null,
  };
}

/** Manifest From Query's answer (§8.2); FailedConsignments always present (§17 #24). */
export function presentQueuedManifest(q: QueuedManifest) {
  return {
    Message: `Query found ${q.found} consignment(s). ${q.queued} successfully queued to manifest. ${q.failed.length} failed to be added to the queue`,
    FailedConsignments: q.failed,
  };
}
