/**
 * Tenant isolation (issue 6), generated from the server's route table: customer B calls every
 * endpoint whose path names a reference with customer A's references, and must get exactly the
 * answer an unknown reference gets (404 for all but the few listed in EXPECTED); B's lists and
 * the bulk endpoints that take references in the body show nothing of A's; and A's data reads
 * byte for byte the same afterwards, with the database fingerprint unchanged.
 * PRINT_ROUTE_MATRIX=1 prints what each endpoint answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../src/db/test-db.js';
import { exampleConsignment } from '../src/modules/consignments/test-consignments.js';
import { fingerprinter, type Fingerprinter, type Fingerprint } from './db-fingerprint.js';
import { exampleOrder, startTestServer, type TestServer } from './harness.js';
import {
  bodyFor, cannotCall, describeEndpoint, type Endpoint, endpointsOf, errorShapeProblems, fillPath, NOT_REFERENCES, type Refs, seedCustomer, UNKNOWN,
} from './route-table.js';

/**
 * Endpoints that answer B with something other than 404 for A's reference, and why that leaks
 * nothing. Every other reference endpoint must answer 404.
 */
const EXPECTED: Record<string, { status: number; why: string }> = {
  // B's own namespace: A's location reference is free for B to use (it is per customer).
  'GET /shippinglocations/:reference/available': { status: 200, why: "answers `true`: the reference is free in B's own namespace" },
  'HEAD /shippinglocations/:reference/available': { status: 200, why: 'HEAD twin of the above' },
  // Answers 405 for any reference without looking it up (Pack Order is POST).
  'GET /orders/:orderReference/pack': { status: 405, why: 'MethodNotAllowed for every reference, before any lookup' },
  'HEAD /orders/:orderReference/pack': { status: 405, why: 'HEAD twin of the above' },
  'GET /servicegroups/:serviceGroupReference/available': { status: 200, why: "answers `true`: group references are per customer" },
  'HEAD /servicegroups/:serviceGroupReference/available': { status: 200, why: 'HEAD twin of the above' },
};

/**
 * Endpoints whose path names an entry of the global carrier catalogue (the registry's carriers and
 * services, the same for every customer), where each customer reads and writes its own
 * configuration of that entry. B naming a service or carrier A uses is not naming A's data, so
 * these are left out of the 404 matrix and checked by the last test instead: B gets and changes
 * only its own configuration, and A's reads stay byte for byte the same.
 */
const CATALOGUE = new Set([
  'PUT /carrierservices/:serviceReference',
  'GET /carriers/:carrierReference/settings',
  'HEAD /carriers/:carrierReference/settings',
  'PUT /carriers/:carrierReference/settings',
]);

const hasReferenceParam = (e: Endpoint) => e.params.some((p) => !NOT_REFERENCES.has(p));

describe.each(DIALECTS)('tenant isolation, generated from the route table, on %s', (dialect) => {
  let t: TestServer;
  let endpoints: Endpoint[];
  let a: Refs;
  let aPacked: string[];
  let b: Refs;
  let fingerprint: Fingerprinter;
  let before: { texts: Record<string, string>; db: Fingerprint };
  const matrix: string[] = [];

  /** Everything of A's that a leak or a stray write could touch, as A reads it. */
  const readA = async () => {
    const paths = [
      `/orders/${a.order}`, `/orders/${a.order}/consignments`,
      ...[a.consignment, ...aPacked].flatMap((c) => [`/consignments/${c}`, `/consignments/${c}/audit`]),
      `/shippinglocations/${a.location}`, `/packagesizes/${a.packageSize}`, '/packagesizes', '/shippinglocations', '/consignments/1000/0',
      '/carrierservices', `/carrierservices/${a.carrierService}`, `/carriers/${a.carrier}/settings`,
      '/servicegroups', '/servicegroups/summaries', `/servicegroups/${a.serviceGroup}`,
      '/consignments/customer/manifests', `/consignments/customer/manifest/${a.manifest}`,
      '/webhooks', `/webhooks/${a.webhook}`, `/webhooks/${a.webhook}/deliveries`,
    ];
    const texts: Record<string, string> = {};
    for (const path of paths) {
      const r = await t.call('GET', path);
      expect(r.status, `${path}: ${r.text}`).toBe(200);
      texts[path] = r.text;
    }
    return texts;
  };

  /** A reply with the references of `refs` replaced by placeholders and the CorrelationId dropped. */
  const normalised = (status: number, text: string, refs: Refs) => {
    let out = text;
    for (const [name, value] of Object.entries(refs)) out = out.split(value).join(`{${name}}`);
    return { status, text: out.replace(/"CorrelationId":"[^"]*"/, '"CorrelationId":"…"') };
  };

  beforeAll(async () => {
    t = await startTestServer(dialect);
    endpoints = endpointsOf(t.routes);
    // B gets the demo package sizes too (the harness copies only the shipping locations).
    const demo = await t.deps.db.selectFrom('api_keys').select('customer_id').orderBy('id').executeTakeFirstOrThrow();
    const other = await t.deps.db.selectFrom('customers').select('id').where('id', '!=', demo.customer_id).executeTakeFirstOrThrow();
    await t.deps.db.insertInto('package_sizes')
      .columns(['customer_id', 'reference', 'is_default', 'document', 'created_at', 'updated_at'])
      .expression((eb) => eb.selectFrom('package_sizes')
        .select([eb.val(other.id).as('customer_id'), 'reference', 'is_default', 'document', 'created_at', 'updated_at'])
        .where('customer_id', '=', demo.customer_id))
      .execute();
    a = await seedCustomer(t, t.key, 'AAAA');
    b = await seedCustomer(t, t.otherKey, 'BBBB');
    // A's configuration of catalogue entries carries markers that must never reach B.
    expect((await t.call('PUT', `/carriers/${a.carrier}/settings`, { body: { failManifest: 'A-SECRET-SETTING' } })).status).toBe(200);
    expect((await t.call('PUT', `/carrierservices/${a.carrierService}`, { body: { AllocationFilteringTags: ['A-SECRET-TAG'] } })).status).toBe(200);
    aPacked = (await t.call('GET', `/orders/${a.order}/consignments`)).json.Consignments.map((c: { ConsignmentReference: string }) => c.ConsignmentReference);
    expect(aPacked).toHaveLength(2);
    fingerprint = await fingerprinter(t.deps.db);
    before = { texts: await readA(), db: await fingerprint() };
  });
  afterAll(async () => {
    if (matrix.length && process.env.PRINT_ROUTE_MATRIX) console.log(`route matrix on ${dialect} (B calls with A's references):\n  ${matrix.join('\n  ')}`);
    await t?.close();
  });

  it('knows how to call every parameterised route (guard: a new endpoint cannot escape the matrix)', () => {
    const parameterised = endpoints.filter((e) => e.params.length > 0);
    expect(parameterised.length).toBeGreaterThan(20);
    const unknown = parameterised.map((e) => [describeEndpoint(e), cannotCall(e)]).filter(([, why]) => why);
    expect(unknown, 'add the parameter to referenceFor() or a body to BODIES in test/route-table.ts').toEqual([]);
    for (const key of [...Object.keys(EXPECTED), ...CATALOGUE]) expect(endpoints.map(describeEndpoint), `stale EXPECTED/CATALOGUE entry ${key}`).toContain(key);
  });

  it("answers B on every endpoint naming one of A's references exactly as for an unknown reference (404)", async () => {
    const called = endpoints.filter((e) => !e.public && hasReferenceParam(e) && !CATALOGUE.has(describeEndpoint(e)));
    expect(called.length).toBeGreaterThanOrEqual(30);
    const failures: string[] = [];
    for (const e of called) {
      const name = describeEndpoint(e);
      const call = (refs: Refs) => t.server.inject({
        method: e.method as 'GET',
        url: fillPath(e, refs),
        headers: { 'ocp-apim-subscription-key': t.otherKey, ...(e.takesBody ? { 'content-type': 'application/json' } : {}) },
        ...(e.takesBody ? { payload: JSON.stringify(bodyFor(e, refs)) } : {}),
      });
      const theirs = await call(a);
      const unknown = await call(UNKNOWN);
      const expected = EXPECTED[name]?.status ?? 404;
      const code = theirs.body ? (() => { try { return JSON.parse(theirs.body).Code ?? theirs.body; } catch { return theirs.body; } })() : '';
      matrix.push(`${name} → ${theirs.statusCode} ${code}`.trim());
      if (theirs.statusCode !== expected) failures.push(`${name}: ${theirs.statusCode} ${theirs.body}, expected ${expected}`);
      if (theirs.statusCode >= 400 && e.method !== 'HEAD') {
        const problems = errorShapeProblems(theirs.statusCode, theirs.headers['content-type'] as string, theirs.body);
        if (problems.length) failures.push(`${name}: error shape: ${problems.join('; ')}`);
      }
      // No oracle: A's reference and an unknown one get the same answer, word for word.
      const [x, y] = [normalised(theirs.statusCode, theirs.body, a), normalised(unknown.statusCode, unknown.body, UNKNOWN)];
      if (JSON.stringify(x) !== JSON.stringify(y)) failures.push(`${name}: A's reference answers ${JSON.stringify(x)}, an unknown one ${JSON.stringify(y)}`);
    }
    expect(failures).toEqual([]);
  });

  it("shows B none of A's references in any list (every GET without a reference in its path)", async () => {
    const lists = endpoints.filter((e) => !e.public && e.method === 'GET' && !hasReferenceParam(e));
    expect(lists.map(describeEndpoint)).toEqual(expect.arrayContaining(['GET /consignments/:take/:skip', 'GET /orders/:take/:skip', 'GET /consignments/getConsignmentReferences', 'GET /shippinglocations']));
    const secrets = [a.order, a.consignment, a.package, a.location, a.packageSize, a.serviceGroup, a.manifest, a.webhook, a.webhookEvent, 'A-SECRET-SETTING', 'A-SECRET-TAG', ...aPacked];
    for (const e of lists) {
      const r = await t.call('GET', fillPath(e, b), { key: t.otherKey });
      expect(r.status, `${describeEndpoint(e)}: ${r.text}`).toBeLessThan(500);
      for (const s of secrets) expect(r.text, `${describeEndpoint(e)} shows B ${s}`).not.toContain(s);
      matrix.push(`${describeEndpoint(e)} (list) → ${r.status}, none of A's references`);
    }
    // …while B does see its own.
    expect((await t.call('GET', '/consignments/1000/0', { key: t.otherKey })).text).toContain(b.consignment);
  });

  describe('bulk endpoints with references in the body: per item NotFound for A\'s, as for unknown ones', () => {
    const theirsAndUnknown = async (method: string, path: string, body: (refs: Refs) => unknown) => {
      const theirs = await t.call(method, path, { key: t.otherKey, body: body(a) });
      const unknown = await t.call(method, path, { key: t.otherKey, body: body(UNKNOWN) });
      expect(normalised(theirs.status, theirs.text, a)).toEqual(normalised(unknown.status, unknown.text, UNKNOWN));
      matrix.push(`${method} ${path} (A's references in the body) → ${theirs.status}`);
      return theirs;
    };

    it.each(['/consignments/cancellist', '/consignments/setreadytoship', '/consignments/setnotreadytoship'])('PUT %s', async (path) => {
      const r = await theirsAndUnknown('PUT', path, (refs) => [refs.consignment]);
      expect(r.status).toBe(200);
      expect(r.json).toEqual([{ IsSuccess: false, Message: expect.any(String), Data: a.consignment, ApiLinks: null }]);
      // The packed consignments and their return twins too, all in one request.
      const all = await t.call('PUT', path, { key: t.otherKey, body: aPacked });
      expect(all.json.map((o: { IsSuccess: boolean; ApiLinks: unknown }) => [o.IsSuccess, o.ApiLinks])).toEqual(aPacked.map(() => [false, null]));
    });

    it('PUT /consignments/manifest: 404, as when every reference is unknown', async () => {
      const r = await theirsAndUnknown('PUT', '/consignments/manifest', (refs) => ({ ConsignmentReferences: [refs.consignment] }));
      expect([r.status, r.json.Code]).toEqual([404, 'ConsignmentNotFound']);
    });

    it('POST /consignments/manifestFromQuery selects none of A\'s consignments', async () => {
      const r = await theirsAndUnknown('POST', '/consignments/manifestFromQuery', (refs) => ({ States: ['Allocated', 'ReadyToShip', 'ManifestFailed'], ShippingLocationReference: refs.location }));
      expect(r.json).toEqual({ Message: 'Query found 0 consignment(s). 0 successfully queued to manifest. 0 failed to be added to the queue', FailedConsignments: [] });
    });

    it('PUT /consignments/Dispatch', async () => {
      const r = await theirsAndUnknown('PUT', '/consignments/Dispatch', (refs) => ({ ConsignmentReferences: [refs.consignment] }));
      expect(r.status).toBe(200);
      expect(r.json).toEqual([expect.objectContaining({ ConsignmentReferenceForAllLegsAssignedByMpd: a.consignment, Status: 'NotFound', HttpStatusCode: 404, ApiLinks: null })]);
    });

    it('PUT /orders/consignments', async () => {
      const r = await theirsAndUnknown('PUT', '/orders/consignments', (refs) => ({ OrderReferences: [refs.order] }));
      expect(r.status).toBe(200);
      expect(r.json.OrderConsignmentsResults).toEqual([expect.objectContaining({ OrderReference: a.order, Status: 404, Consignments: [] })]);
    });

    it('PUT /consignments (Update Consignment names the consignment in the body): 404', async () => {
      const r = await theirsAndUnknown('PUT', '/consignments', (refs) => ({ ...exampleConsignment(), Reference: refs.consignment }));
      expect(r.status).toBe(404);
      expect(r.json.Code).toBe('ConsignmentNotFound');
    });

    it("A's shipping location and package size in B's bodies are unknown to B", async () => {
      const origin = (refs: Refs) => exampleOrder({ Addresses: [{ AddressType: 'Origin', ShippingLocationReference: refs.location }, exampleOrder().Addresses[1]] });
      const order = await theirsAndUnknown('POST', '/orders', origin);
      expect([order.status, order.json.Code]).toEqual([400, 'ShippingLocationNotFound']);
      const packed = await theirsAndUnknown('POST', `/orders/${b.order}/pack`, (refs) => ({ Packages: [{ PackageSizeReference: refs.packageSize, Items: [{ Sku: 'TEA-500' }] }] }));
      expect([packed.status, packed.json.Code]).toEqual([400, 'PackageSizeNotFound']);
      // One of B's consignments with a package of A's named in an update: not B's package.
      const current = (await t.call('GET', `/consignments/${b.consignment}`, { key: t.otherKey })).json;
      const moved = await theirsAndUnknown('PUT', '/consignments', (refs) => ({ ...current, Packages: [{ ...current.Packages[0], Reference: refs.package }] }));
      expect([moved.status, moved.json.Code]).toEqual([400, 'PackageNotFound']);
    });
  });

  it("leaves A's data exactly as it was: every read byte for byte, the database fingerprint unchanged", async () => {
    expect(await readA()).toEqual(before.texts);
    expect(await fingerprint()).toEqual(before.db);
  });

  // Last: B writes its own configuration here, which the fingerprint above would count.
  it("catalogue endpoints: B naming A's carrier and service reads and writes only B's own configuration", async () => {
    const catalogue = endpoints.filter((e) => CATALOGUE.has(describeEndpoint(e)) && e.method !== 'HEAD');
    expect(catalogue).toHaveLength(3);
    for (const e of catalogue) {
      const call = (refs: Refs) => t.call(e.method, fillPath(e, refs), { key: t.otherKey, ...(e.takesBody ? { body: bodyFor(e, refs) } : {}) });
      const unknown = await call(UNKNOWN);
      expect([unknown.status, unknown.json.Code], describeEndpoint(e)).toEqual([404, e.url.startsWith('/carriers/') ? 'CarrierNotFound' : 'CarrierServiceNotFound']);
      const theirs = await call(a);
      expect(theirs.status, `${describeEndpoint(e)}: ${theirs.text}`).toBeLessThan(300);
      for (const secret of ['A-SECRET-SETTING', 'A-SECRET-TAG', a.serviceGroup]) expect(theirs.text, describeEndpoint(e)).not.toContain(secret);
      matrix.push(`${describeEndpoint(e)} (catalogue) → ${theirs.status}, B's own configuration`);
    }
    expect((await t.call('GET', `/carriers/${a.carrier}/settings`, { key: t.otherKey })).json).toEqual({ failBooking: false });
    expect((await t.call('GET', `/carrierservices/${a.carrierService}`, { key: t.otherKey })).json.AllocationFilteringTags).toEqual(['Fragile']);
    expect(await readA()).toEqual(before.texts);
  });
});
