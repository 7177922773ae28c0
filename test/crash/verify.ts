/**
 * What the database must hold after the crashes, read directly with the service stopped. Returns
 * every problem found (empty = whole) and the figures for the report. The client's record bounds
 * the database from both sides: every acknowledged pack is there exactly as sent; nothing is
 * there that no request asked for; an unknown outcome is there whole or not at all.
 */
import type { Kysely } from 'kysely';
import { type Database, readJson } from '../../src/db/schema.js';
import type { ConsignmentDocument } from '../../src/modules/consignments/consignment.js';
import { packedQuantities } from '../../src/modules/consignments/consignments.repo.js';
import type { OrderDocument } from '../../src/modules/orders/order.js';
import type { LoadRecord, SeededOrder } from './load.js';

type Units = Map<string, number>;
const add = (m: Units, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
/** A package's contents as a comparable string: "sku×qty" sorted. */
const contents = (items: Array<{ sku: string; quantity: number }>) => items.map((i) => `${i.sku}×${i.quantity}`).sort().join(',');

export interface Verified {
  problems: string[];
  consignments: number;
  acknowledgedFound: number;
  unknownCommitted: number;
  idempotencyRows: number;
}

export async function verifyDatabase(db: Kysely<Database>, orders: SeededOrder[], record: LoadRecord): Promise<Verified> {
  const problems: string[] = [];
  const problem = (p: string) => { if (problems.length < 50) problems.push(p); };
  const customers = await db.selectFrom('customers').select('id').execute();
  if (customers.length !== 1) problem(`expected one customer, found ${customers.length}`);
  const customerId = Number(customers[0]!.id);

  // Orders: all seeded ones are there, each whole (its item rows are its document's items).
  const orderRows = await db.selectFrom('orders').select(['id', 'reference', 'document']).execute();
  const orderItems = await db.selectFrom('order_items').select(['id', 'order_id', 'item_reference', 'sku', 'quantity']).execute();
  const itemsByOrder = new Map<number, typeof orderItems>();
  for (const i of orderItems) itemsByOrder.set(Number(i.order_id), [...(itemsByOrder.get(Number(i.order_id)) ?? []), i]);
  const orderIdByReference = new Map(orderRows.map((o) => [o.reference, Number(o.id)]));
  if (orderRows.length !== orders.length) problem(`seeded ${orders.length} orders, found ${orderRows.length}`);
  for (const o of orderRows) {
    const doc = readJson<OrderDocument>(o.document);
    const wanted = contents(doc.Packages.flatMap((p) => p.Items.map((i) => ({ sku: i.Sku ?? '', quantity: i.Quantity }))));
    const rows = contents((itemsByOrder.get(Number(o.id)) ?? []).map((i) => ({ sku: i.sku ?? '', quantity: i.quantity })));
    if (wanted !== rows || rows === '') problem(`order ${o.reference}: item rows [${rows}] ≠ document [${wanted}]`);
  }
  const orderItemSku = new Map(orderItems.map((i) => [Number(i.id), i.sku ?? '']));
  const knownOrderIds = new Set(orderRows.map((o) => Number(o.id)));
  for (const i of orderItems) if (!knownOrderIds.has(Number(i.order_id))) problem(`order item ${i.id} has no order`);

  // Consignments and their parts.
  const consignments = await db.selectFrom('consignments')
    .select(['id', 'reference', 'customer_consignment_reference', 'order_id', 'is_return', 'return_of_reference', 'state', 'direction', 'shipping_location_reference', 'destination_postcode', 'document'])
    .execute();
  const packages = await db.selectFrom('consignment_packages').select(['consignment_id', 'reference', 'position']).execute();
  const items = await db.selectFrom('consignment_items').select(['consignment_id', 'package_reference', 'item_reference', 'order_item_id', 'quantity']).execute();
  const audit = await db.selectFrom('consignment_audit').select(['consignment_id', 'action', 'state_after']).execute();
  const ids = new Set(consignments.map((c) => Number(c.id)));
  for (const [what, rows] of [['package', packages], ['item', items], ['audit', audit]] as const) {
    const orphans = rows.filter((r) => !ids.has(Number(r.consignment_id)));
    if (orphans.length > 0) problem(`${orphans.length} orphan ${what} row(s), e.g. consignment_id ${orphans[0]!.consignment_id}`);
  }
  const group = <T extends { consignment_id: unknown }>(rows: T[]) => {
    const m = new Map<number, T[]>();
    for (const r of rows) m.set(Number(r.consignment_id), [...(m.get(Number(r.consignment_id)) ?? []), r]);
    return m;
  };
  const packagesOf = group(packages);
  const itemsOf = group(items);
  const auditOf = group(audit);
  if (new Set(consignments.map((c) => c.reference)).size !== consignments.length) problem('consignment references are not unique');
  if (new Set(packages.map((p) => p.reference)).size !== packages.length) problem('package references are not unique');

  const byTag = new Map<string, typeof consignments>();
  const docUnits = new Map<number, Units>(); // order id → sku → units in live outbound documents
  for (const c of consignments) {
    const id = Number(c.id);
    const doc = readJson<ConsignmentDocument>(c.document);
    const where = `consignment ${c.reference}`;
    const tag = c.customer_consignment_reference ?? '';
    byTag.set(tag, [...(byTag.get(tag) ?? []), c]);
    if (!record.requests.has(tag)) problem(`${where}: tag "${tag}" matches no request`);
    // Search columns agree with the document.
    if ((doc.ConsignmentReferenceProvidedByCustomer || null) !== c.customer_consignment_reference) problem(`${where}: customer reference column ≠ document`);
    if (doc.Direction !== c.direction) problem(`${where}: direction column ${c.direction} ≠ document ${doc.Direction}`);
    const destination = doc.Addresses.find((a) => a.AddressType === 'Destination');
    if ((destination?.Postcode ?? null) !== c.destination_postcode) problem(`${where}: destination postcode column ≠ document`);
    if (c.state !== 'Unallocated') problem(`${where}: state ${c.state}, expected Unallocated`);
    if (c.order_id === null || !knownOrderIds.has(Number(c.order_id))) problem(`${where}: no order`);
    // Packages: at least one; rows = the document's packages in order; each with its items.
    const rows = (packagesOf.get(id) ?? []).sort((a, b) => a.position - b.position).map((p) => p.reference);
    if (rows.length === 0) problem(`${where}: no packages`);
    if (rows.join() !== doc.Packages.map((p) => p.Reference).join()) problem(`${where}: package rows [${rows}] ≠ document`);
    const itemRows = itemsOf.get(id) ?? [];
    for (const p of doc.Packages) {
      const fromRows = itemRows.filter((i) => i.package_reference === p.Reference);
      if (fromRows.length === 0) problem(`${where}: package ${p.Reference} has no item rows`);
      const rowContents = contents(fromRows.map((i) => ({ sku: orderItemSku.get(Number(i.order_item_id)) ?? '?', quantity: i.quantity })));
      if (rowContents !== contents(p.Items.map((i) => ({ sku: i.Sku ?? '', quantity: i.Quantity })))) problem(`${where}: package ${p.Reference} item rows ≠ document`);
    }
    if (itemRows.length !== doc.Packages.reduce((n, p) => n + p.Items.length, 0)) problem(`${where}: item rows outside the document's packages`);
    // The request it came from: the same boxes with the same units.
    const request = record.requests.get(tag);
    if (request) {
      const sent = request.packages.map(contents).join(' | ');
      const stored = doc.Packages.map((p) => contents(p.Items.map((i) => ({ sku: i.Sku ?? '', quantity: i.Quantity })))).join(' | ');
      if (sent !== stored) problem(`${where}: packages [${stored}] ≠ request ${tag} [${sent}]`);
      if (orderIdByReference.get(request.order.reference) !== Number(c.order_id)) problem(`${where}: not from the requested order`);
    }
    const created = (auditOf.get(id) ?? []).filter((a) => a.action === 'Packed' && a.state_after === 'Unallocated');
    if (created.length !== 1 || (auditOf.get(id) ?? []).length !== 1) problem(`${where}: ${created.length} creation audit entries of ${(auditOf.get(id) ?? []).length}`);
    if (!c.is_return) {
      const units = docUnits.get(Number(c.order_id)) ?? new Map();
      for (const p of doc.Packages) for (const i of p.Items) add(units, i.Sku ?? '', i.Quantity);
      docUnits.set(Number(c.order_id), units);
    }
  }

  // Per request: whole or absent; an outbound and, if asked, its return — never two of either.
  let acknowledgedFound = 0;
  let unknownCommitted = 0;
  for (const request of record.requests.values()) {
    const found = byTag.get(request.tag) ?? [];
    const outbound = found.filter((c) => !c.is_return);
    const returns = found.filter((c) => c.is_return);
    const ack = record.acknowledged.get(request.tag);
    if (outbound.length > 1 || returns.length > 1) problem(`request ${request.tag}${request.key ? ' (keyed)' : ''}: ${outbound.length} outbound, ${returns.length} return consignments`);
    if (outbound.length === 1) {
      const expectReturn = request.generateReturn ? 1 : 0;
      if (returns.length !== expectReturn) problem(`request ${request.tag}: outbound without its return (or an unasked return)`);
      if (returns[0] && returns[0].return_of_reference !== outbound[0]!.reference) problem(`request ${request.tag}: return not linked to its outbound`);
    } else if (returns.length > 0) problem(`request ${request.tag}: a return without its outbound`);
    if (ack) {
      const have = [...outbound, ...returns].map((c) => c.reference);
      if (have.join() !== ack.references.join()) problem(`request ${request.tag}: acknowledged [${ack.references}] but the database has [${have}]`);
      else acknowledgedFound++;
    } else if (found.length > 0) {
      if (record.unknown.has(request.tag) || record.unresolved.has(request.tag)) unknownCommitted++;
      else problem(`request ${request.tag}: answered ${record.rejected.get(request.tag) ?? 'nothing'}, yet ${found.length} consignment(s) exist`);
    }
  }

  // The ledger: the repository's sum over item rows = the sum over documents, between what was
  // acknowledged and that plus every unknown outcome, and never past the ordered quantity (strict).
  const acknowledgedUnits = new Map<string, Units>();
  const possibleUnits = new Map<string, Units>();
  for (const request of record.requests.values()) {
    const target = record.acknowledged.has(request.tag) ? [acknowledgedUnits, possibleUnits]
      : record.unknown.has(request.tag) || record.unresolved.has(request.tag) ? [possibleUnits] : [];
    for (const m of target) {
      const units = m.get(request.order.reference) ?? new Map();
      for (const p of request.packages) for (const i of p) add(units, i.sku, i.quantity);
      m.set(request.order.reference, units);
    }
  }
  for (const order of orders) {
    const orderId = orderIdByReference.get(order.reference);
    if (orderId === undefined) continue;
    const byReference = await packedQuantities(db, customerId, orderId);
    const referenceToSku = new Map((itemsByOrder.get(orderId) ?? []).map((i) => [i.item_reference, i.sku ?? '']));
    for (const line of order.lines) {
      const ledger = [...byReference].filter(([ref]) => referenceToSku.get(ref) === line.sku).reduce((n, [, u]) => n + u, 0);
      const documents = docUnits.get(orderId)?.get(line.sku) ?? 0;
      const low = acknowledgedUnits.get(order.reference)?.get(line.sku) ?? 0;
      const high = possibleUnits.get(order.reference)?.get(line.sku) ?? 0;
      const where = `order ${order.reference} line ${line.sku}`;
      if (ledger !== documents) problem(`${where}: ledger ${ledger} ≠ ${documents} in the consignment documents`);
      if (ledger < low || ledger > high) problem(`${where}: ledger ${ledger} outside [${low} acknowledged, ${high} possible]`);
      if (ledger > line.quantity) problem(`${where}: ${ledger} packed of ${line.quantity} ordered (strict packing)`);
    }
  }

  // Idempotency keys: a Done row replays exactly the consignments of its request; an InProgress
  // row (its request died) has none — else a committed pack would be run again by a retry.
  const keys = await db.selectFrom('idempotency_keys').select(['key', 'state', 'status', 'body']).execute();
  for (const k of keys) {
    const tag = k.key.replace(/^key-/, '');
    const found = byTag.get(tag) ?? [];
    const have = [...found.filter((c) => !c.is_return), ...found.filter((c) => c.is_return)].map((c) => c.reference);
    if (k.state === 'Done' && k.status === 201) {
      const replayed = (JSON.parse(k.body ?? '{}').Results ?? []).map((r: { Data: string }) => r.Data);
      if (replayed.join() !== have.join()) problem(`key ${k.key}: stored 201 names [${replayed}] but the database has [${have}]`);
    } else if (have.length > 0) {
      problem(`key ${k.key}: ${k.state} ${k.status ?? ''} but its pack committed [${have}]: a retry would pack again`);
    }
  }
  return { problems, consignments: consignments.length, acknowledgedFound, unknownCommitted, idempotencyRows: keys.length };
}
