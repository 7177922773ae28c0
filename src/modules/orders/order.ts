/**
 * An order (spec §2): what a customer bought, grouped in notional packages, going to one
 * destination. Consignments are cut from it by Pack Order; the order itself has no state machine.
 */
import type { Direction, Source } from '../../shared/wire/types.js';
import type {
  Address, Barcode, Country, CustomsDocumentation, DeliveryDate, Dimensions, MetaDataEntry, Money, Weight,
} from '../../shared/wire/model.js';
import { round } from '../../shared/units.js';

export interface OrderItem {
  Reference: string;
  Sku: string | null;
  ItemReferenceProvidedByCustomer: string | null;
  Model: string | null;
  Description: string | null;
  Quantity: number;
  Unit: string | null;
  Weight: Weight;
  Dimensions: Dimensions | null;
  Value: Money;
  CountryOfOrigin: Country | null;
  HarmonisationCode: string | null;
  HarmonisationKeyWords: string[];
  Barcode: Barcode | null;
  MetaData: MetaDataEntry[];
  ContentClassification: string | null;
  ContentClassificationDetails: string | null;
}

export interface OrderPackage {
  Reference: string;
  PackageReferenceProvidedByCustomer: string;
  Weight: Weight | null;
  Dimensions: Dimensions | null;
  PackageSizeReference: string | null;
  Description: string | null;
  Value: Money | null;
  Barcode: Barcode | null;
  MetaData: MetaDataEntry[];
  Items: OrderItem[];
}

/** What the client controls; `OrderReference` and `DateCreated` live in their own columns. */
export interface OrderDocument {
  OrderReferenceProvidedByCustomer: string | null;
  DeliveryOptionReference: string | null;
  Packages: OrderPackage[];
  RequiredDeliveryDate: DeliveryDate | null;
  ShippingDate: string | null;
  MetaData: MetaDataEntry[];
  EarliestDeliveryDate: string | null;
  LatestDeliveryDate: string | null;
  Source: Source;
  Addresses: Address[];
  CustomsDocumentation: CustomsDocumentation | null;
  Direction: Direction;
  Tags: string[];
}

export interface Order extends OrderDocument {
  OrderReference: string;
  DateCreated: string;
  version: number;
}

/** A package's weight: its own, else the sum of its items' (spec §2.1). */
export function packageWeightKg(p: OrderPackage): number {
  return p.Weight?.Value ?? p.Items.reduce((sum, i) => sum + i.Weight.Value * i.Quantity, 0);
}

/** A package's value: its own, else the sum of its items' in the first item's currency. */
export function packageValue(p: OrderPackage): Money | null {
  if (p.Value) return p.Value;
  return sumMoney(p.Items.map((i) => ({ Amount: i.Value.Amount * i.Quantity, Currency: i.Value.Currency })));
}

/** Sums amounts in the first amount's currency; amounts in other currencies are left out (spec §2.1 [DECIDE]). */
export function sumMoney(amounts: Money[]): Money | null {
  const first = amounts[0];
  if (!first) return null;
  const same = amounts.filter((m) => m.Currency.IsoCode === first.Currency.IsoCode);
  return { Amount: round(same.reduce((sum, m) => sum + m.Amount, 0), 4), Currency: first.Currency };
}

export function orderWeight(order: OrderDocument): Weight {
  return { Value: round(order.Packages.reduce((sum, p) => sum + packageWeightKg(p), 0), 5), Unit: 'Kg' };
}

export function orderValue(order: OrderDocument): Money | null {
  return sumMoney(order.Packages.map(packageValue).filter((m): m is Money => m !== null));
}
