/**
 * Pack Order (spec §3): cut one consignment — and with GenerateReturn its inbound twin — from
 * an order, all or nothing, in one transaction.
 */
import { allocateReferences } from '../../db/references.js';
import type { DbOrTx } from '../../db/schema.js';
import { writeTransaction } from '../../db/transaction.js';
import { AppError, type ErrorDetail, Problems } from '../../shared/errors.js';
import { normaliseReference } from '../../shared/references.js';
import { text } from '../../shared/wire/normalise.js';
import { field, index } from '../../shared/wire/paths.js';
import { findPackageSizes } from '../accounts/package-sizes.repo.js';
import { findLocations } from '../accounts/shipping-locations.repo.js';
import { insertConsignment, packedQuantities, recordAudit } from '../consignments/consignments.repo.js';
import type { Customer, Deps } from '../deps.js';
import type { StoredOrder } from '../orders/orders.repo.js';
import { findOrder, orderItemIds } from '../orders/orders.repo.js';
import { type PackedConsignment, buildPackedConsignment, returnTwin } from './build-consignment.js';
import { type LedgerLine, overPacks } from './ledger.js';
import type { PackOrderBody } from './packing.schemas.js';
import { type ResolvedItem, orderLines, resolvePackItems } from './resolve-items.js';

export interface PackOptions {
  /** [EXT] Refuse to pack any order line past its ordered quantity (header or customer setting). */
  strictQuantities: boolean;
  /** Runs last inside the pack's transaction, with its results: the route stores its Idempotency-Key response here. */
  beforeCommit?: (tx: DbOrTx, results: PackResult[]) => Promise<void>;
}

export interface PackResult {
  Result: 'ConsignmentCreated' | 'ReturnConsignmentCreated';
  Message: string;
  Data: string;
}

export async function packOrder(deps: Deps, customer: Customer, orderReference: string, body: PackOrderBody, options: PackOptions): Promise<PackResult[]> {
  const problems = new Problems();
  const bodyReference = text(body.OrderReference);
  if (bodyReference && normaliseReference(bodyReference, 'EO') !== orderReference) {
    problems.add('ReferenceMismatch', 'OrderReference', `OrderReference ${bodyReference} does not match the order in the path, ${orderReference}.`);
  }
  const now = deps.clock.now().toISOString();

  return writeTransaction(deps.db, deps.dialect, async (tx) => {
    // Read inside the transaction, locked, so a concurrent Update Order wholly precedes or follows
    // the pack (spec §3.9), and strict packs of one order queue behind each other.
    const order = await findOrder(tx, customer.id, orderReference, { dialect: deps.dialect, mode: options.strictQuantities ? 'update' : 'share' });
    if (!order) throw new AppError('OrderNotFound', `Order ${orderReference} was not found.`);

    const sizeReferences = (body.Packages ?? []).map((p) => text(p.PackageSizeReference)).filter((r): r is string => r !== null);
    const locationReferences = [...order.Addresses, ...(body.Addresses ?? [])]
      .map((a) => text(a.ShippingLocationReference))
      .filter((r): r is string => r !== null);
    const [packageSizes, locations] = await Promise.all([
      findPackageSizes(tx, customer.id, [...new Set(sizeReferences)]),
      findLocations(tx, customer.id, [...new Set(locationReferences)]),
    ]);

    const resolved = resolvePackItems(orderLines(order), body.Packages ?? [], orderReference, problems);
    const lookups = { orderReference, order, packageSizes, locations, newItemReference: deps.ids.hex32 };
    const outbound = buildPackedConsignment(body, resolved, lookups, problems);
    problems.throwIfAny();
    if (options.strictQuantities) await checkOutstanding(tx, customer, order, resolved);

    const packed = [outbound, ...(body.GenerateReturn ? [returnTwin(outbound, deps.ids.hex32)] : [])];
    const itemIds = await orderItemIds(tx, customer.id, order.id);
    const consignmentReferences = await allocateReferences(tx, deps.dialect, 'EC', packed.length);
    const packageCount = packed.reduce((sum, c) => sum + c.document.Packages.length, 0);
    const packageReferences = await allocateReferences(tx, deps.dialect, 'EP', packageCount);
    const results: PackResult[] = [];
    for (const [i, consignment] of packed.entries()) {
      const reference = consignmentReferences[i]!;
      for (const p of consignment.document.Packages) p.Reference = packageReferences.shift()!;
      const isReturn = i === 1;
      const id = await insertConsignment(tx, customer.id, {
        reference,
        createdAt: now,
        state: 'Unallocated',
        orderId: order.id,
        isReturn,
        ...(isReturn ? { returnOf: consignmentReferences[0]! } : {}),
        document: consignment.document,
        orderItemIds: linkToOrderLines(consignment, itemIds),
      });
      const message = `${isReturn ? 'Return consignment' : 'Consignment'} ${reference} created from order ${orderReference}`;
      await recordAudit(tx, customer.id, {
        consignmentId: id, reference, at: now, action: 'Packed', message, actor: customer.actor ?? null, stateBefore: null, stateAfter: 'Unallocated',
        details: { OrderReference: orderReference, Units: unitCount(consignment) },
      });
      results.push({ Result: isReturn ? 'ReturnConsignmentCreated' : 'ConsignmentCreated', Message: message, Data: reference });
    }
    await options.beforeCommit?.(tx, results);
    return results;
  });
}

function linkToOrderLines(consignment: PackedConsignment, itemIds: ReadonlyMap<string, number>): Map<string, number> {
  const links = new Map<string, number>();
  for (const [itemReference, orderItemReference] of consignment.itemSources) {
    const id = itemIds.get(orderItemReference);
    if (id !== undefined) links.set(itemReference, id);
  }
  return links;
}

const unitCount = (c: PackedConsignment) => c.document.Packages.reduce((sum, p) => sum + p.Items.reduce((s, i) => s + i.Quantity, 0), 0);

/**
 * Strict packing [EXT]: with the order row locked, what is already packed plus this request may
 * not pass any line's ordered quantity. One problem per line, at its first appearance.
 */
async function checkOutstanding(tx: DbOrTx, customer: Customer, order: StoredOrder, resolved: Array<Array<ResolvedItem | null>>): Promise<void> {
  const requested = new Map<string, number>();
  const firstPath = new Map<string, string>();
  resolved.forEach((items, pi) =>
    items.forEach((r, ii) => {
      if (!r) return;
      const reference = r.line.item.Reference;
      requested.set(reference, (requested.get(reference) ?? 0) + r.quantity);
      if (!firstPath.has(reference)) firstPath.set(reference, field(index(field(index('Packages', pi), 'Items'), ii), 'Quantity'));
    }),
  );
  const packed = await packedQuantities(tx, customer.id, order.id);
  const lines: LedgerLine[] = orderLines(order).map((l) => ({ reference: l.item.Reference, ordered: l.item.Quantity, packed: packed.get(l.item.Reference) ?? 0 }));
  const over = overPacks(lines, requested);
  const names = new Map(orderLines(order).map((l) => [l.item.Reference, l.item.Sku ? `Sku ${l.item.Sku}` : l.item.ItemReferenceProvidedByCustomer ?? 'item']));
  if (over.length === 0) return;
  const details: ErrorDetail[] = over.map((o) => ({
    Code: 'QuantityExceedsOutstanding',
    Target: firstPath.get(o.reference) ?? null,
    Message: `Order item ${names.get(o.reference)} (${o.reference}) has ${o.outstanding} unit(s) left to pack; this pack asks for ${o.requested}.`,
  }));
  throw new AppError('QuantityExceedsOutstanding', details.length === 1 ? details[0]!.Message : `${details.length} order items would be packed past their ordered quantity; see Details.`, details);
}
