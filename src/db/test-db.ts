/**
 * The same database test on SQLite and on PostgreSQL. Each suite gets a database of its own: a
 * fresh SQLite file, or a fresh PostgreSQL schema in TEST_DATABASE_URL (default: the local `test`
 * database), dropped afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { type Connection, connect } from './connect.js';
import { migrateToLatest } from './migrate.js';
import type { DialectName } from './schema.js';

export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const DIALECTS: DialectName[] = ['sqlite', 'postgres'];

export interface TestDatabase extends Connection {
  /** The URL a separate process (the CLI, the server) would use to reach this same database. */
  url: string;
}

export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'packline-test-'));
    const url = `sqlite:${join(dir, 'test.db')}`;
    const conn = connect(url);
    await migrateToLatest(conn.db);
    return { ...conn, url, close: async () => { await conn.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const conn = connect(TEST_POSTGRES_URL, { searchPath: schema, poolSize: 4 });
  await migrateToLatest(conn.db);
  const url = `${TEST_POSTGRES_URL}${TEST_POSTGRES_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return {
    ...conn,
    url,
    close: async () => {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(conn.db);
      await conn.close();
    },
  };
}
