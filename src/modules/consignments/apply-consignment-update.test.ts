import { describe, expect, it } from 'vitest';
import { Problems } from '../../shared/errors.js';
import type { ShippingLocation } from '../accounts/shipping-locations.js';
import { applyConsignmentUpdate, describeChanges, mergePackages } from './apply-consignment-update.js';
import { type ConsignmentDocument, type ConsignmentPackage, NEW_CONSIGNMENT_FIELDS } from './consignment.js';
import type { UpdateConsignmentBody } from './consignments.schemas.js';
import type { ConsignmentLookups } from './normalise-consignment.js';
import { exampleConsignment, examplePackage } from './test-consignments.js';

const gbp = { IsoCode: 'GBP', Name: 'Pound Sterling' };
const item = (Reference: string, Sku: string, Status: string | null = null) => ({
  Reference, Sku, ItemReferenceProvidedByCustomer: null, Model: null, Description: null, Quantity: 1, Unit: null,
  Weight: { Value: 1, Unit: 'Kg' as const }, Dimensions: null, Value: { Amount: 1, Currency: gbp }, CountryOfOrigin: null,
  HarmonisationCode: null, HarmonisationKeyWords: [], Barcode: null, MetaData: [], ContentClassification: null,
  ContentClassificationDetails: null, Status,
});
const stored = (Reference: string, items: ReturnType<typeof item>[]): ConsignmentPackage => ({
  Reference, PackageReferenceProvidedByCustomer: '', Weight: { Value: 2, Unit: 'Kg' }, Dimensions: { Unit: 'Cm', Width: 1, Length: 1, Height: 1 },
  Description: 'stored', Value: { Amount: 2, Currency: gbp }, PackageSizeReference: null, Barcode: null, MetaData: [], Items: items,
  Charges: [{ Key: 'Duty', Value: 1 }], ConsignmentLegs: [],
});

const A = 'EP-000-000-00A';
const B = 'EP-000-000-00B';
const current = () => [stored(A, [item('a1', 'SKU-A1', 'Delivered'), item('a2', 'SKU-A2')]), stored(B, [item('b1', 'SKU-B1')])];
const lookups: ConsignmentLookups = { locations: new Map([['WH1', { Reference: 'WH1', AddressLine1: 'Warehouse road' } as unknown as ShippingLocation]]), packageSizes: new Map() };

/** A package entry: the example package with the given Reference and items (`{Reference}` entries keep the rest of the example item). */
const entry = (Reference: string | null, items: Array<Record<string, unknown>> | null) => {
  const p = examplePackage({ Reference, Items: items && items.map((i) => ({ ...examplePackage().Items[0], ...i })) });
  return p as unknown as NonNullable<UpdateConsignmentBody['Packages']>[number];
};

function merge(inputs: Array<ReturnType<typeof entry>> | null) {
  const problems = new Problems();
  let n = 0;
  const out = mergePackages(current(), inputs, lookups, problems, 'Packages', () => `new${++n}`);
  return { out, problems: problems.list.map((p) => `${p.Code} ${p.Target}`) };
}
const shape = (ps: ConsignmentPackage[]) => ps.map((p) => `${p.Reference || '(new)'}: ${p.Items.map((i) => `${i.Reference}/${i.Sku}`).join(' ')}`);

describe('mergePackages: the package/item rules of Update Consignment (spec §4.6)', () => {
  const table: Array<[string, Array<ReturnType<typeof entry>> | null, string[]]> = [
    ['null leaves the packages as they are', null, [`${A}: a1/SKU-A1 a2/SKU-A2`, `${B}: b1/SKU-B1`]],
    ['[] leaves the packages as they are', [], [`${A}: a1/SKU-A1 a2/SKU-A2`, `${B}: b1/SKU-B1`]],
    ['a listed package is rewritten, an unlisted one removed', [entry(A, [{ Reference: 'a1', Sku: 'NEW' }])], [`${A}: a1/NEW`]],
    ['known items are updated, unknown and unreferenced ones added, missing ones removed',
      [entry(A, [{ Reference: 'a2' }, { Reference: 'zz' }, {}]), entry(B, null)],
      [`${A}: a2/SKU093434 new1/SKU093434 new2/SKU093434`, `${B}: b1/SKU-B1`]],
    ['an entry without Reference is a new package', [entry(B, null), entry(null, [{}])], [`${B}: b1/SKU-B1`, '(new): new1/SKU093434']],
    ['Items null keeps the package\'s items; [] empties it', [entry(A, null), entry(B, [])], [`${A}: a1/SKU-A1 a2/SKU-A2`, `${B}: `]],
    ['an item moved to another package keeps its reference', [entry(A, [{ Reference: 'a1' }]), entry(B, [{ Reference: 'b1' }, { Reference: 'A2' }])],
      [`${A}: a1/SKU093434`, `${B}: b1/SKU093434 a2/SKU093434`]],
    ['package references match in any case', [entry(B.toLowerCase(), null)], [`${B}: b1/SKU-B1`]],
  ];
  it.each(table)('%s', (_rule, inputs, expected) => {
    const { out, problems } = merge(inputs);
    expect(problems).toEqual([]);
    expect(shape(out)).toEqual(expected);
  });

  it('keeps what input never sets: a kept item\'s Status, a package\'s Charges', () => {
    const { out } = merge([entry(A, [{ Reference: 'a1' }])]);
    expect(out[0]!.Items[0]!.Status).toBe('Delivered');
    expect(out[0]!.Charges).toEqual([{ Key: 'Duty', Value: 1 }]);
    expect(out[0]!.Description).toBe('Mugs');
  });

  const refused: Array<[string, Array<ReturnType<typeof entry>>, string[]]> = [
    ['a package that is not on the consignment', [entry('EP-000-000-00Z', null)], ['PackageNotFound Packages[0].Reference']],
    ['something that is not a package reference', [entry('box-1', null)], ['InvalidReference Packages[0].Reference']],
    ['the same package twice', [entry(A, null), entry(A, null)], ['ValidationFailed Packages[1].Reference']],
    ['the same item twice', [entry(A, [{ Reference: 'a1' }]), entry(B, [{ Reference: 'a1' }])], ['ValidationFailed Packages[1].Items[0].Reference']],
    ['an item listed while its package keeps its items', [entry(A, null), entry(B, [{ Reference: 'a2' }])], ['ValidationFailed Packages[1].Items[0].Reference']],
    ['a rewritten package without its required fields', [{ ...entry(A, null), Value: null, Description: '' }], ['FieldRequired Packages[0].Description', 'InvalidMoney Packages[0].Value']],
  ];
  it.each(refused)('refuses %s', (_what, inputs, expected) => {
    expect(merge(inputs).problems).toEqual(expected);
  });
});

describe('applyConsignmentUpdate: the field table of spec §4.6', () => {
  const before: ConsignmentDocument = {
    ...NEW_CONSIGNMENT_FIELDS,
    ConsignmentLegs: [],
    ConsignmentReferenceProvidedByCustomer: 'OLD',
    ShippingDate: '2026-01-01T00:00:00.000Z',
    RequestedDeliveryDate: { Date: '2026-01-03T00:00:00.000Z', IsToBeExactlyOnTheDateSpecified: false, DeliveryWindow: null },
    Source: 'Web',
    Direction: 'Inbound',
    Tags: ['old'],
    MetaData: [{ KeyValue: 'k', StringValue: 'v', IntValue: null, DecimalValue: null, DateTimeValue: null, BoolValue: null }],
    CustomsDocumentation: null,
    Addresses: [],
    Packages: current(),
    OrderReference: 'EO-000-000-001',
  };
  const apply = (body: Record<string, unknown>, path = '') => {
    const problems = new Problems();
    const addresses = exampleConsignment().Addresses;
    const next = applyConsignmentUpdate(before, { Addresses: addresses, ...body } as UpdateConsignmentBody, lookups, problems, path, () => 'new');
    return { next, problems: problems.list.map((p) => `${p.Code} ${p.Target}`) };
  };

  it('clears ShippingDate, RequestedDeliveryDate, customer reference, customs and metadata when absent; keeps tags, direction, packages, source', () => {
    const { next, problems } = apply({ Source: 'Api', Direction: null });
    expect(problems).toEqual([]);
    expect(next).toMatchObject({
      ConsignmentReferenceProvidedByCustomer: '', ShippingDate: null, RequestedDeliveryDate: null, CustomsDocumentation: null, MetaData: [],
      Tags: ['old'], Direction: 'Inbound', Source: 'Web', Packages: before.Packages, OrderReference: 'EO-000-000-001',
    });
  });

  it('replaces what is given; Tags [] clears; RequestedDeliveryDate wins over its alias', () => {
    const { next } = apply({
      ConsignmentReferenceProvidedByCustomer: 'NEW', ShippingDate: '2027-02-03', Tags: [], Direction: 'Outbound',
      RequestedDeliveryDate: { Date: '2027-02-05' }, RequiredDeliveryDate: { Date: '2027-02-09' },
      CustomsDocumentation: { ReasonForExport: 'Sale' },
    });
    expect(next).toMatchObject({
      ConsignmentReferenceProvidedByCustomer: 'NEW', ShippingDate: '2027-02-03T00:00:00.000Z', Tags: [], Direction: 'Outbound',
      RequestedDeliveryDate: { Date: '2027-02-05T00:00:00.000Z' }, CustomsDocumentation: { ReasonForExport: 'Sale' },
    });
  });

  it('replaces the addresses whole and snapshots shipping locations again', () => {
    const { next } = apply({});
    expect(next.Addresses.map((a) => a.AddressType)).toEqual(['Origin', 'Destination']);
    expect(next.Addresses[0]).toMatchObject({ ShippingLocationReference: 'WH1', AddressLine1: 'Warehouse road' });
  });

  it.each([
    ['absent', undefined],
    ['null', null],
    ['empty', []],
  ])('refuses Addresses %s with AddressesRequired (spec §17 #16), with the element\'s path', (_what, addresses) => {
    expect(apply({ Addresses: addresses }).problems).toEqual(['AddressesRequired Addresses']);
    expect(apply({ Addresses: addresses }, '[2]').problems).toEqual(['AddressesRequired [2].Addresses']);
  });
});

describe('describeChanges: what an Updated audit entry records', () => {
  it('lists the changed top-level fields with their values before and after', () => {
    const a = { ...exampleConsignment(), Tags: ['a'] } as unknown as ConsignmentDocument;
    const b = { ...a, Tags: ['b'], ShippingDate: null } as unknown as ConsignmentDocument;
    expect(describeChanges(a, b)).toEqual({
      Changed: ['ShippingDate', 'Tags'],
      Before: { ShippingDate: '2026-12-07T09:00:00+00:00', Tags: ['a'] },
      After: { ShippingDate: null, Tags: ['b'] },
    });
    expect(describeChanges(a, a).Changed).toEqual([]);
  });
});

describe('describeChanges ignores key order (PostgreSQL jsonb reorders keys)', () => {
  it('sees no change between the same document with its keys in another order', () => {
    const a = exampleConsignment() as unknown as ConsignmentDocument;
    const reordered = JSON.parse(JSON.stringify(a, Object.keys(a).reverse().concat(['IsoCode', 'TwoLetterCode', 'Value', 'Unit', 'Amount', 'Currency', 'KeyValue', 'StringValue', 'Items', 'Sku', 'Description', 'Quantity', 'Weight', 'Width', 'Length', 'Height', 'PackageReferenceProvidedByCustomer', 'Dimensions', 'AddressType', 'ShippingLocationReference', 'Contact', 'FirstName', 'LastName', 'Email', 'AddressLine1', 'Town', 'Region', 'Postcode', 'Country', 'Date', 'IsToBeExactlyOnTheDateSpecified'].reverse())));
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(a));
    expect(describeChanges(a, reordered).Changed).toEqual([]);
  });
});
