import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { DIALECTS } from '../../db/test-db.js';
import { allocateDirectly } from '../allocation/test-allocation.js';
import type { ConsignmentState } from '../consignments/consignment-state.js';
import { create, exampleConsignment, examplePackage, get, setState } from '../consignments/test-consignments.js';
import { internationalConsignment, mug, pdfText, teapot } from './test-customs.js';

const gbp = (Amount: number) => ({ Amount, Currency: { IsoCode: 'GBP' } });
/** pdftotext -layout keeps words but spreads columns; compare with runs of spaces collapsed. */
const squeeze = (text: string) => text.replace(/[ \t]+/g, ' ');
/** All whitespace as one space, for sentences the layout may wrap. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe.each(DIALECTS)('Customs documents (spec §7) over HTTP on %s', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(dialect);
  });
  afterAll(async () => t?.close());

  const allocated = async (body: unknown, service: string) => {
    const reference = await create(t, body);
    const outcome = await allocateDirectly(t, reference, service);
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    const c = await get(t, reference);
    return { reference, packages: c.Packages.map((p: { Reference: string }) => p.Reference) as string[] };
  };
  const docs = (reference: string) => t.call('GET', `/consignments/docs/${reference}`);

  describe('CN22: postal service, international, worth ≤ £270', () => {
    let c: { reference: string; packages: string[] };
    beforeAll(async () => {
      c = await allocated(internationalConsignment('FR'), 'MPD_SIMPOST_INTLTRACKED');
    });

    it('lists one CN22 per package, named CN22_{consignment}_{package}.pdf; the other kinds are empty arrays', async () => {
      const r = await docs(c.reference);
      expect(r.status, r.text).toBe(200);
      expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(Object.keys(r.json)).toEqual(['CommercialInvoiceDocuments', 'CN22Documents', 'CN23Documents']);
      expect(r.json.CommercialInvoiceDocuments).toEqual([]);
      expect(r.json.CN23Documents).toEqual([]);
      expect(r.json.CN22Documents.map((d: { Key: string }) => d.Key)).toEqual(c.packages.map((p) => `CN22_${c.reference}_${p}.pdf`));
    });

    it('prints each package\'s own items with HS code, origin, weights, value, totals, the Greek addressee and the declaration', async () => {
      const [first, second] = (await docs(c.reference)).json.CN22Documents;
      const one = pdfText(first.Value);
      expect(one.pages).toBe(1);
      const text = squeeze(one.text);
      expect(text).toContain('CN 22');
      expect(text).toContain('Designated operator: SimPost');
      // The description column wraps: the SKU may land on a second line under the description.
      expect(text).toMatch(/2 Blue stoneware mug (\(MUG-BLUE\) )?6912\.00\.10 GB 0\.800 11\.98/);
      expect(text).toContain('(MUG-BLUE)');
      expect(text).toMatch(/Total gross weight \(kg\) Total value \(GBP\)\s+1\.200 11\.98/);
      expect(text).toContain('Other: Sale of goods');
      expect(text).toContain('Αλέξανδρος Παπαδόπουλος');
      expect(flat(text)).toContain('I, the undersigned, whose name and address are given on the item, certify that the particulars given in this declaration are correct');
      expect(text).toContain(`package 1 of 2`);
      expect(text).not.toContain('Porcelain teapot');
      const two = squeeze(pdfText(second.Value).text);
      expect(two).toMatch(/1 Porcelain teapot (\(POT-1L\) )?6911\.10\.00 CN 0\.900 24\.50/);
      expect(two).toContain('package 2 of 2');
    });

    it('serves one package\'s CN22 as a base64 JSON string, the type in any case, byte for byte the listed one', async () => {
      const listed = (await docs(c.reference)).json.CN22Documents[1].Value;
      for (const type of ['CN22', 'cn22', 'Cn22']) {
        const r = await t.call('GET', `/consignments/docs/${type}/${c.reference}/${c.packages[1]}`);
        expect(r.status, r.text).toBe(200);
        expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
        expect(typeof r.json).toBe('string');
        expect(r.json).toBe(listed);
        expect(Buffer.from(r.json, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      }
    });

    it.each([
      ['CN23', 'it has CN22'],
      ['CommercialInvoice', 'it has CN22'],
    ])('answers a %s request with 404 CustomsDocumentNotFound', async (type, says) => {
      const r = await t.call('GET', `/consignments/docs/${type}/${c.reference}/${c.packages[0]}`);
      expect([r.status, r.json.Code]).toEqual([404, 'CustomsDocumentNotFound']);
      expect(r.json.Message).toContain(says);
      const invoice = await t.call('GET', `/consignments/docs/commercialinvoice/${c.reference}`);
      expect([invoice.status, invoice.json.Code]).toEqual([404, 'CustomsDocumentNotFound']);
    });

    it('gives a Belfast (BT) destination a CN22 too: GB → Northern Ireland is international for customs', async () => {
      const belfast = await allocated(internationalConsignment('BT'), 'MPD_SIMPOST_INTLTRACKED');
      const r = await docs(belfast.reference);
      expect(r.json.CN22Documents).toHaveLength(2);
      expect(squeeze(pdfText(r.json.CN22Documents[0].Value).text)).toContain('Siobhán Ní Bhriain');
    });
  });

  describe('CN23: postal service, worth more than £270', () => {
    const customs = {
      CategoryType: 'Gift, Documents', CN23Comments: 'Hand-made ceramics, no restrictions.', ImportersVatNumber: 'US-VAT-998',
      ImportersTaxCode: 'TAX-77', ImportersTelephone: '+1 212 555 0100', ImportersEmail: 'imports@example.com', ReceiversShippingCost: 12.5,
      OfficeOfPosting: 'Bristol Mail Centre', ReferencesOfAttachedInvoices: ['INV-1001'], ReferencesOfAttachedCertificates: ['CERT-9'],
      ReferencesOfAttachedLicences: ['LIC-3'], DesignatedPersonResponsible: 'Jane Doe', ShipperCustomsReference: 'SCR-42',
      DeclarationDate: '2026-12-05T12:00:00Z',
    };
    let c: { reference: string; packages: string[] };
    beforeAll(async () => {
      c = await allocated(internationalConsignment('US', {
        Packages: [examplePackage({ Value: gbp(299.5), Weight: { Value: 1.9, Unit: 'Kg' }, Items: [mug({ Value: gbp(137.5) }), teapot()] })],
        CustomsDocumentation: customs,
        MetaData: [{ KeyValue: 'ShippersEORI', StringValue: 'GB123456789000' }, { KeyValue: 'CarriageCurrency', StringValue: 'GBP' }],
      }), 'MPD_SIMPOST_INTLTRACKED');
    });

    it('lists a CN23 per package and no CN22', async () => {
      const r = await docs(c.reference);
      expect(r.json.CN22Documents).toEqual([]);
      expect(r.json.CN23Documents.map((d: { Key: string }) => d.Key)).toEqual([`CN23_${c.reference}_${c.packages[0]}.pdf`]);
    });

    it('prints sender and Cyrillic addressee, importer references, items, totals, postage, category, comments, attachments, office and signature', async () => {
      const r = await t.call('GET', `/consignments/docs/cn23/${c.reference}/${c.packages[0]}`);
      expect(r.status, r.text).toBe(200);
      const { text: raw, pages } = pdfText(r.json);
      expect(pages).toBe(1);
      const text = squeeze(raw);
      for (const expected of [
        'CN 23', 'Demo Shop Ltd', 'Иван Петров', '350 Fifth Avenue', 'United States of America', 'Tax code: TAX-77', 'VAT no.: US-VAT-998',
        '+1 212 555 0100', 'imports@example.com', 'SCR-42', 'Hand-made ceramics, no restrictions.', 'LIC-3', 'CERT-9', 'INV-1001',
        'Bristol Mail Centre', '2026-12-05 Jane Doe', 'Package 1 of 1',
      ]) expect(text).toContain(expected);
      expect(text).toMatch(/Blue stoneware mug \(MUG-BLUE\) 2 0\.800 275\.00 6912\.00\.10 GB/);
      expect(text).toMatch(/Porcelain teapot \(POT-1L\) 1 0\.900 24\.50 6911\.10\.00 CN/);
      expect(text).toMatch(/1\.900 299\.50 12\.50 GBP/);
      // The tracking number the carrier gave this package is the CN23's item number.
      const tracking = (await get(t, c.reference)).Packages[0].ConsignmentLegs[0].TrackingReferences[0];
      expect(text).toContain(tracking);
    });

    it('continues the item table on a second page when a package has more lines than one page holds, and loses none', async () => {
      const items = Array.from({ length: 40 }, (_, i) => mug({ Sku: `MUG-${i}`, Description: `Mug number ${i}`, Quantity: 1, Value: gbp(10), Weight: { Value: 0.05 } }));
      const many = await allocated(internationalConsignment('US', {
        Packages: [examplePackage({ Value: gbp(400), Weight: { Value: 2.5, Unit: 'Kg' }, Items: items })],
      }), 'MPD_SIMPOST_INTLTRACKED');
      const r = await t.call('GET', `/consignments/docs/CN23/${many.reference}/${many.packages[0]}`);
      const { text, pages } = pdfText(r.json);
      expect(pages).toBe(2);
      for (let i = 0; i < 40; i++) expect(text).toContain(`Mug number ${i} (MUG-${i})`);
      expect(text).toContain('Continued on the next page');
      expect(text).toContain('CUSTOMS DECLARATION (continued)');
      expect(squeeze(text)).toMatch(/Total value \(GBP\)[^\n]*\n+[^\n]*400\.00/);
    });
  });

  describe('Commercial invoice: courier service, international', () => {
    let c: { reference: string; packages: string[] };
    beforeAll(async () => {
      c = await allocated(internationalConsignment('FR', {
        CustomsDocumentation: {
          ShippingTerms: 'DDP', ReasonForExport: 'Sale of goods', ShippersVatNumber: 'GB987654321', ReceiversVatNumber: 'FR12345678901',
          InvoiceDate: '2026-12-06T00:00:00Z', ReceiversShippingCost: 14.5,
        },
        MetaData: [{ KeyValue: 'shipperseori', StringValue: 'GB123456789000' }, { KeyValue: 'ReceiversEORI', StringValue: 'FR12345678901234' }],
      }), 'MPD_SIMCOURIER_INTLEXPRESS');
    });

    it('lists one invoice for the consignment and no postal forms', async () => {
      const r = await docs(c.reference);
      expect(r.status, r.text).toBe(200);
      expect(r.json.CommercialInvoiceDocuments.map((d: { Key: string }) => d.Key)).toEqual([`CommercialInvoice_${c.reference}.pdf`]);
      expect([r.json.CN22Documents, r.json.CN23Documents]).toEqual([[], []]);
    });

    it('prints "EORI Number" with the shipper\'s and receiver\'s EORI, VAT numbers, terms, items with HS codes, totals and the declaration', async () => {
      const r = await t.call('GET', `/consignments/docs/commercialinvoice/${c.reference}`);
      expect(r.status, r.text).toBe(200);
      const consignment = await get(t, c.reference);
      const text = squeeze(pdfText(r.json).text);
      for (const expected of [
        'COMMERCIAL INVOICE', `Invoice number: ${c.reference}`, 'Invoice date: 2026-12-06',
        'EORI Number: GB123456789000', 'EORI Number: FR12345678901234', 'VAT Number: GB987654321', 'VAT Number: FR12345678901',
        'Maison Hellène SARL', 'Αλέξανδρος Παπαδόπουλος', 'SimCourier International Express', 'DDP', 'Sale of goods',
        consignment.ConsignmentLegs[0].TrackingReferences[0], 'MyConsignmentRef',
      ]) expect(text).toContain(expected);
      expect(flat(text)).toContain('I/We hereby certify that the information on this invoice is true and correct');
      expect(text).toMatch(/1 Blue stoneware mug \(MUG-BLUE\) 6912\.00\.10 GB 2 5\.99 11\.98 0\.800/);
      expect(text).toMatch(/2 Porcelain teapot \(POT-1L\) 6911\.10\.00 CN 1 24\.50 24\.50 0\.900/);
      expect(text).toMatch(/Total net weight 1\.700 kg/);
      expect(text).toMatch(/Total gross weight 2\.300 kg/);
      expect(text).toMatch(/Subtotal \(GBP\) 36\.48/);
      expect(text).toMatch(/Shipping \(GBP\) 14\.50/);
      expect(text).toMatch(/Total invoice value \(GBP\) 50\.98/);
    });

    it('answers the invoice through any of its packages (type CommercialInvoice), the same bytes, and 404 for CN22', async () => {
      const invoice = (await t.call('GET', `/consignments/docs/commercialinvoice/${c.reference}`)).json;
      const viaPackage = await t.call('GET', `/consignments/docs/COMMERCIALINVOICE/${c.reference}/${c.packages[1]}`);
      expect([viaPackage.status, viaPackage.json]).toEqual([200, invoice]);
      const cn22 = await t.call('GET', `/consignments/docs/CN22/${c.reference}/${c.packages[0]}`);
      expect([cn22.status, cn22.json.Code]).toEqual([404, 'CustomsDocumentNotFound']);
    });

    it('omits the EORI lines when the consignment has no EORI metadata', async () => {
      const plain = await allocated(internationalConsignment('FR', { MetaData: [] }), 'MPD_SIMCOURIER_INTLEXPRESS');
      const text = pdfText((await t.call('GET', `/consignments/docs/commercialinvoice/${plain.reference}`)).json).text;
      expect(text).not.toContain('EORI');
    });
  });

  describe('when there are no documents', () => {
    it('answers a domestic allocated consignment with 404 CustomsDocumentNotFound on every endpoint', async () => {
      const domestic = await allocated(exampleConsignment(), 'MPD_SIMPOST_TRACKED48');
      for (const path of [
        `/consignments/docs/${domestic.reference}`,
        `/consignments/docs/commercialinvoice/${domestic.reference}`,
        `/consignments/docs/CN22/${domestic.reference}/${domestic.packages[0]}`,
      ]) {
        const r = await t.call('GET', path);
        expect([path, r.status, r.json.Code]).toEqual([path, 404, 'CustomsDocumentNotFound']);
      }
    });

    it.each(['Unallocated', 'AllocationFailed', 'Cancelled'] as const)('answers a %s consignment with 400 CustomsDocumentsNotAvailable on every endpoint', async (state: ConsignmentState) => {
      const reference = await create(t, internationalConsignment('FR'));
      if (state !== 'Unallocated') await setState(t, reference, state);
      const parcel = (await get(t, reference)).Packages[0].Reference;
      for (const path of [`/consignments/docs/${reference}`, `/consignments/docs/commercialinvoice/${reference}`, `/consignments/docs/CN22/${reference}/${parcel}`]) {
        const r = await t.call('GET', path);
        expect([path, r.status, r.json.Code]).toEqual([path, 400, 'CustomsDocumentsNotAvailable']);
        expect(r.json.Message).toContain(state);
      }
    });

    it('answers a consignment whose allocation failed at the carrier (real path) with 400 CustomsDocumentsNotAvailable', async () => {
      const heavy = await create(t, internationalConsignment('FR', { Packages: [examplePackage({ Weight: { Value: 9, Unit: 'Kg' }, Items: [mug()] })] }));
      const outcome = await allocateDirectly(t, heavy, 'MPD_SIMPOST_INTLTRACKED');
      expect(outcome.ok).toBe(false);
      expect((await get(t, heavy)).ConsignmentState).toBe('AllocationFailed');
      const r = await docs(heavy);
      expect([r.status, r.json.Code]).toEqual([400, 'CustomsDocumentsNotAvailable']);
    });

    it('answers 400 once deallocated (state Unallocated, booking record erased)', async () => {
      const c = await allocated(internationalConsignment('FR'), 'MPD_SIMPOST_INTLTRACKED');
      await t.deps.db.updateTable('consignments').set({ state: 'Unallocated', shipment: null }).where('reference', '=', c.reference).execute();
      const r = await docs(c.reference);
      expect([r.status, r.json.Code]).toEqual([400, 'CustomsDocumentsNotAvailable']);
    });

    it('answers 409 ConsignmentBusy while the consignment is Allocating', async () => {
      const reference = await create(t, internationalConsignment('FR'));
      await setState(t, reference, 'Allocating');
      const r = await docs(reference);
      expect([r.status, r.json.Code]).toEqual([409, 'ConsignmentBusy']);
    });

    it.each([
      ['Cancelled', 400, 'CustomsDocumentsNotAvailable'],
      ['Manifesting', 409, 'ConsignmentBusy'],
      ['Cancelling', 409, 'ConsignmentBusy'],
    ] as const)('goes by the state, not the booking record: a booked consignment now %s answers %i %s', async (state, status, code) => {
      const c = await allocated(internationalConsignment('FR'), 'MPD_SIMPOST_INTLTRACKED');
      await setState(t, c.reference, state);
      const r = await docs(c.reference);
      expect([r.status, r.json.Code]).toEqual([status, code]);
    });
  });

  describe('states with documents (§4.12 "Labels & customs docs" ✓)', () => {
    it.each(['ReadyToShip', 'Manifested', 'ManifestFailed', 'Dispatched', 'InTransit', 'Delivered'] as const)('serves the documents of a %s consignment', async (state) => {
      const c = await allocated(internationalConsignment('FR'), 'MPD_SIMPOST_INTLTRACKED');
      await setState(t, c.reference, state);
      const r = await docs(c.reference);
      expect(r.status, r.text).toBe(200);
      expect(r.json.CN22Documents).toHaveLength(2);
    });
  });

  describe('path errors', () => {
    let c: { reference: string; packages: string[] };
    beforeAll(async () => {
      c = await allocated(internationalConsignment('FR'), 'MPD_SIMPOST_INTLTRACKED');
    });

    it.each([
      ['/consignments/docs/EC-999-999-999', 404, 'ConsignmentNotFound'],
      ['/consignments/docs/commercialinvoice/EC-999-999-999', 404, 'ConsignmentNotFound'],
      ['/consignments/docs/CN22/EC-999-999-999/EP-999-999-999', 404, 'ConsignmentNotFound'],
      ['/consignments/docs/not-a-reference', 400, 'InvalidReference'],
      ['/consignments/docs/commercialinvoice/EP-000-000-001', 400, 'InvalidReference'],
      ['/consignments/docs/CN22/EC-999-999-999/not-a-package', 400, 'InvalidReference'],
      ['/consignments/docs/CN24/EC-999-999-999/EP-999-999-999', 400, 'InvalidCustomsDocumentType'],
      ['/consignments/docs/labels/EC-999-999-999/EP-999-999-999', 400, 'InvalidCustomsDocumentType'],
    ] as const)('GET %s → %i %s', async (path, status, code) => {
      const r = await t.call('GET', path);
      expect([r.status, r.json.Code]).toEqual([status, code]);
      expect(r.json.CorrelationId).toBeTruthy();
    });

    it('answers 404 PackageNotFound for a package of another consignment, and for an unknown one', async () => {
      const other = await create(t, internationalConsignment('FR'));
      const foreignParcel = (await get(t, other)).Packages[0].Reference;
      for (const parcel of [foreignParcel, 'EP-999-999-999']) {
        const r = await t.call('GET', `/consignments/docs/CN22/${c.reference}/${parcel}`);
        expect([r.status, r.json.Code]).toEqual([404, 'PackageNotFound']);
      }
    });

    it("answers another customer exactly as for an unknown consignment (404 ConsignmentNotFound)", async () => {
      for (const path of [`/consignments/docs/${c.reference}`, `/consignments/docs/commercialinvoice/${c.reference}`, `/consignments/docs/CN22/${c.reference}/${c.packages[0]}`]) {
        const r = await t.call('GET', path, { key: t.otherKey });
        expect([r.status, r.json.Code]).toEqual([404, 'ConsignmentNotFound']);
      }
    });

    it('leaves the neighbouring /consignments routes working: search {take}/{skip}, status, get, audit', async () => {
      const search = await t.call('GET', '/consignments/50/0');
      expect(search.status, search.text).toBe(200);
      expect(search.json.ConsignmentSummaries.map((s: { ConsignmentReference?: string; Reference?: string }) => JSON.stringify(s)).join()).toContain(c.reference);
      const status = await t.call('GET', `/consignments/${c.reference}/status`);
      expect([status.status, status.json.Status]).toEqual([200, 'Allocated']);
      expect((await t.call('GET', `/consignments/${c.reference}`)).status).toBe(200);
      expect((await t.call('GET', `/consignments/${c.reference}/audit`)).status).toBe(200);
      // Two segments after /consignments/docs is the customs route, whatever the second one is.
      const notPaging = await t.call('GET', '/consignments/docs/0');
      expect(notPaging.json.Code).toBe('InvalidReference');
    });

    it('documents the three paths in /openapi.json', async () => {
      const spec = await t.call('GET', '/openapi.json', { key: null });
      expect(Object.keys(spec.json.paths)).toEqual(expect.arrayContaining([
        '/consignments/docs/{consignmentReference}', '/consignments/docs/commercialinvoice/{consignmentReference}',
        '/consignments/docs/{customsDocumentType}/{consignmentReference}/{packageReference}',
      ]));
    });

    it('changes nothing when documents are fetched (a read: no audit entry, no version bump)', async () => {
      const before = await t.deps.db.selectFrom('consignments').select(['version', 'document']).where('reference', '=', c.reference).executeTakeFirstOrThrow();
      await docs(c.reference);
      await t.call('GET', `/consignments/docs/CN22/${c.reference}/${c.packages[0]}`);
      const after = await t.deps.db.selectFrom('consignments').select(['version', 'document']).where('reference', '=', c.reference).executeTakeFirstOrThrow();
      expect(after).toEqual(before);
    });
  });
});
