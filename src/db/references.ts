import { sql } from 'kysely';
import { formatReference, type ReferencePrefix } from '../shared/references.js';
import type { DbOrTx, DialectName } from './schema.js';

/**
 * Hands out `count` new references of one kind inside the caller's transaction (spec §1.3: one
 * counter per prefix for the whole installation; gaps after a rollback are fine, reuse is not).
 */
export async function allocateReferences(
  db: DbOrTx,
  dialect: DialectName,
  prefix: ReferencePrefix,
  count: number,
): Promise<string[]> {
  if (count <= 0) return [];
  if (dialect === 'postgres') {
    const { rows } = await sql<{ n: number }>`select nextval(${sql.lit(`reference_${prefix.toLowerCase()}`)}) as n from generate_series(1, ${count})`.execute(db);
    return rows.map((r) => formatReference(prefix, Number(r.n)));
  }
  const row = await db
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', count) }))
    .where('name', '=', prefix)
    .returning('value')
    .executeTakeFirstOrThrow();
  const last = Number(row.value);
  return Array.from({ length: count }, (_, i) => formatReference(prefix, last - count + 1 + i));
}
