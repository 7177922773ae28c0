/**
 * PostgreSQL for the benches: a fresh schema per run in BENCH_DATABASE_URL (default the local
 * `test` database), reached by the children through a URL that sets search_path, dropped at the end.
 */
import pg from 'pg';

export const BENCH_POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface BenchSchema {
  /** The URL the service, the baseline and the bench's own seeding use: search_path is the schema. */
  url: string;
  drop(): Promise<void>;
}

export async function createBenchSchema(label: string): Promise<BenchSchema> {
  const schema = `bench_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: BENCH_POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = `${BENCH_POSTGRES_URL}${BENCH_POSTGRES_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return {
    url,
    async drop() {
      const client = new pg.Client({ connectionString: BENCH_POSTGRES_URL });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}
