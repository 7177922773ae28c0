import { AppError } from '../../shared/errors.js';
import { normaliseReference } from '../../shared/references.js';
import { writeTransaction } from '../../db/transaction.js';
import type { Customer, Deps } from '../deps.js';
import { writeOrderEvent } from '../webhooks/index.js';
import type { OrderDocument } from './order.js';
import { findOrder, type StoredOrder, saveOrderDocument } from './orders.repo.js';

/** A path reference → the stored form; 400 when it is not an order reference at all (spec §1.3). */
export function orderReferenceFromPath(raw: string): string {
  const reference = normaliseReference(raw, 'EO');
  if (!reference) {
    throw new AppError('InvalidReference', `"${raw}" is not an order reference (EO-xxx-xxx-xxx).`, [
      { Code: 'InvalidReference', Target: 'orderReference', Message: 'Expected EO-xxx-xxx-xxx.' },
    ]);
  }
  return reference;
}

/** The caller's order, or 404 — the same answer for an unknown order and another customer's. */
export async function loadOrder(deps: Pick<Deps, 'db'>, customer: Customer, reference: string): Promise<StoredOrder> {
  const order = await findOrder(deps.db, customer.id, reference);
  if (!order) throw new AppError('OrderNotFound', `Order ${reference} was not found.`);
  return order;
}

/**
 * Read-change-write of one order under its optimistic lock. `change` may be called again when
 * another writer got there first; after three lost races the caller gets 409.
 */
export async function changeOrder(
  deps: Deps,
  customer: Customer,
  reference: string,
  change: (current: OrderDocument) => OrderDocument,
): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await loadOrder(deps, customer, reference);
    const { id: _id, OrderReference: _r, DateCreated: _d, version: _v, ...document } = current;
    const next = change(document);
    const at = deps.clock.now().toISOString();
    // The save and its OrderUpdated event commit together (webhook outbox).
    const saved = await writeTransaction(deps.db, deps.dialect, async (tx) => {
      if (!(await saveOrderDocument(tx, customer.id, current, next, at))) return false;
      await writeOrderEvent(tx, customer.id, 'OrderUpdated', {
        reference, at, customerReference: next.OrderReferenceProvidedByCustomer, shippingDate: next.ShippingDate,
      });
      return true;
    });
    if (saved) return;
  }
  throw new AppError('ConcurrentModification', `Order ${reference} was changed by another request at the same time; try again.`);
}
