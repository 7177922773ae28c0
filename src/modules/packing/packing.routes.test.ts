import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleOrder, startTestServer, type TestServer } from '../../../test/harness.js';
import { DIALECTS } from '../../db/test-db.js';

/** The seed page's Pack Order example request, byte for byte in meaning (../shared/seed/pack-order.md). */
const SEED_REQUEST = {
  OrderReference: 'EO-000-002-0TT',
  OrderReferenceProvidedByCustomer: 'MyOrderRef001',
  GenerateReturn: false,
  Packages: [
    {
      Dimensions: { Unit: 'Cm', Width: 15.4, Length: 21.7, Height: 10.0 },
      Weight: { Value: 1.3, Unit: 'Kg' },
      PackageSizeReference: '',
      Items: [{ Sku: 'SKU093434', Quantity: 1 }],
    },
  ],
  MetaData: [{ KeyValue: 'SampleKey', StringValue: 'SampleValue' }],
};
const BOX = { Weight: { Value: 1, Unit: 'Kg' }, Dimensions: { Unit: 'Cm', Length: 20, Width: 15, Height: 10 } };
const pack = (items: unknown[], extra: Record<string, unknown> = {}) => ({ Packages: [{ ...BOX, Items: items }], ...extra });
const EC = /^EC-[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/;

describe.each(DIALECTS)('Pack Order over HTTP on %s', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(dialect);
  });
  afterAll(async () => t?.close());

  const createOrder = async (body: unknown = exampleOrder()) => {
    const r = await t.call('POST', '/orders', { body });
    expect(r.status, r.text).toBe(201);
    return String(r.json[0].Href).split('/').pop()!;
  };
  const count = async (table: 'consignments' | 'consignment_items' | 'consignment_packages' | 'consignment_audit') =>
    Number((await t.deps.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const items = async (orderReference: string) =>
    (await t.call('GET', `/orders/${orderReference}`)).json.Packages.flatMap((p: any) => p.Items.map((i: any) => [i.Sku, i.QuantityPacked, i.QuantityOutstanding]));
  const status = async (orderReference: string) => (await t.call('GET', `/orders/${orderReference}`)).json.PackingStatus;
  const setState = (reference: string, state: string) => t.deps.db.updateTable('consignments').set({ state }).where('reference', '=', reference).execute();

  /** Makes the next order reference EO-000-002-0TT, the one the seed page's example packs. */
  async function nextOrderIsTheSeedPagesOrder() {
    const n = 2 * 36 ** 3 + 29 * 36 + 29; // EO-000-002-0TT
    if (dialect === 'postgres') await sql`select setval('reference_eo', ${n - 1})`.execute(t.deps.db);
    else await t.deps.db.updateTable('counters').set({ value: n - 1 }).where('name', '=', 'EO').execute();
  }

  it('packs the seed page\'s example as sent and answers 201 in the documented shape', async () => {
    await nextOrderIsTheSeedPagesOrder();
    const order = await createOrder(exampleOrder({ OrderReferenceProvidedByCustomer: null }));
    expect(order).toBe('EO-000-002-0TT');
    const r = await t.call('POST', `/orders/${order}/pack`, { body: SEED_REQUEST });
    expect(r.status, r.text).toBe(201);
    const [result] = r.json.Results;
    expect(r.json.Results).toHaveLength(1);
    expect(result).toEqual({
      Result: 'ConsignmentCreated',
      Message: `Consignment ${result.Data} created from order EO-000-002-0TT`,
      Data: expect.stringMatching(EC),
      ApiLinks: [{ Rel: 'Consignment', Href: `${t.baseUrl}/consignments/${result.Data}` }],
    });
    expect(r.headers.get('location')).toBe(result.ApiLinks[0].Href);

    // Get Consignment shows what spec §3.8 says.
    const c = (await t.call('GET', `/consignments/${result.Data}`)).json;
    expect(c).toMatchObject({
      Reference: result.Data,
      ConsignmentState: 'Unallocated',
      ConsignmentReferenceProvidedByCustomer: 'MyOrderRef001',
      OrderReference: 'EO-000-002-0TT',
      Direction: 'Outbound',
      Source: 'Api',
      Weight: { Value: 1.3, Unit: 'Kg' },
      Value: { Amount: 5.99, Currency: { IsoCode: 'GBP', Name: 'Pound Sterling' } },
      Tags: ['gift'],
      Allocation: null,
      FailedAllocation: null,
      ConsignmentLegs: [],
      LabelCount: 0,
      LabelsPrinted: false,
      DateLabelsWereFirstPrinted: null,
      IsLate: false,
      LateForCustomer: false,
      ShippingDate: '2026-12-07T09:00:00.000Z',
    });
    expect(c.MetaData.map((m: any) => [m.KeyValue, m.StringValue])).toEqual([['SampleKey', 'SampleValue'], ['ShippersEORI', 'GB123456789000']]);
    const originAddress = c.Addresses.find((a: any) => a.AddressType === 'Origin');
    expect(originAddress).toMatchObject({ ShippingLocationReference: 'WH1', Town: 'Rochdale', Postcode: 'OL16 4NW', Country: { IsoCode: { TwoLetterCode: 'GB' } } });
    expect(c.Packages).toHaveLength(1);
    const [p] = c.Packages;
    expect(p).toMatchObject({
      Reference: expect.stringMatching(/^EP-/),
      Weight: { Value: 1.3, Unit: 'Kg' },
      Dimensions: { Unit: 'Cm', Length: 21.7, Width: 15.4, Height: 10 },
      Value: { Amount: 5.99 },
      Description: 'Mugs and tea',
      PackageSizeReference: null,
      PackageReferenceProvidedByCustomer: '',
      Barcode: null,
      MetaData: [],
      Charges: [],
      ConsignmentLegs: [],
    });
    expect(p.Items).toHaveLength(1);
    const orderItem = (await t.call('GET', `/orders/${order}`)).json.Packages[0].Items[0];
    expect(p.Items[0]).toMatchObject({ Sku: 'SKU093434', Quantity: 1, Description: 'Blue mug', Status: null, Reference: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(p.Items[0].Reference).not.toBe(orderItem.Reference);

    // The same request again creates another consignment, by design (spec §3.3).
    const again = await t.call('POST', `/orders/${order}/pack`, { body: SEED_REQUEST });
    expect(again.status).toBe(201);
    expect(again.json.Results[0].Data).not.toBe(result.Data);
  });

  it('GenerateReturn creates the inbound twin in the same request, listed second', async () => {
    const order = await createOrder();
    const before = await count('consignments');
    const r = await t.call('POST', `/orders/${order}/pack`, { body: pack([{ Sku: 'TEA-500' }], { GenerateReturn: true }) });
    expect(r.status, r.text).toBe(201);
    expect(r.json.Results.map((x: any) => x.Result)).toEqual(['ConsignmentCreated', 'ReturnConsignmentCreated']);
    expect(r.json.Results[1].Message).toBe(`Return consignment ${r.json.Results[1].Data} created from order ${order}`);
    expect(await count('consignments')).toBe(before + 2);
    const [out, ret] = await Promise.all(r.json.Results.map(async (x: any) => (await t.call('GET', `/consignments/${x.Data}`)).json));
    expect([out.Direction, ret.Direction]).toEqual(['Outbound', 'Inbound']);
    const town = (c: any, type: string) => c.Addresses.find((a: any) => a.AddressType === type).Town;
    expect([town(ret, 'Origin'), town(ret, 'Destination')]).toEqual([town(out, 'Destination'), town(out, 'Origin')]);
    expect(ret.Packages[0].Reference).not.toBe(out.Packages[0].Reference);
    expect(ret.Packages[0].Items[0].Reference).not.toBe(out.Packages[0].Items[0].Reference);
    // The return does not count as packed.
    expect(await items(order)).toEqual([['SKU093434', 0, 2], ['TEA-500', 1, 0]]);
  });

  it('keeps the ledger: packed and outstanding per line, PackingStatus, units given back on cancel', async () => {
    const order = await createOrder();
    expect(await status(order)).toBe('Unpacked');
    expect(await items(order)).toEqual([['SKU093434', 0, 2], ['TEA-500', 0, 1]]);

    const first = await t.call('POST', `/orders/${order}/pack`, { body: pack([{ Sku: 'SKU093434', Quantity: 1 }]) });
    expect(await items(order)).toEqual([['SKU093434', 1, 1], ['TEA-500', 0, 1]]);
    expect(await status(order)).toBe('PartiallyPacked');

    await t.call('POST', `/orders/${order}/pack`, { body: pack([{ Sku: 'SKU093434' }, { Sku: 'TEA-500' }]) });
    expect(await items(order)).toEqual([['SKU093434', 2, 0], ['TEA-500', 1, 0]]);
    expect(await status(order)).toBe('Packed');

    const extra = await t.call('POST', `/orders/${order}/pack`, { body: pack([{ Sku: 'TEA-500', Quantity: 2 }]) });
    expect(extra.status).toBe(201); // SortedPRO never checks quantities by default
    expect(await items(order)).toEqual([['SKU093434', 2, 0], ['TEA-500', 3, 0]]);
    expect(await status(order)).toBe('OverPacked');

    await setState(extra.json.Results[0].Data, 'Cancelled');
    await setState(first.json.Results[0].Data, 'Cancelled');
    expect(await items(order)).toEqual([['SKU093434', 1, 1], ['TEA-500', 1, 0]]);
    expect(await status(order)).toBe('PartiallyPacked');

    const listed = (await t.call('GET', `/orders/${order}/consignments`)).json;
    expect(listed.PackingStatus).toBe('PartiallyPacked');
    expect(listed.Consignments.map((c: any) => c.ConsignmentState)).toEqual(['Cancelled', 'Unallocated', 'Cancelled']);
    expect(listed.Consignments[0]).toMatchObject({ ConsignmentReference: first.json.Results[0].Data, Direction: 'Outbound', IsReturn: false });
  });

  it('lists the consignments cut from orders (PUT /orders/consignments), returns paired with their outbound', async () => {
    const order = await createOrder();
    const plain = await t.call('POST', `/orders/${order}/pack`, { body: pack([{ Sku: 'TEA-500' }]) });
    const twin = await t.call('POST', `/orders/${order}/pack`, { body: pack([{ Sku: 'SKU093434' }], { GenerateReturn: true }) });
    const untouched = await createOrder();
    const r = await t.call('PUT', '/orders/consignments', { body: { OrderReferences: [order, untouched, 'EO-ZZZ-ZZZ-ZZZ', 'nonsense'] } });
    expect(r.status).toBe(200);
    expect(r.json.OrderConsignmentsResults.map((x: any) => [x.OrderReference, x.Status, x.Consignments])).toEqual([
      [order, 200, [
        { ConsignmentReference: plain.json.Results[0].Data, ReturnConsignmentReference: null },
        { ConsignmentReference: twin.json.Results[0].Data, ReturnConsignmentReference: twin.json.Results[1].Data },
      ]],
      [untouched, 200, []],
      ['EO-ZZZ-ZZZ-ZZZ', 404, []],
      ['nonsense', 404, []],
    ]);
    const empty = await t.call('PUT', '/orders/consignments', { body: { OrderReferences: [] } });
    expect([empty.status, empty.json.Code]).toEqual([400, 'FieldRequired']);
  });

  it('records who packed in the audit trail', async () => {
    const order = await createOrder();
    const r = await t.call('POST', `/orders/${order}/pack`, { body: pack([{ Sku: 'TEA-500' }]) });
    const audit = await t.call('GET', `/consignments/${r.json.Results[0].Data}/audit`);
    expect(audit.status).toBe(200);
    expect(audit.json).toEqual([{
      Id: expect.any(Number),
      Timestamp: expect.any(String),
      ConsignmentReference: r.json.Results[0].Data,
      Message: `Consignment ${r.json.Results[0].Data} created from order ${order}`,
      Severity: 'Low',
      Category: 'ConsignmentLifecycle',
      Username: t.key.slice(0, 12),
      AdditionalData: { OrderReference: order, Units: 1 },
      Details: { Action: 'Packed', StateBefore: null, StateAfter: 'Unallocated' },
    }]);
  });

  it('takes measurements from a package size and keeps the size reference', async () => {
    const order = await createOrder();
    const r = await t.call('POST', `/orders/${order}/pack`, { body: { Packages: [{ PackageSizeReference: 'M', Items: [{ Sku: 'TEA-500' }] }] } });
    expect(r.status, r.text).toBe(201);
    const p = (await t.call('GET', `/consignments/${r.json.Results[0].Data}`)).json.Packages[0];
    expect(p.PackageSizeReference).toBe('M');
    expect(p.Dimensions.Length).toBeGreaterThan(0);
    expect(p.Weight.Value).toBeGreaterThan(0);
  });

  it('[EXT] Addresses and ShippingDate override the order for this consignment only', async () => {
    const order = await createOrder();
    const destination = { AddressType: 'Destination', CompanyName: 'Acme', AddressLine1: '2 Low Road', Town: 'York', Postcode: 'YO1 7HH', Country: { IsoCode: { TwoLetterCode: 'GB' } } };
    const r = await t.call('POST', `/orders/${order}/pack`, { body: pack([{ Sku: 'TEA-500' }], { Addresses: [destination], ShippingDate: '2026-12-24' }) });
    expect(r.status, r.text).toBe(201);
    const c = (await t.call('GET', `/consignments/${r.json.Results[0].Data}`)).json;
    expect(c.Addresses.find((a: any) => a.AddressType === 'Destination').Town).toBe('York');
    expect(c.ShippingDate).toBe('2026-12-24T00:00:00.000Z');
    expect((await t.call('GET', `/orders/${order}`)).json.Addresses.find((a: any) => a.AddressType === 'Destination').Town).toBe('Leeds');
  });

  describe('refusals: a clear 4xx naming the field, and nothing written', () => {
    let order: string;
    beforeAll(async () => {
      order = await createOrder();
    });

    it.each<[string, unknown, string, string[]]>([
      ['no packages', { Packages: [] }, 'PackagesRequired', ['Packages']],
      ['a body OrderReference for another order', { ...pack([{ Sku: 'TEA-500' }]), OrderReference: 'EO-000-000-999' }, 'ReferenceMismatch', ['OrderReference']],
      ['an item not on the order (the seed page\'s 12345)', pack([{ Sku: '12345' }]), 'ItemNotFoundOnOrder', ['Packages[0].Items[0].Sku']],
      ['a zero quantity', pack([{ Sku: 'TEA-500', Quantity: 0 }]), 'InvalidQuantity', ['Packages[0].Items[0].Quantity']],
      ['a fractional quantity', pack([{ Sku: 'TEA-500', Quantity: 1.5 }]), 'InvalidType', ['Packages[0].Items[0].Quantity']],
      ['an unknown package size', { Packages: [{ PackageSizeReference: 'XXL', Items: [{ Sku: 'TEA-500' }] }] }, 'PackageSizeNotFound', ['Packages[0].PackageSizeReference']],
      ['every problem at once', {
        OrderReference: 'EO-000-000-999',
        Packages: [{ Items: [{ Sku: '12345' }, {}, { Sku: 'TEA-500', ItemReferenceProvidedByCustomer: 'LINE-1' }] }, { ...BOX, Items: [] }],
      }, 'ValidationFailed', [
        'OrderReference', 'Packages[0].Items[0].Sku', 'Packages[0].Items[1]', 'Packages[0].Items[2].Sku',
        'Packages[0]', 'Packages[1].Items',
      ]],
    ])('%s → 400 %s', async (_name, body, code, targets) => {
      const before = await Promise.all([count('consignments'), count('consignment_items'), count('consignment_packages'), count('consignment_audit')]);
      const r = await t.call('POST', `/orders/${order}/pack`, { body });
      expect(r.status, r.text).toBe(400);
      expect(r.json.Code).toBe(code);
      expect(r.json.Details.map((d: any) => d.Target).sort()).toEqual([...targets].sort());
      expect(r.json.CorrelationId).toEqual(expect.any(String));
      expect(await Promise.all([count('consignments'), count('consignment_items'), count('consignment_packages'), count('consignment_audit')])).toEqual(before);
    });

    it.each([
      ['an unknown order', 'EO-ZZZ-ZZZ-ZZZ', 404, 'OrderNotFound'],
      ['not an order reference', 'EC-000-000-001', 400, 'InvalidReference'],
    ])('%s → %i %s', async (_name, reference, code, errorCode) => {
      const r = await t.call('POST', `/orders/${reference}/pack`, { body: pack([{ Sku: 'TEA-500' }]) });
      expect([r.status, r.json.Code]).toEqual([code, errorCode]);
    });

    it('another customer\'s order answers 404, exactly like an unknown one', async () => {
      const before = await count('consignments');
      const r = await t.call('POST', `/orders/${order}/pack`, { body: pack([{ Sku: 'TEA-500' }]), key: t.otherKey });
      expect([r.status, r.json.Code]).toEqual([404, 'OrderNotFound']);
      expect(r.json.Message).toBe(`Order ${order} was not found.`);
      expect(await count('consignments')).toBe(before);
    });

    it('another customer cannot read the consignment or its audit', async () => {
      const r = await t.call('POST', `/orders/${order}/pack`, { body: pack([{ Sku: 'TEA-500' }]) });
      const reference = r.json.Results[0].Data;
      for (const path of [`/consignments/${reference}`, `/consignments/${reference}/audit`, `/consignments/${reference}/status`, `/orders/${order}/consignments`]) {
        const other = await t.call('GET', path, { key: t.otherKey });
        expect([path, other.status]).toEqual([path, 404]);
      }
    });

    it('GET /orders/{ref}/pack answers 405 naming POST (the seed page\'s prose says GET)', async () => {
      const r = await t.call('GET', `/orders/${order}/pack`);
      expect(r.status).toBe(405);
      expect(r.headers.get('allow')).toBe('POST');
      expect(r.json).toMatchObject({ Code: 'MethodNotAllowed', Message: expect.stringContaining('POST') });
    });

    it('without a key: 401', async () => {
      const r = await t.call('POST', `/orders/${order}/pack`, { body: pack([{ Sku: 'TEA-500' }]), key: null });
      expect([r.status, r.json.Code]).toEqual([401, 'InvalidApiKey']);
    });
  });

  describe('strict packing [EXT]', () => {
    const strict = { 'Packline-Strict-Quantities': 'true' };

    it('refuses to pack past the ordered quantity, naming the item, outstanding and requested units', async () => {
      const order = await createOrder();
      expect((await t.call('POST', `/orders/${order}/pack`, { body: pack([{ Sku: 'SKU093434' }]), headers: strict })).status).toBe(201);
      const before = await count('consignments');
      const r = await t.call('POST', `/orders/${order}/pack`, { body: pack([{ Sku: 'SKU093434', Quantity: 2 }]), headers: strict });
      expect(r.status, r.text).toBe(400);
      expect(r.json.Code).toBe('QuantityExceedsOutstanding');
      expect(r.json.Details).toEqual([{
        Code: 'QuantityExceedsOutstanding',
        Target: 'Packages[0].Items[0].Quantity',
        Message: expect.stringMatching(/SKU093434.*1 unit\(s\) left to pack; this pack asks for 2/),
      }]);
      expect(await count('consignments')).toBe(before);
      // The same pack without the header is SortedPRO's behaviour: accepted.
      expect((await t.call('POST', `/orders/${order}/pack`, { body: pack([{ Sku: 'SKU093434', Quantity: 2 }]) })).status).toBe(201);
    });

    it('counts the same line across the packages of one request', async () => {
      const order = await createOrder();
      const body = { Packages: [{ ...BOX, Items: [{ Sku: 'SKU093434' }] }, { ...BOX, Items: [{ Sku: 'SKU093434' }, { Sku: 'SKU093434' }] }] };
      const r = await t.call('POST', `/orders/${order}/pack`, { body, headers: strict });
      expect([r.status, r.json.Code]).toEqual([400, 'QuantityExceedsOutstanding']);
    });

    it('a cancelled consignment gives its units back', async () => {
      const order = await createOrder();
      const first = await t.call('POST', `/orders/${order}/pack`, { body: pack([{ Sku: 'TEA-500' }]), headers: strict });
      expect((await t.call('POST', `/orders/${order}/pack`, { body: pack([{ Sku: 'TEA-500' }]), headers: strict })).status).toBe(400);
      await setState(first.json.Results[0].Data, 'Cancelled');
      expect((await t.call('POST', `/orders/${order}/pack`, { body: pack([{ Sku: 'TEA-500' }]), headers: strict })).status).toBe(201);
    });

    it('follows the customer setting when the header is absent, and the header overrides it', async () => {
      const order = await createOrder();
      await t.call('POST', `/orders/${order}/pack`, { body: pack([{ Sku: 'TEA-500' }]) });
      await t.deps.db.updateTable('customers').set({ strict_pack_quantities: 1 }).where('name', '=', 'Demo Shop').execute();
      try {
        expect((await t.call('POST', `/orders/${order}/pack`, { body: pack([{ Sku: 'TEA-500' }]) })).status).toBe(400);
        expect((await t.call('POST', `/orders/${order}/pack`, { body: pack([{ Sku: 'TEA-500' }]), headers: { 'Packline-Strict-Quantities': 'false' } })).status).toBe(201);
      } finally {
        await t.deps.db.updateTable('customers').set({ strict_pack_quantities: 0 }).where('name', '=', 'Demo Shop').execute();
      }
    });

    it('refuses a header value that is not true or false', async () => {
      const order = await createOrder();
      const r = await t.call('POST', `/orders/${order}/pack`, { body: pack([{ Sku: 'TEA-500' }]), headers: { 'Packline-Strict-Quantities': 'maybe' } });
      expect([r.status, r.json.Code, r.json.Details[0].Target]).toEqual([400, 'InvalidEnumValue', 'Packline-Strict-Quantities']);
    });
  });
});
