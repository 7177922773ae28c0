import { type DbOrTx, readJson } from '../../db/schema.js';
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

export async function findOrder(db: DbOrTx, customerId: number, reference: string): Promise<StoredOrder | undefined> {
  const row = await db
    .selectFrom('orders')
    .select(['id', 'reference', 'created_at', 'version', 'document'])
    .where('customer_id', '=', customerId)
    .where('reference', '=', reference)
    .executeTakeFirst();
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
