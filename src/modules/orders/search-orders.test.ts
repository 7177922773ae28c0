import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleOrder, startTestServer, type TestServer } from '../../../test/harness.js';
import { DIALECTS } from '../../db/test-db.js';

const BOX = { Weight: { Value: 1, Unit: 'Kg' }, Dimensions: { Unit: 'Cm', Length: 20, Width: 15, Height: 10 } };
const pack = (items: unknown[], extra: Record<string, unknown> = {}) => ({ Packages: [{ ...BOX, Items: items }], ...extra });
const cup = (quantity: number) => ({ ...exampleOrder().Packages[0]!.Items[0]!, Sku: 'CUP-9', ItemReferenceProvidedByCustomer: null, Quantity: quantity });

describe.each(DIALECTS)('[EXT] Search Orders GET /orders/{take}/{skip} over HTTP on %s', (dialect) => {
  let t: TestServer;
  /** The demo customer's orders by name, and what Get Order says of each. */
  const ref: Record<string, string> = {};

  const createOrder = async (body: unknown) => {
    const r = await t.call('POST', '/orders', { body });
    expect(r.status, r.text).toBe(201);
    return String(r.json[0].Href).split('/').pop()!;
  };
  const packOrder = async (order: string, items: unknown[], extra?: Record<string, unknown>) => {
    const r = await t.call('POST', `/orders/${order}/pack`, { body: pack(items, extra) });
    expect(r.status, r.text).toBe(201);
    return r.json.Results[0].Data as string;
  };
  const search = async (query = '', page = '1000/0') => {
    const r = await t.call('GET', `/orders/${page}${query ? `?${query}` : ''}`);
    expect(r.status, r.text).toBe(200);
    return r.json as { Count: number; OrderSummaries: Array<{ OrderReference: string } & Record<string, any>> };
  };
  const names = (found: { OrderSummaries: Array<{ OrderReference: string }> }) =>
    found.OrderSummaries.map((s) => Object.entries(ref).find(([, r]) => r === s.OrderReference)?.[0] ?? s.OrderReference);
  const createdAt = (reference: string, at: string) => t.deps.db.updateTable('orders').set({ created_at: at }).where('reference', '=', reference).execute();

  beforeAll(async () => {
    t = await startTestServer(dialect);
    ref.unpacked = await createOrder(exampleOrder({ OrderReferenceProvidedByCustomer: 'SO-1' }));
    ref.partial = await createOrder(exampleOrder({ OrderReferenceProvidedByCustomer: 'SO-2' }));
    await packOrder(ref.partial, [{ Sku: 'SKU093434', Quantity: 1 }]);
    ref.packed = await createOrder(exampleOrder({ OrderReferenceProvidedByCustomer: 'SO-3' }));
    await packOrder(ref.packed, [{ Sku: 'SKU093434', Quantity: 2 }, { Sku: 'TEA-500', Quantity: 1 }]);
    ref.over = await createOrder(exampleOrder({ OrderReferenceProvidedByCustomer: 'SO-4' }));
    await packOrder(ref.over, [{ Sku: 'TEA-500', Quantity: 2 }]);
    // Packed, then cancelled: the ledger forgets cancelled consignments, and so must the filter.
    ref.cancelled = await createOrder(exampleOrder({ OrderReferenceProvidedByCustomer: 'SO-5' }));
    const cancelled = await packOrder(ref.cancelled, [{ Sku: 'SKU093434', Quantity: 2 }, { Sku: 'TEA-500', Quantity: 1 }]);
    await t.deps.db.updateTable('consignments').set({ state: 'Cancelled' }).where('reference', '=', cancelled).execute();
    // Packed with a return: the return's units are not packed units.
    ref.returned = await createOrder(exampleOrder({ OrderReferenceProvidedByCustomer: 'SO-6', Packages: [{ ...exampleOrder().Packages[0], Items: [cup(3)] }] }));
    await packOrder(ref.returned, [{ Sku: 'CUP-9', Quantity: 1 }], { GenerateReturn: true });
    await createdAt(ref.unpacked, '2026-01-01T10:00:00.000Z');
    await createdAt(ref.partial, '2026-01-02T10:00:00.000Z');
    await createdAt(ref.packed, '2026-01-03T10:00:00.000Z');
    await createdAt(ref.over, '2026-01-04T10:00:00.000Z');
    await createdAt(ref.cancelled, '2026-01-05T10:00:00.000Z');
    await createdAt(ref.returned, '2026-01-05T10:00:00.000Z');
  });
  afterAll(async () => t?.close());

  it('lists every order newest first (same instant: the later reference first), with the status Get Order shows', async () => {
    const all = await search();
    expect(all.Count).toBe(6);
    expect(names(all)).toEqual(['returned', 'cancelled', 'over', 'packed', 'partial', 'unpacked']);
    for (const summary of all.OrderSummaries) {
      const order = (await t.call('GET', `/orders/${summary.OrderReference}`)).json;
      expect(summary.PackingStatus, summary.OrderReference).toBe(order.PackingStatus);
      const items = order.Packages.flatMap((p: any) => p.Items);
      expect(summary.Units).toBe(items.reduce((n: number, i: any) => n + i.Quantity, 0));
      expect(summary.UnitsOutstanding).toBe(items.reduce((n: number, i: any) => n + i.QuantityOutstanding, 0));
    }
    expect(all.OrderSummaries.map((s) => s.PackingStatus)).toEqual(['PartiallyPacked', 'Unpacked', 'OverPacked', 'Packed', 'PartiallyPacked', 'Unpacked']);
    expect(all.OrderSummaries.at(-1)).toEqual({
      OrderReference: ref.unpacked, OrderReferenceProvidedByCustomer: 'SO-1', DateCreated: '2026-01-01T10:00:00.000Z',
      ShippingDate: '2026-12-07T09:00:00.000Z', Direction: 'Outbound', PackingStatus: 'Unpacked', Lines: 2, Units: 3, UnitsOutstanding: 3,
      ShippingLocationReference: 'WH1', DestinationName: 'Jo Bloggs', DestinationPostcode: 'LS1 1AA', DestinationCountryCode: 'GB',
      Tags: expect.any(Array), ApiLinks: [{ Rel: 'Order', Href: expect.stringMatching(new RegExp(`/orders/${ref.unpacked}$`)) }],
    });
  });

  it.each([
    ['packingStatus=Unpacked', ['cancelled', 'unpacked']],
    ['packingStatus=partiallypacked', ['returned', 'partial']],
    ['packingStatus=Packed', ['packed']],
    ['packingStatus=OverPacked', ['over']],
    ['packingStatus=Packed,Unpacked', ['cancelled', 'packed', 'unpacked']],
    ['orderReferenceProvidedByCustomer=SO-3', ['packed']],
    ['ORDERREFERENCEPROVIDEDBYCUSTOMER=SO-3&packingStatus=Unpacked', []],
    ['sku=CUP-9', ['returned']],
    ['sku=TEA-500&packingStatus=PartiallyPacked', ['partial']],
    ['sku=tea-500', []],
    ['fromDate=2026-01-04', ['returned', 'cancelled', 'over']],
    ['toDate=2026-01-02', ['partial', 'unpacked']],
    ['fromDate=2026-01-02T10:00:00Z&toDate=2026-01-03T10:00:00Z', ['packed', 'partial']],
    ['searchTerm=so-', ['returned', 'cancelled', 'over', 'packed', 'partial', 'unpacked']],
    ['searchTerm=SO-2', ['partial']],
    ['packingStatus=&sku=', ['returned', 'cancelled', 'over', 'packed', 'partial', 'unpacked']],
  ])('filters %s', async (query, expected) => {
    const found = await search(query);
    expect(names(found)).toEqual(expected);
    expect(found.Count).toBe(expected.length);
  });

  it('pages with take/skip; Count is the number of matches', async () => {
    const page = await search('', '2/1');
    expect(page.Count).toBe(6);
    expect(names(page)).toEqual(['cancelled', 'over']);
    expect((await search('', '1000/6')).OrderSummaries).toEqual([]);
  });

  it.each([
    ['/orders/1001/0', 'InvalidPaging', 'take'],
    ['/orders/0/0', 'InvalidPaging', 'take'],
    ['/orders/10/-1', 'InvalidPaging', 'skip'],
    ['/orders/10/0?packingStatus=Shipped', 'InvalidFilter', 'packingStatus'],
    ['/orders/10/0?fromDate=yesterday', 'InvalidFilter', 'fromDate'],
    ['/orders/10/0?colour=blue', 'InvalidFilter', 'colour'],
    // A repeated parameter fails the schema first (as in Search Consignments).
    ['/orders/10/0?sku=A&sku=B', 'InvalidType', 'sku'],
  ])('%s → 400 %s naming %s', async (path, code, target) => {
    const r = await t.call('GET', path);
    expect([r.status, r.json.Code]).toEqual([400, code]);
    expect(r.json.Details.map((d: { Target: string }) => d.Target)).toContain(target);
  });

  it("shows another customer none of these orders, and Get Order's own routes still answer", async () => {
    const theirs = await t.call('GET', '/orders/1000/0', { key: t.otherKey });
    expect(theirs.json).toEqual({ Count: 0, OrderSummaries: [] });
    expect((await t.call('GET', `/orders/${ref.partial}/consignments`)).json.PackingStatus).toBe('PartiallyPacked');
  });
});
