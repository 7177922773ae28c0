import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { CreateOrderBody } from '../../modules/orders/orders.schemas.js';
import { canonicalise, unknownFlagNames } from './canonicalise.js';
import { Opt, StringEnum } from './schema-helpers.js';
import {
  AddressTypeSchema, CONTENT_CLASSIFICATIONS, ContentClassificationSchema, CustomsDocumentationInput, DirectionSchema, SourceSchema,
  WeightInput,
} from './types.js';

type Schema = Parameters<typeof canonicalise>[1];
const order = (body: unknown) => canonicalise(body, CreateOrderBody as Schema);
const as = (schema: unknown) => schema as Schema;

describe('canonicalise: property names (spec §1.2, matched case-insensitively)', () => {
  it.each([
    ['lower case', { orderreferenceprovidedbycustomer: 'PO-1' }],
    ['upper case', { ORDERREFERENCEPROVIDEDBYCUSTOMER: 'PO-1' }],
    ['camel case', { orderReferenceProvidedByCustomer: 'PO-1' }],
    ['the schema spelling', { OrderReferenceProvidedByCustomer: 'PO-1' }],
  ])('maps a top-level name in %s to the schema spelling', (_label, body) => {
    expect(order(body)).toEqual({ OrderReferenceProvidedByCustomer: 'PO-1' });
  });

  it('maps names inside nested objects and arrays', () => {
    const body = {
      addresses: [{ addresstype: 'origin', shippinglocationreference: 'Sorted1', country: { isocode: { twolettercode: 'gb' } } }],
      PACKAGES: [
        {
          weight: { value: 1.5, unit: 'kg' },
          items: [{ sku: 'ABC', quantity: 2, value: { amount: 5.99, currency: { isocode: 'gbp' } } }],
          metadata: [{ keyvalue: 'k', intvalue: 3 }],
        },
      ],
      requireddeliverydate: { date: '2020-03-10', deliverywindow: { start: '09:00', utcoffset: '+01:00' } },
    };
    expect(order(body)).toEqual({
      Addresses: [{ AddressType: 'Origin', ShippingLocationReference: 'Sorted1', Country: { IsoCode: { TwoLetterCode: 'gb' } } }],
      Packages: [
        {
          Weight: { Value: 1.5, Unit: 'Kg' },
          Items: [{ Sku: 'ABC', Quantity: 2, Value: { Amount: 5.99, Currency: { IsoCode: 'gbp' } } }],
          MetaData: [{ KeyValue: 'k', IntValue: 3 }],
        },
      ],
      RequiredDeliveryDate: { Date: '2020-03-10', DeliveryWindow: { Start: '09:00', UtcOffset: '+01:00' } },
    });
  });

  it('leaves property values (other than enums) exactly as sent', () => {
    expect(order({ tags: ['Fragile', ' express '], orderreferenceprovidedbycustomer: '  po-1 ' })).toEqual({
      Tags: ['Fragile', ' express '],
      OrderReferenceProvidedByCustomer: '  po-1 ',
    });
  });

  it('drops unknown properties at every level (not an error)', () => {
    expect(
      order({
        Colour: 'red',
        Addresses: [{ AddressType: 'Origin', Floor: 3 }],
        Packages: [{ Items: [{ Sku: 'A', Flavour: 'mint' }], Shape: 'round' }],
      }),
    ).toEqual({ Addresses: [{ AddressType: 'Origin' }], Packages: [{ Items: [{ Sku: 'A' }] }] });
  });

  it.each([
    ['MetaData then Metadata', { MetaData: [{ KeyValue: 'first', StringValue: 'a' }], Metadata: [{ KeyValue: 'second', StringValue: 'b' }] }, 'first'],
    ['Metadata then MetaData', { Metadata: [{ KeyValue: 'first', StringValue: 'a' }], MetaData: [{ KeyValue: 'second', StringValue: 'b' }] }, 'first'],
    ['metadata then METADATA', { metadata: [{ KeyValue: 'first', StringValue: 'a' }], METADATA: [{ KeyValue: 'second', StringValue: 'b' }] }, 'first'],
  ])('keeps the first spelling when a client sends both (%s)', (_label, body, key) => {
    expect(order(body)).toEqual({ MetaData: [{ KeyValue: key, StringValue: expect.any(String) }] });
  });

  it('keeps the first spelling even when its value is null', () => {
    expect(order({ MetaData: null, Metadata: [{ KeyValue: 'k' }] })).toEqual({ MetaData: null });
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
  ])('returns %s unchanged', (_label, value) => {
    expect(order(value)).toBe(value);
  });

  it.each([
    ['a string where an object is expected', 'hello'],
    ['a number where an object is expected', 42],
    ['an array where an object is expected', [1, 2]],
  ])('leaves %s for the schema check', (_label, value) => {
    expect(order(value)).toEqual(value);
  });

  it('leaves a non-array where an array is expected, and an object inside for the schema check', () => {
    expect(order({ packages: { weight: 1 } })).toEqual({ Packages: { weight: 1 } });
  });

  it('maps the 2016 SDK weight shape {kg: 0.5} to {Kg: 0.5}', () => {
    expect(canonicalise({ kg: 0.5 }, as(WeightInput))).toEqual({ Kg: 0.5 });
  });
});

describe('canonicalise: enum names (spec §1.2, any case)', () => {
  it.each([
    ['"inbound"', 'inbound', 'Inbound'],
    ['"OUTBOUND"', 'OUTBOUND', 'Outbound'],
    ['" Inbound " (padded)', ' Inbound ', 'Inbound'],
  ])('maps Direction %s to %j', (_label, value, expected) => {
    expect(order({ direction: value })).toEqual({ Direction: expected });
  });

  it.each([
    ['API', 'Api'],
    ['web', 'Web'],
  ])('maps Source %j (the docs once send "API") to %j', (value, expected) => {
    expect(canonicalise(value, as(SourceSchema))).toBe(expected);
  });

  it.each([
    ['the address type', { addresses: [{ addresstype: 'DESTINATION' }] }, { Addresses: [{ AddressType: 'Destination' }] }],
    ['a weight unit', { packages: [{ weight: { unit: 'lbs' } }] }, { Packages: [{ Weight: { Unit: 'Lbs' } }] }],
    ['a dimensions unit', { packages: [{ dimensions: { unit: 'inches' } }] }, { Packages: [{ Dimensions: { Unit: 'Inches' } }] }],
    ['a barcode type', { packages: [{ barcode: { barcodetype: 'qrcode' } }] }, { Packages: [{ Barcode: { BarcodeType: 'QRCode' } }] }],
  ])('maps %s nested in an order', (_label, body, expected) => {
    expect(order(body)).toEqual(expected);
  });

  it.each([
    ['an unknown name', 'sideways'],
    ['an empty string', ''],
    ['a boolean', true],
    ['an object', { Name: 'Inbound' }],
  ])('leaves %s unchanged for the schema check', (_label, value) => {
    expect(canonicalise(value, as(DirectionSchema))).toEqual(value);
  });
});

describe('canonicalise: numeric enum values (spec §1.2, as the .NET service accepted)', () => {
  it.each<[string, Schema, number, string]>([
    ['Direction', as(DirectionSchema), 0, 'Outbound'],
    ['Direction', as(DirectionSchema), 1, 'Inbound'],
    ['Source', as(SourceSchema), 0, 'Api'],
    ['Source', as(SourceSchema), 1, 'Web'],
    ['AddressType', as(AddressTypeSchema), 1, 'Origin'],
    ['AddressType', as(AddressTypeSchema), 2, 'Destination'],
    ['AddressType', as(AddressTypeSchema), 4, 'Return'],
    ['AddressType', as(AddressTypeSchema), 8, 'Sender'],
    ['AddressType', as(AddressTypeSchema), 16, 'Recipient'],
    ['AddressType', as(AddressTypeSchema), 32, 'Importer'],
    ['AddressType', as(AddressTypeSchema), 64, 'Exporter'],
  ])('maps %s %d to %j', (_label, schema, value, expected) => {
    expect(canonicalise(value, schema)).toBe(expected);
  });

  it('maps numbers inside an order body', () => {
    expect(order({ Direction: 1, Source: 1, Addresses: [{ AddressType: 1 }, { AddressType: 2 }] })).toEqual({
      Direction: 'Inbound',
      Source: 'Web',
      Addresses: [{ AddressType: 'Origin' }, { AddressType: 'Destination' }],
    });
  });

  it.each<[string, Schema, number]>([
    ['Direction 2 (no such value)', as(DirectionSchema), 2],
    ['Direction -1', as(DirectionSchema), -1],
    ['Direction 0.5', as(DirectionSchema), 0.5],
    ['AddressType 3 (not a single type)', as(AddressTypeSchema), 3],
    ['AddressType 0', as(AddressTypeSchema), 0],
  ])('leaves %s unchanged for the schema check', (_label, schema, value) => {
    expect(canonicalise(value, schema)).toBe(value);
  });

  it('leaves a number unchanged for an enum that has no numeric values', () => {
    const NoNumbers = StringEnum(['Km', 'Miles'] as const);
    expect(canonicalise(1, as(NoNumbers))).toBe(1);
    expect(canonicalise('miles', as(NoNumbers))).toBe('Miles');
  });
});

describe('canonicalise: flags enums (spec §1.2, "Name, Name")', () => {
  const cc = as(ContentClassificationSchema);

  it.each([
    ['"liquid, dangerous"', 'liquid, dangerous', 'Dangerous, Liquid'],
    ['"LIQUID,DANGEROUS" (no space)', 'LIQUID,DANGEROUS', 'Dangerous, Liquid'],
    ['" dangerous ,  liquid " (extra spaces)', ' dangerous ,  liquid ', 'Dangerous, Liquid'],
    ['a single name', 'unrestricted', 'Unrestricted'],
    ['NotSpecified', 'notspecified', 'NotSpecified'],
  ])('maps ContentClassification %s to canonical names', (_label, value, expected) => {
    expect(canonicalise(value, cc)).toBe(expected);
  });

  // NotSpecified=0, Unrestricted=1, Dangerous=2, Restricted=4, Liquid=8 (the 2016 SDK's flag values).
  it.each([
    [0, 'NotSpecified'],
    [1, 'Unrestricted'],
    [2, 'Dangerous'],
    [8, 'Liquid'],
    [10, 'Dangerous, Liquid'],
    [15, 'Unrestricted, Dangerous, Restricted, Liquid'],
  ])('maps the numeric ContentClassification %d to %j', (value, expected) => {
    expect(canonicalise(value, cc)).toBe(expected);
  });

  it('maps numeric ShippingTerms flags (DAP=32, DDP=64) inside customs documentation', () => {
    expect(canonicalise({ shippingterms: 64, categorytype: 'gift, documents' }, as(CustomsDocumentationInput))).toEqual({
      ShippingTerms: 'DDP',
      CategoryType: 'Gift, Documents',
    });
    expect(canonicalise({ ShippingTerms: 96 }, as(CustomsDocumentationInput))).toEqual({ ShippingTerms: 'DAP, DDP' });
  });

  it('maps flags on an order item', () => {
    expect(order({ packages: [{ items: [{ contentclassification: 'liquid, dangerous', contentclassificationdetails: 'alcohol' }] }] })).toEqual({
      Packages: [{ Items: [{ ContentClassification: 'Dangerous, Liquid', ContentClassificationDetails: 'Alcohol' }] }],
    });
  });

  it.each([
    ['a list with one unknown name', 'liquid, wet'],
    ['a trailing comma', 'Liquid,'],
    ['an empty string', ''],
    ['a number with no known bit', 16],
    ['a boolean', false],
  ])('leaves %s unchanged for the schema check', (_label, value) => {
    expect(canonicalise(value, cc)).toBe(value);
  });

  it('gives the same canonical string for the same flags whether sent by name or number', () => {
    expect(canonicalise('liquid, dangerous', cc)).toBe(canonicalise('LIQUID, DANGEROUS', cc));
    expect(canonicalise('dangerous, liquid', cc)).toBe(canonicalise(10, cc));
  });
});

describe('canonicalise: schemas built with the helpers', () => {
  it('reads nullable, optional properties through Opt()', () => {
    const S = Type.Object({ Inner: Opt(Type.Object({ Kind: Opt(StringEnum(['Alpha', 'Beta'] as const, { numbers: [0, 1] })) })) });
    expect(canonicalise({ inner: { kind: 1 } }, as(S))).toEqual({ Inner: { Kind: 'Beta' } });
    expect(canonicalise({ INNER: null }, as(S))).toEqual({ Inner: null });
  });
});

describe('unknownFlagNames', () => {
  it.each([
    ['Liquid, Dangerous', []],
    ['Liquid,Dangerous', []],
    ['Liquid, Wet', ['Wet']],
    ['liquid', ['liquid']],
    ['Liquid,', ['']],
  ])('unknownFlagNames(%j) = %j', (value, expected) => {
    expect(unknownFlagNames(value, CONTENT_CLASSIFICATIONS)).toEqual(expected);
  });
});
