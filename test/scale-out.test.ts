/**
 * Concurrency at scale-out (issue 6, test group 4): two service processes (`node dist/main.js`,
 * background jobs on in both, so the manifest job races across instances too) on one PostgreSQL
 * schema; 64 concurrent clients, split across them, pack, allocate, cancel, deallocate, stage,
 * manifest, dispatch and read the same 30 orders and their consignments, with strict packing on
 * some orders and carriers told to refuse bookings, manifests or cancellations on others.
 * Afterwards: every answer was expected (never a 5xx, never a timeout), references are unique
 * across the instances, the ledger is exact, strict packing never overpacked, every audit trail is
 * an unbroken chain the state machine allows, final states agree with the allocation data, and no
 * PostgreSQL session of either instance is left waiting on a lock or idle in a transaction.
 *
 * Bounded by default (64 clients × 40 requests); a soak: SCALEOUT_OPS=400 (per client),
 * SCALEOUT_CLIENTS, SCALEOUT_SEED (default 6; `random` picks one and prints it).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/db/test-db.js';
import { type Snapshot, auditProblems, finalStateProblems, ledgerProblems, referenceProblems, strictReplayProblems, takeSnapshot } from './scale-out/checks.js';
import { type Answer, type LoadResult, type SeededOrder, runLoad } from './scale-out/load.js';
import { report } from './scale-out/report.js';
import { type Instance, startInstance, stopInstance } from './scale-out/services.js';

const CLIENTS = Number(process.env.SCALEOUT_CLIENTS ?? 64);
const OPS_PER_CLIENT = Number(process.env.SCALEOUT_OPS ?? 40);
const SEED = process.env.SCALEOUT_SEED === 'random' ? Math.floor(Math.random() * 1e6) : Number(process.env.SCALEOUT_SEED ?? 6);
const ORDERS = 30;
const SKUS = ['SKU-A', 'SKU-B', 'SKU-C', 'SKU-D'];
const ORDERED = 5;
/** A request slower than this is a failure: "no deadlock left hanging". */
const REQUEST_TIMEOUT_MS = 30_000;
/** A session idle in a transaction or waiting on a lock for longer than this is stuck. */
const STUCK_AFTER_S = 5;
const KEY = 'pk_scaleout_test_key_0123456789abcdef';

/** Orders 0–11 are packed strictly only; every tenth order from 7, 8, 9 has a carrier refuse one step. */
const FAILURES = new Map([[7, 'Cancel'], [8, 'Manifest'], [9, 'Booking']]);

function orderBody(i: number) {
  const failure = FAILURES.get(i % 10);
  return {
    OrderReferenceProvidedByCustomer: `SCALE-${i}`,
    Source: 'Api',
    ...(failure ? { MetaData: [{ KeyValue: 'SimulateFailure', StringValue: failure }] } : {}),
    Packages: [{
      Description: 'Mixed goods',
      Items: SKUS.map((Sku) => ({ Sku, Description: `Item ${Sku}`, Quantity: ORDERED, Weight: { Value: 0.1, Unit: 'Kg' }, Value: { Amount: 3, Currency: { IsoCode: 'GBP' } } })),
    }],
    Addresses: [
      { AddressType: 'Origin', ShippingLocationReference: 'WH1' },
      {
        AddressType: 'Destination',
        Contact: { FirstName: 'Jo', LastName: 'Bloggs', Email: 'jo@example.com', Telephone: '07700 900123' },
        AddressLine1: `${i + 1} High Street`, Town: 'Leeds', Postcode: 'LS1 1AA', Country: { IsoCode: { TwoLetterCode: 'GB' } },
      },
    ],
  };
}

/** What each kind of request may answer: statuses, and the error codes of its 4xx answers. */
const CONSIGNMENT_RULES = ['InvalidConsignmentState', 'ConsignmentBusy', 'ConcurrentModification', 'ConsignmentNotFound'];
const EXPECTED: Record<string, { statuses: number[]; codes: string[] }> = {
  pack: { statuses: [201], codes: [] },
  'pack (strict)': { statuses: [201, 400], codes: ['QuantityExceedsOutstanding'] },
  allocate: { statuses: [200, 400, 404, 409], codes: [...CONSIGNMENT_RULES, 'NoEligibleService', 'CarrierBookingFailed'] },
  cancel: { statuses: [200, 400, 404, 409], codes: [...CONSIGNMENT_RULES, 'CarrierCancelFailed'] },
  deallocate: { statuses: [200, 400, 404, 409], codes: [...CONSIGNMENT_RULES, 'CarrierCancelFailed'] },
  labels: { statuses: [200, 400, 404, 409], codes: [...CONSIGNMENT_RULES, 'LabelsNotAvailable'] },
  manifest: { statuses: [200, 404], codes: ['ConsignmentNotFound'] },
  read: { statuses: [200, 404], codes: ['ConsignmentNotFound'] },
};
const BULK = ['allocateBulk', 'cancelList', 'deallocateList', 'readyToShip', 'notReadyToShip', 'dispatch', 'manifestFromQuery'];
for (const kind of BULK) EXPECTED[kind] = { statuses: [200], codes: [] };

/** Problems grouped by what went wrong, references left out: "kind ×n; …". */
const kinds = (problems: readonly string[]) => {
  const m = new Map<string, number>();
  for (const p of problems) {
    const k = p.replace(/E[CPO]-[0-9A-Z-]{11}/g, 'X').replace(/#\d+/g, '#');
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return [...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ×${n}`).join('; ');
};

function unexpected(a: Answer): boolean {
  const rule = EXPECTED[a.kind]!;
  if (!rule.statuses.includes(a.status)) return true;
  if (a.status >= 400 && !rule.codes.includes(a.code ?? '')) return true;
  if (a.kind === 'allocateBulk' && a.items?.some((s) => !['200', '400', '404', '409'].includes(s))) return true;
  return false;
}

describe('concurrency at scale-out: two instances on one PostgreSQL', () => {
  let database: TestDatabase;
  const instances: Instance[] = [];
  let orders: SeededOrder[];
  let load: LoadResult;
  let snapshot: Snapshot;
  const figures: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const app = `packline-scaleout-${process.pid}`;
    // The first instance runs the first-run setup (the demo customer, with our key); the second
    // starts once that is done and finds the same customer.
    // Only B polls tracking, often: carrier scans then race the clients' commands on booked
    // consignments without taking every consignment out of play at once.
    instances.push(await startInstance('A', database.url, `${app}-A`, { PACKLINE_API_KEY: KEY, PACKLINE_TRACKING_POLL_SECONDS: '3600' }));
    instances.push(await startInstance('B', database.url, `${app}-B`, { PACKLINE_API_KEY: 'pk_unused_second_instance_key', PACKLINE_TRACKING_POLL_SECONDS: '8' }));
    for (const instance of instances) {
      const res = await fetch(`${instance.base}/packagesizes`, { headers: { 'ocp-apim-subscription-key': KEY } });
      expect(res.status, `instance ${instance.name} knows the demo customer`).toBe(200);
    }

    orders = [];
    for (let i = 0; i < ORDERS; i++) {
      const res = await fetch(`${instances[i % 2]!.base}/orders`, {
        method: 'POST', headers: { 'ocp-apim-subscription-key': KEY, 'content-type': 'application/json' }, body: JSON.stringify(orderBody(i)),
      });
      const text = await res.text();
      expect(res.status, text).toBe(201);
      const reference = String(JSON.parse(text)[0].Href).split('/').pop()!;
      orders.push({ reference, strict: i < 12, lines: new Map(SKUS.map((s) => [s, ORDERED])) });
    }

    load = await runLoad({ instances, key: KEY, orders, clients: CLIENTS, opsPerClient: OPS_PER_CLIENT, seed: SEED, requestTimeoutMs: REQUEST_TIMEOUT_MS });

    // Manifest From Query leaves consignments queued for the manifest job (every 5 s, both
    // instances): let it finish them before reading the final states.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const busy = await database.db.selectFrom('consignments').select((eb) => eb.fn.countAll<number>().as('n')).where('state', 'in', ['Manifesting', 'Allocating', 'Cancelling']).executeTakeFirstOrThrow();
      if (Number(busy.n) === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    snapshot = await takeSnapshot(database.db);
  }, 300_000);

  afterAll(async () => {
    if (figures.length > 0) console.log(figures.join('\n'));
    await Promise.all(instances.map(stopInstance));
    await database?.close();
  }, 60_000);

  it('answers every request with an expected status: never a 5xx, never a timeout', () => {
    figures.push(...report(load, instances, { seed: SEED, clients: CLIENTS, opsPerClient: OPS_PER_CLIENT }));
    const bad = load.answers.filter(unexpected).map((a) => `${a.instance} ${a.kind} → ${a.status} ${a.code ?? ''} ${a.detail ?? ''}`.trim());
    expect(bad.slice(0, 20), `${bad.length} unexpected answers`).toEqual([]);
    expect(load.answers.length).toBe(CLIENTS * OPS_PER_CLIENT);
    // Both instances took part, the ledger was contended and state rules were hit.
    for (const instance of instances) expect(load.packs.length > 0 && load.answers.some((a) => a.instance === instance.name && a.kind.startsWith('pack') && a.status === 201)).toBe(true);
    expect(load.answers.some((a) => a.code === 'QuantityExceedsOutstanding')).toBe(true);
    expect(load.answers.some((a) => a.code === 'InvalidConsignmentState')).toBe(true);
    for (const instance of instances) expect(instance.errors.slice(0, 5), `error log lines of instance ${instance.name}`).toEqual([]);
  });

  it('hands out unique consignment, package and tracking references across both instances', async () => {
    expect(referenceProblems(snapshot, load)).toEqual([]);
    expect(new Set(load.answers.filter((a) => a.kind.startsWith('pack') && a.status === 201).map((a) => a.instance))).toEqual(new Set(['A', 'B']));
  });

  it('keeps every order ledger exact, and Get Order on either instance shows it', async () => {
    const { problems, expected } = ledgerProblems(snapshot, load, orders);
    expect(problems).toEqual([]);
    for (const instance of instances) {
      for (const order of orders) {
        const res = await fetch(`${instance.base}/orders/${order.reference}`, { headers: { 'ocp-apim-subscription-key': KEY } });
        const body = (await res.json()) as { Packages: Array<{ Items: Array<{ Sku: string; QuantityPacked: number }> }> };
        const shown = new Map<string, number>(body.Packages.flatMap((p) => p.Items.map((i) => [i.Sku, i.QuantityPacked] as const)));
        expect(Object.fromEntries(shown), `${order.reference} on ${instance.name}`).toEqual(Object.fromEntries(expected.get(order.reference)!));
      }
    }
  });

  it('never lets a strict pack take a line past its ordered quantity, at any moment', async () => {
    expect(strictReplayProblems(snapshot, load, orders)).toEqual([]);
  });

  it('never skips the state machine: every audit trail is an unbroken chain of allowed steps', async () => {
    const { problems, entries, actions } = auditProblems(snapshot);
    figures.push(`audit entries checked: ${entries} over ${snapshot.consignments.length} consignments (${[...actions].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')})`);
    expect(problems.slice(0, 20), `${problems.length} problems; by kind: ${kinds(problems)}`).toEqual([]);
  });

  it('leaves final states consistent with the allocation data and nothing in a transient state', () => {
    const states = new Map<string, number>();
    for (const c of snapshot.consignments) states.set(c.state, (states.get(c.state) ?? 0) + 1);
    figures.push(`final states: ${[...states].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    expect(finalStateProblems(snapshot).slice(0, 20)).toEqual([]);
    // The mix reached the interesting states.
    for (const s of ['Allocated', 'Cancelled', 'Unallocated']) expect(states.get(s as never) ?? 0, s).toBeGreaterThan(0);
  });

  // The background jobs keep running, so a session may be between two statements of a short
  // transaction at the moment we look: stuck means in that state for longer than STUCK_AFTER.
  it('leaves no PostgreSQL session of either instance waiting on a lock or idle in a transaction', async () => {
    const names = instances.map((i) => i.applicationName);
    const { rows: sessions } = await sql<{ pid: number; application_name: string; state: string | null; wait_event_type: string | null; query: string; for_s: number }>`
      select pid, application_name, state, wait_event_type, query, extract(epoch from now() - state_change) as for_s
      from pg_stat_activity where application_name in (${sql.join(names)})`.execute(database.db);
    expect(sessions.length, 'the instances are connected under their application names').toBeGreaterThan(0);
    const stuck = sessions.filter((s) => ((s.state ?? '').startsWith('idle in transaction') || s.wait_event_type === 'Lock') && Number(s.for_s) > STUCK_AFTER_S);
    expect(stuck).toEqual([]);
    const { rows: waiting } = await sql<{ pid: number; locktype: string; mode: string }>`
      select l.pid, l.locktype, l.mode from pg_locks l join pg_stat_activity a on a.pid = l.pid
      where not l.granted and a.application_name in (${sql.join(names)}) and now() - a.state_change > make_interval(secs => ${STUCK_AFTER_S})`.execute(database.db);
    expect(waiting).toEqual([]);
    figures.push(`PostgreSQL sessions of the instances afterwards: ${sessions.length} (${[...new Set(sessions.map((s) => s.state))].join(', ')}), none waiting on a lock or idle in a transaction`);
  });
});
