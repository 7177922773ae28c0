import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { shippingLocation } from '../../../test/route-table.js';
import { DIALECTS } from '../../db/test-db.js';
import { saveCarrierSettings } from '../allocation/carrier-services.repo.js';
import { demoCustomer } from '../allocation/test-allocation.js';
import { audit, create, exampleConsignment, get, row, setState } from '../consignments/test-consignments.js';
import { MANIFEST_GRACE_MS, manifestQueueJob } from './index.js';
import { claimForManifest } from './manifest-run.js';
import { NEXTDAY, allocated, failing, movableClock, pdfText, shipmentOf, summary } from './test-manifests.js';

describe.each(DIALECTS)('Manifests (spec §8) over HTTP on %s', (dialect) => {
  let t: TestServer;
  const clock = movableClock();
  beforeAll(async () => {
    t = await startTestServer(dialect, { clock });
    expect((await t.call('POST', '/shippinglocations', { body: shippingLocation('WH2') })).status).toBe(201);
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    await saveCarrierSettings(t.deps.db, (await demoCustomer(t)).id, 'SIMPOST', {}, new Date().toISOString());
  });

  const manifest = (refs: unknown[]) => t.call('PUT', '/consignments/manifest', { body: { ConsignmentReferences: refs } });
  const stateOf = async (reference: string) => (await get(t, reference)).ConsignmentState;
  const link = (reference: string) => [{ Rel: 'detail', Href: `${t.baseUrl}/consignments/${reference}` }];
  const manifests = async (query = '') => {
    const r = await t.call('GET', `/consignments/customer/manifests${query}`);
    expect(r.status, r.text).toBe(200);
    return r.json as Array<Record<string, any>>;
  };

  describe('Manifest Consignments (§8.1)', () => {
    it('manifests an allocated consignment: WithMessage, Manifested, the booking record points at the manifest, audited', async () => {
      const reference = await allocated(t);
      const r = await manifest([reference]);
      expect(r.status, r.text).toBe(200);
      expect(r.json).toEqual([{ IsSuccess: true, Message: `Consignment ${reference} has been manifested successfully.`, Data: reference, ApiLinks: link(reference) }]);
      expect(await stateOf(reference)).toBe('Manifested');
      const shipment = await shipmentOf(t, reference);
      expect(shipment.manifest).toEqual({ reference: expect.stringMatching(/^[0-9a-f]{32}$/), carrierManifestId: expect.stringMatching(/^SIMPOST-WH1-/), manifestedAt: expect.any(String) });
      expect(shipment.manifestRun).toBeNull();
      expect((await audit(t, reference)).slice(-2).map((e) => e.Details)).toEqual([
        { Action: 'Manifesting', StateBefore: 'Allocated', StateAfter: 'Manifesting' },
        { Action: 'Manifested', StateBefore: 'Manifesting', StateAfter: 'Manifested' },
      ]);
      expect((await manifests()).find((m) => m.ManifestReference === shipment.manifest.reference)).toMatchObject({ BookingsCount: 1 });
    });

    it('answers every listed reference in request order: ReadyToShip and ManifestFailed manifest too, the rest say why', async () => {
      const ready = await allocated(t);
      expect((await t.call('PUT', '/consignments/setreadytoship', { body: [ready] })).json[0].IsSuccess).toBe(true);
      const retry = await allocated(t);
      await setState(t, retry, 'ManifestFailed');
      const unallocated = await create(t);
      const manifested = await allocated(t);
      await manifest([manifested]);
      const r = await manifest([unallocated, ready, 'EC-ZZZ-ZZZ-ZZZ', retry.toLowerCase(), 'nonsense', manifested, ready]);
      expect(r.status).toBe(200);
      expect(r.json).toEqual([
        { IsSuccess: false, Message: expect.stringContaining('Unallocated'), Data: unallocated, ApiLinks: link(unallocated) },
        { IsSuccess: true, Message: `Consignment ${ready} has been manifested successfully.`, Data: ready, ApiLinks: link(ready) },
        { IsSuccess: false, Message: 'Consignment EC-ZZZ-ZZZ-ZZZ was not found.', Data: 'EC-ZZZ-ZZZ-ZZZ', ApiLinks: null },
        { IsSuccess: true, Message: `Consignment ${retry} has been manifested successfully.`, Data: retry, ApiLinks: link(retry) },
        { IsSuccess: false, Message: expect.stringContaining('not a consignment reference'), Data: 'nonsense', ApiLinks: null },
        { IsSuccess: false, Message: expect.stringContaining('Manifested'), Data: manifested, ApiLinks: link(manifested) },
        // Listed twice: the first listing's answer, and manifested once.
        { IsSuccess: true, Message: `Consignment ${ready} has been manifested successfully.`, Data: ready, ApiLinks: link(ready) },
      ]);
      expect(await Promise.all([unallocated, ready, retry, manifested].map(stateOf))).toEqual(['Unallocated', 'Manifested', 'Manifested', 'Manifested']);
      expect((await audit(t, ready)).filter((e) => e.Details.Action === 'Manifested')).toHaveLength(1);
      // Both from WH1 on SIMPOST in one run: one manifest record listing the two.
      const [a, b] = [await shipmentOf(t, ready), await shipmentOf(t, retry)];
      expect(a.manifest.reference).toBe(b.manifest.reference);
    });

    it('answers 404 when no listed reference is one of the caller\'s consignments, and changes nothing', async () => {
      const theirs = await allocated(t);
      const before = await row(t, theirs);
      const unknown = await manifest(['EC-ZZZ-ZZZ-ZZZ', 'nonsense']);
      expect(unknown.status).toBe(404);
      expect(unknown.json).toMatchObject({ Code: 'ConsignmentNotFound', Details: [{ Target: 'ConsignmentReferences[0]' }, { Target: 'ConsignmentReferences[1]' }] });
      const other = await t.call('PUT', '/consignments/manifest', { key: t.otherKey, body: { ConsignmentReferences: [theirs] } });
      expect([other.status, other.json.Code]).toEqual([404, 'ConsignmentNotFound']);
      expect(await row(t, theirs)).toEqual(before);
    });

    it.each([
      ['an empty list', { ConsignmentReferences: [] }],
      ['more than 1000 references', { ConsignmentReferences: Array.from({ length: 1001 }, () => 'EC-000-000-001') }],
      ['a bare array', ['EC-000-000-001']],
      ['a string instead of the list', { ConsignmentReferences: 'EC-000-000-001' }],
      ['no list', {}],
    ])('refuses %s with 400 and manifests nothing', async (_what, body) => {
      const reference = await allocated(t);
      const r = await t.call('PUT', '/consignments/manifest', { body });
      expect(r.status, r.text).toBe(400);
      expect(r.json.CorrelationId).toEqual(expect.any(String));
      expect(await stateOf(reference)).toBe('Allocated');
    });

    it('a carrier refusal (SimulateFailure: Manifest) fails that consignment only: ManifestFailed, reason in search summaries', async () => {
      const refused = await allocated(t, undefined, failing('Manifest'));
      const fine = await allocated(t);
      const r = await manifest([refused, fine]);
      expect(r.json.map((w: any) => w.IsSuccess)).toEqual([false, true]);
      expect(r.json[0].Message).toBe(`Consignment ${refused} could not be manifested: SimPost refused the manifest (simulated failure).`);
      expect(await stateOf(refused)).toBe('ManifestFailed');
      expect(await summary(t, refused)).toMatchObject({
        State: 'ManifestFailed', FailedManifestMessage: 'SimPost refused the manifest (simulated failure).', FailedManifestTimeStamp: expect.stringMatching(/^\d{4}-/),
      });
      expect(await summary(t, fine)).toMatchObject({ State: 'Manifested', FailedManifestMessage: null, FailedManifestTimeStamp: null });
      // The manifest record lists what the carrier accepted.
      expect((await shipmentOf(t, refused)).manifest).toBeNull();
      const shipment = await shipmentOf(t, fine);
      const record = (await manifests()).find((m) => m.ManifestReference === (shipment.manifest.reference as string));
      expect(record).toMatchObject({ BookingsCount: 1 });
      expect((await audit(t, refused)).at(-1)!.Details).toEqual({ Action: 'ManifestFailed', StateBefore: 'Manifesting', StateAfter: 'ManifestFailed' });
    });

    it('a carrier account switched to fail (failManifest) fails the whole group; once fixed, a retry from ManifestFailed succeeds and clears the reason', async () => {
      const customer = await demoCustomer(t);
      const references = [await allocated(t), await allocated(t)];
      const before = (await manifests()).length;
      await saveCarrierSettings(t.deps.db, customer.id, 'SIMPOST', { failManifest: 'Collection window closed' }, new Date().toISOString());
      const failed = await manifest(references);
      expect(failed.json.map((w: any) => [w.IsSuccess, w.Message])).toEqual(references.map((ref) => [false, `Consignment ${ref} could not be manifested: Collection window closed`]));
      expect((await manifests()).length).toBe(before);
      expect((await summary(t, references[0]!)).FailedManifestMessage).toBe('Collection window closed');

      await saveCarrierSettings(t.deps.db, customer.id, 'SIMPOST', {}, new Date().toISOString());
      const retried = await manifest(references);
      expect(retried.json.map((w: any) => w.IsSuccess)).toEqual([true, true]);
      expect(await summary(t, references[0]!)).toMatchObject({ State: 'Manifested', FailedManifestMessage: null, FailedManifestTimeStamp: null });
      expect((await manifests()).length).toBe(before + 1);
    });

    it('groups by shipping location and carrier: two carriers and two locations make three manifest records in one run', async () => {
      const wh2 = exampleConsignment().Addresses.map((a) => (a.AddressType === 'Origin' ? { AddressType: 'Origin', ShippingLocationReference: 'WH2' } : a));
      const post = [await allocated(t), await allocated(t)];
      const courier = await allocated(t, NEXTDAY);
      const postWh2 = await allocated(t, undefined, { Addresses: wh2 });
      const r = await manifest([post[0], courier, postWh2, post[1]]);
      expect(r.json.every((w: any) => w.IsSuccess)).toBe(true);
      const byRef = Object.fromEntries(await Promise.all([...post, courier, postWh2].map(async (ref) => [ref, (await shipmentOf(t, ref)).manifest.reference])));
      expect(byRef[post[0]!]).toBe(byRef[post[1]!]);
      expect(new Set(Object.values(byRef)).size).toBe(3);
      const listed = (await manifests()).filter((m) => Object.values(byRef).includes(m.ManifestReference));
      expect(listed.map((m) => [m.ShippingLocationReference, m.CarrierName, m.BookingsCount]).sort()).toEqual([
        ['WH1', 'SimCourier', 1], ['WH1', 'SimPost', 2], ['WH2', 'SimPost', 1],
      ]);
    });
  });

  describe('Customer manifests (§8.3)', () => {
    it('lists manifests newest first with every field, filters by shipping location, and serves each as a PDF listing its consignments', async () => {
      const first = await allocated(t, undefined, { ConsignmentReferenceProvidedByCustomer: 'ORDER-77', Addresses: [
        { AddressType: 'Origin', ShippingLocationReference: 'WH2' },
        { AddressType: 'Destination', Contact: { FirstName: 'Ελένη', LastName: 'Παπαδοπούλου' }, AddressLine1: '1 High Street', Town: 'Leeds', Postcode: 'LS1 1AA', Country: { IsoCode: { TwoLetterCode: 'GB' } } },
      ] });
      await manifest([first]);
      const second = await allocated(t, NEXTDAY);
      await manifest([second]);
      const [newest, older] = await manifests();
      expect(newest).toEqual({
        ManifestReference: expect.stringMatching(/^[0-9a-f]{32}$/),
        ManifestFileStorageContainer: 'manifests',
        ManifestFileName: `SIMCOURIER_WH1-${newest!.ManifestReference}.pdf`,
        ShippingLocationReference: 'WH1',
        ShippingLocationName: 'Demo warehouse',
        Created: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        CarrierName: 'SimCourier',
        BookingsCount: 1,
        ManifestFileNameSentToCarrier: null,
      });
      expect(older).toMatchObject({ ShippingLocationReference: 'WH2', ShippingLocationName: 'Second warehouse', CarrierName: 'SimPost', BookingsCount: 1 });
      expect(older!.Created <= newest!.Created).toBe(true);

      const wh2 = await manifests('?ShippingLocationReference=WH2');
      expect(wh2.length).toBeGreaterThan(0);
      expect(wh2.every((m) => m.ShippingLocationReference === 'WH2')).toBe(true);
      expect(wh2[0]!.ManifestReference).toBe(older!.ManifestReference);
      expect(await manifests('?shippingLocationReference=NOWHERE')).toEqual([]);

      const pdf = await t.call('GET', `/consignments/customer/manifest/${older!.ManifestReference.toUpperCase()}`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toContain('application/json');
      expect(Buffer.from(pdf.json, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(pdf.json);
      const c = await get(t, first);
      const tracking = (await shipmentOf(t, first)).parcels[0].trackingNumber as string;
      for (const expected of ['Manifest — SimPost', 'WH2 (Second warehouse)', 'Consignments: 1', first, 'ORDER-77', 'SimPost Tracked 48', 'Ελένη Παπαδοπούλου, 1 High Street, Leeds', c.Packages[0].Reference, tracking]) {
        expect(text, expected).toContain(expected);
      }
    });

    it('answers 404 ManifestNotFound for an unknown, malformed or other customer\'s manifest', async () => {
      const reference = await allocated(t);
      await manifest([reference]);
      const ours = (await shipmentOf(t, reference)).manifest.reference;
      for (const [ref, key] of [['0'.repeat(32), t.key], ['not-a-manifest', t.key], [ours, t.otherKey]] as const) {
        const r = await t.call('GET', `/consignments/customer/manifest/${ref}`, { key });
        expect([r.status, r.json.Code]).toEqual([404, 'ManifestNotFound']);
      }
      const theirs = await t.call('GET', '/consignments/customer/manifests', { key: t.otherKey });
      expect(theirs.json).toEqual([]);
    });

    it('leaves the neighbouring consignment routes alone: search paging, status, get', async () => {
      const reference = await allocated(t);
      expect((await t.call('GET', '/consignments/5/0')).json.Count).toBeGreaterThan(0);
      expect((await t.call('GET', `/consignments/${reference}/status`)).json.Status).toBe('Allocated');
      // …while the static manifest paths win over the search's /{take}/{skip}.
      expect(Array.isArray((await t.call('GET', '/consignments/customer/manifests')).json)).toBe(true);
      expect((await t.call('GET', `/consignments/${reference}`)).status).toBe(200);
    });
  });

  describe('Manifest From Query (§8.2) and the manifest job', () => {
    // Each test ships on its own day, so it selects only its own consignments.
    const on = (day: string) => ({ ShippingDate: `${day}T09:00:00+00:00` });

    it('selects by state, carrier, location and shipping day at request time, queues them, and the job manifests them', async () => {
      const day = '2027-01-11';
      const post = await allocated(t, undefined, on(day));
      const courier = await allocated(t, NEXTDAY, on(day));
      const otherDay = await allocated(t, NEXTDAY, on('2027-01-12'));
      const unallocated = await create(t, exampleConsignment(on(day)));
      const r = await t.call('POST', '/consignments/manifestFromQuery', {
        body: { States: ['Allocated'], Carriers: ['SIMCOURIER'], ShippingLocationReferences: ['WH1'], ShippingDate: day, LabelsPrinted: false },
      });
      expect(r.status, r.text).toBe(200);
      expect(r.json).toEqual({ Message: 'Query found 1 consignment(s). 1 successfully queued to manifest. 0 failed to be added to the queue', FailedConsignments: [] });
      expect(await Promise.all([post, courier, otherDay, unallocated].map(stateOf))).toEqual(['Allocated', 'Manifesting', 'Allocated', 'Unallocated']);
      expect((await shipmentOf(t, courier)).manifestRun).toMatchObject({ mode: 'Queued' });
      // While queued it is busy: no other command may touch it.
      expect((await t.call('PUT', `/consignments/${courier}/cancel`)).status).toBe(409);

      await manifestQueueJob.run(t.deps);
      expect(await stateOf(courier)).toBe('Manifested');
      expect((await audit(t, courier)).slice(-3).map((e) => e.Details.Action)).toEqual(['ManifestQueued', 'Manifesting', 'Manifested']);
      const manifestReference = (await shipmentOf(t, courier)).manifest.reference;
      const record = (await manifests()).find((m) => m.ManifestReference === manifestReference);
      expect(record).toMatchObject({ CarrierName: 'SimCourier', BookingsCount: 1 });
    });

    it('takes PUT and the singular ShippingLocationReference; a range of days is inclusive; LabelsPrinted: true matches none here', async () => {
      const [a, b, c] = [await allocated(t, undefined, on('2027-02-01')), await allocated(t, undefined, on('2027-02-03')), await allocated(t, undefined, on('2027-02-04'))];
      const none = await t.call('PUT', '/consignments/manifestFromQuery', { body: { States: ['Allocated'], ShippingDateRanges: { StartDate: '2027-02-01', EndDate: '2027-02-03' }, LabelsPrinted: true } });
      expect(none.json.Message).toBe('Query found 0 consignment(s). 0 successfully queued to manifest. 0 failed to be added to the queue');
      const r = await t.call('PUT', '/consignments/manifestFromQuery', { body: { states: ['allocated'], ShippingLocationReference: 'WH1', ShippingDateRanges: { StartDate: '2027-02-01', EndDate: '2027-02-03' } } });
      expect(r.status, r.text).toBe(200);
      expect(r.json.Message).toMatch(/^Query found 2 consignment\(s\)\. 2 successfully queued/);
      expect(await Promise.all([a, b, c].map(stateOf))).toEqual(['Manifesting', 'Manifesting', 'Allocated']);
      await manifestQueueJob.run(t.deps);
      expect(await Promise.all([a, b].map(stateOf))).toEqual(['Manifested', 'Manifested']);
      // One run, one group: one record for both.
      expect((await shipmentOf(t, a)).manifest.reference).toBe((await shipmentOf(t, b)).manifest.reference);
    });

    it('lists what could not be queued in FailedConsignments; carrier refusals end ManifestFailed when the job runs', async () => {
      const day = '2027-03-01';
      const neverBooked = await create(t, exampleConsignment(on(day)));
      await setState(t, neverBooked, 'Allocated');
      const refused = await allocated(t, undefined, { ...on(day), ...failing('Manifest') });
      const r = await t.call('POST', '/consignments/manifestFromQuery', { body: { States: ['Allocated', 'ReadyToShip'], ShippingDate: day } });
      expect(r.json).toEqual({ Message: 'Query found 2 consignment(s). 1 successfully queued to manifest. 1 failed to be added to the queue', FailedConsignments: [neverBooked] });
      await manifestQueueJob.run(t.deps);
      expect(await stateOf(refused)).toBe('ManifestFailed');
      expect((await summary(t, refused)).FailedManifestMessage).toBe('SimPost refused the manifest (simulated failure).');
    });

    it.each([
      ['no States', { Carriers: ['SIMPOST'] }, 'States'],
      ['a state that cannot be manifested', { States: ['Allocated', 'Manifested'] }, 'States[1]'],
      ['a bad shipping date', { States: ['Allocated'], ShippingDate: 'tomorrow' }, 'ShippingDate'],
      ['States that is not a list', { States: 'Allocated' }, 'States'],
      ['a body that is not an object', ['Allocated'], 'body'],
    ])('refuses %s with 400 InvalidManifestQuery naming the field, and queues nothing', async (_what, body, target) => {
      const reference = await allocated(t, undefined, on('2027-04-01'));
      const r = await t.call('POST', '/consignments/manifestFromQuery', { body });
      expect(r.status, r.text).toBe(400);
      expect(r.json.Code).toBe('InvalidManifestQuery');
      expect(r.json.Details.map((d: any) => d.Target)).toContain(target);
      expect(await stateOf(reference)).toBe('Allocated');
    });

    it('never takes a synchronous run\'s consignments mid-flight, but finishes them after the grace period if that run died', async () => {
      const reference = await allocated(t);
      // A synchronous run that claimed the consignment and then crashed before the carrier call.
      await claimForManifest(t.deps, await demoCustomer(t), reference, 'Running', 'crashed-run');
      await manifestQueueJob.run(t.deps);
      expect(await stateOf(reference)).toBe('Manifesting');
      clock.advance(MANIFEST_GRACE_MS + 60_000);
      await manifestQueueJob.run(t.deps);
      expect(await stateOf(reference)).toBe('Manifested');
      expect((await audit(t, reference)).slice(-3).map((e) => e.Details.Action)).toEqual(['Manifesting', 'ManifestResumed', 'Manifested']);
    });
  });
});
