/**
 * One manifest run (spec §8) in three steps, so no database transaction is open while a carrier
 * answers — the same shape as allocation's claim → book → finish:
 *
 * 1. claim — per consignment, in its own transaction: state check (§4.12), → `Manifesting`,
 *    with `shipment.manifestRun` saying who holds it (`Queued` for the manifest job, or `Running`);
 * 2. send — per (shipping location, carrier) group, one adapter `manifest()` call, bounded by a timeout;
 * 3. finish — one customer manifest record per group for what the carrier accepted, then per
 *    consignment, in its own transaction: `Manifesting` → `Manifested` | `ManifestFailed`, only
 *    if this run still holds it.
 */
import { CarrierError } from '../../carriers/carrier.js';
import { withDeadline } from '../../carriers/deadline.js';
import { AppError } from '../../shared/errors.js';
import { carrierSettings } from '../allocation/carrier-services.repo.js';
import { metaDataMap } from '../allocation/consignment-facts.js';
import { findLocation } from '../accounts/shipping-locations.repo.js';
import { changeOneConsignment } from '../consignments/change-consignment.js';
import { type Shipment, type StoredConsignment, documentOf } from '../consignments/consignment.js';
import type { Customer, Deps } from '../deps.js';
import { type ClaimedConsignment, type ManifestGroup, type ManifestRecord, fileItemOf, groupForManifest, manifestFileName, shippingLocationOf } from './manifest.js';
import { insertManifest } from './manifests.repo.js';

/** How long a carrier may take to accept a manifest; the job's grace period is well above it. */
export const MANIFEST_TIMEOUT_MS = 60_000;

export interface RunResult {
  ok: boolean;
  message: string;
}

export const manifestedMessage = (reference: string) => `Consignment ${reference} has been manifested successfully.`;

/** What a run needs of a consignment it holds (read in the claiming transaction). */
export function claimOf(current: StoredConsignment, shipment: Shipment, run: string): ClaimedConsignment {
  const document = documentOf(current);
  return {
    reference: current.Reference,
    shippingLocationReference: shippingLocationOf(document),
    carrierReference: shipment.carrierReference,
    carrierBookingId: shipment.carrierBookingId,
    trackingNumber: shipment.trackingNumber,
    metaData: metaDataMap(document),
    item: fileItemOf(current.Reference, document, shipment),
    run,
  };
}

/**
 * Step 1 for Manifest (by references) and Manifest From Query: Allocated / ReadyToShip /
 * ManifestFailed → Manifesting. A consignment without a booking record (none was ever made)
 * cannot be manifested.
 */
export function claimForManifest(deps: Deps, customer: Customer, reference: string, mode: 'Queued' | 'Running', run: string): Promise<ClaimedConsignment> {
  return changeOneConsignment(deps, customer, reference, 'Manifest', (current, now) => {
    const shipment = current.shipment;
    if (!shipment) {
      throw new AppError('InvalidConsignmentState', `Consignment ${current.Reference} has no carrier booking to manifest; deallocate and allocate it again.`);
    }
    return {
      state: 'Manifesting',
      shipment: { ...shipment, manifestRun: { mode, at: now, run } },
      audit: mode === 'Queued'
        ? { action: 'ManifestQueued', message: `Queued to manifest with ${shipment.carrierReference}` }
        : { action: 'Manifesting', message: `Manifesting with ${shipment.carrierReference}` },
      result: claimOf(current, shipment, run),
    };
  });
}

/** Steps 2 and 3 for consignments this run holds; one result per consignment reference. */
export async function completeManifestRun(deps: Deps, customer: Customer, claims: readonly ClaimedConsignment[]): Promise<Map<string, RunResult>> {
  const results = new Map<string, RunResult>();
  for (const group of groupForManifest(claims)) {
    const sent = await sendToCarrier(deps, customer, group);
    const failureOf = (c: ClaimedConsignment) => ('failure' in sent ? sent.failure : sent.rejected.get(c.reference)) ?? null;
    const accepted = group.consignments.filter((c) => failureOf(c) === null);
    let record: ManifestRecord | null = null;
    if (accepted.length > 0 && !('failure' in sent)) {
      record = await recordManifest(deps, customer, group, accepted, sent.carrierManifestId, sent.carrierName);
    }
    for (const c of group.consignments) {
      results.set(c.reference, await finish(deps, customer, c, record, failureOf(c)));
    }
  }
  return results;
}

type Sent = { carrierManifestId: string | null; carrierName: string; rejected: Map<string, string> } | { failure: string };

async function sendToCarrier(deps: Deps, customer: Customer, group: ManifestGroup<ClaimedConsignment>): Promise<Sent> {
  const adapter = deps.carriers.carrier(group.carrierReference);
  if (!adapter) return { failure: `Carrier ${group.carrierReference} is not available.` };
  // A carrier without a manifest call collects without one: manifesting is then Packline's record only.
  if (!adapter.manifest) return { carrierManifestId: null, carrierName: adapter.name, rejected: new Map() };
  try {
    const settings = await carrierSettings(deps.db, customer.id, adapter.reference);
    const result = await withDeadline(
      adapter.manifest(
        {
          shippingLocationReference: group.shippingLocationReference,
          consignments: group.consignments.map((c) => ({ reference: c.reference, carrierBookingId: c.carrierBookingId, trackingNumber: c.trackingNumber, metaData: c.metaData })),
        },
        { settings, http: deps.http, now: () => deps.clock.now() },
      ),
      MANIFEST_TIMEOUT_MS,
      `${adapter.name} did not answer the manifest within ${MANIFEST_TIMEOUT_MS / 1000} s.`,
    );
    return { carrierManifestId: result.carrierManifestId, carrierName: adapter.name, rejected: new Map(result.rejected.map((r) => [r.reference, r.message])) };
  } catch (error) {
    return { failure: error instanceof CarrierError ? error.message : `${adapter.name} could not take the manifest: ${(error as Error).message}` };
  }
}

async function recordManifest(
  deps: Deps, customer: Customer, group: ManifestGroup<ClaimedConsignment>, accepted: ClaimedConsignment[], carrierManifestId: string | null, carrierName: string,
): Promise<ManifestRecord> {
  const reference = deps.ids.hex32();
  const location = group.shippingLocationReference ? await findLocation(deps.db, customer.id, group.shippingLocationReference) : undefined;
  const record: ManifestRecord = {
    reference,
    shippingLocationReference: group.shippingLocationReference,
    carrierReference: group.carrierReference,
    carrierManifestId,
    createdAt: deps.clock.now().toISOString(),
    ShippingLocationName: location?.Name ?? null,
    CarrierName: carrierName,
    FileName: manifestFileName(group.carrierReference, group.shippingLocationReference, reference),
    Items: accepted.map((c) => c.item),
  };
  await insertManifest(deps.db, customer.id, record);
  return record;
}

async function finish(deps: Deps, customer: Customer, c: ClaimedConsignment, record: ManifestRecord | null, failure: string | null): Promise<RunResult> {
  try {
    return await changeOneConsignment<RunResult>(deps, customer, c.reference, { from: 'Manifesting' }, (current, now) => {
      const shipment = current.shipment;
      if (!shipment || shipment.manifestRun?.run !== c.run) {
        throw new AppError('ConcurrentModification', `Consignment ${c.reference} was taken over by another manifest run.`);
      }
      if (failure !== null || !record) {
        const message = failure ?? 'The carrier did not accept the manifest.';
        return {
          state: 'ManifestFailed',
          shipment: { ...shipment, manifestRun: null, failedManifest: { message, at: now } },
          audit: { action: 'ManifestFailed', message: `Manifest of ${c.reference} failed: ${message}` },
          result: { ok: false, message: `Consignment ${c.reference} could not be manifested: ${message}` },
        };
      }
      return {
        state: 'Manifested',
        shipment: { ...shipment, manifestRun: null, failedManifest: null, manifest: { reference: record.reference, carrierManifestId: record.carrierManifestId, manifestedAt: now } },
        audit: {
          action: 'Manifested',
          message: `Manifested with ${record.CarrierName} (manifest ${record.reference})`,
          details: { ManifestReference: record.reference, CarrierManifestId: record.carrierManifestId },
        },
        result: { ok: true, message: manifestedMessage(c.reference) },
      };
    });
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: error.message };
    throw error;
  }
}
