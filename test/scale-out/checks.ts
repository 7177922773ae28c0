/**
 * What must hold once the scale-out load has finished, read straight from the database both
 * instances wrote. Each check returns its problems (empty = holds), so a failure names every case.
 */
import type { Kysely } from 'kysely';
import { readJson, type Database } from '../../src/db/schema.js';
import type { ConsignmentDocument, Shipment } from '../../src/modules/consignments/consignment.js';
import type { ConsignmentState } from '../../src/modules/consignments/consignment-state.js';
import { chainProblems } from './audit-chain.js';
import type { LoadResult, SeededOrder } from './load.js';

export interface StoredRow {
  id: number;
  reference: string;
  state: ConsignmentState;
  orderId: number | null;
  isReturn: boolean;
  document: ConsignmentDocument;
  shipment: Shipment | null;
}

export interface AuditRow {
  id: number;
  consignmentId: number;
  action: string;
  before: ConsignmentState | null;
  after: ConsignmentState | null;
}

/**
 * Everything the checks read, in one REPEATABLE READ transaction: the background jobs keep
 * running (tracking polls move consignments on), so separate reads could disagree.
 */
export interface Snapshot {
  consignments: StoredRow[];
  /** Oldest first. */
  audit: AuditRow[];
  /** Consignment id → Sku → units, from the item rows linked to their order line. */
  units: Map<number, Map<string, number>>;
  orderReferences: Map<number, string>;
  packageReferences: string[];
}

export function takeSnapshot(db: Kysely<Database>): Promise<Snapshot> {
  return db.transaction().setIsolationLevel('repeatable read').execute(async (tx) => {
    const rows = await tx.selectFrom('consignments').select(['id', 'reference', 'state', 'order_id', 'is_return', 'document', 'shipment']).orderBy('id').execute();
    const audit = await tx.selectFrom('consignment_audit').select(['id', 'consignment_id', 'action', 'state_before', 'state_after']).orderBy('id').execute();
    const items = await tx.selectFrom('consignment_items')
      .innerJoin('order_items', 'order_items.id', 'consignment_items.order_item_id')
      .select(['consignment_items.consignment_id as consignmentId', 'order_items.sku as sku', 'consignment_items.quantity as quantity'])
      .execute();
    const orders = await tx.selectFrom('orders').select(['id', 'reference']).execute();
    const packages = await tx.selectFrom('consignment_packages').select('reference').execute();
    const units = new Map<number, Map<string, number>>();
    for (const r of items) {
      const m = units.get(Number(r.consignmentId)) ?? new Map<string, number>();
      m.set(r.sku!, (m.get(r.sku!) ?? 0) + Number(r.quantity));
      units.set(Number(r.consignmentId), m);
    }
    return {
      consignments: rows.map((r) => ({
        id: Number(r.id),
        reference: r.reference,
        state: r.state as ConsignmentState,
        orderId: r.order_id === null ? null : Number(r.order_id),
        isReturn: Number(r.is_return) === 1,
        document: readJson<ConsignmentDocument>(r.document),
        shipment: r.shipment === null || r.shipment === undefined ? null : readJson<Shipment>(r.shipment),
      })),
      audit: audit.map((a) => ({
        id: Number(a.id), consignmentId: Number(a.consignment_id), action: a.action,
        before: a.state_before as ConsignmentState | null, after: a.state_after as ConsignmentState | null,
      })),
      units,
      orderReferences: new Map(orders.map((o) => [Number(o.id), o.reference])),
      packageReferences: packages.map((p) => p.reference),
    };
  });
}

const duplicates = (values: readonly string[]) => [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];

/** Consignment, package and tracking references unique; the stored consignments are exactly the ones clients were given. */
export function referenceProblems(snapshot: Snapshot, load: LoadResult): string[] {
  const problems: string[] = [];
  const stored = snapshot.consignments;
  const refs = stored.map((c) => c.reference);
  for (const d of duplicates(refs)) problems.push(`consignment reference ${d} stored twice`);
  for (const d of duplicates(load.consignments)) problems.push(`consignment reference ${d} handed to clients twice`);
  const storedSet = new Set(refs);
  const answered = new Set(load.consignments);
  for (const r of answered) if (!storedSet.has(r)) problems.push(`${r} was answered 201 but is not stored`);
  for (const r of storedSet) if (!answered.has(r)) problems.push(`${r} is stored but no client was given it`);
  for (const d of duplicates(snapshot.packageReferences)) problems.push(`package reference ${d} stored twice`);
  const inDocuments = stored.flatMap((c) => c.document.Packages.map((p) => p.Reference));
  for (const d of duplicates(inDocuments)) problems.push(`package reference ${d} in two consignment documents`);
  // A consignment's own number may repeat its first parcel's (SimPost): unique across consignments.
  const tracking = stored.flatMap((c) => (c.shipment ? [...new Set([c.shipment.trackingNumber, ...c.shipment.parcels.map((p) => p.trackingNumber)])] : []));
  for (const d of duplicates(tracking)) problems.push(`tracking number ${d} booked for two consignments`);
  return problems;
}

const same = (a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>) =>
  a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
const show = (m: ReadonlyMap<string, number>) => JSON.stringify(Object.fromEntries([...m].sort()));

/**
 * The ledger (src/modules/packing/ledger.ts, docs/api.md "Ledger"): an order line's packed
 * quantity = units of that line in its outbound consignments that are not Cancelled; return twins
 * never count. Expected per line = what the clients' 201 packs asked for, less the packs whose
 * consignment ended Cancelled. Returns, per order, Sku → packed as the clients' record has it.
 */
export function ledgerProblems(snapshot: Snapshot, load: LoadResult, orders: readonly SeededOrder[]): { problems: string[]; expected: Map<string, Map<string, number>> } {
  const problems: string[] = [];
  const { consignments: stored, units, orderReferences: orderIds } = snapshot;
  const byRef = new Map(stored.map((c) => [c.reference, c]));
  const expected = new Map(orders.map((o) => [o.reference, new Map([...o.lines.keys()].map((sku) => [sku, 0]))]));
  for (const pack of load.packs) {
    const outbound = byRef.get(pack.reference);
    if (!outbound) continue; // reported by referenceProblems
    for (const c of [outbound, ...(pack.returnReference && byRef.get(pack.returnReference) ? [byRef.get(pack.returnReference)!] : [])]) {
      const got = units.get(c.id) ?? new Map();
      if (!same(got, pack.units)) problems.push(`${c.reference} holds ${show(got)}; the pack asked for ${show(pack.units)}`);
    }
    if (outbound.isReturn) problems.push(`${pack.reference} was answered as the outbound consignment but is stored as a return`);
    if (outbound.state === 'Cancelled') continue;
    const line = expected.get(pack.order)!;
    for (const [sku, n] of pack.units) line.set(sku, line.get(sku)! + n);
  }
  // The same figure straight from the stored rows, as the ledger query counts it.
  const counted = new Map(orders.map((o) => [o.reference, new Map([...o.lines.keys()].map((sku) => [sku, 0]))]));
  for (const c of stored) {
    if (c.isReturn || c.state === 'Cancelled' || c.orderId === null) continue;
    const line = counted.get(orderIds.get(c.orderId)!)!;
    for (const [sku, n] of units.get(c.id) ?? []) line.set(sku, line.get(sku)! + n);
  }
  for (const o of orders) {
    if (!same(counted.get(o.reference)!, expected.get(o.reference)!)) {
      problems.push(`${o.reference}: stored rows count ${show(counted.get(o.reference)!)}, the clients' packs ${show(expected.get(o.reference)!)}`);
    }
    if (o.strict) {
      for (const [sku, n] of expected.get(o.reference)!) if (n > o.lines.get(sku)!) problems.push(`${o.reference} (strict only): ${sku} packed ${n} of ${o.lines.get(sku)}`);
    }
  }
  return { problems, expected };
}

/**
 * Strict packing never let a line pass its ordered quantity, at any moment: replay each order's
 * Packed and Cancelled audit entries in the order they were written (audit ids), and at every
 * strict pack the running total of each line it packed must be within the order (a line that
 * plain packs took past the order stays over; a strict pack only may not add to it). Why the write order is the right one:
 * a strict pack holds the order row FOR UPDATE from its check to its commit and every pack takes
 * at least FOR SHARE on it, so any pack written before it had committed before its check; a
 * cancellation written before it may have committed after its check, which only makes the
 * replayed total lower than what the check saw — never hides an overpack.
 */
export function strictReplayProblems(snapshot: Snapshot, load: LoadResult, orders: readonly SeededOrder[]): string[] {
  const problems: string[] = [];
  const { consignments: stored, units, orderReferences: orderIds } = snapshot;
  const byId = new Map(stored.map((c) => [c.id, c]));
  const strictPacks = new Set(load.packs.filter((p) => p.strict).map((p) => p.reference));
  const ordered = new Map(orders.map((o) => [o.reference, o.lines]));
  const totals = new Map(orders.map((o) => [o.reference, new Map<string, number>()]));
  for (const e of snapshot.audit.filter((a) => a.action === 'Packed' || a.action === 'Cancelled')) {
    const c = byId.get(e.consignmentId);
    if (!c || c.isReturn || c.orderId === null) continue;
    const order = orderIds.get(c.orderId)!;
    const total = totals.get(order)!;
    const sign = e.action === 'Packed' ? 1 : -1;
    for (const [sku, n] of units.get(c.id) ?? []) total.set(sku, (total.get(sku) ?? 0) + sign * n);
    if (e.action === 'Packed' && strictPacks.has(c.reference)) {
      for (const sku of units.get(c.id)?.keys() ?? []) {
        const n = total.get(sku)!;
        if (n > ordered.get(order)!.get(sku)!) problems.push(`strict pack ${c.reference} took ${order} ${sku} to ${n} of ${ordered.get(order)!.get(sku)}`);
      }
    }
  }
  return problems;
}

/** Every consignment's audit trail is an unbroken chain of steps the state machine makes, ending in its stored state. */
export function auditProblems(snapshot: Snapshot): { problems: string[]; entries: number; actions: Map<string, number> } {
  const stored = snapshot.consignments;
  const rows = snapshot.audit;
  const trails = new Map<number, AuditRow[]>();
  const actions = new Map<string, number>();
  for (const r of rows) {
    trails.set(r.consignmentId, [...(trails.get(r.consignmentId) ?? []), r]);
    actions.set(r.action, (actions.get(r.action) ?? 0) + 1);
  }
  const problems: string[] = [];
  for (const c of stored) {
    const trail = trails.get(c.id) ?? [];
    for (const p of chainProblems(trail)) problems.push(`${c.reference}: ${p}`);
    // Both instances run the manifest job: one queued claim is taken over by one of them only,
    // or the carrier would be sent the consignment twice.
    let takeOvers = 0;
    for (const step of trail) {
      if (step.after === 'Manifesting' && step.before !== 'Manifesting') takeOvers = 0;
      if (step.action === 'Manifesting' && step.before === 'Manifesting' && ++takeOvers > 1) problems.push(`${c.reference}: the manifest job took over one claim twice`);
    }
    const last = trail.at(-1)?.after;
    if (last !== c.state) problems.push(`${c.reference}: stored state ${c.state}, but the trail ends in ${last ?? 'nothing'}`);
  }
  return { problems, entries: rows.length, actions };
}

const BOOKED: ReadonlySet<ConsignmentState> = new Set(['Allocated', 'ReadyToShip', 'Manifesting', 'Manifested', 'ManifestFailed', 'Dispatched']);
const TRANSIENT: ReadonlySet<ConsignmentState> = new Set(['Allocating', 'Manifesting', 'Cancelling']);

/**
 * The stored state agrees with the allocation data: booked states have an Allocation, a booking
 * record of the same carrier whose tracking number the legs show; Unallocated and AllocationFailed
 * have neither (AllocationFailed says why); Manifested has its manifest. No transient state is left.
 */
export function finalStateProblems(snapshot: Snapshot): string[] {
  const problems: string[] = [];
  for (const c of snapshot.consignments) {
    const { document: d, shipment: s } = c;
    const at = `${c.reference} (${c.state})`;
    if (TRANSIENT.has(c.state)) problems.push(`${at}: left in a transient state`);
    if (BOOKED.has(c.state)) {
      if (!d.Allocation) problems.push(`${at}: no Allocation`);
      if (!s) problems.push(`${at}: no booking record`);
      if (d.Allocation && s && d.Allocation.CarrierReference !== s.carrierReference) problems.push(`${at}: allocated to ${d.Allocation.CarrierReference}, booked with ${s.carrierReference}`);
      if (s && !d.ConsignmentLegs.some((l) => l.TrackingReferences.includes(s.trackingNumber))) problems.push(`${at}: legs do not show the booked tracking number ${s.trackingNumber}`);
    }
    if (c.state === 'Unallocated' || c.state === 'AllocationFailed') {
      if (d.Allocation) problems.push(`${at}: still has an Allocation`);
      if (s) problems.push(`${at}: still has a booking record`);
      if (d.LabelsPrinted) problems.push(`${at}: LabelsPrinted without an allocation`);
      if (d.ConsignmentLegs.length > 0) problems.push(`${at}: still has legs`);
    }
    if (c.state === 'AllocationFailed' && !d.FailedAllocation?.Message) problems.push(`${at}: no FailedAllocation message`);
    if (c.state === 'Allocated' && d.FailedAllocation) problems.push(`${at}: Allocated with a FailedAllocation`);
    if ((c.state === 'Manifested' || c.state === 'Dispatched') && !s?.manifest) problems.push(`${at}: no manifest record`);
    if (s?.manifestRun && c.state !== 'Manifesting') problems.push(`${at}: a manifest run still holds it`);
    if (s?.cancelRun && c.state !== 'Cancelling') problems.push(`${at}: a cancellation still holds it`);
  }
  return problems;
}
