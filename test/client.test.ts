/** The typed client (`packline/client`): up to date with the spec, and working against a real server on both databases. */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClientFiles, SCHEMA_FILE, SPEC_FILE } from '../scripts/client-generate.js';
import { createPacklineClient, PacklineError, type CreateOrderRequest, type PacklineClient } from '../src/client/index.js';
import { DIALECTS } from '../src/db/test-db.js';
import { exampleOrder as harnessOrder, startTestServer, type TestServer } from './harness.js';

/** The harness's example order (its literals widen to string; the server checks them anyway). */
const exampleOrder = (overrides: Record<string, unknown> = {}) => harnessOrder(overrides) as CreateOrderRequest;

describe('the committed client', () => {
  it('matches the spec the server builds now (run `npm run client:generate` when this fails)', async () => {
    const fresh = await generateClientFiles();
    expect(await readFile(SPEC_FILE, 'utf8'), 'openapi.json is stale').toBe(fresh.spec);
    expect(await readFile(SCHEMA_FILE, 'utf8'), 'src/client/schema.ts is stale').toBe(fresh.schema);
  });

  it('types every path the spec has, including parameters and request bodies', async () => {
    const spec = JSON.parse(await readFile(SPEC_FILE, 'utf8')) as { paths: Record<string, unknown> };
    const schema = await readFile(SCHEMA_FILE, 'utf8');
    expect(Object.keys(spec.paths).length).toBeGreaterThan(50);
    for (const path of Object.keys(spec.paths)) expect(schema, path).toContain(`"${path}": {`);
  });
});

describe.each(DIALECTS)('typed client against a real server on %s', (dialect) => {
  let t: TestServer;
  let client: PacklineClient;
  beforeAll(async () => {
    t = await startTestServer(dialect);
    client = createPacklineClient({ baseUrl: `${t.baseUrl}/`, apiKey: t.key });
  });
  afterAll(async () => t?.close());

  it('creates an order and reads it back', async () => {
    const created = await client.createOrder(exampleOrder({ OrderReferenceProvidedByCustomer: 'CLIENT-1' }));
    expect(created.orderReference).toMatch(/^EO-[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/);
    expect(created.replayed).toBe(false);
    const order = await client.getOrder(created.orderReference);
    expect(order.OrderReference).toBe(created.orderReference);
    expect(order.OrderReferenceProvidedByCustomer).toBe('CLIENT-1');
    expect(order.Packages[0]!.Items.map((i) => [i.Sku, i.Quantity])).toEqual([['SKU093434', 2], ['TEA-500', 1]]);
  });

  it('sends the Idempotency-Key: a repeat replays the first answer and creates nothing', async () => {
    const body = exampleOrder({ OrderReferenceProvidedByCustomer: 'CLIENT-IDEM' });
    const first = await client.createOrder(body, { idempotencyKey: 'client-test-1' });
    const again = await client.createOrder(body, { idempotencyKey: 'client-test-1' });
    expect(again).toMatchObject({ orderReference: first.orderReference, replayed: true });
  });

  it('throws a PacklineError with the code, message and field details of a 400', async () => {
    const bad = exampleOrder({ Addresses: [{ AddressType: 'Origin', ShippingLocationReference: 'NOWHERE' }, exampleOrder().Addresses![1]!] });
    const error = await client.createOrder(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PacklineError);
    const e = error as PacklineError;
    expect(e.status).toBe(400);
    expect(e.Details.map((d) => d.Target)).toContain('Addresses[0].ShippingLocationReference');
    expect(e.Code).toBeTruthy();
    expect(e.Message).toBeTruthy();
    expect(e.CorrelationId).toBeTruthy();
  });

  it('throws OrderNotFound (404) for an unknown order, and 401 for a wrong key', async () => {
    await expect(client.getOrder('EO-ZZZ-ZZZ-ZZY')).rejects.toMatchObject({ status: 404, Code: 'OrderNotFound' });
    const stranger = createPacklineClient({ baseUrl: t.baseUrl, apiKey: 'plk_wrong' });
    await expect(stranger.listShippingLocations()).rejects.toMatchObject({ status: 401 });
  });

  it('pages Search Consignments with typed filters, and lists shipping locations', async () => {
    const locations = await client.listShippingLocations();
    expect(locations.map((l) => l.Reference)).toContain('WH1');
    const page = await client.searchConsignments(10, 0, { state: 'Unallocated' });
    expect(page.Count).toBe(page.ConsignmentSummaries.length);
    await expect(client.searchConsignments(0, 0)).rejects.toMatchObject({ status: 400, Code: 'InvalidPaging' });
  });

  it('the generated client reaches any endpoint with typed parameters', async () => {
    const { data } = await client.api.GET('/consignments/count', { params: { query: { state: 'Unallocated' } } });
    expect(typeof data).toBe('number');
  });
});
