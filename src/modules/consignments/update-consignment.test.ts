import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleOrder, startTestServer, type TestServer } from '../../../test/harness.js';
import { DIALECTS } from '../../db/test-db.js';
import { audit, create, exampleConsignment, examplePackage, get, row, setState } from './test-consignments.js';

describe.each(DIALECTS)('Update Consignment, Add and Delete Package (spec §4.6–§4.8) over HTTP on %s', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(dialect);
  });
  afterAll(async () => t?.close());

  /** The whole consignment sent back with changes: what a client that read it first does. */
  const update = async (body: unknown) => {
    const r = await t.call('PUT', '/consignments', { body });
    expect(r.status, r.text).toBe(200);
    return r.json;
  };
  const itemCount = async (reference: string) => {
    const { id } = await row(t, reference);
    return Number((await t.deps.db.selectFrom('consignment_items').select((eb) => eb.fn.countAll().as('n')).where('consignment_id', '=', id).executeTakeFirstOrThrow()).n);
  };

  describe('Update Consignment', () => {
    it('takes one object and answers 200 with an array of one Link', async () => {
      const reference = await create(t);
      const links = await update({ ...exampleConsignment(), Reference: reference, Tags: ['changed'] });
      expect(links).toEqual([{ Rel: 'Link', Href: `${t.baseUrl}/consignments/${reference}` }]);
      expect((await get(t, reference)).Tags).toEqual(['changed']);
    });

    it('takes an array and answers one Link per element, in order', async () => {
      const a = await create(t);
      const b = await create(t);
      const links = await update([{ ...exampleConsignment(), Reference: b, Tags: ['b'] }, { ...exampleConsignment(), Reference: a.toLowerCase(), Tags: ['a'] }]);
      expect(links.map((l: { Href: string }) => l.Href.split('/').pop())).toEqual([b, a]);
      expect((await get(t, a)).Tags).toEqual(['a']);
      expect((await get(t, b)).Tags).toEqual(['b']);
    });

    it('applies the field table: absent fields cleared, Tags kept, Source ignored, totals recomputed', async () => {
      const reference = await create(t);
      const before = await get(t, reference);
      await update({
        Reference: reference,
        Source: 'Web',
        Addresses: exampleConsignment().Addresses,
        Packages: [{ ...examplePackage(), Reference: before.Packages[0].Reference, Weight: { Value: 5 }, Value: { Amount: 20, Currency: { IsoCode: 'GBP' } } }],
      });
      const after = await get(t, reference);
      expect(after).toMatchObject({
        ConsignmentReferenceProvidedByCustomer: '', ShippingDate: null, RequestedDeliveryDate: null, MetaData: [], CustomsDocumentation: null,
        Tags: ['fragile'], Source: 'Api', Direction: 'Outbound', DateCreated: before.DateCreated, ConsignmentState: 'Unallocated',
        Weight: { Value: 5, Unit: 'Kg' }, Value: { Amount: 20 },
      });
      expect(after.Packages[0].Reference).toBe(before.Packages[0].Reference);
    });

    it('merges packages: known ones rewritten with their items matched by reference, new ones added with EP references, the rest removed', async () => {
      const reference = await create(t, exampleConsignment({ Packages: [examplePackage(), examplePackage({ PackageReferenceProvidedByCustomer: 'BOX-2' })] }));
      const before = await get(t, reference);
      const [first] = before.Packages;
      const keptItem = first.Items[0];
      await update({
        ...exampleConsignment(),
        Reference: reference,
        Packages: [
          { ...first, Description: 'Rewritten', Items: [{ ...keptItem, Quantity: 5 }, { ...keptItem, Reference: null, Sku: 'ADDED' }] },
          examplePackage({ PackageReferenceProvidedByCustomer: 'BOX-3' }),
        ],
      });
      const after = await get(t, reference);
      expect(after.Packages.map((p: { PackageReferenceProvidedByCustomer: string }) => p.PackageReferenceProvidedByCustomer)).toEqual(['BOX-1', 'BOX-3']);
      expect(after.Packages[0]).toMatchObject({ Reference: first.Reference, Description: 'Rewritten' });
      expect(after.Packages[0].Items.map((i: { Reference: string; Sku: string; Quantity: number }) => [i.Reference === keptItem.Reference, i.Sku, i.Quantity]))
        .toEqual([[true, 'SKU093434', 5], [false, 'ADDED', 2]]);
      expect(after.Packages[1].Reference).toMatch(/^EP-/);
      expect(after.Packages[1].Reference).not.toBe(before.Packages[1].Reference);
      expect(await itemCount(reference)).toBe(3);
      // The package rows follow the document: the removed package is no longer found.
      expect((await t.call('DELETE', `/packages/${before.Packages[1].Reference}`)).status).toBe(404);
    });

    it('keeps a packed item\'s link to its order line when its package is rewritten or it moves package: the ledger follows', async () => {
      const order = String((await t.call('POST', '/orders', { body: exampleOrder() })).json[0].Href).split('/').pop()!;
      const packed = await t.call('POST', `/orders/${order}/pack`, {
        body: { Packages: [{ Weight: { Value: 1 }, Dimensions: { Length: 20, Width: 15, Height: 10 }, Items: [{ Sku: 'SKU093434', Quantity: 2 }] }] },
      });
      expect(packed.status, packed.text).toBe(201);
      const reference = packed.json.Results[0].Data;
      const c = await get(t, reference);
      const packedLines = async () => (await t.call('GET', `/orders/${order}`)).json.Packages[0].Items.map((i: any) => i.QuantityPacked);
      expect(await packedLines()).toEqual([2, 0]);
      // One unit fewer, and the item moves into a new package.
      await update({ ...c, Reference: reference, Packages: [{ ...examplePackage(), Items: [{ ...c.Packages[0].Items[0], Quantity: 1 }] }] });
      const after = await get(t, reference);
      expect(after.Packages[0].Reference).not.toBe(c.Packages[0].Reference);
      expect(after.Packages[0].Items[0].Reference).toBe(c.Packages[0].Items[0].Reference);
      expect(after.OrderReference).toBe(order);
      expect(await packedLines()).toEqual([1, 0]);
    });

    it('records an Updated audit entry with what changed, before and after', async () => {
      const reference = await create(t);
      await update({ ...exampleConsignment(), Reference: reference, Packages: null, Tags: ['x'] });
      const last = (await audit(t, reference)).at(-1)!;
      expect(last.Details).toEqual({ Action: 'Updated', StateBefore: 'Unallocated', StateAfter: 'Unallocated' });
      expect(last.AdditionalData).toEqual({ Changed: ['Tags'], Before: { Tags: ['fragile'] }, After: { Tags: ['x'] } });
      expect(last.Username).toBeTruthy();
    });

    // What a refused update must answer, and with which field; the stored row must not change.
    const refusals: Array<[string, (ref: string) => unknown, number, string, string | null]> = [
      ['without Reference', () => ({ ...exampleConsignment() }), 400, 'ReferenceRequired', 'Reference'],
      ['with a malformed Reference', () => ({ ...exampleConsignment(), Reference: 'EO-000-000-001' }), 400, 'InvalidReference', 'Reference'],
      ['without Addresses (spec §17 #16)', (ref) => ({ ...exampleConsignment(), Reference: ref, Addresses: null }), 400, 'AddressesRequired', 'Addresses'],
      ['with a bad package', (ref) => ({ ...exampleConsignment(), Reference: ref, Packages: [examplePackage({ Value: null })] }), 400, 'InvalidMoney', 'Packages[0].Value'],
      ['naming a package of another consignment', (ref) => ({ ...exampleConsignment(), Reference: ref, Packages: [examplePackage({ Reference: 'EP-ZZZ-ZZZ-ZZZ' })] }), 400, 'PackageNotFound', 'Packages[0].Reference'],
      ['with a shape error', (ref) => ({ ...exampleConsignment(), Reference: ref, Tags: 'x' }), 400, 'InvalidType', 'Tags'],
      ['as an array with a bad second element', (ref) => [{ ...exampleConsignment(), Reference: ref, Tags: ['ok'] }, { ...exampleConsignment(), Reference: ref, ShippingDate: 'soon' }], 400, 'InvalidDate', '[1].ShippingDate'],
      ['as an array naming an unknown consignment second', (ref) => [{ ...exampleConsignment(), Reference: ref, Tags: ['ok'] }, { ...exampleConsignment(), Reference: 'EC-ZZZ-ZZZ-ZZZ' }], 404, 'ConsignmentNotFound', null],
      ['as an empty array', () => [], 400, 'ValidationFailed', 'body'],
      ['as a string', () => 'EC-000-000-001', 400, 'InvalidType', 'body'],
    ];
    it.each(refusals)('refuses an update %s, naming the field, and changes nothing', async (_what, body, status, code, target) => {
      const reference = await create(t);
      const before = await row(t, reference);
      const r = await t.call('PUT', '/consignments', { body: body(reference) });
      expect(r.status, r.text).toBe(status);
      expect(r.json).toMatchObject({ Code: code === 'ValidationFailed' || status === 404 ? code : expect.any(String), CorrelationId: expect.any(String) });
      if (target) expect(r.json.Details).toContainEqual(expect.objectContaining({ Code: code, Target: target }));
      // A single-object body's paths and messages carry no `[0]`.
      if (!Array.isArray(body(reference))) expect(r.text).not.toMatch(/"\[0\]/);
      expect(await row(t, reference)).toEqual(before);
    });

    it.each(['Allocated', 'ReadyToShip', 'Manifested', 'Dispatched', 'Cancelled'] as const)('refuses to edit a %s consignment: 400 InvalidConsignmentState', async (state) => {
      const reference = await create(t);
      await setState(t, reference, state);
      const before = await row(t, reference);
      const r = await t.call('PUT', '/consignments', { body: { ...exampleConsignment(), Reference: reference, Tags: ['x'] } });
      expect(r.status).toBe(400);
      expect(r.json.Code).toBe('InvalidConsignmentState');
      expect(r.json.Message).toContain(state);
      expect(await row(t, reference)).toEqual(before);
    });

    it('edits an AllocationFailed consignment; a transient state answers 409 ConsignmentBusy', async () => {
      const reference = await create(t);
      await setState(t, reference, 'AllocationFailed');
      await update({ ...exampleConsignment(), Reference: reference });
      await setState(t, reference, 'Allocating');
      const r = await t.call('PUT', '/consignments', { body: { ...exampleConsignment(), Reference: reference } });
      expect(r.status).toBe(409);
      expect(r.json.Code).toBe('ConsignmentBusy');
    });
  });

  describe('Add Package', () => {
    it('answers 201 with the whole new package and adds it to the consignment and its totals', async () => {
      const reference = await create(t);
      const r = await t.call('POST', `/consignments/${reference}/addpackage`, { body: examplePackage({ Reference: 'EP-IGN-ORE-D00', PackageReferenceProvidedByCustomer: 'BOX-9', Weight: { Value: 800, Unit: 'G' } }) });
      expect(r.status, r.text).toBe(201);
      expect(r.json).toMatchObject({ PackageReferenceProvidedByCustomer: 'BOX-9', Weight: { Value: 0.8, Unit: 'Kg' }, Description: 'Mugs', Charges: [], ConsignmentLegs: [] });
      expect(r.json.Reference).toMatch(/^EP-/);
      expect(r.json.Reference).not.toBe('EP-IGN-ORE-D00');
      const c = await get(t, reference);
      expect(c.Packages.map((p: { Reference: string }) => p.Reference)).toEqual([c.Packages[0].Reference, r.json.Reference]);
      expect(c.Weight.Value).toBe(2);
      expect((await audit(t, reference)).at(-1)!.Details.Action).toBe('PackageAdded');
    });

    it.each([
      ['without Value', { Value: null }, 'InvalidMoney', 'Value'],
      ['without Description', { Description: null }, 'FieldRequired', 'Description'],
      ['without measurements or a size', { Weight: null }, 'PackageMeasurementsRequired', null],
      ['with an unknown size', { PackageSizeReference: 'XXL' }, 'PackageSizeNotFound', 'PackageSizeReference'],
      ['with a bad item', { Items: [{ Sku: 'X', Value: { Amount: 1, Currency: { IsoCode: 'GBP' } } }] }, 'InvalidWeight', 'Items[0].Weight'],
    ])('refuses a package %s, naming the field, and changes nothing', async (_what, change, code, target) => {
      const reference = await create(t);
      const before = await row(t, reference);
      const r = await t.call('POST', `/consignments/${reference}/addpackage`, { body: examplePackage(change) });
      expect(r.status).toBe(400);
      expect(r.json.Details).toContainEqual(expect.objectContaining({ Code: code, Target: target }));
      expect(await row(t, reference)).toEqual(before);
    });

    it('refuses to add to an Allocated consignment', async () => {
      const reference = await create(t);
      await setState(t, reference, 'Allocated');
      const r = await t.call('POST', `/consignments/${reference}/addpackage`, { body: examplePackage() });
      expect(r.status).toBe(400);
      expect(r.json.Code).toBe('InvalidConsignmentState');
    });
  });

  describe('Delete Package', () => {
    const twoPackages = async () => {
      const reference = await create(t, exampleConsignment({ Packages: [examplePackage(), examplePackage({ PackageReferenceProvidedByCustomer: 'BOX-2' })] }));
      return { reference, packages: (await get(t, reference)).Packages.map((p: { Reference: string }) => p.Reference) as string[] };
    };

    it('DELETE /packages/{EP} answers 200 with no body and removes the package, its items and its weight', async () => {
      const { reference, packages } = await twoPackages();
      const r = await t.call('DELETE', `/packages/${packages[0]!.toLowerCase()}`);
      expect(r.status).toBe(200);
      expect(r.text).toBe('');
      const c = await get(t, reference);
      expect(c.Packages.map((p: { Reference: string }) => p.Reference)).toEqual([packages[1]]);
      expect(c.Weight.Value).toBe(1.2);
      expect(await itemCount(reference)).toBe(1);
      expect((await audit(t, reference)).at(-1)!.Details.Action).toBe('PackageDeleted');
    });

    it('never deletes the last package: 400 LastPackageCannotBeDeleted', async () => {
      const { reference, packages } = await twoPackages();
      expect((await t.call('DELETE', `/packages/${packages[0]}`)).status).toBe(200);
      const before = await row(t, reference);
      const r = await t.call('DELETE', `/packages/${packages[1]}`);
      expect(r.status).toBe(400);
      expect(r.json.Code).toBe('LastPackageCannotBeDeleted');
      expect(await row(t, reference)).toEqual(before);
    });

    it('the alias POST /consignments/{EC}/removepackage/{EP} does the same, and refuses a package of another consignment with 400', async () => {
      const { reference, packages } = await twoPackages();
      const other = await twoPackages();
      const wrong = await t.call('POST', `/consignments/${reference}/removepackage/${other.packages[0]}`);
      expect(wrong.status).toBe(400);
      expect(wrong.json).toMatchObject({ Code: 'PackageNotFound', Details: [expect.objectContaining({ Target: 'packageReference' })] });
      const r = await t.call('POST', `/consignments/${reference}/removepackage/${packages[1]}`);
      expect(r.status).toBe(200);
      expect(r.text).toBe('');
      expect((await get(t, reference)).Packages).toHaveLength(1);
      expect((await get(t, other.reference)).Packages).toHaveLength(2);
    });

    it.each([
      ['an unknown package', 'DELETE', '/packages/EP-ZZZ-ZZZ-ZZZ', 404, 'PackageNotFound'],
      ['a malformed package reference', 'DELETE', '/packages/BOX-1', 400, 'InvalidReference'],
      ['an unknown consignment (alias)', 'POST', '/consignments/EC-ZZZ-ZZZ-ZZZ/removepackage/EP-ZZZ-ZZZ-ZZZ', 404, 'ConsignmentNotFound'],
    ])('answers %s with %s %s', async (_what, method, path, status, code) => {
      const r = await t.call(method, path);
      expect(r.status).toBe(status);
      expect(r.json.Code).toBe(code);
    });

    it('refuses to delete from a Manifested consignment', async () => {
      const { reference, packages } = await twoPackages();
      await setState(t, reference, 'Manifested');
      const r = await t.call('DELETE', `/packages/${packages[0]}`);
      expect(r.status).toBe(400);
      expect(r.json.Code).toBe('InvalidConsignmentState');
      expect((await get(t, reference)).Packages).toHaveLength(2);
    });
  });
});
