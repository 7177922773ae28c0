import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exampleOrder, startTestServer, type Reply, type TestServer } from '../../test/harness.js';
import { makeDeps } from '../app.js';
import { connect } from '../db/connect.js';
import { DIALECTS } from '../db/test-db.js';
import { hashApiKey } from '../modules/accounts/api-keys.js';
import { requestFingerprint } from './idempotency.js';
import { buildServer } from './server.js';

const HOUR = 60 * 60_000;
const newKey = () => `key-${randomUUID()}`;
const packBody = (sku = 'SKU093434') => ({
  Packages: [{ Weight: { Value: 1, Unit: 'Kg' }, Dimensions: { Unit: 'Cm', Length: 10, Width: 10, Height: 10 }, Items: [{ Sku: sku, Quantity: 1 }] }],
});

/** A clock the tests move forward; the service reads it for every timestamp it writes or compares. */
function movableClock() {
  let offsetMs = 0;
  return { now: () => new Date(Date.now() + offsetMs), move: (ms: number) => { offsetMs += ms; }, reset: () => { offsetMs = 0; } };
}

function counter(t: () => TestServer) {
  return async (table: 'orders' | 'consignments' | 'idempotency_keys') =>
    Number((await t().deps.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

/** Every reply is the first execution's (same status and body) or 409 IdempotencyKeyInUse. */
function expectOneExecution(replies: Reply[], status: number) {
  const done = replies.filter((r) => r.status !== 409);
  expect(done.length).toBeGreaterThan(0);
  const first = done.find((r) => r.headers.get('idempotent-replayed') === null);
  expect(first, 'one reply is the execution itself').toBeDefined();
  expect(done.filter((r) => r.headers.get('idempotent-replayed') === null)).toHaveLength(1);
  for (const r of done) {
    expect(r.status).toBe(status);
    expect(r.text).toBe(first!.text);
    expect(r.headers.get('location')).toBe(first!.headers.get('location'));
  }
  for (const r of replies.filter((r) => r.status === 409)) expect(r.json.Code).toBe('IdempotencyKeyInUse');
}

describe('request fingerprint', () => {
  it('ignores key order and whitespace in the body, not values, method or URL', () => {
    const a = requestFingerprint('POST', '/orders', { A: 1, B: { C: [1, 2], D: null } });
    expect(requestFingerprint('POST', '/orders', JSON.parse('{ "B": {"D": null, "C": [1,2]}, "A": 1 }'))).toBe(a);
    expect(requestFingerprint('POST', '/orders', { A: 1, B: { C: [2, 1], D: null } })).not.toBe(a);
    expect(requestFingerprint('PUT', '/orders', { A: 1, B: { C: [1, 2], D: null } })).not.toBe(a);
    expect(requestFingerprint('POST', '/orders?x=1', { A: 1, B: { C: [1, 2], D: null } })).not.toBe(a);
    expect(requestFingerprint('DELETE', '/packagesizes/S', undefined)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe.each(DIALECTS)('Idempotency-Key over HTTP on %s', (dialect) => {
  const clock = movableClock();
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(dialect, { clock });
  });
  afterAll(async () => t?.close());
  afterEach(() => clock.reset());
  const count = counter(() => t);
  const withKey = (key: string, headers: Record<string, string> = {}) => ({ 'idempotency-key': key, ...headers });
  const createOrder = async () => {
    const r = await t.call('POST', '/orders', { body: exampleOrder() });
    expect(r.status, r.text).toBe(201);
    return String(r.json[0].Href).split('/').pop()!;
  };

  it('replays Create Order to the same key and body: same status, body and Location, no second order', async () => {
    const key = newKey();
    const first = await t.call('POST', '/orders', { body: exampleOrder(), headers: withKey(key) });
    expect(first.status, first.text).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const orders = await count('orders');

    const again = await t.call('POST', '/orders', { body: exampleOrder(), headers: withKey(key) });
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(again.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await count('orders')).toBe(orders);
  });

  it('replays Pack Order: one consignment however often the pack is retried', async () => {
    const order = await createOrder();
    const key = newKey();
    const consignments = await count('consignments');
    const first = await t.call('POST', `/orders/${order}/pack`, { body: packBody(), headers: withKey(key) });
    expect(first.status, first.text).toBe(201);
    expect(first.json.Results[0].Data).toMatch(/^EC-/);
    for (let i = 0; i < 2; i++) {
      const again = await t.call('POST', `/orders/${order}/pack`, { body: packBody(), headers: withKey(key) });
      expect(again.status).toBe(201);
      expect(again.text).toBe(first.text);
      expect(again.headers.get('location')).toBe(first.headers.get('location'));
      expect(again.headers.get('idempotent-replayed')).toBe('true');
    }
    expect(await count('consignments')).toBe(consignments + 1);
  });

  it('refuses the key with another body or another path: 422 IdempotencyKeyReused, nothing written', async () => {
    const order = await createOrder();
    const key = newKey();
    expect((await t.call('POST', `/orders/${order}/pack`, { body: packBody(), headers: withKey(key) })).status).toBe(201);
    const consignments = await count('consignments');

    const otherBody = packBody();
    otherBody.Packages[0]!.Weight.Value = 2;
    const reused = await t.call('POST', `/orders/${order}/pack`, { body: otherBody, headers: withKey(key) });
    expect(reused.status).toBe(422);
    expect(reused.json).toMatchObject({ Code: 'IdempotencyKeyReused', Details: [{ Code: 'IdempotencyKeyReused', Target: 'Idempotency-Key' }] });
    const otherPath = await t.call('POST', '/orders', { body: exampleOrder(), headers: withKey(key) });
    expect(otherPath.status).toBe(422);
    expect(await count('consignments')).toBe(consignments);
  });

  it('keeps keys per customer: another customer\'s same key executes independently', async () => {
    const key = newKey();
    const orders = await count('orders');
    const mine = await t.call('POST', '/orders', { body: exampleOrder(), headers: withKey(key) });
    const theirs = await t.call('POST', '/orders', { body: exampleOrder(), headers: withKey(key), key: t.otherKey });
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(theirs.json[0].Href).not.toBe(mine.json[0].Href);
    expect(await count('orders')).toBe(orders + 2);
    // Each replays its own.
    expect((await t.call('POST', '/orders', { body: exampleOrder(), headers: withKey(key), key: t.otherKey })).text).toBe(theirs.text);
    expect((await t.call('POST', '/orders', { body: exampleOrder(), headers: withKey(key) })).text).toBe(mine.text);
    expect(await count('orders')).toBe(orders + 2);
  });

  it('replays a 400 from the rules as the same 400, CorrelationId included, without packing again', async () => {
    const order = await createOrder();
    const key = newKey();
    const first = await t.call('POST', `/orders/${order}/pack`, { body: packBody('NOT-ON-ORDER'), headers: withKey(key) });
    expect(first.status).toBe(400);
    expect(first.json.Code).toBe('ItemNotFoundOnOrder');
    const again = await t.call('POST', `/orders/${order}/pack`, { body: packBody('NOT-ON-ORDER'), headers: withKey(key) });
    expect(again.status).toBe(400);
    expect(again.text).toBe(first.text);
    expect(again.json.CorrelationId).toBe(first.json.CorrelationId);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('stores nothing for a body the schema rejects: the corrected body may use the same key', async () => {
    const key = newKey();
    const invalid = await t.call('POST', '/orders', { body: exampleOrder({ Packages: 'not a list' }), headers: withKey(key) });
    expect(invalid.status).toBe(400);
    expect(await t.deps.db.selectFrom('idempotency_keys').select('key').where('key', '=', key).execute()).toEqual([]);
    const corrected = await t.call('POST', '/orders', { body: exampleOrder(), headers: withKey(key) });
    expect(corrected.status, corrected.text).toBe(201);
  });

  it('releases the key on a 5xx so the retry executes (once)', async () => {
    const key = newKey();
    const orders = await count('orders');
    await sql`alter table order_items rename to order_items_away`.execute(t.deps.db);
    let failed: Reply;
    try {
      failed = await t.call('POST', '/orders', { body: exampleOrder(), headers: withKey(key) });
    } finally {
      await sql`alter table order_items_away rename to order_items`.execute(t.deps.db);
    }
    expect(failed.status).toBe(500);
    expect(await t.deps.db.selectFrom('idempotency_keys').select('key').where('key', '=', key).execute()).toEqual([]);
    const retry = await t.call('POST', '/orders', { body: exampleOrder(), headers: withKey(key) });
    expect(retry.status, retry.text).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    expect((await t.call('POST', '/orders', { body: exampleOrder(), headers: withKey(key) })).text).toBe(retry.text);
    expect(await count('orders')).toBe(orders + 1);
  });

  it('runs ten concurrent Create Orders with one key once: the others replay it or get 409', async () => {
    const key = newKey();
    const orders = await count('orders');
    const replies = await Promise.all(Array.from({ length: 10 }, () => t.call('POST', '/orders', { body: exampleOrder(), headers: withKey(key) })));
    expectOneExecution(replies, 201);
    expect(await count('orders')).toBe(orders + 1);
  });

  it('runs ten concurrent Pack Orders with one key once: one consignment', async () => {
    const order = await createOrder();
    const key = newKey();
    const consignments = await count('consignments');
    const replies = await Promise.all(Array.from({ length: 10 }, () => t.call('POST', `/orders/${order}/pack`, { body: packBody(), headers: withKey(key) })));
    expectOneExecution(replies, 201);
    expect(await count('consignments')).toBe(consignments + 1);
  });

  it('replays for 24 hours, then forgets the key: the same key executes again', async () => {
    const key = newKey();
    const orders = await count('orders');
    const first = await t.call('POST', '/orders', { body: exampleOrder(), headers: withKey(key) });
    expect(first.status).toBe(201);
    clock.move(24 * HOUR - 60_000);
    const late = await t.call('POST', '/orders', { body: exampleOrder(), headers: withKey(key) });
    expect(late.headers.get('idempotent-replayed')).toBe('true');
    expect(late.text).toBe(first.text);
    clock.move(60_000);
    const expired = await t.call('POST', '/orders', { body: exampleOrder(), headers: withKey(key) });
    expect(expired.status).toBe(201);
    expect(expired.headers.get('idempotent-replayed')).toBeNull();
    expect(expired.json[0].Href).not.toBe(first.json[0].Href);
    expect(await count('orders')).toBe(orders + 2);
    // An expired key may even be reused for another request.
    clock.move(24 * HOUR);
    const otherBody = await t.call('POST', '/orders', { body: exampleOrder({ Tags: ['other'] }), headers: withKey(key) });
    expect(otherBody.status).toBe(201);
  });

  it.each([
    ['empty', ''],
    ['with a space', 'two words'],
    ['256 characters long', 'k'.repeat(256)],
    ['non-ASCII', 'caf\u00e9'],
  ])('answers 400 InvalidIdempotencyKey for a key %s, naming the header', async (_name, key) => {
    const orders = await count('orders');
    const r = await t.call('POST', '/orders', { body: exampleOrder(), headers: withKey(key) });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ Code: 'InvalidIdempotencyKey', Message: expect.stringContaining('Idempotency-Key'), Details: [{ Target: 'Idempotency-Key' }] });
    expect(await count('orders')).toBe(orders);
  });

  it('accepts a key of 255 visible ASCII characters', async () => {
    const key = `${'!~'.repeat(120)}${randomUUID().slice(0, 15)}`;
    expect(key).toHaveLength(255);
    const r = await t.call('POST', '/orders', { body: exampleOrder(), headers: withKey(key) });
    expect(r.status, r.text).toBe(201);
  });

  it('ignores the header on GET, even a malformed one, and stores nothing', async () => {
    const order = await createOrder();
    const keys = await count('idempotency_keys');
    for (const key of ['bad key', newKey()]) {
      const r = await t.call('GET', `/orders/${order}`, { headers: withKey(key) });
      expect(r.status).toBe(200);
      expect(r.headers.get('idempotent-replayed')).toBeNull();
    }
    expect(await count('idempotency_keys')).toBe(keys);
  });

  it('leaves requests without the header as they were: every POST executes, nothing stored', async () => {
    const orders = await count('orders');
    const keys = await count('idempotency_keys');
    await createOrder();
    await createOrder();
    expect(await count('orders')).toBe(orders + 2);
    expect(await count('idempotency_keys')).toBe(keys);
  });
});

describe.each(DIALECTS)('Idempotency-Key held by another request on %s', (dialect) => {
  const clock = movableClock();
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(dialect, { clock, idempotency: { waitMs: 300, pollMs: 50 } });
  });
  afterAll(async () => t?.close());

  it('answers 409 IdempotencyKeyInUse while the key is held, and takes over a claim abandoned for 60 s', async () => {
    const key = newKey();
    const customer = await t.deps.db.selectFrom('api_keys').select('customer_id').where('key_hash', '=', hashApiKey(t.key)).executeTakeFirstOrThrow();
    const now = clock.now();
    // What a process that crashed mid-request leaves behind.
    await t.deps.db.insertInto('idempotency_keys').values({
      customer_id: customer.customer_id, key, fingerprint: requestFingerprint('POST', '/orders', exampleOrder()), claim: randomUUID(),
      state: 'InProgress', status: null, content_type: null, location: null, body: null,
      created_at: now.toISOString(), expires_at: new Date(now.getTime() + 24 * HOUR).toISOString(),
    }).execute();
    const orders = Number((await t.deps.db.selectFrom('orders').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    const busy = await t.call('POST', '/orders', { body: exampleOrder(), headers: { 'idempotency-key': key } });
    expect(busy.status).toBe(409);
    expect(busy.json.Code).toBe('IdempotencyKeyInUse');
    expect(busy.headers.get('retry-after')).toBe('1');

    clock.move(59_000);
    expect((await t.call('POST', '/orders', { body: exampleOrder(), headers: { 'idempotency-key': key } })).status).toBe(409);
    clock.move(1_000);
    const takenOver = await t.call('POST', '/orders', { body: exampleOrder(), headers: { 'idempotency-key': key } });
    expect(takenOver.status, takenOver.text).toBe(201);
    const replay = await t.call('POST', '/orders', { body: exampleOrder(), headers: { 'idempotency-key': key } });
    expect(replay.text).toBe(takenOver.text);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const after = Number((await t.deps.db.selectFrom('orders').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(after).toBe(orders + 1);
  });
});

describe('Idempotency-Key across two service instances on one PostgreSQL database', () => {
  let t: TestServer;
  let second: { baseUrl: string; close(): Promise<void> };
  beforeAll(async () => {
    t = await startTestServer('postgres');
    const connection = connect(t.database.url, { poolSize: 4 });
    // Both instances answer with the same public base URL, as behind one load balancer.
    const server = await buildServer(makeDeps(connection), { publicBaseUrl: () => t.baseUrl });
    await server.listen({ port: 0, host: '127.0.0.1' });
    const address = server.server.address();
    second = {
      baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
      close: async () => { await server.close(); await connection.close(); },
    };
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });
  const count = counter(() => t);

  async function callSecond(method: string, path: string, body: unknown, key: string): Promise<Reply> {
    const res = await fetch(`${second.baseUrl}${path}`, {
      method, body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', 'ocp-apim-subscription-key': t.key, 'idempotency-key': key },
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
  }

  it('runs concurrent same-key Create Orders split across both instances once', async () => {
    const key = newKey();
    const orders = await count('orders');
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => i % 2 === 0
      ? t.call('POST', '/orders', { body: exampleOrder(), headers: { 'idempotency-key': key } })
      : callSecond('POST', '/orders', exampleOrder(), key)));
    expectOneExecution(replies, 201);
    expect(await count('orders')).toBe(orders + 1);
  });

  it('runs concurrent same-key Pack Orders split across both instances once', async () => {
    const created = await t.call('POST', '/orders', { body: exampleOrder() });
    const order = String(created.json[0].Href).split('/').pop()!;
    const key = newKey();
    const consignments = await count('consignments');
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => i % 2 === 0
      ? t.call('POST', `/orders/${order}/pack`, { body: packBody(), headers: { 'idempotency-key': key } })
      : callSecond('POST', `/orders/${order}/pack`, packBody(), key)));
    expectOneExecution(replies, 201);
    expect(await count('consignments')).toBe(consignments + 1);
  });
});
