/**
 * The SortedPRO "Order Flex" flow (spec §16.1) end to end, against the service as a user runs it
 * (`node dist/main.js`, background jobs on), over real HTTP, on SQLite and on PostgreSQL:
 * an order whose items ship from two warehouses → two packs (one with GenerateReturn) →
 * allocation by default rules → PDF and ZPL labels (barcodes decoded) → ready to ship →
 * manifest from query (completed by the service's own job) → dispatch → tracking to Delivered →
 * the customer manifest PDF. Needs `npm run build`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../src/db/test-db.js';
import { parseZpl, pdfPages, scanPdfPages } from '../src/modules/labels/test-decode.js';
import { pdfText } from '../src/modules/manifests/test-manifests.js';
import { exampleOrder } from './harness.js';
import { shippingLocation } from './route-table.js';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

interface Service {
  child: ChildProcess;
  base: string;
  key: string;
  output: () => string;
}

async function startService(databaseUrl: string): Promise<Service> {
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DATABASE_URL: databaseUrl,
      // The test advances tracking itself; a poll in between would move journeys on under it.
      PACKLINE_TRACKING_POLL_SECONDS: '3600',
    },
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const port = /"port":(\d+)/.exec(output)?.[1];
    const key = /API key: (\S+)/.exec(output)?.[1];
    if (port && key) return { child, base: `http://127.0.0.1:${port}`, key, output: () => output };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`service did not start:\n${output}`);
}

describe.each(DIALECTS)('Order Flex end to end against a running service on %s', (dialect) => {
  let database: TestDatabase;
  let s: Service;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${s.base}${path}`, {
      method,
      headers: { 'ocp-apim-subscription-key': s.key, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, text, json: text ? JSON.parse(text) : undefined };
  };
  const stateOf = async (ref: string) => (await call('GET', `/consignments/${ref}/status`)).json.ConsignmentState ?? (await call('GET', `/consignments/${ref}`)).json.ConsignmentState;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    s = await startService(database.url);
  }, 60_000);
  afterAll(async () => {
    s?.child.kill('SIGTERM');
    await database?.close();
  });

  it('runs the whole flow', async () => {
    // 1. Two warehouses.
    expect((await call('POST', '/shippinglocations', { ...shippingLocation('WH2'), Name: 'Bristol warehouse' })).status).toBe(201);

    // 2. One order with items held in both (origin WH1 for now).
    const order = exampleOrder({ ShippingDate: undefined, OrderReferenceProvidedByCustomer: 'FLEX-1', Tags: [] });
    const created = await call('POST', '/orders', order);
    expect(created.status, created.text).toBe(201);
    const eo = String(created.json[0].Href).split('/').pop()!;

    // 3. WH1 packs the mugs, with a return label in the box.
    const first = await call('POST', `/orders/${eo}/pack`, { GenerateReturn: true, Packages: [{ PackageSizeReference: 'M', Items: [{ Sku: 'SKU093434', Quantity: 2 }] }] });
    expect(first.status, first.text).toBe(201);
    const ec1 = first.json.Results.find((r: { Result: string }) => r.Result === 'ConsignmentCreated').Data;
    const ec1r = first.json.Results.find((r: { Result: string }) => r.Result === 'ReturnConsignmentCreated').Data;

    // 4. WH2 packs the tea ([EXT] origin on the pack request).
    const second = await call('POST', `/orders/${eo}/pack`, {
      Addresses: [{ AddressType: 'Origin', ShippingLocationReference: 'WH2' }],
      Packages: [{ PackageSizeReference: 'S', Items: [{ Sku: 'TEA-500' }] }],
    });
    expect(second.status, second.text).toBe(201);
    const ec2 = second.json.Results[0].Data;
    const orderNow = (await call('GET', `/orders/${eo}`)).json;
    expect(orderNow.PackingStatus).toBe('Packed');

    // 5. Allocate all three by default rules; the return goes to an inbound service.
    const allocated = await call('PUT', '/allocation/allocate', { ConsignmentReferences: [ec1, ec2, ec1r] });
    expect(allocated.status, allocated.text).toBe(200);
    expect(allocated.json.map((a: { StatusCode: number; Description: string }) => `${a.StatusCode} ${a.StatusCode === 200 ? "" : a.Description}`.trim())).toEqual(["200", "200", "200"]);
    expect(allocated.json[2].CarrierServiceReference).toBe('MPD_SIMPOST_RETURNS');
    const ec2Doc = (await call('GET', `/consignments/${ec2}`)).json;
    expect(ec2Doc.Addresses.find((a: { AddressType: string }) => a.AddressType === 'Origin').Town).toBe('Bristol');

    // 6. Labels: PDF for EC-1 (barcode read back from the rendered page), ZPL for EC-2.
    const pdfLabel = await call('GET', `/labels/${ec1}/pdf`);
    expect([pdfLabel.status, pdfLabel.json.ContentType]).toEqual([200, 'application/pdf']);
    const ec1Doc = (await call('GET', `/consignments/${ec1}`)).json;
    const parcelNumber = ec1Doc.Packages[0].ConsignmentLegs[0].TrackingReferences[0];
    const pdf = Buffer.from(pdfLabel.json.File, 'base64');
    expect(scanPdfPages(pdf)).toEqual([[parcelNumber]]);
    expect(pdfPages(pdf)[0]).toContain('Jo Bloggs');
    expect(pdfPages(pdf)[0]).toContain(ec1Doc.CollectionDate.slice(0, 10)); // no ShippingDate: the booked collection day
    expect(ec1Doc.LabelsPrinted).toBe(true);
    const zplLabel = await call('GET', `/labels/${ec2}/zpl`);
    expect([zplLabel.status, zplLabel.json.ContentType]).toEqual([200, 'text/plain']);
    const zpl = parseZpl(Buffer.from(zplLabel.json.File, 'base64').toString('utf8'));
    expect(zpl.flatMap((l) => l.code128)).toEqual([ec2Doc.Packages[0].ConsignmentLegs[0].TrackingReferences[0]]);

    // 7. Stage the two outbound consignments and manifest them from a query; the service's job completes it.
    const staged = await call('PUT', '/consignments/setreadytoship', [ec1, ec2]);
    expect(staged.json.map((o: { IsSuccess: boolean }) => o.IsSuccess)).toEqual([true, true]);
    const queued = await call('POST', '/consignments/manifestFromQuery', { States: ['ReadyToShip'] });
    expect(queued.status, queued.text).toBe(200);
    expect(queued.json.Message).toMatch(/^Query found 2 consignment\(s\)\. 2 successfully queued to manifest/);
    const deadline = Date.now() + 30_000;
    while ((await stateOf(ec1)) !== 'Manifested' || (await stateOf(ec2)) !== 'Manifested') {
      if (Date.now() > deadline) throw new Error(`not manifested: ${await stateOf(ec1)}, ${await stateOf(ec2)}\n${s.output().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(await stateOf(ec1r)).toBe('Allocated'); // the return waits for the customer

    // 8. Dispatch.
    const dispatched = await call('PUT', '/consignments/Dispatch', { ConsignmentReferences: [ec1, ec2] });
    expect(dispatched.json.map((d: { Status: string }) => d.Status)).toEqual(['Success', 'Success']);

    // 9. The carrier's journey, one step at a time, to Delivered.
    const seen: string[] = [];
    for (let step = 0; step < 10 && (await stateOf(ec1)) !== 'Delivered'; step++) {
      const advanced = await call('POST', `/tracking/${ec1}/advance`);
      expect(advanced.status, advanced.text).toBe(200);
      seen.push(await stateOf(ec1));
    }
    expect(seen).toEqual(['Collected', 'InTransit', 'OutForDelivery', 'Delivered']);
    const tracking = (await call('GET', `/tracking/${ec1}`)).json;
    expect(tracking.TrackedPackages[0].Legs[0].Events.map((e: { Code: string }) => e.Code)).toEqual(['Collected', 'InTransit', 'OutForDelivery', 'Delivered']);
    const delivered = (await call('GET', `/consignments/${ec1}`)).json;
    expect(delivered.DateDelivered).toBeTruthy();

    // 10. The paper manifests: one per warehouse (both SimPost), each listing its consignment.
    const manifests = (await call('GET', '/consignments/customer/manifests')).json as { ManifestReference: string; ShippingLocationReference: string; BookingsCount: number }[];
    expect(manifests.map((m) => [m.ShippingLocationReference, m.BookingsCount]).sort()).toEqual([['WH1', 1], ['WH2', 1]]);
    const wh1 = manifests.find((m) => m.ShippingLocationReference === 'WH1')!;
    const manifestPdf = await call('GET', `/consignments/customer/manifest/${wh1.ManifestReference}`);
    expect(pdfText(manifestPdf.json)).toContain(ec1);
  }, 120_000);
});
