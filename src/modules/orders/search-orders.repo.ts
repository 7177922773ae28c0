/**
 * [EXT] Search Orders' queries: conditions → SQL, newest first. The packing status is computed in
 * SQL from the same facts as Get Order's ledger (order/packing/order-ledger.ts): per order line, the
 * units in live (not Cancelled) outbound consignments; then the same precedence as `packingStatus`
 * in packing/ledger.ts — OverPacked, Unpacked, Packed, else PartiallyPacked. One expression serves
 * both the filter and the column shown, so a listed status always matches its filter.
 */
import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import type { Database, DbOrTx } from '../../db/schema.js';
import type { Customer } from '../deps.js';
import type { PackingStatus } from '../packing/ledger.js';
import type { OrderCondition } from './search-orders.js';

type Eb = ExpressionBuilder<Database, 'orders'>;

/** Units of order line `oi` in live outbound consignments (the ledger's QuantityPacked). */
const linePacked = sql`(select coalesce(sum(ci.quantity), 0) from consignment_items ci
  join consignments c on c.id = ci.consignment_id
  where ci.order_item_id = oi.id and c.customer_id = oi.customer_id and c.is_return = 0 and c.state <> 'Cancelled')`;

/** Some line of the order (correlated with the outer `orders` row) satisfies `condition`. */
const someLine = (condition: RawBuilder<unknown>) =>
  sql`exists (select 1 from order_items oi where oi.order_id = orders.id and oi.customer_id = orders.customer_id and ${condition})`;

export const packingStatusSql: RawBuilder<PackingStatus> = sql<PackingStatus>`(case
  when ${someLine(sql`${linePacked} > oi.quantity`)} then 'OverPacked'
  when not ${someLine(sql`${linePacked} > 0`)} then 'Unpacked'
  when not ${someLine(sql`${linePacked} < oi.quantity`)} then 'Packed'
  else 'PartiallyPacked' end)`;

const unitsOrdered = sql<number>`(select coalesce(sum(oi.quantity), 0) from order_items oi where oi.order_id = orders.id and oi.customer_id = orders.customer_id)`;
const unitsOutstanding = sql<number>`(select coalesce(sum(case when oi.quantity > ${linePacked} then oi.quantity - ${linePacked} else 0 end), 0)
  from order_items oi where oi.order_id = orders.id and oi.customer_id = orders.customer_id)`;

/** `%`, `_` and the escape character itself, made literal for LIKE … ESCAPE '\'. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function where(eb: Eb, c: OrderCondition) {
  switch (c.kind) {
    case 'created':
      return eb('created_at', c.op, c.value);
    case 'customerReference':
      return eb('customer_order_reference', '=', c.value);
    case 'sku':
      return eb.exists(eb.selectFrom('order_items').select('order_items.id')
        .whereRef('order_items.order_id', '=', 'orders.id').whereRef('order_items.customer_id', '=', 'orders.customer_id').where('order_items.sku', '=', c.value));
    case 'packingStatus':
      return eb(packingStatusSql, 'in', c.values);
    case 'searchTerm': {
      const pattern = `%${likeLiteral(c.value.toLowerCase())}%`;
      return eb.or(['reference', 'customer_order_reference'].map((column) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`));
    }
  }
}

export interface OrderSummaryRow {
  reference: string;
  customerReference: string | null;
  createdAt: string;
  shippingDate: string | null;
  direction: string;
  document: unknown;
  packingStatus: PackingStatus;
  units: number;
  unitsOutstanding: number;
}

function filtered(db: DbOrTx, customerId: number, conditions: readonly OrderCondition[]) {
  let query = db.selectFrom('orders').where('customer_id', '=', customerId);
  for (const c of conditions) query = query.where((eb) => where(eb, c));
  return query;
}

/** One page (newest first: `created_at desc, reference desc`) and the number of matches. */
export async function searchOrders(
  db: DbOrTx,
  customer: Customer,
  conditions: readonly OrderCondition[],
  page: { take: number; skip: number },
): Promise<{ count: number; rows: OrderSummaryRow[] }> {
  const [counted, rows] = await Promise.all([
    filtered(db, customer.id, conditions).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    filtered(db, customer.id, conditions)
      .select([
        'reference', 'customer_order_reference as customerReference', 'created_at as createdAt', 'shipping_date as shippingDate', 'direction', 'document',
        packingStatusSql.as('packingStatus'), unitsOrdered.as('units'), unitsOutstanding.as('unitsOutstanding'),
      ])
      .orderBy('created_at', 'desc').orderBy('reference', 'desc').limit(page.take).offset(page.skip)
      .execute(),
  ]);
  return {
    count: Number(counted.n),
    rows: rows.map((r) => ({ ...r, units: Number(r.units), unitsOutstanding: Number(r.unitsOutstanding) }) as OrderSummaryRow),
  };
}
