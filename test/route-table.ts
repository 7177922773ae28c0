/**
 * The route table as tests see it: every endpoint the server registered (from its onRoute hook, so a
 * new endpoint is picked up without touching this file), how to fill its path parameters with one
 * customer's real references, and a plausible body for each endpoint that takes one. Shared by the
 * tenant isolation matrix and the hostile-input fuzzer; both fail on an endpoint this file does
 * not know how to call, so no endpoint escapes them silently.
 */
import type { RouteOptions } from 'fastify';
import { expect } from 'vitest';
import { buildServer } from '../src/http/server.js';
import type { Deps } from '../src/modules/deps.js';
import { errorStatus } from '../src/shared/errors.js';
import { exampleConsignment, examplePackage } from '../src/modules/consignments/test-consignments.js';
import { insertManifest } from '../src/modules/manifests/manifests.repo.js';
import { exampleOrder, type TestServer } from './harness.js';

export interface Endpoint {
  method: string;
  /** The registered path, e.g. `/orders/:orderReference/pack`. */
  url: string;
  params: string[];
  /** The route has a body schema. */
  takesBody: boolean;
  public: boolean;
}

/** Path parameters that are not references (paging, a date, the customs document type). */
export const NOT_REFERENCES = new Set(['take', 'skip', 'shipByDate', 'customsDocumentType']);

/** The routes, one entry per method (HEAD twins included), in registration order. */
export function endpointsOf(routes: RouteOptions[]): Endpoint[] {
  const out: Endpoint[] = [];
  const seen = new Set<string>();
  for (const route of routes) {
    for (const method of [route.method].flat()) {
      const key = `${method} ${route.url}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        method,
        url: route.url,
        params: [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!),
        takesBody: Boolean(route.schema?.body),
        public: Boolean((route.config as { public?: boolean } | undefined)?.public),
      });
    }
  }
  return out;
}

/**
 * The route table of a server built without a database (it serves nothing; building touches no
 * dependency), so tests can be declared per endpoint before any database exists.
 */
export async function routeTable(): Promise<Endpoint[]> {
  const routes: RouteOptions[] = [];
  const app = await buildServer({} as Deps, { publicBaseUrl: () => 'http://localhost', onRoute: (route) => { routes.push(route); } });
  await app.ready();
  await app.close();
  return endpointsOf(routes);
}

export const describeEndpoint = (e: Pick<Endpoint, 'method' | 'url'>) => `${e.method} ${e.url}`;

/** One customer's data that path parameters and bodies refer to. */
export interface Refs {
  order: string;
  consignment: string;
  /** A package of `consignment` (which has two, so deleting one is allowed). */
  package: string;
  location: string;
  packageSize: string;
  /** A carrier service the customer has a profile for, and its carrier (both from the global registry). */
  carrierService: string;
  carrier: string;
  serviceGroup: string;
  /** A quote of `consignment` and its request (spec §13). */
  quote: string;
  quoteRequest: string;
  /** A customer manifest (32 hex). */
  manifest: string;
  /** A webhook subscription (`wh_…`) and an event queued for it (`evt_…`). */
  webhook: string;
  webhookEvent: string;
}

/** Well-formed references that exist for nobody. */
export const UNKNOWN: Refs = {
  order: 'EO-ZZZ-ZZZ-ZZY',
  consignment: 'EC-ZZZ-ZZZ-ZZY',
  package: 'EP-ZZZ-ZZZ-ZZY',
  location: 'NO-SUCH-LOCATION',
  packageSize: 'NO-SUCH-SIZE',
  carrierService: 'MPD_NO_SUCH_SERVICE',
  carrier: 'NOSUCHCARRIER',
  serviceGroup: 'NO-SUCH-GROUP',
  quote: '00000000-0000-4000-8000-00000000000f',
  quoteRequest: '00000000-0000-4000-8000-0000000000ff',
  manifest: 'f'.repeat(32),
  webhook: `wh_${'f'.repeat(32)}`,
  webhookEvent: `evt_${'f'.repeat(32)}`,
};

/** The value for one path parameter, or undefined when this table does not know the parameter. */
export function referenceFor(url: string, param: string, refs: Refs): string | undefined {
  switch (param) {
    case 'orderReference':
      return refs.order;
    case 'consignmentReference':
      return refs.consignment;
    case 'packageReference':
    case 'packageRef':
      return refs.package;
    case 'mpdCarrierServiceGroupReference':
      return refs.serviceGroup;
    case 'quoteReference':
      return refs.quote;
    case 'quoteRequestReference':
      return refs.quoteRequest;
    case 'manifestReference':
      return refs.manifest;
    // Label URLs: a valid format and resolution, so the request reaches the consignment lookup.
    case 'labelFormat':
      return 'PDF';
    case 'resolution':
      return '203';
    case 'reference':
      if (url.startsWith('/shippinglocations/')) return refs.location;
      if (url.startsWith('/packagesizes/')) return refs.packageSize;
      return undefined;
    case 'serviceReference':
      return refs.carrierService;
    case 'carrierReference':
      return refs.carrier;
    case 'serviceGroupReference':
      return refs.serviceGroup;
    case 'id':
      return url.startsWith('/webhooks/') ? refs.webhook : undefined;
    case 'eventId':
      return refs.webhookEvent;
    default:
      return undefined;
  }
}

/** The path with every parameter filled (paging parameters get a page of 1000 from 0). */
export function fillPath(endpoint: Endpoint, refs: Refs): string {
  return endpoint.url.replace(/:(\w+)/g, (_m, param: string) => {
    if (param === 'take') return '1000';
    if (param === 'skip') return '0';
    if (param === 'shipByDate') return '2026-12-31';
    if (param === 'customsDocumentType') return 'CN22';
    const value = referenceFor(endpoint.url, param, refs);
    if (value === undefined) throw new Error(`route-table.ts cannot fill :${param} of ${describeEndpoint(endpoint)}`);
    return encodeURIComponent(value);
  });
}

export const shippingLocation = (reference: string) => ({
  Reference: reference,
  Name: 'Second warehouse',
  ShippingLocationType: 'Warehouse',
  CompanyName: 'Demo Shop Ltd',
  AddressLine1: '9 Dock Road',
  Town: 'Bristol',
  Postcode: 'BS1 1AA',
  Country: { IsoCode: { TwoLetterCode: 'GB' } },
});

export const serviceGroup = (reference: string, service: string) => ({ Reference: reference, Name: 'Test group', MpdCarrierServiceReferences: [service] });

export const packageSize = (reference: string) => ({ Reference: reference, Description: 'Test box', Length: 30, Width: 20, Height: 10, Weight: 1 });

/** Post Tracking Events naming a consignment and package of `refs` (spec §9.3). */
const carrierEvents = (r: Refs) => ({
  CarrierReference: 'SIMPOST',
  ConsignmentTrackingEvents: [{
    ConsignmentTrackingReference: r.consignment,
    PackageTrackingEvents: [{ PackageReference: r.package, TrackingEvents: [{ TimeStamp: '2026-12-08T09:00:00Z', Code: 'ACC', Description: 'Collected' }] }],
  }],
});

/**
 * A valid body for each endpoint that takes one, naming `refs` (a request the endpoint accepts for
 * the customer owning `refs`). Uses only reference data every customer of the harness has (WH1),
 * so the same body is valid for another customer too and reaches its "not found" path.
 */
const BODIES: Record<string, (refs: Refs) => unknown> = {
  'POST /orders': () => exampleOrder(),
  'PUT /orders/:orderReference': (r) => ({ OrderReference: r.order, Tags: ['updated'] }),
  'POST /orders/:orderReference/address': () => ({ AddressType: 'Return', ShippingLocationReference: 'WH1' }),
  'PUT /orders/:orderReference/address': () => ({
    AddressType: 'Destination', CompanyName: 'New Co', AddressLine1: '2 Low St', Postcode: 'M1 1AA', Country: { IsoCode: { TwoLetterCode: 'GB' } },
  }),
  'POST /orders/:orderReference/pack': () => ({
    Packages: [{ Weight: { Value: 1 }, Dimensions: { Length: 20, Width: 15, Height: 10 }, Items: [{ Sku: 'SKU093434', Quantity: 1 }] }],
  }),
  'POST /orders/:orderReference/pack/suggest': () => ({}),
  'PUT /orders/consignments': (r) => ({ OrderReferences: [r.order] }),
  'POST /consignments': () => exampleConsignment(),
  'PUT /consignments': (r) => ({ ...exampleConsignment(), Reference: r.consignment, Tags: ['updated'] }),
  'POST /consignments/:consignmentReference/addpackage': () => examplePackage({ PackageReferenceProvidedByCustomer: 'BOX-9' }),
  'PUT /consignments/cancellist': (r) => [r.consignment],
  'PUT /consignments/setreadytoship': (r) => [r.consignment],
  'PUT /consignments/setnotreadytoship': (r) => [r.consignment],
  'PUT /consignments/Dispatch': (r) => ({ ConsignmentReferences: [r.consignment] }),
  'POST /tracking/carrierevents': (r) => carrierEvents(r),
  'POST /carrierTrackingEvents': (r) => carrierEvents(r),
  'PUT /consignments/manifest': (r) => ({ ConsignmentReferences: [r.consignment] }),
  'POST /consignments/manifestFromQuery': () => ({ States: ['Allocated'], ShippingLocationReferences: ['WH1'], ShippingDate: '2026-12-07' }),
  'PUT /consignments/manifestFromQuery': () => ({ States: ['ReadyToShip'], Carriers: ['SIMPOST'] }),
  'POST /shippinglocations': () => shippingLocation(`LOC-${Math.random().toString(36).slice(2, 10).toUpperCase()}`),
  'PUT /shippinglocations/:reference': (r) => shippingLocation(r.location),
  'POST /packagesizes': () => packageSize(`BOX-${Math.random().toString(36).slice(2, 10).toUpperCase()}`),
  'PUT /packagesizes/:reference': (r) => packageSize(r.packageSize),
  'PUT /allocation/allocate': (r) => ({ ConsignmentReferences: [r.consignment] }),
  'PUT /allocation/allocatewithservicegroup': (r) => ({ ConsignmentReferences: [r.consignment], MpdCarrierServiceGroupReference: r.serviceGroup }),
  'PUT /allocation/allocatewithcarrierservice': (r) => ({ ConsignmentReferences: [r.consignment], MpdCarrierServiceReference: 'MPD_SIMPOST_TRACKED48' }),
  'PUT /allocation/allocateConsignmentsWithServiceFilters': (r) => ({ ConsignmentReferences: [r.consignment], Filters: { ServiceDirection: 'Outbound' } }),
  'PUT /consignments/deallocatelist': (r) => [r.consignment],
  'PUT /allocation/allocate/:shipByDate': () => ({ ShippingLocationReference: 'WH1' }),
  'PUT /allocation/allocatewithcarrierservice/:shipByDate': () => ({ MpdCarrierServiceReference: 'MPD_SIMPOST_TRACKED48' }),
  'PUT /allocation/allocatewithservicegroup/:shipByDate': () => ({ MpdCarrierServiceGroupReference: 'NEXTDAY' }),
  'POST /quotes': () => exampleConsignment({ Tags: [] }),
  'POST /quotes/serviceGroups': () => exampleConsignment({ Tags: [] }),
  'PUT /carrierservices/:serviceReference': () => ({ IsEnabled: true, DimensionRestrictions: [{ DimensionType: 'Length', RangeTo: 100 }], AllocationFilteringTags: ['Fragile'] }),
  'PUT /carriers/:carrierReference/settings': () => ({ failBooking: false }),
  'POST /servicegroups': (r) => serviceGroup(`GRP-${Math.random().toString(36).slice(2, 10).toUpperCase()}`, r.carrierService),
  'PUT /servicegroups/:serviceGroupReference': (r) => ({ Name: 'Renamed group', IsEnabled: false, MpdCarrierServiceReferences: [r.carrierService] }),
  'POST /webhooks': () => ({ Url: 'https://hooks.example.com/packline', EventTypes: ['*'], Description: 'Warehouse screen' }),
  'PUT /webhooks/:id': () => ({ Url: 'https://hooks.example.com/other', EventTypes: ['OrderCreated', 'TrackingEvent'], IsEnabled: true }),
};

/** A valid body for the endpoint, undefined when it takes none; throws when the table lacks one. */
export function bodyFor(endpoint: Endpoint, refs: Refs): unknown {
  if (!endpoint.takesBody) return undefined;
  const make = BODIES[describeEndpoint(endpoint)];
  if (!make) throw new Error(`route-table.ts has no body for ${describeEndpoint(endpoint)}`);
  return make(refs);
}

/** Why the table cannot call an endpoint (an unknown parameter, a body it has none for), or undefined. */
export function cannotCall(endpoint: Endpoint): string | undefined {
  for (const param of endpoint.params) {
    if (!NOT_REFERENCES.has(param) && referenceFor(endpoint.url, param, UNKNOWN) === undefined) return `unknown path parameter :${param}`;
  }
  if (endpoint.takesBody && !BODIES[describeEndpoint(endpoint)]) return 'no plausible body in route-table.ts';
  return undefined;
}

async function created(t: TestServer, key: string, path: string, body: unknown): Promise<any> {
  const r = await t.call('POST', path, { key, body });
  expect(r.status, `${path}: ${r.text}`).toBe(201);
  return r;
}

/**
 * A customer's data: an order, packed once (a consignment and its return twin), a consignment with
 * two packages, a shipping location and a package size of its own.
 */
export async function seedCustomer(t: TestServer, key: string, tag = Math.random().toString(36).slice(2, 8).toUpperCase()): Promise<Refs> {
  // Subscribed first, so the writes below queue events for it (nothing delivers them in tests).
  // One subscription per customer, reused by every re-seed: each would receive every later event.
  const existing = (await t.call('GET', '/webhooks', { key })).json as Array<{ Id: string }>;
  const webhook = existing[0]?.Id ?? String((await created(t, key, '/webhooks', { Url: `https://hooks.example.com/${tag}`, EventTypes: ['*'] })).json.Id);
  const order = String((await created(t, key, '/orders', exampleOrder())).json[0].Href).split('/').pop()!;
  await created(t, key, `/orders/${order}/pack`, { GenerateReturn: true, Packages: [{ PackageSizeReference: 'M', Items: [{ Sku: 'SKU093434' }] }] });
  const body = exampleConsignment({ Packages: [examplePackage(), examplePackage({ PackageReferenceProvidedByCustomer: 'BOX-2' })] });
  const consignment = String((await created(t, key, '/consignments', body)).json[0].Href).split('/').pop()!;
  const read = await t.call('GET', `/consignments/${consignment}`, { key });
  const pkg = String(read.json.Packages[1].Reference);
  const location = `ONLY-${tag}`;
  await created(t, key, '/shippinglocations', shippingLocation(location));
  const size = `SIZE-${tag}`;
  await created(t, key, '/packagesizes', packageSize(size));
  // A customer without carrier services gets one (the registry is global; the profile is its own).
  let services = (await t.call('GET', '/carrierservices', { key })).json.MpdCarrierServices;
  if (services.length === 0) {
    expect((await t.call('PUT', '/carrierservices/MPD_SIMCOURIER_PALLET', { key, body: {} })).status).toBe(201);
    services = (await t.call('GET', '/carrierservices', { key })).json.MpdCarrierServices;
  }
  const service = services[0] as { Reference: string; MpdCarrierReference: string };
  const group = `GRP-${tag}`;
  await created(t, key, '/servicegroups', serviceGroup(group, service.Reference));
  // A customer whose services cannot carry the consignment gets no quotes: unknown-looking ones stand in.
  const quotes = await t.call('GET', `/quotes/consignment/${consignment}`, { key });
  expect(quotes.status, quotes.text).toBe(200);
  const quote = quotes.json.Quotes[0]?.QuoteReference ?? UNKNOWN.quote;
  const quoteRequest = quotes.json.Quotes.length > 0 ? quotes.json.QuoteRequestReference : UNKNOWN.quoteRequest;
  // A customer manifest of its own, written directly: manifesting through the API needs an allocation.
  const owner = await t.deps.db.selectFrom('consignments').select('customer_id').where('reference', '=', consignment).executeTakeFirstOrThrow();
  const manifest = t.deps.ids.hex32();
  await insertManifest(t.deps.db, Number(owner.customer_id), {
    reference: manifest, shippingLocationReference: 'WH1', carrierReference: 'SIMPOST', carrierManifestId: null, createdAt: new Date().toISOString(),
    ShippingLocationName: null, CarrierName: 'SimPost', FileName: `SIMPOST_WH1-${manifest}.pdf`, Items: [],
  });
  const deliveries = await t.call('GET', `/webhooks/${webhook}/deliveries?take=1`, { key });
  const webhookEvent = String(deliveries.json.Deliveries[0].EventId);
  return {
    order, consignment, package: pkg, location, packageSize: size,
    carrierService: service.Reference, carrier: service.MpdCarrierReference, serviceGroup: group, quote, quoteRequest, manifest, webhook, webhookEvent,
  };
}

const KNOWN_CODES = new Set(Object.keys(errorStatus));

/** Problems with a non-2xx reply: it must be the one documented error body, with known codes. Empty when fine. */
export function errorShapeProblems(status: number, contentType: string | undefined, text: string): string[] {
  const problems: string[] = [];
  if (!String(contentType ?? '').startsWith('application/json')) problems.push(`content-type ${contentType}`);
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    return [...problems, `body is not JSON: ${text.slice(0, 200)}`];
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return [...problems, `body is not an object: ${text.slice(0, 200)}`];
  const keys = Object.keys(body).sort().join(',');
  if (keys !== 'CorrelationId,Details,Code,Message'.split(',').sort().join(',')) problems.push(`keys ${keys}`);
  if (!KNOWN_CODES.has(body.Code)) problems.push(`unknown Code ${body.Code}`);
  if (typeof body.Message !== 'string' || !body.Message) problems.push('Message is not a non-empty string');
  if (typeof body.CorrelationId !== 'string' || !body.CorrelationId) problems.push('CorrelationId is not a non-empty string');
  if (!Array.isArray(body.Details)) problems.push('Details is not an array');
  else {
    for (const d of body.Details) {
      if (!d || !KNOWN_CODES.has(d.Code) || typeof d.Message !== 'string' || !(d.Target === null || typeof d.Target === 'string')) {
        problems.push(`bad detail ${JSON.stringify(d)}`);
      }
    }
  }
  if (status >= 500) problems.push(`status ${status}`);
  return problems;
}
