import type { Kysely } from 'kysely';
import { portable } from './portable.js';

/**
 * [EXT] `Idempotency-Key`: one row per (customer, key), claimed by the first request and then
 * holding the response it gave, replayed for 24 hours (`src/http/idempotency.ts`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const p = portable(db);

  await db.schema.createTable('idempotency_keys')
    .addColumn('customer_id', p.bigint, (c) => c.notNull().references('customers.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    /** sha256 of method, URL and the canonical JSON of the body: the same key with another request is refused. */
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    /** Random token of the request holding the key; completion, release and take-over compare it. */
    .addColumn('claim', 'text', (c) => c.notNull())
    /** InProgress while the first request runs, Done once its response is stored. */
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('content_type', 'text')
    .addColumn('location', 'text')
    .addColumn('body', 'text')
    /** When the current claim was taken: an InProgress row older than the abandonment timeout is taken over. */
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['customer_id', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_expires').on('idempotency_keys').columns(['expires_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Packline migrations are forward-only.');
}
