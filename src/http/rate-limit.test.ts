/** Rate limit per API key and per carrier key, over real HTTP, on both databases. */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Reply, type TestServer } from '../../test/harness.js';
import { DIALECTS } from '../db/test-db.js';
import { createApiKey } from '../modules/accounts/manage-accounts.js';
import { findCustomerByKeyHash } from '../modules/accounts/accounts.repo.js';
import { hashApiKey } from '../modules/accounts/api-keys.js';
import { createCarrierKey } from '../modules/tracking/carrier-keys.js';

const MAX = 5;

function expectRateLimited(reply: Reply, windowSeconds: number) {
  expect(reply.status).toBe(429);
  expect(reply.json).toMatchObject({ Code: 'RateLimited', Details: [] });
  expect(reply.json.CorrelationId).toEqual(expect.any(String));
  expect(reply.json.Message).toContain(`at most ${MAX}`);
  const retryAfter = Number(reply.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
}

describe.each(DIALECTS)('rate limit per key on %s', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(dialect, { server: { rateLimit: { max: MAX, windowMs: 60_000 } } });
  });
  afterAll(async () => t?.close());

  it(`answers ${MAX} requests of a key, then 429 RateLimited with Retry-After; other keys, public routes and keyless calls are untouched`, async () => {
    for (let i = 0; i < MAX; i++) expect((await t.call('GET', '/packagesizes')).status).toBe(200);
    const limited = await t.call('GET', '/packagesizes');
    expectRateLimited(limited, 60);
    // Any route of that key, writes included, is limited (and the body is not even read); unknown paths too.
    expectRateLimited(await t.call('POST', '/orders', { body: {} }), 60);
    expectRateLimited(await t.call('GET', '/no/such/endpoint'), 60);

    // Another customer's key has its own allowance.
    for (let i = 0; i < MAX; i++) expect((await t.call('GET', '/packagesizes', { key: t.otherKey })).status).toBe(200);
    // So does a second key of the same customer: the limit is per key, not per customer.
    const customer = await findCustomerByKeyHash(t.deps.db, hashApiKey(t.key));
    const secondKey = await createApiKey(t.deps, customer!.reference);
    expect((await t.call('GET', '/packagesizes', { key: secondKey })).status).toBe(200);
    expect((await t.call('GET', '/no/such/endpoint', { key: secondKey })).json.Code).toBe('RouteNotFound');

    // Requests without a valid key are refused for that reason, whatever the limited key has done.
    for (let i = 0; i < MAX * 2; i++) {
      expect((await t.call('GET', '/packagesizes', { key: null })).json.Code).toBe('InvalidApiKey');
      expect((await t.call('GET', '/packagesizes', { key: 'plk_not_a_key' })).json.Code).toBe('InvalidApiKey');
    }
    // Public routes are never limited.
    for (let i = 0; i < MAX * 2; i++) {
      expect((await t.call('GET', '/health', { key: null })).status).toBe(200);
      expect((await t.call('GET', '/openapi.json', { key: null })).status).toBe(200);
      expect((await t.call('GET', '/health')).status).toBe(200);
    }
    // …and calling them with the limited key did not reset or bypass its limit.
    expectRateLimited(await t.call('GET', '/packagesizes'), 60);
  });

  it('limits a carrier key on POST /tracking/carrierevents by itself', async () => {
    const { key } = await createCarrierKey(t.deps, 'SIMPOST');
    const post = () => t.call('POST', '/tracking/carrierevents', { key, body: {} });
    for (let i = 0; i < MAX; i++) {
      const reply = await post();
      expect(reply.status).not.toBe(429);
      expect(reply.status).toBeLessThan(500);
    }
    expectRateLimited(await post(), 60);
    // A second carrier key is counted apart.
    const other = await createCarrierKey(t.deps, 'SIMPOST');
    expect((await t.call('POST', '/tracking/carrierevents', { key: other.key, body: {} })).status).not.toBe(429);
  });
});

describe('rate limit window', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite', { server: { rateLimit: { max: MAX, windowMs: 1_000 } } });
  });
  afterAll(async () => t?.close());

  it('lets the key in again once the Retry-After seconds have passed', async () => {
    let reply: Reply | undefined;
    for (let i = 0; i <= MAX; i++) reply = await t.call('GET', '/packagesizes');
    expectRateLimited(reply!, 1);
    await sleep(Number(reply!.headers.get('retry-after')) * 1000 + 100);
    expect((await t.call('GET', '/packagesizes')).status).toBe(200);
  });
});
