import { type Kysely, sql } from 'kysely';
import type { Database, DialectName } from './schema.js';

/**
 * Runs `work` in one write transaction. On SQLite it begins IMMEDIATE: the write lock is taken
 * before the first read, so a second process on the same file (another instance, the CLI)
 * waits its turn (busy_timeout) instead of failing with SQLITE_BUSY when it tries to upgrade a
 * read snapshot that the other writer has made stale. PostgreSQL uses an ordinary transaction
 * and row locks.
 */
export async function writeTransaction<T>(db: Kysely<Database>, dialect: DialectName, work: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (dialect === 'postgres') return db.transaction().execute(work);
  // One connection for the whole transaction; Kysely's SQLite driver serialises its users.
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}
