import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { DIALECTS } from '../../db/test-db.js';
import type { ConsignmentDocument } from './consignment.js';
import { documentOf } from './consignment.js';
import type { ConsignmentState } from './consignment-state.js';
import { findConsignment, saveConsignment } from './consignments.repo.js';
import { MAX_REFERENCES } from './search-consignments.js';
import { pageQuery } from './search-consignments.repo.js';
import { parseSearchFilters } from './search-filters.js';
import { create, exampleConsignment, examplePackage, row } from './test-consignments.js';

const money = (Amount: number) => ({ Amount, Currency: { IsoCode: 'GBP' } });
const destination = (fields: Record<string, unknown>) => ({ AddressType: 'Destination', CompanyName: 'Receiver Ltd', ...fields });

describe.each(DIALECTS)('Search Consignments, references and count (spec §4.5) over HTTP on %s', (dialect) => {
  let t: TestServer;
  /** The demo customer's consignments, by name; `ref.c1` … */
  const ref: Record<string, string> = {};

  /** What allocation, labels and tracking will set one day, written the way they will be: through the repository. */
  async function patch(reference: string, state: ConsignmentState, change: (d: ConsignmentDocument) => Partial<ConsignmentDocument>) {
    const { customer_id: customerId } = await row(t, reference);
    const current = (await findConsignment(t.deps.db, { id: Number(customerId), reference: '', name: '' }, reference))!;
    const document = { ...documentOf(current), ...change(documentOf(current)) };
    expect(await saveConsignment(t.deps.db, Number(customerId), current, { state, document, updatedAt: new Date().toISOString() })).toBe(true);
  }
  const createdAt = (reference: string, at: string) => t.deps.db.updateTable('consignments').set({ created_at: at }).where('reference', '=', reference).execute();

  beforeAll(async () => {
    t = await startTestServer(dialect);
    ref.c1 = await create(t, exampleConsignment({ ConsignmentReferenceProvidedByCustomer: 'REF-A', RequiredDeliveryDate: null }));
    ref.c2 = await create(t, exampleConsignment({
      ConsignmentReferenceProvidedByCustomer: 'REF-B',
      Direction: 'Inbound',
      Source: 'Web',
      ShippingDate: '2026-01-02T08:00:00Z',
      Packages: [examplePackage({ Weight: { Value: 5 }, Value: money(50) })],
      Addresses: [exampleConsignment().Addresses[0], destination({ AddressLine1: '5 Rue X', Town: 'Paris', Region: 'Kent', Postcode: '75001', Country: { IsoCode: { TwoLetterCode: 'FR' } } })],
      CustomsDocumentation: { ShippingTerms: 'DDP' },
    }));
    ref.c3 = await create(t, exampleConsignment({
      ConsignmentReferenceProvidedByCustomer: 'REF-A',
      RequiredDeliveryDate: { Date: '2026-01-06', IsToBeExactlyOnTheDateSpecified: true },
      Packages: [examplePackage({ Weight: { Value: 500, Unit: 'G' } })],
      Addresses: [exampleConsignment().Addresses[0], destination({ AddressLine1: '10 Downing Street', Town: 'London', Postcode: 'SW1A 2AA', Country: { IsoCode: { TwoLetterCode: 'GB' } } })],
    }));
    ref.c4 = await create(t, exampleConsignment({ ConsignmentReferenceProvidedByCustomer: '', RequiredDeliveryDate: null, Tags: [] }));
    await createdAt(ref.c1, '2026-01-01T10:00:00.000Z');
    await createdAt(ref.c2, '2026-01-02T10:00:00.000Z');
    // c3 and c4 were created in the same millisecond: the later reference comes first.
    await createdAt(ref.c3, '2026-01-03T10:00:00.000Z');
    await createdAt(ref.c4, '2026-01-03T10:00:00.000Z');
    await patch(ref.c2, 'Allocated', () => ({
      Allocation: {
        CarrierServiceGroupReference: 'NEXTDAY', MpdCarrierServiceGroupName: 'Next day', MpdCarrierServiceReference: 'DPD_NEXT',
        MpdCarrierServiceName: 'DPD Next Day', AllocationDate: '2026-01-02T11:00:00.000Z', CarrierReference: 'DPD', CarrierName: 'DPD', Price: null as never,
      },
      ConsignmentLegs: [{ Leg: 1, TrackingReferences: ['JD0001', 'JD0002'], CarrierReference: 'DPD', CarrierServiceReference: 'NEXT', CarrierName: 'DPD' }],
      LatestDeliveryDate: '2026-01-05T18:00:00.000Z',
      LabelsPrinted: true,
      DateLabelsWereFirstPrinted: '2026-01-02T12:00:00.000Z',
    }));
    await patch(ref.c3, 'Dispatched', () => ({ DateShipped: '2026-01-03T12:00:00.000Z' }));
    // Another customer's consignment matching many filters: it must never show.
    await t.call('POST', '/consignments', { key: t.otherKey, body: exampleConsignment({ ConsignmentReferenceProvidedByCustomer: 'REF-A' }) });
  });
  afterAll(async () => t?.close());

  const names = (references: string[]) => references.map((r) => Object.keys(ref).find((k) => ref[k] === r) ?? r);
  const search = async (query = '', page = '100/0') => {
    const r = await t.call('GET', `/consignments/${page}${query ? `?${query}` : ''}`);
    expect(r.status, r.text).toBe(200);
    return r.json as { Count: number; ConsignmentSummaries: Array<Record<string, any>> };
  };

  it('lists the caller\'s consignments newest first (created, then reference, descending), Count = all matches', async () => {
    const r = await search();
    expect(r.Count).toBe(4);
    expect(names(r.ConsignmentSummaries.map((s) => s.Reference))).toEqual(['c4', 'c3', 'c2', 'c1']);
  });

  it.each([
    ['2/1', ['c3', 'c2']],
    ['1/0', ['c4']],
    ['1000/3', ['c1']],
    ['5/10', []],
  ])('pages with take/skip %s; Count stays the total', async (page, expected) => {
    const r = await search('', page);
    expect(r.Count).toBe(4);
    expect(names(r.ConsignmentSummaries.map((s) => s.Reference))).toEqual(expected);
  });

  // Each filter a row: the query string, then the consignments it must find, newest first.
  const filters: Array<[string, (r: Record<string, string>) => string, string[]]> = [
    ['state', () => 'state=Allocated', ['c2']],
    ['state, display names, a list', () => 'State=allocated,%20Dispatched', ['c3', 'c2']],
    ['direction', () => 'direction=inbound', ['c2']],
    ['source', () => 'source=Web', ['c2']],
    ['reference', (r) => `reference=${r.c2!.toLowerCase()}`, ['c2']],
    ['consignmentNumber', (r) => `consignmentNumber=${r.c3}`, ['c3']],
    ['referenceProvidedByCustomer', () => 'referenceProvidedByCustomer=REF-A', ['c3', 'c1']],
    ['clientReference', () => 'clientReference=REF-B', ['c2']],
    ['createdDateFrom (a date: from its start)', () => 'createdDateFrom=2026-01-02', ['c4', 'c3', 'c2']],
    ['createdDateTo (a date: to its end)', () => 'createdDateTo=2026-01-02', ['c2', 'c1']],
    ['startFrom and endAt', () => 'startFrom=2026-01-02T10:00:00Z&endAt=2026-01-03T09:59:59Z', ['c2']],
    ['an offset in a date-time', () => 'endAt=2026-01-02T11:00:00%2B01:00', ['c2', 'c1']],
    ['shippedDateFrom/To', () => 'shippedDateFrom=2026-01-03&shippedDateTo=2026-01-03', ['c3']],
    ['shippingDateTo', () => 'shippingDateTo=2026-06-01', ['c2']],
    ['scheduledDeliveryDateTo', () => 'scheduledDeliveryDateTo=2026-01-05', ['c2']],
    ['requestedDeliveryDateFrom/To', () => 'requestedDeliveryDateFrom=2026-01-06&requestedDeliveryDateTo=2026-01-06', ['c3']],
    ['weightInKgFrom', () => 'weightInKgFrom=2', ['c2']],
    ['weightInGramsTo', () => 'weightInGramsTo=600', ['c3']],
    ['valueFrom', () => 'valueFrom=20', ['c2']],
    ['valueTo', () => 'valueTo=11.98', ['c4', 'c3', 'c1']],
    ['labelsPrinted=true', () => 'labelsPrinted=true', ['c2']],
    ['labelsPrinted=false', () => 'labelsPrinted=false', ['c4', 'c3', 'c1']],
    ['carrierService', () => 'carrierService=DPD_NEXT', ['c2']],
    ['carriers', () => 'carriers=UPS,DPD', ['c2']],
    ['trackingReference: one whole tracking number', () => 'trackingReference=JD0002', ['c2']],
    ['trackingReference: not a part of one', () => 'trackingReference=JD000', []],
    ['postCode: destination, any case and spacing', () => 'postCode=sw1a2aa', ['c3']],
    ['postCode: origin too', () => 'postCode=OL16%204NW', ['c4', 'c3', 'c2', 'c1']],
    ['destinationCountryCode', () => 'destinationCountryCode=fr', ['c2']],
    ['destinationRegion, any case', () => 'destinationRegion=KENT', ['c2']],
    ['shippingLocationReference', () => 'shippingLocationReference=WH1', ['c4', 'c3', 'c2', 'c1']],
    ['searchTerm: destination first line', () => 'searchTerm=downing', ['c3']],
    ['searchTerm: customer reference', () => 'searchTerm=ref-b', ['c2']],
    ['searchTerm: tracking number', () => 'searchTerm=jd0001', ['c2']],
    ['searchTerm: reference', (r) => `searchTerm=${r.c1!.slice(-5).toLowerCase()}`, ['c1']],
    ['searchTerm: % and _ are literal', () => 'searchTerm=%25', []],
    ['several filters, AND-combined', () => 'referenceProvidedByCustomer=REF-A&state=Dispatched', ['c3']],
    ['legacy paging, ignored', () => 'pageSize=1&startPage=3', ['c4', 'c3', 'c2', 'c1']],
  ];
  it.each(filters)('filters by %s', async (_what, query, expected) => {
    const q = query(ref);
    const r = await search(q);
    expect(names(r.ConsignmentSummaries.map((s) => s.Reference))).toEqual(expected);
    expect(r.Count).toBe(expected.length);
    // The same filters drive Get Consignments References and Count.
    expect(names((await t.call('GET', `/consignments/getConsignmentReferences?${q}`)).json)).toEqual(expected);
    expect((await t.call('GET', `/consignments/count?${q}`)).json).toBe(expected.length);
  });

  it('filters by packageNumber', async () => {
    const pkg = (await t.call('GET', `/consignments/${ref.c1}`)).json.Packages[0].Reference;
    expect(names((await search(`packageNumber=${pkg}`)).ConsignmentSummaries.map((s) => s.Reference))).toEqual(['c1']);
  });

  it('answers each summary in the ConsignmentSummary shape, field for field', async () => {
    const [c2] = (await search(`reference=${ref.c2}`)).ConsignmentSummaries;
    expect(Object.keys(c2!)).toEqual([
      'Reference', 'ConsignmentReferenceProvidedByCustomer', 'DateCreated', 'State', 'ShippingDate', 'MpdCarrierReference',
      'MpdCarrierServiceReference', 'MpdCarrierServiceName', 'MpdCarrierServiceGroupName', 'MpdCarrierServiceGroupReference',
      'AllocationDate', 'ShippedDate', 'Source', 'DestinationAddressLine1', 'DestinationAddressTown', 'DestinationAddressPostcode',
      'DestinationAddressCountry', 'DestinationShippingLocationReference', 'RequestedDeliveryDate',
      'RequestedDeliveryDateIsToBeExactlyOnTheDateSpecified', 'LabelsPrinted', 'DateLabelsWereFirstPrinted', 'EstimatedDeliveryDate',
      'ShippingTerms', 'FailedAllocationAttemptedAllocationDate', 'FailedAllocationMessage', 'FailedAllocationMpdCarrierServiceReference',
      'FailedAllocationMpdCarrierServiceGroupName', 'FailedAllocationMpdCarrierServiceGroupReference', 'FailedAllocationMpdCarrierServiceName',
      'IsLate', 'DeliveryDate', 'CollectionDate', 'AttemptedDeliveryDate', 'Value', 'Weight', 'ApiLink', 'FailedManifestMessage',
      'FailedManifestTimeStamp',
    ]);
    expect(c2).toEqual({
      Reference: ref.c2, ConsignmentReferenceProvidedByCustomer: 'REF-B', DateCreated: '2026-01-02T10:00:00.000Z', State: 'Allocated',
      ShippingDate: '2026-01-02T08:00:00.000Z', MpdCarrierReference: 'DPD', MpdCarrierServiceReference: 'DPD_NEXT',
      MpdCarrierServiceName: 'DPD Next Day', MpdCarrierServiceGroupName: 'Next day', MpdCarrierServiceGroupReference: 'NEXTDAY',
      AllocationDate: '2026-01-02T11:00:00.000Z', ShippedDate: null, Source: 'Web', DestinationAddressLine1: '5 Rue X',
      DestinationAddressTown: 'Paris', DestinationAddressPostcode: '75001', DestinationAddressCountry: 'FR',
      DestinationShippingLocationReference: null, RequestedDeliveryDate: '2026-12-10T00:00:00.000Z',
      RequestedDeliveryDateIsToBeExactlyOnTheDateSpecified: true, LabelsPrinted: true, DateLabelsWereFirstPrinted: '2026-01-02T12:00:00.000Z',
      EstimatedDeliveryDate: '2026-01-05T18:00:00.000Z', ShippingTerms: 'DDP', FailedAllocationAttemptedAllocationDate: null,
      FailedAllocationMessage: null, FailedAllocationMpdCarrierServiceReference: null, FailedAllocationMpdCarrierServiceGroupName: null,
      FailedAllocationMpdCarrierServiceGroupReference: null, FailedAllocationMpdCarrierServiceName: null, IsLate: false, DeliveryDate: null,
      CollectionDate: null, AttemptedDeliveryDate: null, Value: { Amount: 50, Currency: { IsoCode: 'GBP', Name: 'Pound Sterling' } },
      Weight: { Value: 5, Unit: 'Kg' }, ApiLink: { Rel: 'detail', Href: `${t.baseUrl}/consignments/${ref.c2}` }, FailedManifestMessage: null,
      FailedManifestTimeStamp: null,
    });
    const [c3] = (await search(`reference=${ref.c3}`)).ConsignmentSummaries;
    expect(c3).toMatchObject({ ShippedDate: '2026-01-03T12:00:00.000Z', MpdCarrierReference: null, RequestedDeliveryDate: '2026-01-06T00:00:00.000Z' });
  });

  it.each([
    ['an unknown filter', '/consignments/10/0?colour=red', 'InvalidFilter', 'colour'],
    ['a bad state', '/consignments/10/0?state=Lost%20in%20space', 'InvalidFilter', 'state'],
    ['a bad date', '/consignments/getConsignmentReferences?createdDateFrom=yesterday', 'InvalidFilter', 'createdDateFrom'],
    ['a bad number', '/consignments/count?weightInKgFrom=heavy', 'InvalidFilter', 'weightInKgFrom'],
    ['a bad count state', '/consignments/count?state=Nope', 'InvalidFilter', 'state'],
    ['take 0', '/consignments/0/0', 'InvalidPaging', 'take'],
    ['take 1001', '/consignments/1001/0', 'InvalidPaging', 'take'],
    ['skip -1', '/consignments/10/-1', 'InvalidPaging', 'skip'],
  ])('answers %s with 400 naming the parameter', async (_what, path, code, target) => {
    const r = await t.call('GET', path);
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ Code: code, CorrelationId: expect.any(String) });
    expect(r.json.Details).toContainEqual(expect.objectContaining({ Code: code, Target: target }));
  });

  it.each([
    ['no filter', {}],
    ['a created-date range', { createdDateFrom: '2026-01-01', createdDateTo: '2026-02-01' }],
  ])('reads a page with %s from the consignments_customer_created index, without sorting', async (_what, query) => {
    const { customer_id: customerId } = await row(t, ref.c1!);
    const q = pageQuery(t.deps.db, Number(customerId), parseSearchFilters(query), { take: 50, skip: 0 }).compile();
    let plan: string;
    if (dialect === 'sqlite') {
      const r = await t.deps.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]));
      plan = r.rows.map((x) => x.detail).join('\n');
      expect(plan).not.toMatch(/TEMP B-TREE/);
    } else {
      // A four-row table is read sequentially; forbid that to see which index the planner would use.
      plan = await t.deps.db.transaction().execute(async (tx) => {
        await sql`set local enable_seqscan = off`.execute(tx);
        const r = await tx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${q.sql}`, [...q.parameters]));
        return r.rows.map((x) => x['QUERY PLAN']).join('\n');
      });
      expect(plan).not.toMatch(/Sort/);
    }
    expect(plan).toMatch(/consignments_customer_created/);
  });

  it('counts by state: /consignments/count?state=', async () => {
    expect((await t.call('GET', '/consignments/count?state=Unallocated')).json).toBe(2);
    expect((await t.call('GET', '/consignments/count?state=')).json).toBe(4);
    expect((await t.call('GET', '/consignments/count')).json).toBe(4);
    expect((await t.call('GET', '/consignments/count?state=Allocated', { key: t.otherKey })).json).toBe(0);
  });

  it('shows another customer only its own consignments', async () => {
    const theirs = await t.call('GET', '/consignments/100/0?referenceProvidedByCustomer=REF-A', { key: t.otherKey });
    expect(theirs.json.Count).toBe(1);
    expect(Object.values(ref)).not.toContain(theirs.json.ConsignmentSummaries[0].Reference);
  });

  it(`refuses Get Consignments References past ${MAX_REFERENCES} matches with 400 TooManyResults; ${MAX_REFERENCES} exactly is fine`, async () => {
    const theirs = String((await t.call('POST', '/consignments', { key: t.otherKey, body: exampleConsignment() })).json[0].Href).split('/').pop()!;
    const { customer_id: customerId } = await row(t, theirs);
    const json = dialect === 'postgres' ? sql`'{}'::jsonb` : sql`'{}'`;
    // The other customer already has 2; fill it up to exactly the cap.
    await sql`insert into consignments (customer_id, reference, state, direction, source, created_at, updated_at, weight_kg, document)
      with recursive n(i) as (select 1 union all select i + 1 from n where i < ${sql.lit(MAX_REFERENCES - 2)})
      select ${customerId}, 'BULK-' || i, 'Unallocated', 'Outbound', 'Api', '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z', 1, ${json} from n`.execute(t.deps.db);
    const atCap = await t.call('GET', '/consignments/getConsignmentReferences', { key: t.otherKey });
    expect(atCap.status).toBe(200);
    expect(atCap.json).toHaveLength(MAX_REFERENCES);
    expect(atCap.json[0]).toBe(theirs);
    await t.call('POST', '/consignments', { key: t.otherKey, body: exampleConsignment() });
    const over = await t.call('GET', '/consignments/getConsignmentReferences', { key: t.otherKey });
    expect(over.status).toBe(400);
    expect(over.json.Code).toBe('TooManyResults');
    const narrowed = await t.call('GET', '/consignments/getConsignmentReferences?createdDateFrom=2021-01-01', { key: t.otherKey });
    expect(narrowed.json).toHaveLength(3);
    expect((await t.call('GET', '/consignments/count', { key: t.otherKey })).json).toBe(MAX_REFERENCES + 1);
    // The demo customer is not affected.
    expect((await t.call('GET', '/consignments/getConsignmentReferences')).json).toHaveLength(4);
  });
});
