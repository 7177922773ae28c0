import { type DbOrTx, readJson } from '../../db/schema.js';
import type { ShippingLocation } from './shipping-locations.js';

export async function listLocations(db: DbOrTx, customerId: number): Promise<ShippingLocation[]> {
  const rows = await db
    .selectFrom('shipping_locations')
    .select('document')
    .where('customer_id', '=', customerId)
    .where('deleted_at', 'is', null)
    .orderBy('reference')
    .execute();
  return rows.map((r) => readJson<ShippingLocation>(r.document));
}

export async function findLocation(db: DbOrTx, customerId: number, reference: string): Promise<ShippingLocation | undefined> {
  const row = await db
    .selectFrom('shipping_locations')
    .select('document')
    .where('customer_id', '=', customerId)
    .where('reference', '=', reference)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row && readJson<ShippingLocation>(row.document);
}

/** Of `references`, the ones that name a live location of the customer. */
export async function existingLocationReferences(db: DbOrTx, customerId: number, references: string[]): Promise<Set<string>> {
  if (references.length === 0) return new Set();
  const rows = await db
    .selectFrom('shipping_locations')
    .select('reference')
    .where('customer_id', '=', customerId)
    .where('reference', 'in', references)
    .where('deleted_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.reference));
}

/** True when the reference was never used by this customer, deleted locations included (references are not reusable). */
export async function locationReferenceAvailable(db: DbOrTx, customerId: number, reference: string): Promise<boolean> {
  const row = await db
    .selectFrom('shipping_locations')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('reference', '=', reference)
    .executeTakeFirst();
  return row === undefined;
}

export async function insertLocation(db: DbOrTx, customerId: number, location: ShippingLocation, now: string): Promise<void> {
  await db
    .insertInto('shipping_locations')
    .values({ customer_id: customerId, reference: location.Reference, document: JSON.stringify(location), created_at: now, updated_at: now })
    .execute();
}

export async function updateLocation(db: DbOrTx, customerId: number, location: ShippingLocation, now: string): Promise<boolean> {
  const r = await db
    .updateTable('shipping_locations')
    .set({ document: JSON.stringify(location), updated_at: now })
    .where('customer_id', '=', customerId)
    .where('reference', '=', location.Reference)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteLocation(db: DbOrTx, customerId: number, reference: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('shipping_locations')
    .set({ deleted_at: now })
    .where('customer_id', '=', customerId)
    .where('reference', '=', reference)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The customer's live locations among `references`, by reference. */
export async function findLocations(db: DbOrTx, customerId: number, references: readonly string[]): Promise<Map<string, ShippingLocation>> {
  if (references.length === 0) return new Map();
  const rows = await db
    .selectFrom('shipping_locations')
    .select(['reference', 'document'])
    .where('customer_id', '=', customerId)
    .where('reference', 'in', [...references])
    .where('deleted_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.reference, readJson<ShippingLocation>(r.document)]));
}
