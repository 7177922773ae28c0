import { type Kysely, type Migration, Migrator, PostgresAdapter, sql } from 'kysely';
import * as foundation from './migrations/0001-foundation.js';
import * as consignments from './migrations/0002-consignments.js';
import * as idempotency from './migrations/0003-idempotency.js';
import * as shipping from './migrations/0004-shipping.js';
import * as webhooks from './migrations/0005-webhooks.js';
import type { Database } from './schema.js';

/** Every migration, in order. Listed explicitly so the built service needs no directory scan. */
const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-consignments': consignments,
  '0003-idempotency': idempotency,
  '0004-shipping': shipping,
  '0005-webhooks': webhooks,
};

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in every schema unless told which: name ours, so a
  // database holding other schemas (other tenants' installs, test schemas) cannot confuse it.
  const schema = db.getExecutor().adapter instanceof PostgresAdapter
    ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
    : undefined;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
