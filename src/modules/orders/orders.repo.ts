import { type DbOrTx, type DialectName, readJson } from '../../db/schema.js';
import type { Order, OrderDocument } from './order.js';

export interface StoredOrder extends Order {
  id: number;
}

export async function insertOrder(
  db: DbOrTx,
  customerId: number,
  order: { reference: string; createdAt: string; document: OrderDocument },
): Promise<number> {
  const { reference, createdAt, document } = order;
  const row = await db
    .insertInto('orders')
    .values({
      customer_id: customerId,
      reference,
      customer_order_reference: document.OrderReferenceProvidedByCustomer,
      direction: document.Direction,
      shipping_date: document.ShippingDate,
      created_at: createdAt,
      updated_at: createdAt,
      version: 1,
      document: JSON.stringify(document),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const orderId = Number(row.id);
  let position = 0;
  const items = document.Packages.flatMap((p) =>
    p.Items.map((i) => ({
      customer_id: customerId,
      order_id: orderId,
      package_reference: p.Reference,
      item_reference: i.Reference,
      sku: i.Sku,
      customer_item_reference: i.ItemReferenceProvidedByCustomer,
      quantity: i.Quantity,
      position: position++,
    })),
  );
  if (items.length > 0) await db.insertInto('order_items').values(items).execute();
  return orderId;
}

/**
 * The caller's order. Inside a transaction on PostgreSQL, `lock` takes a row lock: `share` lets
 * packs of one order run side by side while keeping Update Order out; `update` serialises
 * (strict packs). SQLite serialises write transactions already, so it needs none.
 */
export async function findOrder(
  db: DbOrTx,
  customerId: number,
  reference: string,
  lock?: { dialect: DialectName; mode: 'share' | 'update' },
): Promise<StoredOrder | undefined> {
  let query = db
    .selectFrom('orders')
    .select(['id', 'reference', 'created_at', 'version', 'document'])
    .where('customer_id', '=', customerId)
    .where('reference', '=', reference);
  if (lock?.dialect === 'postgres') query = lock.mode === 'update' ? query.forUpdate() : query.forShare();
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  return {
    ...readJson<OrderDocument>(row.document),
    id: Number(row.id),
    OrderReference: row.reference,
    DateCreated: row.created_at,
    version: Number(row.version),
  };
}

/**
 * Saves a changed order document if nobody changed it since it was read (optimistic lock on
 * `version`); false means someone else won and the caller must not overwrite their change.
 */
export async function saveOrderDocument(
  db: DbOrTx,
  customerId: number,
  order: { id: number; version: number },
  document: OrderDocument,
  updatedAt: string,
): Promise<boolean> {
  const r = await db
    .updateTable('orders')
    .set({
      document: JSON.stringify(document),
      customer_order_reference: document.OrderReferenceProvidedByCustomer,
      direction: document.Direction,
      shipping_date: document.ShippingDate,
      updated_at: updatedAt,
      version: order.version + 1,
    })
    .where('customer_id', '=', customerId)
    .where('id', '=', order.id)
    .where('version', '=', order.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Order item reference → order_items.id, to link packed items to their order line. */
export async function orderItemIds(db: DbOrTx, customerId: number, orderId: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('order_items')
    .select(['id', 'item_reference'])
    .where('customer_id', '=', customerId)
    .where('order_id', '=', orderId)
    .execute();
  return new Map(rows.map((r) => [r.item_reference, Number(r.id)]));
}
