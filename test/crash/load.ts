/**
 * Pack Order load for the crash test: orders seeded over the API, then clients that pack them
 * while the service is being killed, recording what the client side knows of every request:
 * acknowledged (201, with the references), rejected (4xx), or unknown (the connection broke after
 * the request was sent). Every request carries a unique tag as its OrderReferenceProvidedByCustomer,
 * which Pack Order copies onto the consignment, so the database can be matched back to requests.
 */
import { prng } from '../../src/cartonization/budget.js';
export type Rng = () => number;

/** The packer's seeded PRNG (mulberry32): one implementation for the project. */
export const rng: (seed: number) => Rng = prng;
const between = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

export interface SeededOrder {
  reference: string;
  lines: Array<{ sku: string; quantity: number }>;
}

export interface PackRequest {
  tag: string;
  order: SeededOrder;
  /** Per package, the units of each order line (by Sku). */
  packages: Array<Array<{ sku: string; quantity: number }>>;
  generateReturn: boolean;
  key: string | null;
}

export interface LoadRecord {
  requests: Map<string, PackRequest>;
  /** tag → the references of the 201 (outbound first), and whether it was a replay. */
  acknowledged: Map<string, { references: string[]; replayed: boolean }>;
  /** Tags whose outcome the client cannot know: sent, then the connection broke (not retried: no key). */
  unknown: Set<string>;
  /** Keyed requests still without a definite answer when the load ended. */
  unresolved: Set<string>;
  rejected: Map<string, string>;
  /** Answers that must never happen (5xx, unexpected statuses), with their body. */
  unexpected: string[];
  sent: number;
  refused: number;
  brokenConnections: number;
  busyKeys: number;
}

export function newRecord(): LoadRecord {
  return {
    requests: new Map(), acknowledged: new Map(), unknown: new Set(), unresolved: new Set(), rejected: new Map(), unexpected: [],
    sent: 0, refused: 0, brokenConnections: 0, busyKeys: 0,
  };
}

export interface Api {
  base: string;
  key: string;
}

const item = (sku: string, quantity: number) => ({
  Sku: sku, Description: `Item ${sku}`, Quantity: quantity,
  Weight: { Value: 0.3, Unit: 'Kg' }, Dimensions: { Unit: 'Cm', Width: 10, Length: 10, Height: 5 },
  Value: { Amount: 4.5, Currency: { IsoCode: 'GBP' } },
});

export function orderBody(index: number, r: Rng) {
  const lines = ['A', 'B', 'C'].map((l) => ({ sku: `O${index}-${l}`, quantity: between(r, 3, 6) }));
  return {
    lines,
    body: {
      OrderReferenceProvidedByCustomer: `CRASH-ORDER-${index}`,
      Source: 'Api',
      Packages: [{ Description: 'Crash test order', Items: lines.map((l) => item(l.sku, l.quantity)) }],
      Addresses: [
        { AddressType: 'Origin', ShippingLocationReference: 'WH1' },
        { AddressType: 'Destination', CompanyName: 'Crash Ltd', AddressLine1: '1 Kill Street', Town: 'Leeds', Postcode: 'LS1 1AA', Country: { IsoCode: { TwoLetterCode: 'GB' } } },
      ],
    },
  };
}

/** Creates `count` orders, `concurrency` at a time; the service is not killed meanwhile. */
export async function seedOrders(api: Api, count: number, concurrency: number, r: Rng): Promise<SeededOrder[]> {
  const orders: SeededOrder[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const index = next++;
      const { lines, body } = orderBody(index, r);
      const res = await post(api, '/orders', body);
      if (res.status !== 201) throw new Error(`seeding order ${index}: ${res.status} ${res.text}`);
      orders[index] = { reference: String(JSON.parse(res.text)[0].Href).split('/').pop()!, lines };
    }
  }));
  return orders;
}

async function post(api: Api, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${api.base}${path}`, {
    method: 'POST', body: JSON.stringify(body), signal: AbortSignal.timeout(60_000),
    headers: { 'content-type': 'application/json', 'ocp-apim-subscription-key': api.key, ...headers },
  });
  return { status: res.status, text: await res.text(), replayed: res.headers.get('idempotent-replayed') === 'true' };
}

export function newPackRequest(tag: string, orders: SeededOrder[], r: Rng): PackRequest {
  const order = orders[Math.floor(r() * orders.length)]!;
  const packages = Array.from({ length: between(r, 1, 2) }, () => {
    const first = between(r, 0, 2);
    const skus = r() < 0.5 ? [first] : [first, (first + between(r, 1, 2)) % 3];
    return skus.map((i) => ({ sku: order.lines[i]!.sku, quantity: between(r, 1, 2) }));
  });
  return { tag, order, packages, generateReturn: r() < 0.3, key: r() < 0.5 ? `key-${tag}` : null };
}

export function packBody(p: PackRequest) {
  return {
    OrderReferenceProvidedByCustomer: p.tag,
    ...(p.generateReturn ? { GenerateReturn: true } : {}),
    Packages: p.packages.map((items, i) => ({ PackageSizeReference: i % 2 === 0 ? 'S' : 'M', Items: items.map((it) => ({ Sku: it.sku, Quantity: it.quantity })) })),
  };
}

/** Why fetch failed: refused (the request never reached a server) or broken (it may have run). */
function failure(err: unknown): 'refused' | 'broken' {
  const codes: string[] = [];
  for (let e: any = err; e; e = e.cause) if (e.code) codes.push(String(e.code));
  return codes.includes('ECONNREFUSED') ? 'refused' : 'broken';
}

/**
 * One client: packs until `stop()` says so, then (draining) only finishes its keyed request in
 * hand. A keyed request is retried with the same key and body until it gets an answer — what a
 * careful client does; an unkeyed one whose connection broke is recorded as unknown and dropped.
 */
export async function runClient(api: Api, id: number, orders: SeededOrder[], r: Rng, record: LoadRecord, phase: () => 'load' | 'drain' | 'stop'): Promise<void> {
  let counter = 0;
  let pending: PackRequest | null = null;
  let drainDeadline = Infinity;
  while (true) {
    const now = phase();
    if (now === 'stop') break;
    if (now === 'drain') {
      if (!pending) break;
      drainDeadline = Math.min(drainDeadline, Date.now() + 60_000);
      if (Date.now() > drainDeadline) break;
    }
    const request: PackRequest = pending ?? newPackRequest(`c${id}-${counter++}`, orders, r);
    record.requests.set(request.tag, request);
    pending = request;
    let res;
    try {
      res = await post(api, `/orders/${request.order.reference}/pack`, packBody(request), {
        'packline-strict-quantities': 'true', ...(request.key ? { 'idempotency-key': request.key } : {}),
      });
    } catch (err) {
      if (failure(err) === 'refused') {
        record.refused++; // the service is down: nothing was sent, the same request goes again
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      record.sent++;
      record.brokenConnections++;
      if (!request.key) {
        record.unknown.add(request.tag);
        pending = null;
      }
      continue;
    }
    record.sent++;
    if (res.status === 201) {
      const results = JSON.parse(res.text).Results as Array<{ Data: string }>;
      record.acknowledged.set(request.tag, { references: results.map((x) => x.Data), replayed: res.replayed });
      pending = null;
    } else if (res.status === 409 && request.key && JSON.parse(res.text).Code === 'IdempotencyKeyInUse') {
      record.busyKeys++; // a crashed claim not yet counted as abandoned: the same key again shortly
      await new Promise((resolve) => setTimeout(resolve, 100));
    } else if (res.status >= 400 && res.status < 500) {
      record.rejected.set(request.tag, `${res.status} ${JSON.parse(res.text).Code}`);
      pending = null;
    } else {
      record.unexpected.push(`${request.tag}: ${res.status} ${res.text.slice(0, 300)}`);
      pending = null;
    }
  }
  if (pending) (pending.key ? record.unresolved : record.unknown).add(pending.tag);
}
