import type { DbOrTx } from '../../db/schema.js';
import { packedQuantities } from '../consignments/consignments.repo.js';
import type { Customer } from '../deps.js';
import type { StoredOrder } from '../orders/orders.repo.js';
import { type LedgerLine, type PackingStatus, outstanding, packingStatus } from './ledger.js';
import { orderLines } from './resolve-items.js';

export interface OrderLedger {
  lines: Map<string, { QuantityPacked: number; QuantityOutstanding: number }>;
  status: PackingStatus;
}

/** The left-to-pack ledger of one order, as Get Order shows it. */
export async function orderLedger(db: DbOrTx, customer: Customer, order: StoredOrder): Promise<OrderLedger> {
  const packed = await packedQuantities(db, customer.id, order.id);
  const lines: LedgerLine[] = orderLines(order).map((l) => ({ reference: l.item.Reference, ordered: l.item.Quantity, packed: packed.get(l.item.Reference) ?? 0 }));
  return {
    lines: new Map(lines.map((l) => [l.reference, { QuantityPacked: l.packed, QuantityOutstanding: outstanding(l) }])),
    status: packingStatus(lines),
  };
}
