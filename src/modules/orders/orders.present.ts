import type { Order } from './order.js';
import { orderValue, orderWeight } from './order.js';

/** [EXT] The left-to-pack ledger, added to Get Order by the packing module. */
export interface LedgerView {
  lines: ReadonlyMap<string, { QuantityPacked: number; QuantityOutstanding: number }>;
  status: string;
}

/** The Order resource of spec §2.1, field for field, nulls explicit; with a ledger, its additive fields. */
export function presentOrder(order: Order, ledger?: LedgerView) {
  const packages = ledger
    ? order.Packages.map((p) => ({
        ...p,
        Items: p.Items.map((i) => ({ ...i, ...(ledger.lines.get(i.Reference) ?? { QuantityPacked: 0, QuantityOutstanding: i.Quantity }) })),
      }))
    : order.Packages;
  return {
    OrderReference: order.OrderReference,
    OrderReferenceProvidedByCustomer: order.OrderReferenceProvidedByCustomer,
    DeliveryOptionReference: order.DeliveryOptionReference,
    Packages: packages,
    DateCreated: order.DateCreated,
    RequiredDeliveryDate: order.RequiredDeliveryDate,
    ShippingDate: order.ShippingDate,
    MetaData: order.MetaData,
    EarliestDeliveryDate: order.EarliestDeliveryDate,
    LatestDeliveryDate: order.LatestDeliveryDate,
    Weight: orderWeight(order),
    Source: order.Source,
    Value: orderValue(order),
    Addresses: order.Addresses,
    CustomsDocumentation: order.CustomsDocumentation,
    Direction: order.Direction,
    Tags: order.Tags,
    ...(ledger ? { PackingStatus: ledger.status } : {}),
  };
}
