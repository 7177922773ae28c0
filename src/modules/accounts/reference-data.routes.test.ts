import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { DIALECTS } from '../../db/test-db.js';

const location = (reference: string) => ({
  Reference: reference,
  Name: 'Second warehouse',
  ShippingLocationType: 'warehouse',
  CompanyName: 'Demo Shop Ltd',
  AddressLine1: '9 Dock Road',
  Town: 'Bristol',
  Postcode: 'BS1 1AA',
  Country: { IsoCode: { TwoLetterCode: 'gb' } },
});

describe.each(DIALECTS)('shipping locations and package sizes over HTTP on %s', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(dialect);
  });
  afterAll(async () => t?.close());

  it('lists the demo warehouse, in full, for the calling customer only', async () => {
    const all = await t.call('GET', '/shippinglocations');
    expect(all.status).toBe(200);
    expect(all.json).toHaveLength(1);
    expect(all.json[0]).toMatchObject({ Reference: 'WH1', ShippingLocationType: 'Warehouse', Postcode: 'OL16 4NW', LinkedAccounts: [] });
    expect((await t.call('GET', '/shippinglocations/assigned')).json).toEqual(all.json);
    expect((await t.call('GET', '/shippinglocations/WH1')).json.Reference).toBe('WH1');
  });

  it('creates, reads, updates and deletes a location; its reference is never reusable', async () => {
    expect((await t.call('GET', '/shippinglocations/WH2/available')).json).toBe(true);
    const created = await t.call('POST', '/shippinglocations', { body: location('WH2') });
    expect(created.status, created.text).toBe(201);
    expect(created.json).toMatchObject({ Reference: 'WH2', ShippingLocationType: 'Warehouse', Country: { Name: 'United Kingdom' }, TimeZone: 'Europe/London' });
    expect((await t.call('GET', '/shippinglocations/WH2/available')).json).toBe(false);

    const dup = await t.call('POST', '/shippinglocations', { body: location('WH2') });
    expect(dup.status).toBe(400);
    expect(dup.json.Code).toBe('ShippingLocationAlreadyExists');

    const updated = await t.call('PUT', '/shippinglocations/WH2', { body: { ...location('ignored'), Town: 'Bath', Postcode: 'BA1 1AA' } });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ Reference: 'WH2', Town: 'Bath' });

    expect((await t.call('DELETE', '/shippinglocations/WH2')).status).toBe(200);
    expect((await t.call('GET', '/shippinglocations/WH2')).status).toBe(404);
    expect((await t.call('GET', '/shippinglocations/WH2/available')).json).toBe(false);
    expect((await t.call('POST', '/shippinglocations', { body: location('WH2') })).json.Code).toBe('ShippingLocationAlreadyExists');
  });

  it('refuses an incomplete location address, listing each problem', async () => {
    const r = await t.call('POST', '/shippinglocations', { body: { Reference: 'BAD', TimeZone: 'Mars/Base' } });
    expect(r.status).toBe(400);
    expect(r.json.Details.map((d: { Target: string }) => d.Target).sort()).toEqual(['AddressLine1', 'Contact', 'Country', 'TimeZone']);
  });

  it("does not show or touch another customer's locations", async () => {
    await t.call('POST', '/shippinglocations', { body: location('ONLY-MINE') });
    expect((await t.call('GET', '/shippinglocations/ONLY-MINE', { key: t.otherKey })).status).toBe(404);
    expect((await t.call('DELETE', '/shippinglocations/ONLY-MINE', { key: t.otherKey })).status).toBe(404);
    expect((await t.call('GET', '/shippinglocations/ONLY-MINE')).status).toBe(200);
  });

  it('lists the three demo package sizes with S as the default', async () => {
    const sizes = await t.call('GET', '/packagesizes');
    expect(sizes.json.map((s: { Reference: string; IsDefault: boolean }) => [s.Reference, s.IsDefault])).toEqual([
      ['L', false], ['M', false], ['S', true],
    ]);
    expect((await t.call('GET', '/packagesizes/default')).json).toMatchObject({ Reference: 'S', Length: 25, Width: 20, Height: 10, Weight: 2 });
  });

  it('creates, updates, makes default and deletes a package size', async () => {
    const created = await t.call('POST', '/packagesizes', { body: { Reference: 'XL', Description: 'Extra large', Length: 80, Width: 60, Height: 50, Weight: 30 } });
    expect(created.status, created.text).toBe(201);
    expect((await t.call('POST', '/packagesizes', { body: { Reference: 'XL', Description: 'x', Length: 1, Width: 1, Height: 1, Weight: 1 } })).json.Code).toBe(
      'PackageSizeAlreadyExists',
    );
    const updated = await t.call('PUT', '/packagesizes/XL', { body: { Description: 'Extra large box', Length: 81, Width: 60, Height: 50, Weight: 30 } });
    expect(updated.json).toMatchObject({ Reference: 'XL', Length: 81, IsDefault: false });
    expect((await t.call('PUT', '/packagesizes/XL/default')).status).toBe(200);
    const defaults = (await t.call('GET', '/packagesizes')).json.filter((s: { IsDefault: boolean }) => s.IsDefault);
    expect(defaults.map((s: { Reference: string }) => s.Reference)).toEqual(['XL']);
    expect((await t.call('PUT', '/packagesizes/NOPE/default')).status).toBe(404);
    expect((await t.call('GET', '/packagesizes')).json.filter((s: { IsDefault: boolean }) => s.IsDefault)).toHaveLength(1);
    expect((await t.call('DELETE', '/packagesizes/XL')).status).toBe(200);
    expect((await t.call('GET', '/packagesizes/XL')).status).toBe(404);
  });

  it('refuses a package size without measurements, listing each problem', async () => {
    const r = await t.call('POST', '/packagesizes', { body: { Reference: 'Z', Length: 0 } });
    expect(r.status).toBe(400);
    expect(r.json.Details.map((d: { Target: string }) => d.Target).sort()).toEqual(['Description', 'Height', 'Length', 'Weight', 'Width']);
  });

  it('[EXT] keeps what box selection needs: inner dimensions (default the outer), empty and maximum weight, cost', async () => {
    const plain = await t.call('POST', '/packagesizes', { body: { Reference: 'P1', Description: 'Plain', Length: 30, Width: 20, Height: 10, Weight: 1 } });
    expect(plain.status, plain.text).toBe(201);
    expect((await t.call('GET', '/packagesizes/P1')).json).toMatchObject({
      InnerLength: 30, InnerWidth: 20, InnerHeight: 10, EmptyWeight: 0, MaxWeight: null, Cost: null,
    });
    const full = await t.call('POST', '/packagesizes', { body: {
      Reference: 'P2', Description: 'Full', Length: 30, Width: 20, Height: 10, Weight: 1,
      InnerLength: 29.5, InnerWidth: 19.5, InnerHeight: 9.5, EmptyWeight: 0.2, MaxWeight: 12, Cost: { Amount: 0.55, Currency: { IsoCode: 'GBP' } },
    } });
    expect(full.status, full.text).toBe(201);
    expect((await t.call('GET', '/packagesizes/P2')).json).toMatchObject({
      InnerLength: 29.5, InnerWidth: 19.5, InnerHeight: 9.5, EmptyWeight: 0.2, MaxWeight: 12, Cost: { Amount: 0.55, Currency: { IsoCode: 'GBP' } },
    });
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['an inner side larger than the outer one', { InnerLength: 31 }, ['InnerLength']],
    ['a zero inner side', { InnerHeight: 0 }, ['InnerHeight']],
    ['a negative empty weight', { EmptyWeight: -1 }, ['EmptyWeight']],
    ['a maximum weight not above the empty weight', { EmptyWeight: 2, MaxWeight: 2 }, ['MaxWeight']],
    ['a cost in an unknown currency', { Cost: { Amount: 1, Currency: { IsoCode: 'XXY' } } }, ['Cost.Currency.IsoCode']],
  ])('[EXT] refuses %s', async (_name, extra, targets) => {
    const r = await t.call('POST', '/packagesizes', { body: { Reference: 'BAD', Description: 'Bad', Length: 30, Width: 20, Height: 10, Weight: 1, ...extra } });
    expect(r.status, r.text).toBe(400);
    expect(r.json.Details.map((d: { Target: string }) => d.Target)).toEqual(targets);
    expect((await t.call('GET', '/packagesizes/BAD')).status).toBe(404);
  });
});
