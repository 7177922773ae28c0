/**
 * Webhook events and their delivery on a real database to a real local HTTP receiver: the outbox
 * commits with the change or not at all, signatures verify with an independent implementation,
 * failed attempts back off on a movable clock and give up after 24 hours.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../db/test-db.js';
import { writeTransaction } from '../../db/transaction.js';
import { exampleOrder, startTestServer, type TestServer } from '../../../test/harness.js';
import { demoCustomer, allocateDirectly } from '../allocation/test-allocation.js';
import { changeConsignment } from '../consignments/change-consignment.js';
import { documentOf } from '../consignments/consignment.js';
import { create, exampleConsignment } from '../consignments/test-consignments.js';
import { deliverDueWebhooks, DEFAULT_DELIVERY } from './deliver-webhooks.js';
import { type Receiver, startReceiver } from './test-receiver.js';
import { drain, movableClock, outbox, seeded, subscribe } from './test-webhooks.js';

describe.each(DIALECTS)('webhook events and delivery on %s', (dialect) => {
  const clock = movableClock();
  let t: TestServer;
  let receiver: Receiver;
  let secret = '';
  const options = { ...DEFAULT_DELIVERY, random: seeded(7) };

  beforeAll(async () => {
    t = await startTestServer(dialect, { clock });
  });
  afterEach(async () => {
    await receiver?.close();
    // Each test starts with no subscriptions and an empty outbox.
    await t.deps.db.deleteFrom('webhook_attempts').execute();
    await t.deps.db.deleteFrom('webhook_deliveries').execute();
    await t.deps.db.deleteFrom('webhook_events').execute();
    await t.deps.db.deleteFrom('webhook_subscriptions').execute();
  });
  afterAll(async () => { await t?.close(); });

  const start = async (types: string[] = ['*']) => {
    receiver = await startReceiver(() => secret);
    const hook = await subscribe(t, receiver.url, types);
    secret = hook.Secret;
    return hook;
  };

  it('writes nothing to the outbox for a customer without subscriptions, or for types nobody wants', async () => {
    await create(t, exampleConsignment());
    expect(await outbox(t.deps)).toEqual([]);
    await start(['OrderCreated']);
    const reference = await create(t, exampleConsignment());
    await t.call('PUT', '/consignments', { body: { ...exampleConsignment(), Reference: reference, Tags: ['x'] } });
    expect(await outbox(t.deps)).toEqual([]);
    await t.call('POST', '/orders', { body: exampleOrder() });
    expect((await outbox(t.deps)).map((e) => e.type)).toEqual(['OrderCreated']);
  });

  it('writes no event for a disabled subscription', async () => {
    const hook = await start();
    expect((await t.call('PUT', `/webhooks/${hook.Id}`, { body: { IsEnabled: false } })).status).toBe(200);
    await create(t, exampleConsignment());
    expect(await outbox(t.deps)).toEqual([]);
  });

  it('derives consignment events from the real change paths: create, update, allocate, cancel; orders: create, update, address', async () => {
    await start();
    const reference = await create(t, exampleConsignment());
    await t.call('PUT', '/consignments', { body: { ...exampleConsignment(), Reference: reference, Tags: ['changed'] } });
    await allocateDirectly(t, reference);
    expect((await t.call('PUT', '/consignments/cancellist', { body: [reference] })).status).toBe(200);
    const order = String((await t.call('POST', '/orders', { body: exampleOrder() })).json[0].Href).split('/').pop()!;
    expect((await t.call('PUT', `/orders/${order}`, { body: { OrderReference: order, Tags: ['u'] } })).status).toBe(200);
    expect((await t.call('POST', `/orders/${order}/address`, { body: { AddressType: 'Return', ShippingLocationReference: 'WH1' } })).status).toBe(201);
    const events = await outbox(t.deps);
    expect(events.filter((e) => e.key === reference).map((e) => e.type)).toEqual([
      'ConsignmentCreated', 'ConsignmentUpdated',
      'ConsignmentStateChanged', 'ConsignmentUpdated', // Unallocated → Allocating
      'ConsignmentAllocated', 'ConsignmentStateChanged', // Allocating → Allocated
      ...events.filter((e) => e.key === reference).slice(6).map((e) => e.type),
    ]);
    expect(events.filter((e) => e.key === reference).map((e) => e.type).slice(-2)).toEqual(['ConsignmentCancelled', 'ConsignmentStateChanged']);
    expect(events.filter((e) => e.key === order).map((e) => e.type)).toEqual(['OrderCreated', 'OrderUpdated', 'OrderUpdated']);
  });

  it('commits an event with its change, or neither: a change whose transaction rolls back writes no event', async () => {
    await start();
    const reference = await create(t, exampleConsignment());
    const customer = await demoCustomer(t);
    const before = await outbox(t.deps);
    const edit = (tx: Parameters<typeof changeConsignment>[0]) => changeConsignment(tx, t.deps, customer, reference, 'Edit', (c) => ({
      document: { ...documentOf(c), Tags: ['rolled-back'] }, audit: { action: 'Updated', message: 'test' }, result: undefined,
    }));
    await expect(writeTransaction(t.deps.db, t.deps.dialect, async (tx) => {
      await edit(tx);
      expect((await tx.selectFrom('webhook_events').select('id').execute()).length).toBe(before.length + 1); // written, inside
      throw new Error('the rest of the use case failed');
    })).rejects.toThrow('the rest of the use case failed');
    expect(await outbox(t.deps)).toEqual(before);
    expect(await t.deps.db.selectFrom('webhook_deliveries').select('id').execute()).toHaveLength(before.length);
    await writeTransaction(t.deps.db, t.deps.dialect, edit);
    expect((await outbox(t.deps)).slice(before.length).map((e) => [e.key, e.type])).toEqual([[reference, 'ConsignmentUpdated']]);
  });

  it('POSTs the event signed (checked by an independent HMAC), with id, type and timestamp headers; 2xx = delivered', async () => {
    await start();
    const reference = await create(t, exampleConsignment());
    const round = await deliverDueWebhooks(t.deps, options);
    expect(round).toEqual({ claimed: 1, delivered: 1, failed: 0 });
    const [got] = receiver.requests;
    expect(got!.signatureValid).toBe(true);
    expect(got!.timestamp).toBe(Math.floor(clock.now().getTime() / 1000));
    expect(got!.payload).toEqual({
      Id: got!.eventId, Type: 'ConsignmentCreated', CreatedAt: clock.now().toISOString(),
      Data: { ConsignmentReference: reference, State: 'Unallocated', PreviousState: null, Action: 'Created', Message: `Consignment ${reference} created` },
    });
    expect(got!.type).toBe('ConsignmentCreated');
    // A body changed in transit, or another secret, does not verify.
    const { verifySignature } = await import('./test-receiver.js');
    const signature = (await import('./signature.js')).sign(secret, got!.timestamp, got!.body);
    expect(verifySignature(secret, String(got!.timestamp), got!.body.replace('Unallocated', 'Allocated'), signature)).toBe(false);
    expect(verifySignature(`${secret}x`, String(got!.timestamp), got!.body, signature)).toBe(false);
    expect(verifySignature(secret, String(got!.timestamp + 1), got!.body, signature)).toBe(false);
    const hook = (await t.call('GET', '/webhooks')).json[0];
    const listed = (await t.call('GET', `/webhooks/${hook.Id}/deliveries`)).json.Deliveries[0];
    expect(listed).toMatchObject({ EventId: got!.eventId, Status: 'Delivered', AttemptCount: 1, DeliveredAt: clock.now().toISOString() });
    expect(listed.Attempts).toEqual([{ Attempt: 1, AttemptedAt: clock.now().toISOString(), StatusCode: 200, LatencyMs: expect.any(Number), Error: null }]);
  });

  it('retries with growing jittered delays, not before they are due, and gives up after 24 hours; then the next event of the key goes', async () => {
    const hook = await start();
    await receiver.setMode('failing');
    const queuedAt = clock.now().getTime();
    const reference = await create(t, exampleConsignment());
    await t.call('PUT', '/consignments', { body: { ...exampleConsignment(), Reference: reference, Tags: ['second'] } });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      expect((await deliverDueWebhooks(t.deps, options)).claimed).toBe(1);
      expect(await deliverDueWebhooks(t.deps, options)).toEqual({ claimed: 0, delivered: 0, failed: 0 }); // not due yet, and the second waits
      const row = await t.deps.db.selectFrom('webhook_deliveries').select(['next_attempt_at', 'attempts', 'status']).orderBy('id').executeTakeFirstOrThrow();
      expect([row.status, Number(row.attempts)]).toEqual(['Pending', attempt]);
      const delay = Date.parse(row.next_attempt_at) - clock.now().getTime();
      expect(delay).toBeGreaterThanOrEqual(1000);
      expect(delay).toBeLessThanOrEqual(10_000 * 2 ** (attempt - 1));
      delays.push(delay);
      clock.set(row.next_attempt_at);
    }
    expect(receiver.requests.map((r) => r.type)).toEqual(Array(6).fill('ConsignmentCreated'));
    expect(receiver.requests.every((r) => r.signatureValid)).toBe(true);
    // 24 hours after queueing, the next failure gives up on the first event; the second is tried at once.
    clock.set(new Date(queuedAt + 24 * 3600_000));
    expect(await deliverDueWebhooks(t.deps, options)).toEqual({ claimed: 1, delivered: 0, failed: 1 });
    await receiver.setMode('up');
    expect(await deliverDueWebhooks(t.deps, options)).toEqual({ claimed: 1, delivered: 1, failed: 0 });
    expect(receiver.processed.map((r) => r.type)).toEqual(['ConsignmentUpdated']);
    const listed = (await t.call('GET', `/webhooks/${hook.Id}/deliveries`)).json.Deliveries;
    expect(listed.map((d: { EventType: string; Status: string; AttemptCount: number }) => [d.EventType, d.Status, d.AttemptCount]))
      .toEqual([['ConsignmentUpdated', 'Delivered', 1], ['ConsignmentCreated', 'Failed', 7]]);
    expect(listed[1].Attempts.map((a: { StatusCode: number; Error: string }) => [a.StatusCode, a.Error])).toEqual(Array(7).fill([503, 'HTTP 503']));
    // Redelivery replays the given-up event, same id and body.
    expect((await t.call('POST', `/webhooks/${hook.Id}/deliveries/${listed[1].EventId}/redeliver`)).status).toBe(202);
    expect(await deliverDueWebhooks(t.deps, options)).toEqual({ claimed: 1, delivered: 1, failed: 0 });
    expect(receiver.processed.at(-1)!.eventId).toBe(listed[1].EventId);
    expect(receiver.processed.at(-1)!.body).toBe(receiver.requests[0]!.body);
  });

  it('records a refused connection as an attempt with no status and the error', async () => {
    const hook = await start();
    await receiver.setMode('down');
    await create(t, exampleConsignment());
    expect((await deliverDueWebhooks(t.deps, options)).claimed).toBe(1);
    const [attempt] = (await t.call('GET', `/webhooks/${hook.Id}/deliveries`)).json.Deliveries[0].Attempts;
    expect(attempt).toMatchObject({ Attempt: 1, StatusCode: null, Error: expect.stringContaining('ECONNREFUSED') });
  });

  it('survives an unsubscribe while a request is out: the answer is dropped, nothing is recorded', async () => {
    const hook = await start();
    receiver.delayMs = 300;
    await create(t, exampleConsignment());
    const round = deliverDueWebhooks(t.deps, options);
    await new Promise((r) => setTimeout(r, 100));
    expect((await t.call('DELETE', `/webhooks/${hook.Id}`)).status).toBe(204);
    expect(await round).toEqual({ claimed: 1, delivered: 1, failed: 0 });
    expect(await t.deps.db.selectFrom('webhook_attempts').select('id').execute()).toEqual([]);
  });

  it('outage (issue 6 group 5): 50 changes of 5 consignments while the receiver is down, then up: every event arrives, in order per consignment, signatures verify, duplicates only by id', async () => {
    const started = performance.now();
    await start();
    await receiver.setMode('down');
    const references: string[] = [];
    for (let i = 0; i < 5; i++) references.push(await create(t, exampleConsignment({ ConsignmentReferenceProvidedByCustomer: `OUT-${i}` })));
    // 50 changes, interleaved across the five: 45 updates, then each is cancelled (2 events each).
    for (let round = 0; round < 9; round++) {
      for (const reference of references) {
        const r = await t.call('PUT', '/consignments', { body: { ...exampleConsignment(), Reference: reference, Tags: [`v${round}`] } });
        expect(r.status, r.text).toBe(200);
        clock.advance(1000);
      }
    }
    for (const reference of references) expect((await t.call('PUT', '/consignments/cancellist', { body: [reference] })).json[0].IsSuccess).toBe(true);
    const events = await outbox(t.deps);
    expect(events).toHaveLength(5 + 45 + 10);

    // Down (connection refused) for an hour of the clock, then answering 503 for another hour.
    const outageStart = clock.now().getTime();
    const down = await drain(t.deps, clock, { ...options, until: () => clock.now().getTime() >= outageStart + 3600_000 });
    await receiver.setMode('failing');
    const failing = await drain(t.deps, clock, { ...options, until: () => clock.now().getTime() >= outageStart + 2 * 3600_000 });
    expect(receiver.processed).toEqual([]);
    // Up, but one answer in seven is lost after the receiver acted on it (a 500): at-least-once.
    await receiver.setMode('up');
    receiver.answer = (n) => (n % 7 === 0 ? 500 : 200);
    const upAt = clock.now().getTime();
    const up = await drain(t.deps, clock, options);
    const drainedAfterMs = clock.now().getTime() - upAt;

    expect(receiver.requests.every((r) => r.signatureValid)).toBe(true);
    const processedIds = new Set(receiver.processed.map((r) => r.eventId));
    expect([...processedIds].sort()).toEqual(events.map((e) => e.eventId).sort());
    for (const reference of references) {
      const expected = events.filter((e) => e.key === reference).map((e) => e.eventId);
      const seen = receiver.processed.filter((r) => r.payload.Data.ConsignmentReference === reference).map((r) => r.eventId);
      const collapsed = seen.filter((id, i) => id !== seen[i - 1]);
      expect(collapsed, `order of ${reference}`).toEqual(expected);
    }
    // A duplicate is the same event id with the same body, never a new id for the same change.
    const byId = new Map<string, Set<string>>();
    for (const r of receiver.processed) byId.set(r.eventId, (byId.get(r.eventId) ?? new Set()).add(r.body));
    expect([...byId.values()].every((bodies) => bodies.size === 1)).toBe(true);
    const duplicates = receiver.processed.length - processedIds.size;
    expect(duplicates).toBe(receiver.processed.filter((_r, i) => (i + 1) % 7 === 0).length);
    const statuses = await t.deps.db.selectFrom('webhook_deliveries').select('status').execute();
    expect(statuses.every((s) => s.status === 'Delivered')).toBe(true);
    const attempts = await t.deps.db.selectFrom('webhook_attempts').select(['status_code']).execute();
    const refused = attempts.filter((a) => a.status_code === null).length;
    expect(attempts.length).toBe(refused + receiver.requests.length);
    console.log(`[webhook outage ${dialect}] events ${events.length}, delivered ${processedIds.size}, attempts ${attempts.length} ` +
      `(refused ${refused}, 503 ${receiver.requests.filter((r) => r.status === 503).length}, lost acknowledgements ${duplicates}), ` +
      `duplicates ${duplicates} (same ids), rounds down/503/up ${down.rounds}/${failing.rounds}/${up.rounds}, ` +
      `drained ${Math.round(drainedAfterMs / 1000)} s of clock after the receiver came up, ${Math.round(performance.now() - started)} ms wall`);
  });
});
