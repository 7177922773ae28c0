import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { DIALECTS } from '../../db/test-db.js';
import { create, exampleConsignment, examplePackage, get } from '../consignments/test-consignments.js';

const FRIDAY = new Date('2026-12-04T10:00:00Z');
const clock = { at: FRIDAY, now() { return this.at; } };
const domestic = (over: Record<string, unknown> = {}) => exampleConsignment({ Tags: [], ShippingDate: undefined, RequiredDeliveryDate: undefined, ...over });

describe.each(DIALECTS)('Quotes (spec §13) over HTTP on %s', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(dialect, { clock });
  });
  afterAll(async () => t?.close());
  afterEach(() => { clock.at = FRIDAY; });

  it('quotes a stored consignment: qualifying services cheapest first, the others with their reasons', async () => {
    const ref = await create(t, domestic());
    const r = await t.call('GET', `/quotes/consignment/${ref}`);
    expect(r.status, r.text).toBe(200);
    const { QuoteRequestReference, Quotes, UnqualifiedServices, Message } = r.json;
    expect(QuoteRequestReference).toMatch(/^[0-9a-f-]{36}$/);
    expect(Quotes.map((q: { MpdCarrierServiceReference: string }) => q.MpdCarrierServiceReference))
      .toEqual(['MPD_SIMPOST_TRACKED48', 'MPD_SIMPOST_SIGNED24', 'MPD_SIMCOURIER_NEXTDAY', 'MPD_SIMCOURIER_PALLET']);
    const nets = Quotes.map((q: { Price: { Net: number } }) => q.Price.Net);
    expect(nets).toEqual([...nets].sort((a, b) => a - b));
    expect(Quotes[0]).toMatchObject({
      ConsignmentReference: ref, CarrierReference: 'SIMPOST', MpdCarrierService: 'SimPost Tracked 48', MpdCarrierServiceSource: 'Internal',
      CreationDate: FRIDAY.toISOString(), ExpiryDate: '2026-12-04T23:59:59.999Z', CollectionDate: '2026-12-04T17:00:00.000Z',
      Price: { Net: 3.6, Gross: 4.32 }, BasePrice: { Net: 3.6 }, ServiceDirection: 'Outbound',
    });
    expect(Quotes[0].DestinationAddress.Postcode).toBe('LS1 1AA');
    const reasons = Object.fromEntries(UnqualifiedServices.map((u: { MpdCarrierServiceReference: string; ExclusionReason: string }) => [u.MpdCarrierServiceReference, u.ExclusionReason]));
    expect(Object.keys(reasons).sort()).toEqual(['MPD_SIMCOURIER_INTLEXPRESS', 'MPD_SIMPOST_INTLTRACKED', 'MPD_SIMPOST_RETURNS']);
    expect(reasons.MPD_SIMPOST_INTLTRACKED).toMatch(/does not deliver from GB to GB/);
    expect(Message).toMatch(/4 quote\(s\)/);
    // Stored: the request can be read again.
    const again = await t.call('GET', `/quotes/${QuoteRequestReference}`);
    expect(again.json.Quotes.map((q: { QuoteReference: string }) => q.QuoteReference)).toEqual(Quotes.map((q: { QuoteReference: string }) => q.QuoteReference));
  });

  it('allocates with a quote at the quoted price (A6)', async () => {
    const ref = await create(t, domestic());
    const quotes = (await t.call('GET', `/quotes/consignment/${ref}`)).json.Quotes;
    const nextDay = quotes.find((q: { MpdCarrierServiceReference: string }) => q.MpdCarrierServiceReference === 'MPD_SIMCOURIER_NEXTDAY');
    const r = await t.call('PUT', `/allocation/${ref}/allocatewithquote/${nextDay.QuoteReference}`);
    expect(r.status, r.text).toBe(200);
    expect(r.json[0]).toMatchObject({ StatusCode: 200, CarrierServiceReference: 'MPD_SIMCOURIER_NEXTDAY' });
    expect((await get(t, ref)).Allocation.Price).toEqual(nextDay.Price);
  });

  it('refuses an expired quote, a quote for another consignment, and an unknown or foreign quote', async () => {
    const ref = await create(t, domestic());
    const other = await create(t, domestic());
    const [quote] = (await t.call('GET', `/quotes/consignment/${ref}`)).json.Quotes;
    const mismatch = await t.call('PUT', `/allocation/${other}/allocatewithquote/${quote.QuoteReference}`);
    expect([mismatch.status, mismatch.json.Code]).toEqual([400, 'QuoteConsignmentMismatch']);
    const foreign = await t.call('PUT', `/allocation/${ref}/allocatewithquote/${quote.QuoteReference}`, { key: t.otherKey });
    expect(foreign.status).toBe(404);
    expect((await t.call('PUT', `/allocation/${ref}/allocatewithquote/00000000-0000-0000-0000-000000000000`)).json.Code).toBe('QuoteNotFound');
    clock.at = new Date('2026-12-05T00:00:00.000Z');
    const expired = await t.call('PUT', `/allocation/${ref}/allocatewithquote/${quote.QuoteReference}`);
    expect([expired.status, expired.json.Code]).toEqual([400, 'QuoteExpired']);
    expect((await get(t, ref)).ConsignmentState).toBe('Unallocated');
  });

  it('quotes an uncreated consignment body; the quote is used after creating it, and re-checked against it', async () => {
    const r = await t.call('POST', '/quotes', { body: domestic() });
    expect(r.status, r.text).toBe(200);
    const quote = r.json.Quotes[0];
    expect(quote.ConsignmentReference).toBe('');
    const ref = await create(t, domestic());
    const ok = await t.call('PUT', `/allocation/${ref}/allocatewithquote/${quote.QuoteReference}`);
    expect(ok.json[0].StatusCode).toBe(200);
    // A heavier consignment no longer fits the quoted service: the allocation fails, naming it.
    const heavy = await create(t, domestic({ Packages: [examplePackage({ Weight: { Value: 25, Unit: 'Kg' } })] }));
    const bad = await t.call('PUT', `/allocation/${heavy}/allocatewithquote/${quote.QuoteReference}`);
    expect([bad.status, bad.json.Code]).toEqual([400, 'NoEligibleService']);
    expect((await get(t, heavy)).FailedAllocation.MpdCarrierServiceReference).toBe(quote.MpdCarrierServiceReference);
  });

  it('refuses an invalid body with the field named, and stores nothing', async () => {
    const before = await t.deps.db.selectFrom('quotes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const r = await t.call('POST', '/quotes', { body: domestic({ Packages: [] }) });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.json.Details)).toContain('Packages');
    const after = await t.deps.db.selectFrom('quotes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('quotes per service group, each with its cheapest quote', async () => {
    const r = await t.call('POST', '/quotes/serviceGroups', { body: domestic() });
    expect(r.status, r.text).toBe(200);
    const byGroup = Object.fromEntries(r.json.map((g: { Reference: string; CheapestQuote: { MpdCarrierServiceReference: string } | null }) => [g.Reference, g.CheapestQuote?.MpdCarrierServiceReference ?? null]));
    expect(byGroup).toEqual({ ECONOMY: 'MPD_SIMPOST_TRACKED48', NEXTDAY: 'MPD_SIMPOST_SIGNED24' });
  });

  it("another customer's consignment is unknown to quotes", async () => {
    const ref = await create(t, domestic());
    expect((await t.call('GET', `/quotes/consignment/${ref}`, { key: t.otherKey })).status).toBe(404);
  });
});
