/** Small, fully normalised orders for the packing rule tables. */
import type { Money } from '../../shared/wire/model.js';
import type { OrderDocument, OrderItem, OrderPackage } from '../orders/order.js';

const GBP = { IsoCode: 'GBP', Name: 'Pound Sterling' };

export function orderItem(fields: Partial<OrderItem> & { Reference: string }): OrderItem {
  return {
    Sku: null, ItemReferenceProvidedByCustomer: null, Model: null, Description: null, Quantity: 1, Unit: null,
    Weight: { Value: 0.5, Unit: 'Kg' }, Dimensions: null, Value: { Amount: 1, Currency: GBP } as Money, CountryOfOrigin: null,
    HarmonisationCode: null, HarmonisationKeyWords: [], Barcode: null, MetaData: [], ContentClassification: null,
    ContentClassificationDetails: null, ...fields,
  };
}

export function orderPackage(items: OrderItem[], fields: Partial<OrderPackage> = {}): OrderPackage {
  return {
    Reference: 'EP-000-000-001', PackageReferenceProvidedByCustomer: '', Weight: null, Dimensions: null, PackageSizeReference: null,
    Description: null, Value: null, Barcode: null, MetaData: [], Items: items, ...fields,
  };
}

export function orderDocument(packages: OrderPackage[], fields: Partial<OrderDocument> = {}): OrderDocument {
  return {
    OrderReferenceProvidedByCustomer: null, DeliveryOptionReference: null, Packages: packages, RequiredDeliveryDate: null,
    ShippingDate: null, MetaData: [], EarliestDeliveryDate: null, LatestDeliveryDate: null, Source: 'Api',
    Addresses: [], CustomsDocumentation: null, Direction: 'Outbound', Tags: [], ...fields,
  };
}

export const gbp = (Amount: number): Money => ({ Amount, Currency: GBP });
