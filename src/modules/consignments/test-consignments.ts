/** Shared pieces of the consignment HTTP tests (excluded from the build by name). */
import { expect } from 'vitest';
import type { TestServer } from '../../../test/harness.js';
import type { ConsignmentState } from './consignment-state.js';

const money = (Amount: number) => ({ Amount, Currency: { IsoCode: 'GBP' } });

/** A package as Create Consignment and Add Package take it. */
export function examplePackage(overrides: Record<string, unknown> = {}) {
  return {
    PackageReferenceProvidedByCustomer: 'BOX-1',
    Description: 'Mugs',
    Value: money(11.98),
    Weight: { Value: 1.2, Unit: 'Kg' },
    Dimensions: { Unit: 'Cm', Width: 20, Length: 30, Height: 10 },
    Items: [
      { Sku: 'SKU093434', Description: 'Blue mug', Quantity: 2, Weight: { Value: 0.4 }, Value: money(5.99) },
    ],
    ...overrides,
  };
}

/** The Create Consignment example of spec §4.2, completed: from the demo warehouse WH1 to Leeds. */
export function exampleConsignment(overrides: Record<string, unknown> = {}) {
  return {
    ConsignmentReferenceProvidedByCustomer: 'MyConsignmentRef',
    Source: 'Api',
    ShippingDate: '2026-12-07T09:00:00+00:00',
    RequiredDeliveryDate: { Date: '2026-12-10', IsToBeExactlyOnTheDateSpecified: true },
    Packages: [examplePackage()],
    Addresses: [
      { AddressType: 'Origin', ShippingLocationReference: 'WH1' },
      {
        AddressType: 'Destination',
        Contact: { FirstName: 'Jo', LastName: 'Bloggs', Email: 'jo@example.com' },
        AddressLine1: '1 High Street',
        Town: 'Leeds',
        Region: 'West Yorkshire',
        Postcode: 'LS1 1AA',
        Country: { IsoCode: { TwoLetterCode: 'GB' } },
      },
    ],
    MetaData: [{ KeyValue: 'ShippersEORI', StringValue: 'GB123456789000' }],
    Tags: ['fragile'],
    ...overrides,
  };
}

export async function create(t: TestServer, body: unknown = exampleConsignment()): Promise<string> {
  const r = await t.call('POST', '/consignments', { body });
  expect(r.status, r.text).toBe(201);
  return String(r.json[0].Href).split('/').pop()!;
}

export async function get(t: TestServer, reference: string) {
  const r = await t.call('GET', `/consignments/${reference}`);
  expect(r.status, r.text).toBe(200);
  return r.json;
}

/** Allocation and manifesting do not exist yet: tests put a consignment in a state directly. */
export async function setState(t: TestServer, reference: string, state: ConsignmentState): Promise<void> {
  await t.deps.db.updateTable('consignments').set({ state }).where('reference', '=', reference).execute();
}

/** The stored row (document included), to prove a refused request changed nothing. */
export async function row(t: TestServer, reference: string) {
  return t.deps.db.selectFrom('consignments').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
}

export async function audit(t: TestServer, reference: string) {
  const r = await t.call('GET', `/consignments/${reference}/audit`);
  expect(r.status, r.text).toBe(200);
  return r.json as Array<{ Username: string | null; Message: string; Details: { Action: string; StateBefore: string | null; StateAfter: string | null }; AdditionalData: any }>;
}
