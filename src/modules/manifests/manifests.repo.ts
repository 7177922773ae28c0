/** Customer manifest records (§8.3) and the consignment queries manifesting needs. */
import { type DbOrTx, readJson } from '../../db/schema.js';
import type { Shipment } from '../consignments/consignment.js';
import type { ManifestDocument, ManifestRecord } from './manifest.js';
import type { ManifestQuery } from './manifest-query.js';

export async function insertManifest(db: DbOrTx, customerId: number, record: ManifestRecord): Promise<void> {
  const document: ManifestDocument = {
    ShippingLocationName: record.ShippingLocationName,
    CarrierName: record.CarrierName,
    FileName: record.FileName,
    Items: record.Items,
  };
  await db.insertInto('manifests').values({
    customer_id: customerId,
    reference: record.reference,
    shipping_location_reference: record.shippingLocationReference,
    carrier_reference: record.carrierReference,
    carrier_manifest_id: record.carrierManifestId,
    created_at: record.createdAt,
    document: JSON.stringify(document),
  }).execute();
}

type ManifestRow = { reference: string; shipping_location_reference: string; carrier_reference: string; carrier_manifest_id: string | null; created_at: string; document: unknown };

const toRecord = (row: ManifestRow): ManifestRecord => ({
  ...readJson<ManifestDocument>(row.document),
  reference: row.reference,
  shippingLocationReference: row.shipping_location_reference,
  carrierReference: row.carrier_reference,
  carrierManifestId: row.carrier_manifest_id,
  createdAt: row.created_at,
});

const MANIFEST_COLUMNS = ['reference', 'shipping_location_reference', 'carrier_reference', 'carrier_manifest_id', 'created_at', 'document'] as const;

/** The customer's manifests, newest first (§8.3 [DECIDE]), optionally of one shipping location. */
export async function listManifests(db: DbOrTx, customerId: number, filter: { shippingLocationReference?: string | undefined; limit: number }): Promise<ManifestRecord[]> {
  let query = db.selectFrom('manifests').select(MANIFEST_COLUMNS).where('customer_id', '=', customerId);
  if (filter.shippingLocationReference !== undefined) query = query.where('shipping_location_reference', '=', filter.shippingLocationReference);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map(toRecord);
}

export async function findManifest(db: DbOrTx, customerId: number, reference: string): Promise<ManifestRecord | undefined> {
  const row = await db.selectFrom('manifests').select(MANIFEST_COLUMNS).where('customer_id', '=', customerId).where('reference', '=', reference).executeTakeFirst();
  return row && toRecord(row);
}

/** References of the consignments a Manifest From Query selects, oldest first; at most `limit`. */
export async function selectForManifest(db: DbOrTx, customerId: number, q: ManifestQuery, limit: number): Promise<string[]> {
  let query = db.selectFrom('consignments').select('reference').where('customer_id', '=', customerId).where('state', 'in', q.states);
  if (q.shippingLocations) query = query.where('shipping_location_reference', 'in', q.shippingLocations);
  if (q.carriers) query = query.where('carrier_reference', 'in', q.carriers);
  if (q.labelsPrinted !== null) query = query.where('labels_printed', '=', q.labelsPrinted ? 1 : 0);
  for (const range of q.shippingDate) query = query.where('shipping_date', '>=', range.from).where('shipping_date', '<=', range.to);
  const rows = await query.orderBy('created_at').orderBy('reference').limit(limit).execute();
  return rows.map((r) => r.reference);
}

export interface ManifestingRow {
  reference: string;
  updatedAt: string;
  shipment: Shipment | null;
}

/** A customer's consignments in `Manifesting` (the `consignments_customer_state` index), oldest first. */
export async function manifestingConsignments(db: DbOrTx, customerId: number, limit: number): Promise<ManifestingRow[]> {
  const rows = await db.selectFrom('consignments').select(['reference', 'updated_at', 'shipment'])
    .where('customer_id', '=', customerId).where('state', '=', 'Manifesting').orderBy('created_at').limit(limit).execute();
  return rows.map((r) => ({ reference: r.reference, updatedAt: r.updated_at, shipment: r.shipment === null || r.shipment === undefined ? null : readJson<Shipment>(r.shipment) }));
}

/** Every customer, for the jobs that work through all of them. */
export async function allCustomers(db: DbOrTx): Promise<{ id: number; reference: string; name: string }[]> {
  const rows = await db.selectFrom('customers').select(['id', 'reference', 'name']).orderBy('id').execute();
  return rows.map((r) => ({ id: Number(r.id), reference: r.reference, name: r.name }));
}
