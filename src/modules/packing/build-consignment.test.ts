import { describe, expect, it } from 'vitest';
import { Problems } from '../../shared/errors.js';
import type { Address, MetaDataEntry } from '../../shared/wire/model.js';
import { type PackageSize, withPackerFields } from '../accounts/package-sizes.js';
import type { ShippingLocation } from '../accounts/shipping-locations.js';
import type { OrderDocument } from '../orders/order.js';
import { buildPackedConsignment, packMetaData, returnTwin } from './build-consignment.js';
import type { PackOrderBody } from './packing.schemas.js';
import { orderLines, resolvePackItems } from './resolve-items.js';
import { gbp, orderDocument, orderItem, orderPackage } from './test-fixtures.js';

const meta = (KeyValue: string, StringValue: string): MetaDataEntry => ({
  KeyValue, StringValue, IntValue: null, DecimalValue: null, DateTimeValue: null, BoolValue: null,
});
const GB = { Name: 'United Kingdom', IsoCode: { TwoLetterCode: 'GB', ThreeLetterCode: 'GBR', NumericCode: '826' } };
const blankAddress = {
  ShippingLocationReference: null, ShopLocationReference: null, Contact: null, CompanyName: null, CustomerName: null,
  AddressLine1: null, AddressLine2: null, AddressLine3: null, Town: null, Region: null, RegionCode: null, Postcode: null,
  Country: null, SpecialInstructions: null, LatLong: null, IsCached: false, CacheDate: null, CacheSource: null,
};
const origin: Address = { ...blankAddress, AddressType: 'Origin', ShippingLocationReference: 'WH1' };
const destination: Address = { ...blankAddress, AddressType: 'Destination', CompanyName: 'Jo Ltd', AddressLine1: '1 High St', Postcode: 'LS1 1AA', Country: GB };
const location = (Reference: string, Town: string): ShippingLocation => ({
  ...blankAddress, Reference, Name: Reference, ShippingLocationType: 'Warehouse', DefaultLocationForReturns: false, Notes: null,
  TimeZone: 'Europe/London', CompanyName: 'Demo Shop', AddressLine1: `1 ${Town} Road`, Town, Postcode: 'OL16 4NW', Country: GB,
});
const LOCATIONS = new Map([['WH1', location('WH1', 'Rochdale')], ['WH2', location('WH2', 'Bristol')]]);
const SIZES = new Map<string, PackageSize>([['M', withPackerFields({ Reference: 'M', Description: 'Medium', Length: 40, Width: 30, Height: 20, Weight: 0.3, IsDefault: false })]]);

const MUG = 'a'.repeat(32);
const TEA = 'b'.repeat(32);
const CARD = 'c'.repeat(32);
const baseOrder = orderDocument(
  [
    orderPackage([
      orderItem({ Reference: MUG, Sku: 'MUG', Description: 'Blue mug', Quantity: 2, Value: gbp(5.99) }),
      orderItem({ Reference: TEA, Sku: 'TEA', Description: 'Tea', Value: gbp(12.5) }),
    ], { Description: 'Mugs and tea' }),
    orderPackage([orderItem({ Reference: CARD, Sku: 'CARD', Description: 'Gift card', Value: gbp(2) })]),
  ],
  {
    Addresses: [origin, destination],
    OrderReferenceProvidedByCustomer: 'ORDER-REF',
    MetaData: [meta('ShippersEORI', 'GB123'), meta('Channel', 'web')],
    Tags: ['gift'],
    ShippingDate: '2026-12-07T09:00:00.000Z',
  },
);

const box = { Weight: { Value: 1.3, Unit: 'Kg' as const }, Dimensions: { Unit: 'Cm' as const, Length: 21.7, Width: 15.4, Height: 10 } };

function build(body: PackOrderBody, order: OrderDocument = baseOrder) {
  const problems = new Problems();
  let n = 0;
  const lookups = { orderReference: 'EO-000-000-001', order, packageSizes: SIZES, locations: LOCATIONS, newItemReference: () => `new${++n}` };
  const resolved = resolvePackItems(orderLines(order), body.Packages ?? [], 'EO-000-000-001', problems);
  const packed = buildPackedConsignment(body, resolved, lookups, problems);
  return { packed, doc: packed.document, problems: problems.list.map((p) => `${p.Code} ${p.Target}`) };
}
const onePackage = (fields: Partial<PackOrderBody> = {}): PackOrderBody => ({ Packages: [{ ...box, Items: [{ Sku: 'MUG' }] }], ...fields });

describe('what a packed consignment takes from the request and from the order (spec §3.4)', () => {
  it.each<[string, string | null | undefined, string | null, string]>([
    ['the request\'s reference wins over the order\'s', 'REQ-REF', 'ORDER-REF', 'REQ-REF'],
    ['the order\'s when the request has none', undefined, 'ORDER-REF', 'ORDER-REF'],
    ['the order\'s when the request\'s is blank', '  ', 'ORDER-REF', 'ORDER-REF'],
    ['the request\'s when the order has none', 'REQ-REF', null, 'REQ-REF'],
    ['"" when neither has one', null, null, ''],
  ])('ConsignmentReferenceProvidedByCustomer: %s', (_name, requested, onOrder, expected) => {
    const order = { ...baseOrder, OrderReferenceProvidedByCustomer: onOrder };
    expect(build(onePackage({ OrderReferenceProvidedByCustomer: requested }), order).doc.ConsignmentReferenceProvidedByCustomer).toBe(expected);
  });

  it.each<[string, MetaDataEntry[] | null, MetaDataEntry[], string[]]>([
    ['request metadata replaces the order\'s, ShippersEORI carried over', [meta('SampleKey', 'SampleValue')], baseOrder.MetaData, ['SampleKey', 'ShippersEORI']],
    ['no request metadata: the order\'s', null, baseOrder.MetaData, ['ShippersEORI', 'Channel']],
    ['the request\'s own ShippersEORI is kept, not doubled', [meta('shippersEORI', 'GB999')], baseOrder.MetaData, ['shippersEORI']],
    ['ReceiversEORI and CarriageCurrency carried over too', [], [meta('ReceiversEORI', 'FR1'), meta('CarriageCurrency', 'EUR'), meta('X', 'y')],
      ['ReceiversEORI', 'CarriageCurrency']],
    ['an empty request list clears the rest', [], [meta('Channel', 'web')], []],
  ])('MetaData: %s', (_name, requested, onOrder, keys) => {
    expect(packMetaData(requested, onOrder).map((m) => m.KeyValue)).toEqual(keys);
  });

  it.each<[string, string[] | null | undefined, string[]]>([
    ['the order\'s when the request sends none', undefined, ['gift']],
    ['the order\'s when the request sends null', null, ['gift']],
    ['the request\'s when it sends a list', ['fragile'], ['fragile']],
    ['an empty request list clears them', [], []],
  ])('Tags: %s', (_name, tags, expected) => {
    expect(build(onePackage({ Tags: tags })).doc.Tags).toEqual(expected);
  });

  it('CustomsDocumentation: the request\'s whole object, else the order\'s', () => {
    const order = { ...baseOrder, CustomsDocumentation: { ...build(onePackage({ CustomsDocumentation: { ShippingTerms: 'DAP' } })).doc.CustomsDocumentation!, ReasonForExport: 'Sale' } };
    expect(build(onePackage(), order).doc.CustomsDocumentation?.ReasonForExport).toBe('Sale');
    const replaced = build(onePackage({ CustomsDocumentation: { ShippingTerms: 'DDP' } }), order).doc.CustomsDocumentation!;
    expect([replaced.ShippingTerms, replaced.ReasonForExport]).toEqual(['DDP', null]);
  });

  it('ShippingDate [EXT]: the request\'s, else the order\'s', () => {
    expect(build(onePackage()).doc.ShippingDate).toBe('2026-12-07T09:00:00.000Z');
    expect(build(onePackage({ ShippingDate: '2026-12-24' })).doc.ShippingDate).toBe('2026-12-24T00:00:00.000Z');
  });

  it('snapshots the shipping location into the Origin and keeps the order link', () => {
    const { doc } = build(onePackage());
    expect(doc.Addresses.find((a) => a.AddressType === 'Origin')).toMatchObject({ ShippingLocationReference: 'WH1', Town: 'Rochdale', CompanyName: 'Demo Shop' });
    expect(doc.OrderReference).toBe('EO-000-000-001');
    expect([doc.Direction, doc.Source, doc.LabelCount, doc.LabelsPrinted, doc.Allocation]).toEqual(['Outbound', 'Api', 0, false, null]);
  });

  it('[EXT] Addresses replace the order address of the same type only', () => {
    const { doc, problems } = build(onePackage({ Addresses: [{ AddressType: 'Origin', ShippingLocationReference: 'WH2' }] }));
    expect(problems).toEqual([]);
    expect(doc.Addresses.map((a) => [a.AddressType, a.Town])).toEqual([['Destination', null], ['Origin', 'Bristol']]);
  });

  it.each<[string, PackOrderBody['Addresses'], string[]]>([
    ['an unknown location', [{ AddressType: 'Origin', ShippingLocationReference: 'NOPE' }], ['ShippingLocationNotFound Addresses[0].ShippingLocationReference']],
    ['two of one type', [{ AddressType: 'Return', ShippingLocationReference: 'WH1' }, { AddressType: 'Return', ShippingLocationReference: 'WH2' }],
      ['DuplicateAddressType Addresses[1].AddressType']],
    ['a destination that leaves no shipping location', [{ AddressType: 'Origin', CompanyName: 'X', AddressLine1: '1 St', Postcode: 'LS1 1AA', Country: { IsoCode: { TwoLetterCode: 'GB' } } }],
      ['ShippingLocationRequired Addresses']],
  ])('[EXT] Addresses: %s is refused', (_name, addresses, problems) => {
    expect(build(onePackage({ Addresses: addresses })).problems).toEqual(problems);
  });

  it('refuses an order whose shipping location was deleted since', () => {
    const order = { ...baseOrder, Addresses: [{ ...origin, ShippingLocationReference: 'GONE' }, destination] };
    expect(build(onePackage(), order).problems).toEqual(['ShippingLocationNotFound Addresses']);
  });
});

describe('packages of a packed consignment', () => {
  it('copies the matched order item with the pack quantity and a new item reference', () => {
    const { doc, packed } = build({ Packages: [{ ...box, Items: [{ Sku: 'MUG', Quantity: 3 }] }] });
    const [item] = doc.Packages[0]!.Items;
    expect(item).toMatchObject({ Sku: 'MUG', Description: 'Blue mug', Quantity: 3, Reference: 'new1', Status: null, Value: gbp(5.99) });
    expect(packed.itemSources.get('new1')).toBe(MUG);
  });

  it.each<[string, PackOrderBody['Packages'], { value: number | null; description: string | null }]>([
    ['value = Σ item value × quantity; one source package: its description', [{ ...box, Items: [{ Sku: 'MUG', Quantity: 2 }, { Sku: 'TEA' }] }],
      { value: 24.48, description: 'Mugs and tea' }],
    ['items from two order packages: the item descriptions', [{ ...box, Items: [{ Sku: 'MUG' }, { Sku: 'CARD' }] }],
      { value: 7.99, description: 'Blue mug, Gift card' }],
    ['one source package without a description: the item descriptions, once each', [{ ...box, Items: [{ Sku: 'CARD' }, { Sku: 'CARD' }] }],
      { value: 4, description: 'Gift card' }],
  ])('%s', (_name, packages, expected) => {
    const p = build({ Packages: packages }).doc.Packages[0]!;
    expect([p.Value?.Amount ?? null, p.Description]).toEqual([expected.value, expected.description]);
  });

  it.each<[string, PackOrderBody['Packages'], [number, number] | null, string[]]>([
    ['explicit weight and dimensions', [{ ...box, Items: [{ Sku: 'MUG' }] }], [1.3, 21.7], []],
    ['a package size alone', [{ PackageSizeReference: 'M', Items: [{ Sku: 'MUG' }] }], [0.3, 40], []],
    ['explicit values win over the size', [{ ...box, PackageSizeReference: 'M', Items: [{ Sku: 'MUG' }] }], [1.3, 21.7], []],
    ['a size fills what is not given', [{ Weight: box.Weight, PackageSizeReference: 'M', Items: [{ Sku: 'MUG' }] }], [1.3, 40], []],
    ['blank size and no measurements', [{ PackageSizeReference: '', Items: [{ Sku: 'MUG' }] }], null, ['PackageMeasurementsRequired Packages[0]']],
    ['weight without dimensions', [{ Weight: box.Weight, Items: [{ Sku: 'MUG' }] }], null, ['PackageMeasurementsRequired Packages[0]']],
    ['an unknown size', [{ PackageSizeReference: 'XXL', Items: [{ Sku: 'MUG' }] }], null, ['PackageSizeNotFound Packages[0].PackageSizeReference']],
    ['no items', [{ ...box, Items: [] }], null, ['PackageItemsRequired Packages[0].Items']],
    ['a zero weight', [{ ...box, Weight: { Value: 0, Unit: 'Kg' }, Items: [{ Sku: 'MUG' }] }], null, ['InvalidWeight Packages[0].Weight.Value']],
  ])('measurements: %s', (_name, packages, expected, problems) => {
    const r = build({ Packages: packages });
    expect(r.problems).toEqual(problems);
    if (expected) expect([r.doc.Packages[0]!.Weight.Value, r.doc.Packages[0]!.Dimensions.Length]).toEqual(expected);
    if (expected) expect(r.doc.Packages[0]!.PackageSizeReference).toBe(packages![0]!.PackageSizeReference || null);
  });

  it('needs packages', () => {
    expect(build({}).problems).toEqual(['PackagesRequired Packages']);
    expect(build({ Packages: [] }).problems).toEqual(['PackagesRequired Packages']);
  });
});

describe('GenerateReturn twin (spec §3.5)', () => {
  it('swaps Origin and Destination only, flips the direction, and gets its own item references', () => {
    const order = { ...baseOrder, Addresses: [...baseOrder.Addresses, { ...destination, AddressType: 'Return' as const }] };
    const outbound = build(onePackage(), order).packed;
    let n = 0;
    const twin = returnTwin(outbound, () => `ret${++n}`);
    expect(twin.document.Addresses.map((a) => [a.AddressType, a.Town ?? a.AddressLine1])).toEqual([
      ['Destination', 'Rochdale'], ['Origin', '1 High St'], ['Return', '1 High St'],
    ]);
    expect(twin.document.Direction).toBe('Inbound');
    expect(twin.document.Packages[0]!.Items[0]!.Reference).toBe('ret1');
    expect(twin.itemSources.get('ret1')).toBe(MUG);
    expect([twin.document.Tags, twin.document.MetaData, twin.document.ConsignmentReferenceProvidedByCustomer])
      .toEqual([outbound.document.Tags, outbound.document.MetaData, outbound.document.ConsignmentReferenceProvidedByCustomer]);
    // The outbound document is left as it was.
    expect(outbound.document.Addresses[0]!.AddressType).toBe('Origin');
  });

  it('an inbound order packs inbound, and its "return" goes outbound', () => {
    const outbound = build(onePackage(), { ...baseOrder, Direction: 'Inbound' }).packed;
    expect(outbound.document.Direction).toBe('Inbound');
    expect(returnTwin(outbound, () => 'r').document.Direction).toBe('Outbound');
  });
});
