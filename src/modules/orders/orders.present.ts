import type { Order } from './order.js';
import { orderValue, orderWeight } from './order.js';

/** The Order resource of spec §2.1, field for field, nulls explicit. */
export function presentOrder(order: Order) {
  return {
    OrderReference: order.OrderReference,
    OrderReferenceProvidedByCustomer: order.OrderReferenceProvidedByCustomer,
    DeliveryOptionReference: order.DeliveryOptionReference,
    Packages: order.Packages,
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
  };
}
