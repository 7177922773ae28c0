/** Tracking events (spec §9) and the lookups that find the consignments carrier events name. */
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/schema.js';
import { normaliseReference } from '../../shared/references.js';
import type { Customer } from '../deps.js';

export interface NewTrackingEvent {
  customerId: number;
  consignmentId: number;
  parcel: string;
  trackingNumber: string | null;
  carrierReference: string;
  carrierServiceName: string | null;
  code: string;
  carrierCode: string;
  description: string;
  at: string;
  signedBy: string | null;
  location: string | null;
  createdAt: string;
}

/** Inserts events; one already stored (same package, code and time) is skipped by the unique key. */
export async function insertEvents(db: DbOrTx, events: readonly NewTrackingEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('tracking_events')
    .values(events.map((e) => ({
      customer_id: e.customerId,
      consignment_id: e.consignmentId,
      package_reference: e.parcel,
      tracking_number: e.trackingNumber,
      carrier_reference: e.carrierReference,
      carrier_service_name: e.carrierServiceName,
      code: e.code,
      carrier_code: e.carrierCode,
      description: e.description,
      occurred_at: e.at,
      signed_by: e.signedBy,
      location: e.location,
      created_at: e.createdAt,
    })))
    .onConflict((oc) => oc.columns(['consignment_id', 'package_reference', 'code', 'occurred_at']).doNothing())
    .execute();
}

export interface StoredTrackingEvent {
  parcel: string;
  trackingNumber: string | null;
  carrierReference: string | null;
  carrierServiceName: string | null;
  code: string;
  description: string;
  at: string;
  signedBy: string | null;
  location: string | null;
}

/** A consignment's events in the order they were recorded. */
export async function listEvents(db: DbOrTx, customerId: number, consignmentId: number): Promise<StoredTrackingEvent[]> {
  const rows = await db
    .selectFrom('tracking_events')
    .select(['package_reference', 'tracking_number', 'carrier_reference', 'carrier_service_name', 'code', 'description', 'occurred_at', 'signed_by', 'location'])
    .where('customer_id', '=', customerId)
    .where('consignment_id', '=', consignmentId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    parcel: r.package_reference,
    trackingNumber: r.tracking_number,
    carrierReference: r.carrier_reference,
    carrierServiceName: r.carrier_service_name,
    code: r.code,
    description: r.description,
    at: r.occurred_at,
    signedBy: r.signed_by,
    location: r.location,
  }));
}

/** Events already recorded from a carrier per tracking number: how far each simulated journey has got. */
export async function recordedCounts(db: DbOrTx, consignmentId: number, carrierReference: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('tracking_events')
    .select(['tracking_number', (eb) => eb.fn.countAll<number>().as('n')])
    .where('consignment_id', '=', consignmentId)
    .where('carrier_reference', '=', carrierReference)
    .where('tracking_number', 'is not', null)
    .groupBy('tracking_number')
    .execute();
  return new Map(rows.map((r) => [r.tracking_number!, Number(r.n)]));
}

/** Whose consignments a caller may post events for: one customer's, or those allocated to one carrier. */
export type EventScope = { customerId: number } | { carrierReference: string };

export interface EventTarget {
  consignmentId: number;
  reference: string;
  /** The carrier the consignment is (or was) allocated to; null when never allocated. */
  carrierReference: string | null;
  customer: Customer;
}

/** LIKE pattern text with its wildcards escaped (the query says `escape '\'`). */
const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The consignments a `ConsignmentTrackingReference` names within the scope: by `EC-` reference, else
 * by a tracking number in `tracking_references` (space-separated consignment and package numbers).
 * The LIKE finds candidates; the exact token match is checked here, in any case.
 */
export async function findEventTargets(db: DbOrTx, scope: EventScope, reference: string): Promise<EventTarget[]> {
  let query = db
    .selectFrom('consignments')
    .innerJoin('customers', 'customers.id', 'consignments.customer_id')
    .select(['consignments.id', 'consignments.reference', 'consignments.carrier_reference', 'consignments.tracking_references',
      'customers.id as customerId', 'customers.reference as customerReference', 'customers.name as customerName']);
  query = 'customerId' in scope
    ? query.where('consignments.customer_id', '=', scope.customerId)
    : query.where('consignments.carrier_reference', '=', scope.carrierReference);
  const wanted = reference.trim().toUpperCase();
  const ec = normaliseReference(wanted, 'EC');
  const rows = ec
    ? await query.where('consignments.reference', '=', ec).execute()
    : await query.where(sql`upper(consignments.tracking_references)`, 'like', sql`${`%${likeEscaped(wanted)}%`} escape '\\'`).limit(50).execute();
  return rows
    .filter((r) => ec || (r.tracking_references ?? '').toUpperCase().split(' ').includes(wanted))
    .map((r) => ({
      consignmentId: Number(r.id),
      reference: r.reference,
      carrierReference: r.carrier_reference,
      customer: { id: Number(r.customerId), reference: r.customerReference, name: r.customerName },
    }));
}
