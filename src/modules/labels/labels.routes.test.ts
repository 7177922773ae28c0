import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { DIALECTS } from '../../db/test-db.js';
import { allocateDirectly } from '../allocation/test-allocation.js';
import type { ConsignmentState } from '../consignments/consignment-state.js';
import { audit, create, exampleConsignment, examplePackage, get, row, setState } from '../consignments/test-consignments.js';
import { pdfInfo, pdfPages, parseZpl, scanPdfPages, scanPng } from './test-decode.js';

const twoPackages = () => exampleConsignment({
  Packages: [examplePackage(), examplePackage({ PackageReferenceProvidedByCustomer: 'BOX-2', Weight: { Value: 2.5, Unit: 'Kg' } })],
  Addresses: [
    { AddressType: 'Origin', ShippingLocationReference: 'WH1' },
    {
      AddressType: 'Destination', Contact: { FirstName: 'Σοφία', LastName: 'Ιωάννου' }, CompanyName: 'ООО «Ромашка»',
      AddressLine1: '1 High Street', Town: 'Leeds', Postcode: 'LS1 1AA', Country: { IsoCode: { TwoLetterCode: 'GB' } },
    },
  ],
});

describe.each(DIALECTS)('Labels (spec §6) over HTTP on %s', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(dialect);
  });
  afterAll(async () => t?.close());

  const allocated = async (service = 'MPD_SIMPOST_TRACKED48', body: unknown = twoPackages()) => {
    const reference = await create(t, body);
    const outcome = await allocateDirectly(t, reference, service);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ reference });
    const c = await get(t, reference);
    const shipment = (await row(t, reference)).shipment;
    const parcels = (typeof shipment === 'string' ? JSON.parse(shipment) : shipment).parcels as Array<{ reference: string; trackingNumber: string }>;
    return { reference, packages: c.Packages.map((p: { Reference: string }) => p.Reference) as string[], tracking: parcels.map((p) => p.trackingNumber) };
  };
  const fetch = async (path: string) => {
    const r = await t.call('GET', path);
    return { ...r, file: r.status === 200 ? Buffer.from(r.json.File, 'base64') : Buffer.alloc(0) };
  };

  it('answers a SimPost consignment in its native PDF: one page per package, each with its tracking barcode and fields', async () => {
    const c = await allocated();
    const r = await fetch(`/labels/${c.reference}`);
    expect(r.status, r.text).toBe(200);
    expect(Object.keys(r.json)).toEqual(['File', 'ContentType']);
    expect(r.json.ContentType).toBe('application/pdf');
    expect(pdfInfo(r.file)).toEqual({ pages: 2, size: '288 x 432 pts' });
    expect(scanPdfPages(r.file)).toEqual(c.tracking.map((n) => [n]));
    const [page1, page2] = pdfPages(r.file);
    for (const text of ['Σοφία Ιωάννου', 'ООО «Ромашка»', 'LS1 1AA', 'SimPost Tracked 48', '1 of 2', '1.2 kg', c.reference, c.packages[0]!, 'MyConsignmentRef', 'BOX-1']) {
      expect(page1).toContain(text);
    }
    expect(page2).toContain('2 of 2');
    expect(page2).toContain('2.5 kg');
  });

  it('answers a SimCourier consignment in its native ZPL, one program per package with ^BC of each tracking number', async () => {
    const c = await allocated('MPD_SIMCOURIER_NEXTDAY');
    const r = await fetch(`/labels/${c.reference}`);
    expect(r.status, r.text).toBe(200);
    expect(r.json.ContentType).toBe('text/plain');
    const programs = parseZpl(r.file.toString('utf8'));
    expect(programs.map((p) => p.code128)).toEqual(c.tracking.map((n) => [n]));
    expect(programs[0]!.texts).toEqual(expect.arrayContaining(['Σοφία Ιωάννου', '1 of 2', c.reference]));
  });

  it.each([
    ['pdf', 'application/pdf'], ['PDF', 'application/pdf'], ['zpl', 'text/plain'], ['ZplII', 'text/plain'],
  ])('serves format %s as %s, any case', async (format, type) => {
    const c = await allocated();
    const r = await fetch(`/labels/${c.reference}/${format}`);
    expect(r.status, r.text).toBe(200);
    expect(r.json.ContentType).toBe(type);
  });

  it('serves one package\'s label under /labels/package/{c}/{p} and the docs\' /labels/{c}/{p}, in any format', async () => {
    const c = await allocated();
    for (const path of [`/labels/package/${c.reference}/${c.packages[1]}`, `/labels/${c.reference}/${c.packages[1]}`]) {
      const r = await fetch(path);
      expect(r.status, r.text).toBe(200);
      expect(scanPdfPages(r.file)).toEqual([[c.tracking[1]]]);
      expect(pdfPages(r.file)[0]).toContain('2 of 2');
    }
    for (const path of [`/labels/package/${c.reference}/${c.packages[0]!.toLowerCase()}/png`, `/labels/${c.reference}/${c.packages[0]}/PNG`]) {
      const r = await fetch(path);
      expect(r.status, r.text).toBe(200);
      expect(r.json.ContentType).toBe('image/png');
      expect(scanPng(r.file)).toEqual([c.tracking[0]]);
    }
  });

  it('takes a resolution after a format: a 300 dpi PNG and ZPL sized for a 300 dpi printer', async () => {
    const c = await allocated('MPD_SIMPOST_TRACKED48', exampleConsignment());
    const png = await fetch(`/labels/${c.reference}/PNG/300`);
    expect(png.status, png.text).toBe(200);
    expect([png.file.readUInt32BE(16), png.file.readUInt32BE(20)]).toEqual([1200, 1800]);
    expect(scanPng(png.file)).toEqual(c.tracking);
    const zpl = await fetch(`/labels/package/${c.reference}/${c.packages[0]}/ZPL/300`);
    expect(zpl.file.toString()).toContain('^PW1200');
  });

  it.each([
    ['/labels/{c}/GIF', 400, 'InvalidLabelFormat'],
    ['/labels/{c}/203', 400, 'InvalidLabelFormat'],
    ['/labels/{c}/PDF/abc', 400, 'ValidationFailed'],
    ['/labels/{c}/ZPL/5000', 400, 'ValidationFailed'],
    ['/labels/package/{c}/{p}/JPEG', 400, 'InvalidLabelFormat'],
    ['/labels/{c}/PNG', 400, 'LabelFormatNotSupported'],
    ['/labels/package/{c}/EP-ZZZ-ZZZ-ZZZ', 404, 'PackageNotFound'],
    ['/labels/{c}/EP-ZZZ-ZZZ-ZZZ/PDF', 404, 'PackageNotFound'],
    ['/labels/package/{c}/not-a-package', 400, 'InvalidReference'],
    ['/labels/EC-ZZZ-ZZZ-ZZZ', 404, 'ConsignmentNotFound'],
    ['/labels/not-a-consignment/PDF', 400, 'InvalidReference'],
  ])('%s answers %i %s and changes nothing', async (template, status, code) => {
    const c = await allocated();
    const before = await row(t, c.reference);
    const r = await fetch(template.replace('{c}', c.reference).replace('{p}', c.packages[0]!));
    expect(r.status, r.text).toBe(status);
    expect(r.json.Code).toBe(code);
    expect(await row(t, c.reference)).toEqual(before);
  });

  it('answers 404 PackageNotFound for another consignment\'s package, and 404 to another customer', async () => {
    const a = await allocated();
    const b = await allocated();
    const r = await fetch(`/labels/package/${a.reference}/${b.packages[0]}`);
    expect([r.status, r.json.Code]).toEqual([404, 'PackageNotFound']);
    const other = await t.call('GET', `/labels/${a.reference}`, { key: t.otherKey });
    expect([other.status, other.json.Code]).toEqual([404, 'ConsignmentNotFound']);
  });

  describe('states (the §4.12 Labels column)', () => {
    it.each(['Allocated', 'ReadyToShip', 'ManifestFailed', 'Manifested', 'Dispatched', 'InTransit', 'Delivered', 'Lost'] as const)(
      'serves labels of a %s consignment', async (state) => {
        const c = await allocated();
        await setState(t, c.reference, state);
        expect((await fetch(`/labels/${c.reference}`)).status).toBe(200);
      });

    it.each([
      ['Unallocated', 400, 'LabelsNotAvailable'],
      ['AllocationFailed', 400, 'LabelsNotAvailable'],
      ['Cancelled', 400, 'LabelsNotAvailable'],
      ['Allocating', 409, 'ConsignmentBusy'],
      ['Manifesting', 409, 'ConsignmentBusy'],
      ['Cancelling', 409, 'ConsignmentBusy'],
    ] as const)('refuses a %s consignment with %i %s and changes nothing', async (state: ConsignmentState, status, code) => {
      const reference = await create(t, twoPackages());
      await setState(t, reference, state);
      const before = await row(t, reference);
      const r = await fetch(`/labels/${reference}`);
      expect([r.status, r.json.Code]).toEqual([status, code]);
      expect(await row(t, reference)).toEqual(before);
    });
  });

  it('sets LabelsPrinted and DateLabelsWereFirstPrinted on the first fetch only, with one Labels audit entry', async () => {
    const c = await allocated();
    const fresh = await get(t, c.reference);
    expect([fresh.LabelsPrinted, fresh.DateLabelsWereFirstPrinted]).toEqual([false, null]);
    const entries = (await audit(t, c.reference)).length;

    expect((await fetch(`/labels/${c.reference}/ZPL`)).status).toBe(200);
    const printed = await get(t, c.reference);
    expect(printed.LabelsPrinted).toBe(true);
    expect(Date.parse(printed.DateLabelsWereFirstPrinted)).not.toBeNaN();
    const trail = await audit(t, c.reference);
    expect(trail).toHaveLength(entries + 1);
    expect(trail.at(-1)).toMatchObject({ Category: 'Labels', Details: { Action: 'LabelsPrinted', StateBefore: 'Allocated', StateAfter: 'Allocated' } });

    const stored = await row(t, c.reference);
    for (const path of [`/labels/${c.reference}`, `/labels/package/${c.reference}/${c.packages[0]}/PNG`]) expect((await fetch(path)).status).toBe(200);
    expect(await row(t, c.reference)).toEqual(stored);
    expect(await audit(t, c.reference)).toHaveLength(entries + 1);
    expect((await get(t, c.reference)).DateLabelsWereFirstPrinted).toBe(printed.DateLabelsWereFirstPrinted);
  });

  it('does not mark labels printed when the fetch fails', async () => {
    const c = await allocated();
    expect((await fetch(`/labels/${c.reference}/PNG`)).status).toBe(400);
    expect((await get(t, c.reference)).LabelsPrinted).toBe(false);
  });
});
