import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { DIALECTS } from '../../db/test-db.js';
import { audit, create, exampleConsignment, examplePackage, get } from './test-consignments.js';

const EC = /^EC-[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/;
const EP = /^EP-[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/;

describe.each(DIALECTS)('Create Consignment (spec §4.2) over HTTP on %s', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(dialect);
  });
  afterAll(async () => t?.close());

  const count = async () => Number((await t.deps.db.selectFrom('consignments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('answers 201 with a Link ApiLink and a Location header, and the consignment starts Unallocated', async () => {
    const r = await t.call('POST', '/consignments', { body: exampleConsignment() });
    expect(r.status).toBe(201);
    expect(r.json).toEqual([{ Rel: 'Link', Href: expect.stringMatching(new RegExp(`^${t.baseUrl}/consignments/EC-`)) }]);
    expect(r.headers.get('location')).toBe(r.json[0].Href);
    const c = await get(t, r.json[0].Href.split('/').pop());
    expect(c.Reference).toMatch(EC);
    expect(c.ConsignmentState).toBe('Unallocated');
  });

  it('stores the request normalised, with totals, a snapshot of the warehouse address and no order', async () => {
    const c = await get(t, await create(t));
    expect(c).toMatchObject({
      ConsignmentReferenceProvidedByCustomer: 'MyConsignmentRef',
      ShippingDate: '2026-12-07T09:00:00.000Z',
      RequestedDeliveryDate: { Date: '2026-12-10T00:00:00.000Z', IsToBeExactlyOnTheDateSpecified: true, DeliveryWindow: null },
      Source: 'Api',
      Direction: 'Outbound',
      Tags: ['fragile'],
      Weight: { Value: 1.2, Unit: 'Kg' },
      Value: { Amount: 11.98, Currency: { IsoCode: 'GBP', Name: 'Pound Sterling' } },
      Allocation: null,
      ConsignmentLegs: [],
      LabelCount: 0,
      OrderReference: null,
    });
    // Consignments snapshot the shipping location's address (spec §1.6, §17 #28).
    expect(c.Addresses[0]).toMatchObject({ AddressType: 'Origin', ShippingLocationReference: 'WH1', AddressLine1: 'Unit 4, Kingsway Business Park', Postcode: 'OL16 4NW' });
    expect(c.Addresses[1].Country).toEqual({ Name: 'United Kingdom', IsoCode: { TwoLetterCode: 'GB', ThreeLetterCode: 'GBR', NumericCode: '826' } });
    const [p] = c.Packages;
    expect(p).toMatchObject({
      PackageReferenceProvidedByCustomer: 'BOX-1', Description: 'Mugs', PackageSizeReference: null, Charges: [], ConsignmentLegs: [],
      Dimensions: { Unit: 'Cm', Width: 20, Length: 30, Height: 10 },
    });
    expect(p.Reference).toMatch(EP);
    expect(p.Items[0]).toMatchObject({ Sku: 'SKU093434', Quantity: 2, Status: null, Weight: { Value: 0.4, Unit: 'Kg' }, HarmonisationKeyWords: [] });
    expect(p.Items[0].Reference).toMatch(/^[0-9a-f]{32}$/);
  });

  it('takes weight and dimensions from a package size; explicit values win; items are optional', async () => {
    const body = exampleConsignment({
      Packages: [
        examplePackage({ Weight: null, Dimensions: null, PackageSizeReference: 'M', Items: [] }),
        examplePackage({ Weight: { Value: 3 }, Dimensions: null, PackageSizeReference: 'S', Items: null }),
      ],
    });
    const c = await get(t, await create(t, body));
    expect(c.Packages[0]).toMatchObject({ PackageSizeReference: 'M', Weight: { Value: 10, Unit: 'Kg' }, Dimensions: { Length: 40, Width: 30, Height: 20 }, Items: [] });
    expect(c.Packages[1]).toMatchObject({ PackageSizeReference: 'S', Weight: { Value: 3, Unit: 'Kg' }, Dimensions: { Length: 25, Width: 20, Height: 10 } });
    expect(c.Weight).toEqual({ Value: 13, Unit: 'Kg' });
  });

  it('emits "" for no customer reference and accepts RequestedDeliveryDate as an alias', async () => {
    const body = exampleConsignment({ ConsignmentReferenceProvidedByCustomer: null, RequiredDeliveryDate: null, RequestedDeliveryDate: { Date: '2026-12-11' } });
    const c = await get(t, await create(t, body));
    expect(c.ConsignmentReferenceProvidedByCustomer).toBe('');
    expect(c.RequestedDeliveryDate.Date).toBe('2026-12-11T00:00:00.000Z');
  });

  it('records who created it in the audit trail', async () => {
    const reference = await create(t);
    const entries = await audit(t, reference);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ Username: t.key.slice(0, entries[0]!.Username!.length), Details: { Action: 'Created', StateBefore: null, StateAfter: 'Unallocated' } });
    expect(entries[0]!.Username).toBeTruthy();
  });

  // One rule a row: the body change, then the code and field path it must produce.
  const rules: Array<[string, (b: any) => void, string, string | null]> = [
    ['packages are required', (b) => delete b.Packages, 'PackagesRequired', 'Packages'],
    ['an empty package list is refused', (b) => (b.Packages = []), 'PackagesRequired', 'Packages'],
    ['packages need weight and dimensions or a size', (b) => delete b.Packages[0].Dimensions, 'PackageMeasurementsRequired', 'Packages[0]'],
    ['packages need a description', (b) => (b.Packages[0].Description = '  '), 'FieldRequired', 'Packages[0].Description'],
    ['packages need a value', (b) => delete b.Packages[0].Value, 'InvalidMoney', 'Packages[0].Value'],
    ['package values need a known currency', (b) => (b.Packages[0].Value.Currency.IsoCode = 'XXQ'), 'InvalidCurrency', 'Packages[0].Value.Currency.IsoCode'],
    ['package weights are positive', (b) => (b.Packages[0].Weight.Value = 0), 'InvalidWeight', 'Packages[0].Weight.Value'],
    ['package sizes must exist', (b) => (b.Packages[0].PackageSizeReference = 'XXL'), 'PackageSizeNotFound', 'Packages[0].PackageSizeReference'],
    ['items need a weight (order item rules)', (b) => delete b.Packages[0].Items[0].Weight, 'InvalidWeight', 'Packages[0].Items[0].Weight'],
    ['item quantities are at least 1', (b) => (b.Packages[0].Items[0].Quantity = 0), 'InvalidQuantity', 'Packages[0].Items[0].Quantity'],
    ['addresses are required', (b) => delete b.Addresses, 'AddressesRequired', 'Addresses'],
    ['a Destination is required', (b) => b.Addresses.pop(), 'AddressTypeRequired', 'Addresses'],
    ['shipping locations must exist', (b) => (b.Addresses[0].ShippingLocationReference = 'WH9'), 'ShippingLocationNotFound', 'Addresses[0].ShippingLocationReference'],
    ['one address per type', (b) => b.Addresses.push({ ...b.Addresses[1] }), 'DuplicateAddressType', 'Addresses[2].AddressType'],
    ['dates are ISO 8601', (b) => (b.ShippingDate = 'tomorrow'), 'InvalidDate', 'ShippingDate'],
    ['metadata keys are unique', (b) => b.MetaData.push({ KeyValue: 'shipperseori', StringValue: 'x' }), 'DuplicateMetaDataKey', 'MetaData[1].KeyValue'],
    ['Direction is an enum', (b) => (b.Direction = 'Sideways'), 'InvalidEnumValue', 'Direction'],
    ['customer references are at most 100 characters', (b) => (b.ConsignmentReferenceProvidedByCustomer = 'x'.repeat(101)), 'FieldTooLong', 'ConsignmentReferenceProvidedByCustomer'],
  ];
  it.each(rules)('refuses a consignment where %s, and creates nothing', async (_rule, change, code, target) => {
    const before = await count();
    const body = structuredClone(exampleConsignment()) as any;
    change(body);
    const r = await t.call('POST', '/consignments', { body });
    expect(r.status, r.text).toBe(400);
    expect(r.json).toMatchObject({ Code: expect.any(String), Message: expect.any(String), CorrelationId: expect.any(String) });
    expect(r.json.Details).toContainEqual(expect.objectContaining({ Code: code, Target: target }));
    expect(await count()).toBe(before);
  });

  it('lists every problem at once', async () => {
    const body = structuredClone(exampleConsignment()) as any;
    delete body.Packages[0].Value;
    body.Packages[0].Description = null;
    body.ShippingDate = 'soon';
    const r = await t.call('POST', '/consignments', { body });
    expect(r.status).toBe(400);
    expect(r.json.Code).toBe('ValidationFailed');
    expect(r.json.Details.map((d: { Target: string }) => d.Target).sort()).toEqual(['Packages[0].Description', 'Packages[0].Value', 'ShippingDate']);
  });

  it("cannot use another customer's package size", async () => {
    const body = exampleConsignment({ Packages: [examplePackage({ Weight: null, Dimensions: null, PackageSizeReference: 'M' })] });
    const r = await t.call('POST', '/consignments', { body, key: t.otherKey });
    expect(r.status).toBe(400);
    expect(r.json.Details).toContainEqual(expect.objectContaining({ Code: 'PackageSizeNotFound' }));
  });
});
