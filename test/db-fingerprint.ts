/**
 * Proof that a request wrote nothing, cheap at any database size: test-only triggers count every
 * row inserted, updated or deleted in each table of the schema (found by introspection, so new
 * tables count too) in a `_test_writes` table. The triggers run inside the writing transaction,
 * so a write that is rolled back is not counted, and every committed one is — even an update that
 * leaves lengths and versions as they were. Reading the fingerprint is one small query.
 */
import { type Kysely, sql } from 'kysely';

export type Fingerprint = Record<string, string>;

export interface Fingerprinter {
  (): Promise<Fingerprint>;
  tables: string[];
}

const COUNTER = '_test_writes';

export async function fingerprinter(db: Kysely<any>): Promise<Fingerprinter> {
  const schema = (await sql<{ s: string | null }>`select current_schema() as s`.execute(db).catch(() => ({ rows: [{ s: null }] }))).rows[0]?.s ?? null;
  const postgres = schema !== null;
  const tables = (await db.introspection.getTables())
    .filter((t) => !t.isView && t.name !== COUNTER && (!postgres || t.schema === schema))
    .map((t) => t.name)
    .sort();
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`create table if not exists ${COUNTER} (name text primary key, n bigint not null)`);
  if (postgres) {
    await run(`create or replace function ${COUNTER}_count() returns trigger language plpgsql as $$
      begin update ${COUNTER} set n = n + 1 where name = TG_TABLE_NAME; return null; end $$`);
  }
  for (const table of tables) {
    await run(`insert into ${COUNTER} (name, n) values ('${table}', 0) on conflict do nothing`);
    if (postgres) {
      await run(`drop trigger if exists ${COUNTER} on "${table}"`);
      await run(`create trigger ${COUNTER} after insert or update or delete on "${table}" for each row execute function ${COUNTER}_count()`);
    } else {
      for (const event of ['insert', 'update', 'delete']) {
        await run(`create trigger if not exists ${COUNTER}_${table}_${event} after ${event} on "${table}"
          begin update ${COUNTER} set n = n + 1 where name = '${table}'; end`);
      }
    }
  }
  const take = (async () => {
    const rows = (await sql<{ name: string; n: unknown }>`select name, n from ${sql.table(COUNTER)}`.execute(db)).rows;
    return Object.fromEntries(rows.map((r) => [r.name, String(r.n)]));
  }) as Fingerprinter;
  take.tables = tables;
  return take;
}

/** The tables whose rows were written between two fingerprints, as `table: writes before → after`. */
export function fingerprintDiff(before: Fingerprint, after: Fingerprint): string[] {
  return Object.keys({ ...before, ...after })
    .filter((k) => before[k] !== after[k])
    .map((k) => `${k}: ${before[k]} → ${after[k]}`);
}
