import { sql } from 'kysely';
import type { DbOrTx } from '../../db/schema.js';
import type { Customer } from '../deps.js';

export async function insertCustomer(db: DbOrTx, c: { reference: string; name: string; createdAt: string }): Promise<Customer> {
  const row = await db
    .insertInto('customers')
    .values({ reference: c.reference, name: c.name, created_at: c.createdAt })
    .returning(['id', 'reference', 'name'])
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), reference: row.reference, name: row.name };
}

export async function findCustomerByReference(db: DbOrTx, reference: string): Promise<Customer | undefined> {
  const row = await db.selectFrom('customers').select(['id', 'reference', 'name']).where('reference', '=', reference.toLowerCase()).executeTakeFirst();
  return row && { id: Number(row.id), reference: row.reference, name: row.name };
}

export async function countCustomers(db: DbOrTx): Promise<number> {
  const row = await db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertApiKey(
  db: DbOrTx,
  k: { customerId: number; hash: string; prefix: string; label: string | null; createdAt: string },
): Promise<void> {
  await db
    .insertInto('api_keys')
    .values({ customer_id: k.customerId, key_hash: k.hash, key_prefix: k.prefix, label: k.label, created_at: k.createdAt })
    .execute();
}

/** The customer owning a live (unrevoked) key, by the key's hash. */
export async function findCustomerByKeyHash(db: DbOrTx, hash: string): Promise<Customer | undefined> {
  const row = await db
    .selectFrom('api_keys')
    .innerJoin('customers', 'customers.id', 'api_keys.customer_id')
    .select(['customers.id', 'customers.reference', 'customers.name', 'customers.strict_pack_quantities', 'api_keys.key_prefix'])
    .where('api_keys.key_hash', '=', hash)
    .where('api_keys.revoked_at', 'is', null)
    .executeTakeFirst();
  return row && {
    id: Number(row.id),
    reference: row.reference,
    name: row.name,
    actor: row.key_prefix,
    strictPackQuantities: Number(row.strict_pack_quantities) === 1,
  };
}

/** Revokes every live key starting with `prefix`; returns how many. */
export async function revokeKeysByPrefix(db: DbOrTx, prefix: string, at: string): Promise<number> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: at })
    .where(sql`substr(key_prefix, 1, ${prefix.length})`, '=', prefix)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
