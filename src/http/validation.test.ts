import { Type } from '@sinclair/typebox';
import type { ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { CreateOrderBody, OrderParams } from '../modules/orders/orders.schemas.js';
import { AppError, type ErrorCode } from '../shared/errors.js';
import { toDetails, toFieldPath, validatorCompiler } from './validation.js';

type Result = { value?: unknown; error?: AppError };
const compile = (schema: unknown, httpPart = 'body') =>
  validatorCompiler({ schema: schema as never, httpPart, method: 'POST', url: '/orders' }) as (data: unknown) => Result;
const createOrder = compile(CreateOrderBody);

/** The error's details as [Code, Target] pairs, sorted so the test does not depend on ajv's order. */
const details = (r: Result): Array<[ErrorCode, string | null]> => {
  expect(r.error).toBeInstanceOf(AppError);
  return r.error!.details.map((d) => [d.Code, d.Target] as [ErrorCode, string | null]).sort((a, b) => String(a[1]).localeCompare(String(b[1])));
};

describe('toFieldPath (ajv JSON pointer → error Target)', () => {
  it.each([
    ['/Packages/0/Items/1', 'Sku', 'Packages[0].Items[1].Sku'],
    ['/Packages/0/Items/1/Sku', undefined, 'Packages[0].Items[1].Sku'],
    ['/Addresses/2', 'AddressType', 'Addresses[2].AddressType'],
    ['/Tags/3', undefined, 'Tags[3]'],
    ['/RequiredDeliveryDate/DeliveryWindow/Start', undefined, 'RequiredDeliveryDate.DeliveryWindow.Start'],
    ['', 'Packages', 'Packages'],
    ['', undefined, ''],
    ['/0/Sku', undefined, '[0].Sku'],
    ['/a~1b/c~0d', undefined, 'a/b.c~d'],
  ])('toFieldPath(%j, %j) = %j', (pointer, child, expected) => {
    expect(toFieldPath(pointer, child)).toBe(expected);
  });
});

describe('toDetails (one detail per field)', () => {
  const err = (keyword: string, instancePath: string, params: Record<string, unknown>, extra: Partial<ErrorObject> = {}): ErrorObject =>
    ({ keyword, instancePath, schemaPath: '#', params, ...extra }) as ErrorObject;

  it.each([
    ['Packages', 'PackagesRequired', 'Packages'],
    ['Items', 'PackageItemsRequired', 'Packages[0].Items'],
    ['Addresses', 'AddressesRequired', 'Addresses'],
    ['AddressType', 'AddressTypeRequired', 'Addresses[1].AddressType'],
    ['OrderReference', 'ReferenceRequired', 'OrderReference'],
    ['Sku', 'FieldRequired', 'Packages[0].Items[0].Sku'],
  ])('reports a missing %s as %s at %s', (name, code, target) => {
    const pointer = target.includes('.') ? `/${target.slice(0, target.lastIndexOf('.')).replace(/\[(\d+)\]/g, '/$1').replace(/\./g, '/')}` : '';
    expect(toDetails([err('required', pointer, { missingProperty: name })], 'body')).toEqual([
      { Code: code, Target: target, Message: `${name} is required.` },
    ]);
  });

  it('merges a type error and its null alternative into one InvalidType detail', () => {
    expect(toDetails([err('type', '/Tags', { type: 'array' }), err('type', '/Tags', { type: 'null' })], 'body')).toEqual([
      { Code: 'InvalidType', Target: 'Tags', Message: 'Tags must be an array.' },
    ]);
    expect(toDetails([err('type', '/Quantity', { type: 'integer,null' })], 'body')).toEqual([
      { Code: 'InvalidType', Target: 'Quantity', Message: 'Quantity must be a whole number.' },
    ]);
  });

  it('uses the root name for an error on the whole body', () => {
    expect(toDetails([err('type', '', { type: 'object' })], 'body')).toEqual([{ Code: 'InvalidType', Target: 'body', Message: 'body must be an object.' }]);
  });

  it('reports an empty required list (minItems) with the list code', () => {
    expect(toDetails([err('minItems', '/Packages', { limit: 1 })], 'body')).toEqual([
      { Code: 'PackagesRequired', Target: 'Packages', Message: 'Packages must have at least 1 entry.' },
    ]);
    expect(toDetails([err('minItems', '/Packages/0/Items', { limit: 2 })], 'body')).toEqual([
      { Code: 'PackageItemsRequired', Target: 'Packages[0].Items', Message: 'Packages[0].Items must have at least 2 entries.' },
    ]);
  });

  it('reports an enum error even when ajv gives no schema (non-verbose errors)', () => {
    expect(toDetails([err('enum', '/Direction', { allowedValues: ['Outbound', 'Inbound'] })], 'body')).toEqual([
      { Code: 'InvalidEnumValue', Target: 'Direction', Message: expect.stringContaining('Direction must be one of') },
    ]);
  });

  it('reports any other keyword as ValidationFailed with its target', () => {
    expect(toDetails([err('minimum', '/Packages/0/Items/0/Quantity', { limit: 1 }, { message: 'must be >= 1' })], 'body')).toEqual([
      { Code: 'ValidationFailed', Target: 'Packages[0].Items[0].Quantity', Message: 'Packages[0].Items[0].Quantity must be >= 1.' },
    ]);
  });
});

describe('validatorCompiler on the CreateOrderBody schema', () => {
  it('returns {value} with canonical names for a valid lower-case body', () => {
    const r = createOrder({
      orderreferenceprovidedbycustomer: 'PO-1',
      direction: 'inbound',
      source: 1,
      tags: ['fragile'],
      addresses: [
        { addresstype: 'origin', shippinglocationreference: 'Sorted1' },
        { addresstype: 2, contact: { firstname: 'Ada', lastname: 'Lovelace' }, country: { isocode: { twolettercode: 'gb' } } },
      ],
      packages: [
        {
          weight: { value: 500, unit: 'g' },
          dimensions: { unit: 'mm', width: 100, length: 200, height: 50 },
          items: [{ sku: 'ABC', quantity: 2, contentclassification: 'liquid, dangerous', value: { amount: 5.99, currency: { isocode: 'gbp' } } }],
        },
      ],
      metadata: [{ keyvalue: 'ShippersEORI', stringvalue: 'GB1' }],
      colour: 'ignored',
    });
    expect(r.error).toBeUndefined();
    expect(r.value).toEqual({
      OrderReferenceProvidedByCustomer: 'PO-1',
      Direction: 'Inbound',
      Source: 'Web',
      Tags: ['fragile'],
      Addresses: [
        { AddressType: 'Origin', ShippingLocationReference: 'Sorted1' },
        { AddressType: 'Destination', Contact: { FirstName: 'Ada', LastName: 'Lovelace' }, Country: { IsoCode: { TwoLetterCode: 'gb' } } },
      ],
      Packages: [
        {
          Weight: { Value: 500, Unit: 'G' },
          Dimensions: { Unit: 'Mm', Width: 100, Length: 200, Height: 50 },
          Items: [{ Sku: 'ABC', Quantity: 2, ContentClassification: 'Dangerous, Liquid', Value: { Amount: 5.99, Currency: { IsoCode: 'gbp' } } }],
        },
      ],
      MetaData: [{ KeyValue: 'ShippersEORI', StringValue: 'GB1' }],
    });
  });

  it.each([
    ['an empty body', {}],
    ['explicit nulls everywhere', { Direction: null, Tags: null, Packages: null, Addresses: [{ AddressType: null, Contact: null }] }],
    ['the 2016 SDK weight shape {Kg: 0.5}', { Packages: [{ Weight: { Kg: 0.5 } }] }],
  ])('accepts %s', (_label, body) => {
    const r = createOrder(body);
    expect(r.error).toBeUndefined();
    expect(r.value).toEqual(body);
  });

  it('lists every type error with its path: InvalidType, or InvalidEnumValue on an enum', () => {
    const r = createOrder({
      Tags: 'fragile',
      Direction: true,
      ShippingDate: 20200310,
      Packages: [{ Weight: { Value: 'heavy' }, Items: [{ Quantity: 1.5 }, { Sku: 12 }] }],
      Addresses: { AddressType: 'Origin' },
    });
    expect(r.error?.code).toBe('ValidationFailed');
    expect(r.error?.status).toBe(400);
    expect(details(r)).toEqual([
      ['InvalidType', 'Addresses'],
      ['InvalidEnumValue', 'Direction'],
      ['InvalidType', 'Packages[0].Items[0].Quantity'],
      ['InvalidType', 'Packages[0].Items[1].Sku'],
      ['InvalidType', 'Packages[0].Weight.Value'],
      ['InvalidType', 'ShippingDate'],
      ['InvalidType', 'Tags'],
    ]);
    const quantity = r.error!.details.find((d) => d.Target === 'Packages[0].Items[0].Quantity');
    expect(quantity?.Message).toBe('Packages[0].Items[0].Quantity must be a whole number.');
  });

  it.each([
    ['Direction "sideways"', { Direction: 'sideways' }, 'Direction'],
    ['Source "Fax"', { Source: 'Fax' }, 'Source'],
    ['AddressType "Warehouse"', { Addresses: [{ AddressType: 'Warehouse' }] }, 'Addresses[0].AddressType'],
    ['a flags list with an unknown name', { Packages: [{ Items: [{ ContentClassification: 'liquid, wet' }] }] }, 'Packages[0].Items[0].ContentClassification'],
    ['a BarcodeType "Code999"', { Packages: [{ Barcode: { BarcodeType: 'Code999' } }] }, 'Packages[0].Barcode.BarcodeType'],
    ['ShippingTerms "XYZ"', { CustomsDocumentation: { ShippingTerms: 'XYZ' } }, 'CustomsDocumentation.ShippingTerms'],
  ])('reports an unknown enum value (%s) as InvalidEnumValue', (_label, body, target) => {
    const r = createOrder(body);
    expect(r.error?.code).toBe('InvalidEnumValue');
    expect(details(r)).toEqual([['InvalidEnumValue', target]]);
  });

  it.each([
    ['AddressType 3 (not a single type)', { Addresses: [{ AddressType: 3 }] }, 'Addresses[0].AddressType'],
    ['Direction 7', { Direction: 7 }, 'Direction'],
  ])('rejects a number that names no enum value (%s) with one 400 detail at its path', (_label, body, target) => {
    const r = createOrder(body);
    expect(r.error?.status).toBe(400);
    expect(r.error?.details.map((d) => d.Target)).toEqual([target]);
  });

  it('names the allowed values in the enum message', () => {
    const r = createOrder({ direction: 'sideways' });
    expect(r.error?.details[0]?.Message).toBe('Direction must be one of: Outbound, Inbound.');
  });

  it.each([
    ['a weight unit "stone"', { Packages: [{ Weight: { Value: 1, Unit: 'stone' } }] }, 'Packages[0].Weight.Unit'],
    ['a dimensions unit "ft"', { Packages: [{ Dimensions: { Unit: 'ft', Width: 1, Length: 1, Height: 1 } }] }, 'Packages[0].Dimensions.Unit'],
    ['an item weight unit "oz"', { Packages: [{ Items: [{ Weight: { Value: 1, Unit: 'oz' } }] }] }, 'Packages[0].Items[0].Weight.Unit'],
  ])('reports a bad unit (%s) as InvalidUnit', (_label, body, target) => {
    const r = createOrder(body);
    expect(r.error?.code).toBe('InvalidUnit');
    expect(details(r)).toEqual([['InvalidUnit', target]]);
    expect(r.error?.details[0]?.Message).toMatch(/must be one of: /);
  });

  it('reports an OrderReferenceProvidedByCustomer of 101 characters as FieldTooLong (100 is fine)', () => {
    const r = createOrder({ OrderReferenceProvidedByCustomer: 'x'.repeat(101) });
    expect(r.error?.code).toBe('FieldTooLong');
    expect(details(r)).toEqual([['FieldTooLong', 'OrderReferenceProvidedByCustomer']]);
    expect(r.error?.details[0]?.Message).toBe('OrderReferenceProvidedByCustomer must be at most 100 characters.');
    expect(createOrder({ OrderReferenceProvidedByCustomer: 'x'.repeat(100) }).error).toBeUndefined();
  });

  it('reports a too-long field on a lower-case nested name at its canonical path', () => {
    const r = createOrder({ packages: [{ items: [{ sku: 's'.repeat(101) }] }] });
    expect(details(r)).toEqual([['FieldTooLong', 'Packages[0].Items[0].Sku']]);
  });

  it('reports different kinds of error together, in one ValidationFailed', () => {
    const r = createOrder({
      OrderReferenceProvidedByCustomer: 'x'.repeat(101),
      Direction: 'sideways',
      Tags: 5,
      Packages: [{ Weight: { Value: 1, Unit: 'stone' } }],
    });
    expect(r.error?.code).toBe('ValidationFailed');
    expect(r.error?.message).toBe('The request has 4 problems; see Details.');
    expect(details(r)).toEqual([
      ['InvalidEnumValue', 'Direction'],
      ['FieldTooLong', 'OrderReferenceProvidedByCustomer'],
      ['InvalidUnit', 'Packages[0].Weight.Unit'],
      ['InvalidType', 'Tags'],
    ]);
  });

  it('reports a body that is not an object as InvalidType on "body"', () => {
    expect(details(createOrder([]))).toEqual([['InvalidType', 'body']]);
    expect(details(createOrder('hello'))).toEqual([['InvalidType', 'body']]);
  });
});

describe('validatorCompiler on other request parts', () => {
  it('coerces path parameters instead of canonicalising them', () => {
    const params = compile(OrderParams, 'params');
    expect(params({ orderReference: 'eo-000-002-0ts' })).toEqual({ value: { orderReference: 'eo-000-002-0ts' } });
    expect(details(params({ orderReference: 'x'.repeat(65) }))).toEqual([['FieldTooLong', 'orderReference']]);
  });

  it('coerces querystring numbers', () => {
    const query = compile(Type.Object({ page: Type.Integer() }), 'querystring');
    expect(query({ page: '3' })).toEqual({ value: { page: 3 } });
    expect(details(query({ page: 'three' }))).toEqual([['InvalidType', 'page']]);
  });
});
