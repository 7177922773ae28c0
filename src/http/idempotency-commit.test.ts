/**
 * Idempotency-Key and the commit of the change it guards, for Pack Order: the stored response
 * must commit with the consignments, or a retry after a crash between the two packs twice.
 * The service is stopped at the exact moment with a route hook (the server's onRoute option):
 * after the handler (so after the commit) but before the response is stored and sent — what a
 * kill -9 at that instant leaves behind. The crash test (test/crash-safety.test.ts) hits the
 * same window by chance; this test hits it every time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { exampleOrder, startTestServer, type TestServer } from '../../test/harness.js';
import { makeDeps } from '../app.js';
import { connect, type Connection } from '../db/connect.js';
import { DIALECTS } from '../db/test-db.js';
import { buildServer } from './server.js';

const HANG_AFTER_COMMIT = 'x-test-hang-after-commit';
const HANG_BEFORE_HANDLER = 'x-test-hang-before-handler';
const packBody = (tag: string) => ({
  OrderReferenceProvidedByCustomer: tag,
  Packages: [{ PackageSizeReference: 'S', Items: [{ Sku: 'SKU093434', Quantity: 1 }] }],
});

/** Lets a request of the pack route stop at one lifecycle step until the test releases it. */
function gate(header: string) {
  const waiting: Array<() => void> = [];
  const stop = async (request: { headers: Record<string, unknown> }) => {
    if (request.headers[header] !== undefined) await new Promise<void>((resolve) => waiting.push(resolve));
  };
  // Fastify tells hook kinds apart by their arity: preHandler takes (request), preSerialization returns the payload.
  const hook = async (request: { headers: Record<string, unknown> }) => stop(request);
  const payloadHook = async (request: { headers: Record<string, unknown> }, _reply: unknown, payload: unknown) => {
    await stop(request);
    return payload;
  };
  return { hook, payloadHook, waiting, release: () => waiting.splice(0).forEach((r) => r()) };
}

describe.each(DIALECTS)('Pack Order with Idempotency-Key across the commit on %s', (dialect) => {
  let t: TestServer;
  let connection: Connection;
  let server: FastifyInstance;
  let base = '';
  const afterHandler = gate(HANG_AFTER_COMMIT); // preSerialization: the consignments are committed, the key not yet stored
  const beforeHandler = gate(HANG_BEFORE_HANDLER); // route preHandler: the key is claimed, nothing written yet

  beforeAll(async () => {
    t = await startTestServer(dialect);
    connection = connect(t.database.url, { poolSize: 4 });
    const onRoute = (route: RouteOptions) => {
      if (route.method !== 'POST' || !route.url.endsWith('/pack')) return;
      route.preSerialization = [afterHandler.payloadHook as never];
      route.preHandler = [beforeHandler.hook as never];
    };
    // A claim counts as abandoned after 300 ms here (60 s in the service), so a retry takes it over at once.
    server = await buildServer(makeDeps(connection), { publicBaseUrl: () => base, onRoute, idempotency: { abandonAfterMs: 300, waitMs: 100, pollMs: 20 } });
    await server.listen({ port: 0, host: '127.0.0.1' });
    const address = server.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    afterHandler.release();
    beforeHandler.release();
    await server?.close();
    await connection?.close();
    await t?.close();
  });

  const pack = (order: string, body: unknown, key: string, headers: Record<string, string> = {}, signal?: AbortSignal) =>
    fetch(`${base}/orders/${order}/pack`, {
      method: 'POST', body: JSON.stringify(body), ...(signal ? { signal } : {}),
      headers: { 'content-type': 'application/json', 'ocp-apim-subscription-key': t.key, 'idempotency-key': key, ...headers },
    });
  const consignmentsTagged = async (tag: string) =>
    (await t.deps.db.selectFrom('consignments').select('reference').where('customer_consignment_reference', '=', tag).execute()).map((r) => r.reference);
  const newOrder = async () => {
    const r = await t.call('POST', '/orders', { body: exampleOrder({ OrderReferenceProvidedByCustomer: 'IDEM-COMMIT' }) });
    expect(r.status, r.text).toBe(201);
    return String(r.json[0].Href).split('/').pop()!;
  };
  const until = async (what: () => Promise<boolean>) => {
    for (let i = 0; i < 200 && !(await what()); i++) await new Promise((r) => setTimeout(r, 25));
    expect(await what()).toBe(true);
  };

  it('replays the committed pack when the process died before storing its response: one consignment', async () => {
    const order = await newOrder();
    const tag = `commit-${dialect}-1`;
    const lost = new AbortController();
    const first = pack(order, packBody(tag), `k-${tag}`, { [HANG_AFTER_COMMIT]: '1' }, lost.signal).catch(() => 'lost');
    await until(async () => afterHandler.waiting.length === 1);
    const committed = await consignmentsTagged(tag);
    expect(committed).toHaveLength(1); // the change is committed; its response never reached the client
    lost.abort();
    expect(await first).toBe('lost');
    await new Promise((r) => setTimeout(r, 400)); // past abandonAfterMs: the claim looks abandoned

    const retry = await pack(order, packBody(tag), `k-${tag}`);
    const text = await retry.text();
    expect(retry.status, text).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(JSON.parse(text).Results[0].Data).toBe(committed[0]);
    expect(await consignmentsTagged(tag)).toEqual(committed);
    afterHandler.release();
  });

  it('rolls back a pack whose key was taken over while it ran: the change is made once', async () => {
    const order = await newOrder();
    const tag = `commit-${dialect}-2`;
    const slow = pack(order, packBody(tag), `k-${tag}`, { [HANG_BEFORE_HANDLER]: '1' });
    await until(async () => beforeHandler.waiting.length === 1);
    await new Promise((r) => setTimeout(r, 400)); // the slow request's claim now counts as abandoned

    const retry = await pack(order, packBody(tag), `k-${tag}`);
    expect(retry.status, await retry.clone().text()).toBe(201);
    const packed = ((await retry.json()) as { Results: Array<{ Data: string }> }).Results[0]!.Data;
    beforeHandler.release();
    const late = await slow;
    const lateBody = (await late.json()) as { Code?: string };
    expect([late.status, lateBody.Code]).toEqual([409, 'IdempotencyKeyInUse']);
    expect(await consignmentsTagged(tag)).toEqual([packed]);
  });
});
