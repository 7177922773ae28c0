import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleOrder, startTestServer, type TestServer } from '../../../test/harness.js';
import { DIALECTS } from '../../db/test-db.js';

const REF = /^EO-[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/;

describe.each(DIALECTS)('Orders API over HTTP on %s', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(dialect);
  });
  afterAll(async () => t?.close());

  const create = async (body: unknown = exampleOrder()) => {
    const r = await t.call('POST', '/orders', { body });
    expect(r.status, r.text).toBe(201);
    return String(r.json[0].Href).split('/').pop()!;
  };
  const orderCount = async () => Number((await t.deps.db.selectFrom('orders').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('creates the documented example and answers 201 with an Order ApiLink and a Location header', async () => {
    const r = await t.call('POST', '/orders', { body: exampleOrder() });
    expect(r.status).toBe(201);
    expect(r.json).toEqual([{ Rel: 'Order', Href: expect.stringMatching(new RegExp(`^${t.baseUrl}/orders/EO-`)) }]);
    expect(r.headers.get('location')).toBe(r.json[0].Href);
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('gets the order in the documented shape: PascalCase, explicit nulls, Kg, ISO names, computed totals', async () => {
    const reference = await create();
    const r = await t.call('GET', `/orders/${reference}`);
    expect(r.status).toBe(200);
    const o = r.json;
    expect(o.OrderReference).toMatch(REF);
    expect(Object.keys(o)).toEqual([
      'OrderReference', 'OrderReferenceProvidedByCustomer', 'DeliveryOptionReference', 'Packages', 'DateCreated',
      'RequiredDeliveryDate', 'ShippingDate', 'MetaData', 'EarliestDeliveryDate', 'LatestDeliveryDate', 'Weight', 'Source',
      'Value', 'Addresses', 'CustomsDocumentation', 'Direction', 'Tags', 'PackingStatus',
    ]);
    expect(o).toMatchObject({
      OrderReferenceProvidedByCustomer: 'MyOrderRef001',
      DeliveryOptionReference: null,
      RequiredDeliveryDate: null,
      ShippingDate: '2026-12-07T09:00:00.000Z',
      EarliestDeliveryDate: null,
      LatestDeliveryDate: null,
      Weight: { Value: 1.3, Unit: 'Kg' },
      Source: 'Api',
      Value: { Amount: 24.48, Currency: { IsoCode: 'GBP', Name: 'Pound Sterling' } },
      CustomsDocumentation: null,
      Direction: 'Outbound',
      Tags: ['gift'],
      MetaData: [{ KeyValue: 'ShippersEORI', StringValue: 'GB123456789000', IntValue: null, DecimalValue: null, DateTimeValue: null, BoolValue: null }],
    });
    expect(Date.parse(o.DateCreated)).not.toBeNaN();
    const [pkg] = o.Packages;
    expect(pkg.Reference).toMatch(/^EP-[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/);
    expect(pkg).toMatchObject({ PackageReferenceProvidedByCustomer: 'BOX-1', Description: 'Mugs and tea', Weight: null, Value: null, MetaData: [] });
    expect(pkg.Items[0].Reference).toMatch(/^[0-9a-f]{32}$/);
    expect(pkg.Items[0]).toMatchObject({ Sku: 'SKU093434', Quantity: 2, Weight: { Value: 0.4, Unit: 'Kg' }, HarmonisationKeyWords: [] });
    expect(pkg.Items[1]).toMatchObject({
      Weight: { Value: 0.5, Unit: 'Kg' },
      Quantity: 1,
      CountryOfOrigin: { Name: 'India', IsoCode: { TwoLetterCode: 'IN', ThreeLetterCode: 'IND', NumericCode: '356' } },
    });
    const destination = o.Addresses.find((a: { AddressType: string }) => a.AddressType === 'Destination');
    expect(destination.Country).toEqual({ Name: 'United Kingdom', IsoCode: { TwoLetterCode: 'GB', ThreeLetterCode: 'GBR', NumericCode: '826' } });
    // Orders store a shipping-location address as sent (spec §1.6 / §17 #28).
    expect(o.Addresses[0]).toMatchObject({ AddressType: 'Origin', ShippingLocationReference: 'WH1', AddressLine1: null, Country: null });
  });

  it('hands out consecutive, distinct references', async () => {
    const a = await create();
    const b = await create();
    expect(a).not.toBe(b);
    expect(parseInt(b.replace(/[^0-9A-Z]/g, '').slice(2), 36) - parseInt(a.replace(/[^0-9A-Z]/g, '').slice(2), 36)).toBe(1);
  });

  it('accepts property names, enum names and units in any case, and numeric enums', async () => {
    const body = JSON.parse(JSON.stringify(exampleOrder()).replace(/"Packages"/, '"packages"').replace(/"Sku"/g, '"SKU"'));
    body.Direction = 1;
    body.Addresses[1].AddressType = 'destination';
    body.packages[0].Items[1].Weight = { value: 1, unit: 'lb' };
    const reference = await create(body);
    const o = (await t.call('GET', `/orders/${reference.toLowerCase()}`)).json;
    expect(o.Direction).toBe('Inbound');
    expect(o.Packages[0].Items[0].Sku).toBe('SKU093434');
    expect(o.Packages[0].Items[1].Weight).toEqual({ Value: 0.45359, Unit: 'Kg' });
  });

  it.each([
    ['a malformed reference', '/orders/12345', 400, 'InvalidReference'],
    ['a consignment reference', '/orders/EC-000-000-001', 400, 'InvalidReference'],
    ['an unknown order', '/orders/EO-ZZZ-ZZZ-ZZZ', 404, 'OrderNotFound'],
  ])('answers %s with %i %s', async (_what, path, status, code) => {
    const r = await t.call('GET', path);
    expect(r.status).toBe(status);
    expect(r.json).toMatchObject({ Code: code, CorrelationId: expect.stringMatching(/^[0-9a-f-]{36}$/), Details: expect.any(Array) });
  });

  it("answers another customer's order exactly as an unknown one: 404", async () => {
    const reference = await create();
    const theirs = await t.call('GET', `/orders/${reference}`, { key: t.otherKey });
    const unknown = await t.call('GET', '/orders/EO-ZZZ-ZZZ-ZZY', { key: t.otherKey });
    expect(theirs.status).toBe(404);
    expect(theirs.json.Code).toBe(unknown.json.Code);
    const update = await t.call('PUT', `/orders/${reference}`, { key: t.otherKey, body: { OrderReference: reference } });
    expect(update.status).toBe(404);
    const address = await t.call('POST', `/orders/${reference}/address`, {
      key: t.otherKey,
      body: { AddressType: 'Return', ShippingLocationReference: 'WH1' },
    });
    expect(address.status).toBe(404);
  });

  it.each([
    ['no key', null],
    ['an unknown key', 'plk_0000000000000000000000000000000000000000'],
    ['a blank key', '  '],
  ])('answers %s with 401 InvalidApiKey', async (_what, key) => {
    const r = await t.call('GET', '/orders/EO-000-000-001', { key });
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ Code: 'InvalidApiKey', Details: [] });
  });

  it('serves /health, /openapi.json and /docs without a key', async () => {
    expect((await t.call('GET', '/health', { key: null })).status).toBe(200);
    const spec = await t.call('GET', '/openapi.json', { key: null });
    expect(spec.status).toBe(200);
    expect(spec.json.openapi).toBe('3.1.0');
    expect(Object.keys(spec.json.paths)).toEqual(expect.arrayContaining([
      '/orders', '/orders/{orderReference}', '/orders/{orderReference}/address', '/orders/{orderReference}/pack',
      '/orders/{orderReference}/pack/suggest', '/orders/consignments', '/consignments', '/consignments/{consignmentReference}',
      '/consignments/{take}/{skip}', '/consignments/cancellist', '/packages/{packageReference}',
    ]));
    // The hidden 405 route is not documented as an operation.
    expect(spec.json.paths['/orders/{orderReference}/pack'].get).toBeUndefined();
    expect(spec.json.paths['/orders'].post.requestBody.content['application/json'].schema.properties.Packages).toBeDefined();
    const docs = await t.call('GET', '/docs', { key: null });
    expect(docs.status).toBe(200);
  });

  it.each([
    ['an unsupported API version', { 'electio-api-version': '2.0' }, 400, 'UnsupportedApiVersion'],
    ['an XML body', { 'content-type': 'text/xml' }, 415, 'UnsupportedMediaType'],
    ['a form body', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'UnsupportedMediaType'],
    ['an XML-only Accept', { accept: 'application/xml' }, 406, 'NotAcceptable'],
  ])('answers %s with %i %s and writes nothing', async (_what, headers, status, code) => {
    const before = await orderCount();
    const r = await t.call('POST', '/orders', { raw: JSON.stringify(exampleOrder()), headers: { 'content-type': 'application/json', ...headers } });
    expect(r.status).toBe(status);
    expect(r.json.Code).toBe(code);
    expect(await orderCount()).toBe(before);
  });

  it('accepts electio-api-version 1.1 and JSON with a charset', async () => {
    const r = await t.call('POST', '/orders', {
      raw: JSON.stringify(exampleOrder()),
      headers: { 'electio-api-version': '1.1', 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
    });
    expect(r.status).toBe(201);
  });

  it.each([
    ['malformed JSON', '{"Packages": [', 400, 'MalformedBody'],
    ['an array body', '[]', 400, 'InvalidType'],
    ['a string body', '"order"', 400, 'InvalidType'],
    ['a body over 1 MiB', JSON.stringify({ ...exampleOrder(), Padding: 'x'.repeat(1024 * 1024) }), 413, 'PayloadTooLarge'],
  ])('answers %s with %i %s in the error shape', async (_what, raw, status, code) => {
    const before = await orderCount();
    const r = await t.call('POST', '/orders', { raw, headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(status);
    expect(r.json).toMatchObject({ Code: code, Message: expect.any(String), CorrelationId: expect.any(String) });
    expect(await orderCount()).toBe(before);
  });

  it('refuses NUL characters in bodies and paths (PostgreSQL cannot store them) with a 400', async () => {
    const before = await orderCount();
    const body: any = exampleOrder();
    body.Packages[0].Items[0].Sku = 'A\u0000B';
    const r = await t.call('POST', '/orders', { body });
    expect(r.status).toBe(400);
    expect(r.json.Code).toBe('MalformedBody');
    expect((await t.call('GET', '/shippinglocations/WH1%00')).status).toBe(400);
    expect(await orderCount()).toBe(before);
  });

  it('answers an unknown endpoint with 404 in the error shape', async () => {
    const r = await t.call('GET', '/nothing/here');
    expect(r.status).toBe(404);
    expect(r.json.Code).toBe('RouteNotFound');
  });

  it('lists every problem of a bad order at once, with field paths, and creates nothing', async () => {
    const before = await orderCount();
    const body = exampleOrder({
      ShippingDate: 'next tuesday',
      Direction: 'Sideways',
      MetaData: [{ KeyValue: 'a', StringValue: 'x' }, { KeyValue: 'A', IntValue: 1 }],
    });
    const items = (body.Packages as any)[0].Items;
    items[0].Value.Currency.IsoCode = 'XXQ';
    items[1].Quantity = 0;
    delete items[1].Weight;
    (body.Addresses as any)[1].Country.IsoCode.TwoLetterCode = 'QQ';
    const r = await t.call('POST', '/orders', { body });
    expect(r.status).toBe(400);
    // The enum is a schema (shape) problem: reported before the rules run.
    expect(r.json.Code).toBe('InvalidEnumValue');
    delete (body as any).Direction;
    const r2 = await t.call('POST', '/orders', { body });
    expect(r2.status).toBe(400);
    expect(r2.json.Code).toBe('ValidationFailed');
    expect(r2.json.Details.map((d: { Code: string; Target: string }) => `${d.Code} ${d.Target}`).sort()).toEqual([
      'CountryNotFound Addresses[1].Country.IsoCode.TwoLetterCode',
      'DuplicateMetaDataKey MetaData[1].KeyValue',
      'InvalidCurrency Packages[0].Items[0].Value.Currency.IsoCode',
      'InvalidDate ShippingDate',
      'InvalidQuantity Packages[0].Items[1].Quantity',
      'InvalidWeight Packages[0].Items[1].Weight',
    ]);
    expect(await orderCount()).toBe(before);
  });

  // One rule a row: the body change, then the code and field path it must produce.
  const rules: Array<[string, (b: any) => void, string, string]> = [
    ['packages are required', (b) => delete b.Packages, 'PackagesRequired', 'Packages'],
    ['an empty package list is refused', (b) => (b.Packages = []), 'PackagesRequired', 'Packages'],
    ['every package needs items', (b) => (b.Packages[0].Items = []), 'PackageItemsRequired', 'Packages[0].Items'],
    ['items need a weight', (b) => delete b.Packages[0].Items[0].Weight, 'InvalidWeight', 'Packages[0].Items[0].Weight'],
    ['items need a value', (b) => delete b.Packages[0].Items[0].Value, 'InvalidMoney', 'Packages[0].Items[0].Value'],
    ['weights must be positive', (b) => (b.Packages[0].Items[0].Weight.Value = 0), 'InvalidWeight', 'Packages[0].Items[0].Weight.Value'],
    ['weight units must be known', (b) => (b.Packages[0].Items[0].Weight.Unit = 'Stone'), 'InvalidUnit', 'Packages[0].Items[0].Weight.Unit'],
    ['dimensions must be positive', (b) => (b.Packages[0].Items[0].Dimensions.Height = -1), 'InvalidDimensions', 'Packages[0].Items[0].Dimensions.Height'],
    ['quantities are whole numbers', (b) => (b.Packages[0].Items[0].Quantity = 1.5), 'InvalidType', 'Packages[0].Items[0].Quantity'],
    ['quantities are at least 1', (b) => (b.Packages[0].Items[0].Quantity = -2), 'InvalidQuantity', 'Packages[0].Items[0].Quantity'],
    ['quantities are at most a million', (b) => (b.Packages[0].Items[0].Quantity = 1e20), 'InvalidQuantity', 'Packages[0].Items[0].Quantity'],
    ['a weight too small to store is refused', (b) => (b.Packages[0].Items[0].Weight = { Value: 0.000001 }), 'InvalidWeight', 'Packages[0].Items[0].Weight.Value'],
    ['weights are at most 100 t', (b) => (b.Packages[0].Items[0].Weight = { Value: 1e300 }), 'InvalidWeight', 'Packages[0].Items[0].Weight.Value'],
    ['amounts have an upper limit', (b) => (b.Packages[0].Items[0].Value.Amount = 1e300), 'InvalidMoney', 'Packages[0].Items[0].Value.Amount'],
    ['currencies are ISO 4217', (b) => (b.Packages[0].Items[0].Value.Currency.IsoCode = 'EURO'), 'FieldTooLong', 'Packages[0].Items[0].Value.Currency.IsoCode'],
    ['package sizes must exist', (b) => (b.Packages[0].PackageSizeReference = 'XXL'), 'PackageSizeNotFound', 'Packages[0].PackageSizeReference'],
    ['addresses are required', (b) => delete b.Addresses, 'AddressesRequired', 'Addresses'],
    ['an Origin is required', (b) => b.Addresses.splice(0, 1, { ...b.Addresses[1], AddressType: 'Return' }), 'AddressTypeRequired', 'Addresses'],
    ['every address has a type', (b) => delete b.Addresses[1].AddressType, 'AddressTypeRequired', 'Addresses[1].AddressType'],
    ['one address per type', (b) => b.Addresses.push({ ...b.Addresses[1] }), 'DuplicateAddressType', 'Addresses[2].AddressType'],
    ['one side must be a shipping location', (b) => (b.Addresses[0] = { ...b.Addresses[1], AddressType: 'Origin' }), 'ShippingLocationRequired', 'Addresses'],
    ['shipping locations must exist', (b) => (b.Addresses[0].ShippingLocationReference = 'WH9'), 'ShippingLocationNotFound', 'Addresses[0].ShippingLocationReference'],
    ['a free address needs a first line', (b) => delete b.Addresses[1].AddressLine1, 'InvalidAddress', 'Addresses[1].AddressLine1'],
    ['a free address needs a postcode', (b) => delete b.Addresses[1].Postcode, 'InvalidAddress', 'Addresses[1].Postcode'],
    ['a free address needs a name or company', (b) => delete b.Addresses[1].Contact, 'InvalidAddress', 'Addresses[1].Contact'],
    ['a free address needs a country', (b) => delete b.Addresses[1].Country, 'CountryRequiredForAddress', 'Addresses[1].Country'],
    ['metadata keys are required', (b) => (b.MetaData = [{ StringValue: 'x' }]), 'InvalidMetaData', 'MetaData[0].KeyValue'],
    ['metadata needs a value', (b) => (b.MetaData = [{ KeyValue: 'k' }]), 'InvalidMetaData', 'MetaData[0]'],
    ['metadata ints are 32-bit', (b) => (b.MetaData = [{ KeyValue: 'k', IntValue: 2 ** 31 }]), 'InvalidMetaData', 'MetaData[0].IntValue'],
    ['dates are ISO 8601', (b) => (b.ShippingDate = '2026-02-30'), 'InvalidDate', 'ShippingDate'],
    ['delivery dates need a date', (b) => (b.RequiredDeliveryDate = { IsToBeExactlyOnTheDateSpecified: true }), 'InvalidDate', 'RequiredDeliveryDate.Date'],
    ['customer references are at most 100 characters', (b) => (b.OrderReferenceProvidedByCustomer = 'x'.repeat(101)), 'FieldTooLong', 'OrderReferenceProvidedByCustomer'],
    ['tags are strings', (b) => (b.Tags = [1]), 'InvalidType', 'Tags[0]'],
    ['Source is Api or Web', (b) => (b.Source = 'Fax'), 'InvalidEnumValue', 'Source'],
  ];
  it.each(rules)('refuses an order where %s', async (_rule, change, code, target) => {
    const body = JSON.parse(JSON.stringify(exampleOrder()));
    change(body);
    const r = await t.call('POST', '/orders', { body });
    expect(r.status, r.text).toBe(400);
    expect(r.json.Details).toContainEqual(expect.objectContaining({ Code: code, Target: target }));
  });

  it.each([
    ['Ireland has no postcodes', 'IE'],
    ['Hong Kong has no postcodes', 'HK'],
  ])('accepts a free address without a postcode where %s', async (_what, country) => {
    const body: any = exampleOrder();
    delete body.Addresses[1].Postcode;
    body.Addresses[1].Country = { IsoCode: { TwoLetterCode: country } };
    await create(body);
  });

  describe('Update Order (spec §2.4)', () => {
    const full = () => exampleOrder({
      RequiredDeliveryDate: { Date: '2026-12-10', IsToBeExactlyOnTheDateSpecified: true },
      CustomsDocumentation: { CategoryType: 'Gift', ReasonForExport: 'Gift' },
      Direction: 'Outbound',
    });
    const update = async (reference: string, body: Record<string, unknown>) => {
      const r = await t.call('PUT', `/orders/${reference}`, { body: { OrderReference: reference, ...body } });
      expect(r.status, r.text).toBe(200);
      expect(r.json).toEqual([{ Rel: 'Order', Href: `${t.baseUrl}/orders/${reference}` }]);
      return (await t.call('GET', `/orders/${reference}`)).json;
    };

    it('clears what the body leaves out and keeps addresses, direction, tags, packages and source', async () => {
      const reference = await create(full());
      const before = (await t.call('GET', `/orders/${reference}`)).json;
      const after = await update(reference, {});
      expect(after).toMatchObject({
        OrderReferenceProvidedByCustomer: null,
        RequiredDeliveryDate: null,
        ShippingDate: null,
        CustomsDocumentation: null,
        MetaData: [],
        Addresses: before.Addresses,
        Direction: 'Outbound',
        Tags: ['gift'],
        Packages: before.Packages,
        Source: 'Api',
        DateCreated: before.DateCreated,
      });
    });

    it('replaces what the body gives; empty Tags clears them; empty Addresses keeps them; Packages and Source are ignored', async () => {
      const reference = await create(full());
      const before = (await t.call('GET', `/orders/${reference}`)).json;
      const after = await update(reference, {
        OrderReferenceProvidedByCustomer: 'NEW-REF',
        ShippingDate: '2027-01-02',
        MetaData: [{ KeyValue: 'Picked', BoolValue: true }],
        Tags: [],
        Addresses: [],
        Direction: 'Inbound',
        Source: 'Web',
        Packages: [],
      });
      expect(after).toMatchObject({
        OrderReferenceProvidedByCustomer: 'NEW-REF',
        ShippingDate: '2027-01-02T00:00:00.000Z',
        MetaData: [expect.objectContaining({ KeyValue: 'Picked', BoolValue: true })],
        Tags: [],
        Addresses: before.Addresses,
        Direction: 'Inbound',
        Source: 'Api',
        Packages: before.Packages,
      });
    });

    it('replaces the whole address collection when one is given, checked like a new order', async () => {
      const reference = await create();
      const addresses = [
        { AddressType: 'Origin', ShippingLocationReference: 'WH1' },
        { AddressType: 'Destination', CompanyName: 'Acme', AddressLine1: '5 Rue X', Postcode: '75001', Country: { IsoCode: { TwoLetterCode: 'fr' } } },
      ];
      const after = await update(reference, { Addresses: addresses });
      expect(after.Addresses[1]).toMatchObject({ CompanyName: 'Acme', Country: { Name: 'France' } });
      const bad = await t.call('PUT', `/orders/${reference}`, { body: { OrderReference: reference, Addresses: [addresses[1]] } });
      expect(bad.status).toBe(400);
      expect(bad.json.Details).toContainEqual(expect.objectContaining({ Code: 'AddressTypeRequired', Target: 'Addresses' }));
    });

    it.each([
      ['without OrderReference', {}, 'ReferenceRequired'],
      ['with another OrderReference', { OrderReference: 'EO-000-000-000' }, 'ReferenceMismatch'],
    ])('refuses an update %s', async (_what, body, code) => {
      const reference = await create();
      const r = await t.call('PUT', `/orders/${reference}`, { body });
      expect(r.status).toBe(400);
      expect(r.json.Code).toBe(code);
    });

    it('matches the body reference to the path in any case', async () => {
      const reference = await create();
      const r = await t.call('PUT', `/orders/${reference}`, { body: { OrderReference: reference.toLowerCase(), Tags: ['x'] } });
      expect(r.status).toBe(200);
    });
  });

  describe('order addresses (spec §2.5, §2.6)', () => {
    const ret = { AddressType: 'Return', ShippingLocationReference: 'WH1' };

    it('adds an address of a new type with 201 and an empty body', async () => {
      const reference = await create();
      const r = await t.call('POST', `/orders/${reference}/address`, { body: ret });
      expect(r.status).toBe(201);
      expect(r.text).toBe('');
      const o = (await t.call('GET', `/orders/${reference}`)).json;
      expect(o.Addresses.map((a: { AddressType: string }) => a.AddressType)).toEqual(['Origin', 'Destination', 'Return']);
    });

    it.each([
      ['a type the order already has', { AddressType: 'Origin', ShippingLocationReference: 'WH1' }, 'AddressTypeAlreadyExists'],
      ['an unknown shipping location', { AddressType: 'Return', ShippingLocationReference: 'NOPE' }, 'ShippingLocationNotFound'],
      ['an incomplete address', { AddressType: 'Return', AddressLine1: '1 Road' }, 'ValidationFailed'],
      ['no address type', { ShippingLocationReference: 'WH1' }, 'AddressTypeRequired'],
    ])('refuses to add %s', async (_what, body, code) => {
      const reference = await create();
      const r = await t.call('POST', `/orders/${reference}/address`, { body });
      expect(r.status).toBe(400);
      expect(r.json.Code).toBe(code);
    });

    it('replaces the address of an existing type with 200 and an empty body', async () => {
      const reference = await create();
      const destination = { AddressType: 'Destination', CompanyName: 'New Co', AddressLine1: '2 Low St', Postcode: 'M1 1AA', Country: { IsoCode: { TwoLetterCode: 'GB' } } };
      const r = await t.call('PUT', `/orders/${reference}/address`, { body: destination });
      expect(r.status).toBe(200);
      expect(r.text).toBe('');
      const o = (await t.call('GET', `/orders/${reference}`)).json;
      expect(o.Addresses[1]).toMatchObject({ AddressType: 'Destination', CompanyName: 'New Co', Contact: null, Town: null });
    });

    it('refuses to replace a type the order lacks, or to leave no shipping location', async () => {
      const reference = await create();
      const missing = await t.call('PUT', `/orders/${reference}/address`, { body: ret });
      expect(missing.json.Code).toBe('AddressTypeNotFound');
      const origin = { AddressType: 'Origin', CompanyName: 'Somewhere', AddressLine1: '1 Road', Postcode: 'M1 1AA', Country: { IsoCode: { TwoLetterCode: 'GB' } } };
      const noLocation = await t.call('PUT', `/orders/${reference}/address`, { body: origin });
      expect(noLocation.status).toBe(400);
      expect(noLocation.json.Code).toBe('ShippingLocationRequired');
      const o = (await t.call('GET', `/orders/${reference}`)).json;
      expect(o.Addresses[0].ShippingLocationReference).toBe('WH1');
    });
  });
});
