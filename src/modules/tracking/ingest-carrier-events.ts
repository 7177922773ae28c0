/**
 * Post Tracking Events (spec §9.3): a carrier (carrier-scoped key) or a customer relaying its
 * carrier's events (its own key) posts events by consignment and package. The whole body is
 * checked first (a bad event is a 400 naming it, and nothing is stored); then each consignment's
 * events are stored and applied in a transaction of their own. References that name nothing the
 * caller may touch are ignored and logged, exactly like unknown ones, so the answer tells a caller
 * nothing about other customers' consignments.
 */
import type { CarrierAdapter } from '../../carriers/carrier.js';
import { AppError, Problems } from '../../shared/errors.js';
import { parseInstant } from '../../shared/wire/dates.js';
import type { Customer, Deps } from '../deps.js';
import { applyTrackingEvents, type IncomingParcelEvents, type TrackingLog } from './apply-tracking-events.js';
import type { CarrierCaller } from './carrier-keys.js';
import { type EventScope, type EventTarget, findEventTargets } from './tracking-events.repo.js';
import type { CarrierEventsBody } from './tracking.schemas.js';

export type EventCaller = { carrier: CarrierCaller } | { customer: Customer };

export interface IngestSummary {
  /** Consignments whose events were stored. */
  consignments: string[];
  /** Consignment references that named nothing the caller may post for. */
  ignored: string[];
}

export async function ingestCarrierEvents(deps: Deps, caller: EventCaller, body: CarrierEventsBody, log?: TrackingLog): Promise<IngestSummary> {
  const carrier = carrierFor(deps, caller, body.CarrierReference);
  const posted = parseEvents(body);
  const scope: EventScope = 'carrier' in caller ? { carrierReference: carrier.reference } : { customerId: caller.customer.id };
  const actor = 'carrier' in caller ? caller.carrier.actor : caller.customer.actor;

  // Consignment id → its target and every package group posted for it (a body may name it twice).
  const byConsignment = new Map<number, { target: EventTarget; groups: IncomingParcelEvents[] }>();
  const ignored: string[] = [];
  for (const entry of posted) {
    // A customer's consignment allocated to another carrier does not take this carrier's events.
    const targets = (await findEventTargets(deps.db, scope, entry.reference))
      .filter((t) => t.carrierReference === null || t.carrierReference.toUpperCase() === carrier.reference.toUpperCase());
    if (targets.length === 0) {
      ignored.push(entry.reference);
      log?.info({ carrier: carrier.reference, consignmentTrackingReference: entry.reference }, 'tracking events for an unknown consignment ignored');
      continue;
    }
    for (const target of targets) {
      const slot = byConsignment.get(target.consignmentId) ?? { target, groups: [] };
      slot.groups.push(...entry.groups);
      byConsignment.set(target.consignmentId, slot);
    }
  }
  for (const { target, groups } of byConsignment.values()) {
    await applyTrackingEvents(deps, { customer: { ...target.customer, ...(actor ? { actor } : {}) }, reference: target.reference }, carrier, groups, log);
  }
  return { consignments: [...byConsignment.values()].map((s) => s.target.reference), ignored };
}

/** The adapter that normalises the body's events; a carrier key may post for its own carrier only. */
function carrierFor(deps: Deps, caller: EventCaller, reference: string): CarrierAdapter {
  const carrier = deps.carriers.carrier(reference.trim());
  if (!carrier) {
    throw new AppError('CarrierNotFound', `No carrier ${reference}.`, [{ Code: 'CarrierNotFound', Target: 'CarrierReference', Message: `Unknown carrier ${reference}.` }], 400);
  }
  if ('carrier' in caller && caller.carrier.carrierReference.toUpperCase() !== carrier.reference.toUpperCase()) {
    throw new AppError('KeyNotAllowed', `This key posts events for ${caller.carrier.carrierReference} only, not ${carrier.reference}.`, [
      { Code: 'KeyNotAllowed', Target: 'CarrierReference', Message: `The key belongs to ${caller.carrier.carrierReference}.` },
    ]);
  }
  return carrier;
}

/** The body's events with their times parsed; every bad TimeStamp is reported at once. */
function parseEvents(body: CarrierEventsBody): { reference: string; groups: IncomingParcelEvents[] }[] {
  const problems = new Problems();
  const out = body.ConsignmentTrackingEvents.map((c, ci) => ({
    reference: c.ConsignmentTrackingReference.trim(),
    groups: c.PackageTrackingEvents.map((p, pi) => ({
      packageReference: p.PackageReference.trim(),
      events: p.TrackingEvents.map((e, ei) => {
        const path = `ConsignmentTrackingEvents[${ci}].PackageTrackingEvents[${pi}].TrackingEvents[${ei}]`;
        const at = parseInstant(e.TimeStamp);
        if (!at) problems.add('InvalidDate', `${path}.TimeStamp`, `"${e.TimeStamp.slice(0, 40)}" is not an ISO 8601 date-time.`);
        if (!e.Code.trim()) problems.add('InvalidTrackingEvent', `${path}.Code`, 'Code must not be blank.');
        return { at: at ?? '', carrierCode: e.Code.trim(), description: e.Description, signedBy: e.SignedBy ?? null, location: e.Location ?? null };
      }),
    })),
  }));
  problems.throwIfAny();
  return out;
}
