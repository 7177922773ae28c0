/**
 * Crash safety (issue 6, test group 3): under a Pack Order load, the service process
 * (`node dist/main.js`) is killed with SIGKILL at random moments and started again, CRASH_KILLS
 * times; clients keep packing, retrying keyed requests with the same Idempotency-Key. Then, with
 * the service killed once more (leaving the SQLite WAL as a crash leaves it), the database is read
 * directly: every 201 a client received is there whole (packages, items, ledger, audit), nothing
 * half-written exists, no key packed twice; SQLite passes integrity_check. On SQLite and PostgreSQL.
 *
 * Bounded for `npm test` (≈1 min per database here). Settings (environment):
 *   CRASH_KILLS=20      kills per database (a soak: CRASH_KILLS=200)
 *   CRASH_CLIENTS=8     concurrent packing clients
 *   CRASH_ORDERS=200    orders seeded (3 lines of 3–6 units each)
 *   CRASH_SEED=<n>      replays the kill schedule and request mix of a run (printed at the start)
 *   CRASH_DIALECTS=sqlite,postgres
 * Needs `npm run build` (npm test builds first).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../src/db/connect.js';
import type { DialectName } from '../src/db/schema.js';
import { createTestDatabase, DIALECTS } from '../src/db/test-db.js';
import { type Api, type LoadRecord, newRecord, rng, runClient, seedOrders } from './crash/load.js';
import { freePort, ServiceProcess } from './crash/service.js';
import { verifyDatabase } from './crash/verify.js';

const setting = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
};
const KILLS = setting('CRASH_KILLS', 20);
const CLIENTS = setting('CRASH_CLIENTS', 8);
const ORDERS = setting('CRASH_ORDERS', 200);
const SEED = process.env.CRASH_SEED ? setting('CRASH_SEED', 0) : Math.floor(Math.random() * 2 ** 31);
const dialects = (process.env.CRASH_DIALECTS?.split(',') as DialectName[] | undefined) ?? DIALECTS;
const API_KEY = 'plk_crash_test_demo_key_0123456789abcdef';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

console.log(`crash safety: CRASH_SEED=${SEED} CRASH_KILLS=${KILLS} CRASH_CLIENTS=${CLIENTS} CRASH_ORDERS=${ORDERS}`);

/** Where each database lives; SQLite is a file of our own so no connection stays open across the kills. */
async function databaseFor(dialect: DialectName): Promise<{ url: string; file?: string; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'packline-crash-'));
    const file = join(dir, 'crash.db');
    return { url: `sqlite:${file}`, file, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const database = await createTestDatabase('postgres');
  return { url: database.url, drop: () => database.close() };
}

describe.each(dialects)('crash safety on %s', (dialect) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it(`keeps every acknowledged pack whole through ${KILLS} kill -9s`, { timeout: Math.max(300_000, KILLS * 15_000) }, async () => {
    const database = await databaseFor(dialect);
    cleanups.push(database.drop);
    const service = new ServiceProcess(database.url, await freePort(), {
      PACKLINE_API_KEY: API_KEY,
      // A claim left by a killed process is taken over after 2 s instead of 60, so retries finish in the run.
      PACKLINE_IDEMPOTENCY_ABANDON_SECONDS: '2',
      PACKLINE_TRACKING_POLL_SECONDS: '3600',
    });
    cleanups.push(() => service.kill());
    const api: Api = { base: service.base, key: API_KEY };
    const started = Date.now();

    await service.start();
    const orders = await seedOrders(api, ORDERS, 8, rng(SEED));
    const seeded = Date.now();

    const record: LoadRecord = newRecord();
    let phase: 'load' | 'drain' | 'stop' = 'load';
    const clients = Array.from({ length: CLIENTS }, (_, i) => runClient(api, i, orders, rng(SEED + 1 + i), record, () => phase));

    // The kills: mostly while packing (0.2–1.5 s after the service answers), some while it starts.
    const moments = rng(SEED ^ 0x5bd1e995);
    let kills = 0;
    let killedStarting = 0;
    for (let k = 0; k < KILLS; k++) {
      if (moments() < 0.15) {
        await sleep(Math.floor(moments() * 300));
        killedStarting++;
      } else {
        await service.ready();
        await sleep(200 + Math.floor(moments() * 1300));
      }
      await service.kill('SIGKILL');
      kills++;
      await sleep(Math.floor(moments() * 200));
      service.spawn();
    }
    await service.ready();
    phase = 'drain'; // no new requests; keyed ones in hand are retried to an answer
    await Promise.race([Promise.all(clients), sleep(90_000)]);
    phase = 'stop';
    await Promise.all(clients);
    await service.kill('SIGKILL'); // the last stop is a crash too: the WAL is left for the next opener to recover
    const loaded = Date.now();

    if (database.file) {
      expect(statSync(`${database.file}-wal`).size, 'a WAL left by the kill').toBeGreaterThan(0);
      const sqlite = new SQLite(database.file);
      try {
        expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      } finally {
        sqlite.close();
      }
    }
    const connection = connect(database.url, { poolSize: 2 });
    const verified = await verifyDatabase(connection.db, orders, record).finally(() => connection.close());

    // The service starts on what the crashes left and serves an acknowledged consignment.
    await service.start();
    const [someTag, someAck] = [...record.acknowledged][0] ?? [];
    const served = await fetch(`${service.base}/consignments/${someAck?.references[0]}`, { headers: { 'ocp-apim-subscription-key': API_KEY } });
    const servedBody = (await served.json()) as { ConsignmentReferenceProvidedByCustomer?: string };
    await service.kill('SIGTERM');

    const replays = [...record.acknowledged.values()].filter((a) => a.replayed).length;
    const keyed = [...record.requests.values()].filter((r) => r.key).length;
    console.log([
      `crash safety on ${dialect} (CRASH_SEED=${SEED}): ${kills} kills survived (${killedStarting} while starting),`,
      `${record.sent} requests sent (${keyed} of ${record.requests.size} packs keyed), ${record.acknowledged.size} 201s received (${replays} replayed after a crash),`,
      `${record.rejected.size} rejected (4xx, e.g. nothing left to pack), ${record.brokenConnections} broken connections, ${record.refused} refused while down,`,
      `${record.busyKeys} 409 IdempotencyKeyInUse retried, ${record.unknown.size} unkeyed outcomes unknown (${verified.unknownCommitted} of unknown/unresolved committed),`,
      `${record.unresolved.size} keyed unresolved; ${verified.consignments} consignments verified (${verified.acknowledgedFound} acknowledged found whole),`,
      `${verified.idempotencyRows} idempotency keys checked; ${Math.round((Date.now() - started) / 1000)} s`
        + ` (start + seed ${Math.round((seeded - started) / 1000)} s, kills + drain ${Math.round((loaded - seeded) / 1000)} s, checks ${Math.round((Date.now() - loaded) / 1000)} s)`,
    ].join('\n  '));

    expect(verified.problems).toEqual([]);
    expect(record.unexpected).toEqual([]);
    expect(kills).toBe(KILLS);
    expect(record.acknowledged.size).toBeGreaterThan(0);
    expect(verified.acknowledgedFound).toBe(record.acknowledged.size);
    expect(record.unresolved.size, 'every keyed request got an answer once the service stayed up').toBe(0);
    expect([served.status, servedBody.ConsignmentReferenceProvidedByCustomer]).toEqual([200, someTag]);
  });
});
