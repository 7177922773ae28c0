/**
 * Several service instances on one database (issue 6): two workers, each with its own connection
 * pool, race over the same due deliveries. No event is ever being sent by both at once, none is
 * sent twice when every answer arrives, and each consignment's events still go in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Connection, connect } from '../../db/connect.js';
import { DIALECTS } from '../../db/test-db.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { create, exampleConsignment } from '../consignments/test-consignments.js';
import { claimDue } from './deliveries.repo.js';
import { deliverDueWebhooks } from './deliver-webhooks.js';
import { startReceiver } from './test-receiver.js';
import { outbox, pendingCount, subscribe } from './test-webhooks.js';

describe.each(DIALECTS)('two delivery workers on one %s database', (dialect) => {
  let t: TestServer;
  let second: Connection;
  beforeAll(async () => {
    t = await startTestServer(dialect);
    second = connect(t.database.url);
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  const cleanOutbox = async () => {
    for (const table of ['webhook_attempts', 'webhook_deliveries', 'webhook_events', 'webhook_subscriptions'] as const) await t.deps.db.deleteFrom(table).execute();
  };

  it('never claims one delivery for two workers: 8 concurrent claims over 40 due deliveries take disjoint sets', async () => {
    await subscribe(t, 'http://127.0.0.1:9/unused', ['ConsignmentCreated']);
    for (let i = 0; i < 40; i++) await create(t, exampleConsignment());
    const now = new Date();
    const lease = new Date(now.getTime() + 30_000).toISOString();
    const claims = await Promise.all([...Array(8).keys()].map((i) =>
      claimDue(i % 2 === 0 ? t.deps.db : second.db, dialect, now.toISOString(), lease, 10)));
    const ids = claims.flat().map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(40);
    expect(new Set(claims.flat().map((c) => c.leaseToken)).size).toBe(claims.filter((c) => c.length > 0).length);
    await cleanOutbox();
  });

  it('delivers 60 events of 20 consignments with two racing workers: each exactly once, never twice at the same time, in order per consignment', async () => {
    let secret = '';
    const receiver = await startReceiver(() => secret);
    receiver.delayMs = 15;
    secret = (await subscribe(t, receiver.url)).Secret;
    const references: string[] = [];
    for (let i = 0; i < 20; i++) references.push(await create(t, exampleConsignment()));
    for (const tag of ['a', 'b']) {
      for (const reference of references) await t.call('PUT', '/consignments', { body: { ...exampleConsignment(), Reference: reference, Tags: [tag] } });
    }
    const events = await outbox(t.deps);
    expect(events).toHaveLength(60);

    const options = { batch: 4, leaseMs: 30_000, timeoutMs: 10_000 };
    const worker = async (deps: Parameters<typeof deliverDueWebhooks>[0]) => {
      let sent = 0;
      for (let idle = 0; idle < 50 && (await pendingCount(t.deps)) > 0;) {
        const r = await deliverDueWebhooks(deps, options);
        sent += r.claimed;
        if (r.claimed === 0) { idle++; await new Promise((r) => setTimeout(r, 5)); }
      }
      return sent;
    };
    const [a, b] = await Promise.all([worker(t.deps), worker({ ...t.deps, db: second.db })]);
    await receiver.close();

    expect(receiver.overlaps).toEqual([]);
    expect(receiver.requests.every((r) => r.signatureValid)).toBe(true);
    expect(receiver.processed.map((r) => r.eventId).sort()).toEqual(events.map((e) => e.eventId).sort());
    expect(a + b).toBe(60);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    for (const reference of references) {
      expect(receiver.processed.filter((r) => r.payload.Data.ConsignmentReference === reference).map((r) => r.eventId))
        .toEqual(events.filter((e) => e.key === reference).map((e) => e.eventId));
    }
    console.log(`[webhook race ${dialect}] 60 events: worker A sent ${a}, worker B sent ${b}, overlaps ${receiver.overlaps.length}, requests ${receiver.requests.length}`);
  });
});
