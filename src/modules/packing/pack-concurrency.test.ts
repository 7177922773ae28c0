/**
 * Pack Order under real concurrency: many clients over real HTTP, and on each database two
 * service instances (two servers, two connection pools) sharing one database.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleOrder, startTestServer, type TestServer } from '../../../test/harness.js';
import { makeDeps } from '../../app.js';
import { type Connection, connect } from '../../db/connect.js';
import { DIALECTS } from '../../db/test-db.js';
import { buildServer } from '../../http/server.js';

const BOX = { Weight: { Value: 1, Unit: 'Kg' }, Dimensions: { Unit: 'Cm', Length: 20, Width: 15, Height: 10 } };
const STRICT = { 'Packline-Strict-Quantities': 'true' };

describe.each(DIALECTS)('Pack Order concurrency on %s', (dialect) => {
  let t: TestServer;
  let second: { server: FastifyInstance; connection: Connection; baseUrl: string };
  beforeAll(async () => {
    t = await startTestServer(dialect);
    // A second service instance on the same database.
    const connection = connect(t.database.url);
    const server = await buildServer(makeDeps(connection), { publicBaseUrl: () => 'http://second' });
    await server.listen({ port: 0, host: '127.0.0.1' });
    const address = server.server.address();
    second = { server, connection, baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
  });
  afterAll(async () => {
    await second?.server.close();
    await second?.connection.close();
    await t?.close();
  });

  /** Half the requests go to each instance. */
  const packOn = (i: number, order: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${i % 2 === 0 ? t.baseUrl : second.baseUrl}/orders/${order}/pack`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'ocp-apim-subscription-key': t.key, ...headers },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, json: (await r.json()) as any }));

  const createOrder = async () => {
    const r = await t.call('POST', '/orders', { body: exampleOrder() });
    return String(r.json[0].Href).split('/').pop()!;
  };

  it('20 concurrent strict packs of the last unit across two instances: exactly one 201', async () => {
    const order = await createOrder();
    // TEA-500 is ordered once: every request asks for that last unit.
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => packOn(i, order, { Packages: [{ ...BOX, Items: [{ Sku: 'TEA-500' }] }] }, STRICT)),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status !== 201).map((r) => r.json.Code)).toEqual(Array(19).fill('QuantityExceedsOutstanding'));
    const ledger = (await t.call('GET', `/orders/${order}`)).json.Packages[0].Items.map((i: any) => [i.Sku, i.QuantityPacked]);
    expect(ledger).toEqual([['SKU093434', 0], ['TEA-500', 1]]);
  });

  it('strict packs racing for two units of a line: never more packed than ordered', async () => {
    const order = await createOrder();
    // SKU093434 is ordered twice; 12 requests of one unit each.
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) => packOn(i, order, { Packages: [{ ...BOX, Items: [{ Sku: 'SKU093434' }] }] }, STRICT)),
    );
    expect(replies.filter((r) => r.status === 201)).toHaveLength(2);
    expect((await t.call('GET', `/orders/${order}`)).json.PackingStatus).toBe('PartiallyPacked');
  });

  it('30 concurrent ordinary packs across two instances: all created, references unique, the ledger exact', async () => {
    const order = await createOrder();
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) => packOn(i, order, { Packages: [{ ...BOX, Items: [{ Sku: 'SKU093434' }] }, { ...BOX, Items: [{ Sku: 'TEA-500' }] }] })),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(30).fill(201));
    const references = replies.map((r) => r.json.Results[0].Data);
    expect(new Set(references).size).toBe(30);
    const packages = await t.deps.db.selectFrom('consignment_packages').select('reference').execute();
    expect(new Set(packages.map((p) => p.reference)).size).toBe(packages.length);
    const ledger = (await t.call('GET', `/orders/${order}`)).json.Packages[0].Items.map((i: any) => [i.Sku, i.QuantityPacked, i.QuantityOutstanding]);
    expect(ledger).toEqual([['SKU093434', 30, 0], ['TEA-500', 30, 0]]);
  });
});
