/**
 * Hand-written response types for the calls the wrapper offers (the spec declares no response
 * schemas; see index.ts). They follow the wire shapes of docs/api.md and the SortedPRO contract,
 * listing the fields a client relies on; the server may send more.
 */

export interface ErrorDetail { Code: string; Target: string | null; Message: string }
export interface Link { Rel: string; Href: string }

export interface Money { Amount: number; Currency: { IsoCode: string } }
export interface Weight { Value: number; Unit: string }
export interface Dimensions { Unit: string; Length: number; Width: number; Height: number }
export interface Country { Name?: string | null; IsoCode: { TwoLetterCode: string; ThreeLetterCode?: string | null } }

export interface Contact {
  FirstName: string | null;
  LastName: string | null;
  Email: string | null;
  Telephone: string | null;
  [field: string]: unknown;
}

export interface Address {
  AddressType: string;
  ShippingLocationReference: string | null;
  Contact: Contact | null;
  CompanyName: string | null;
  AddressLine1: string | null;
  AddressLine2: string | null;
  Town: string | null;
  Region: string | null;
  Postcode: string | null;
  Country: Country | null;
  [field: string]: unknown;
}

export interface OrderItem {
  Reference: string;
  Sku: string | null;
  Description: string | null;
  Quantity: number;
  Weight: Weight;
  Dimensions: Dimensions | null;
  Value: Money;
  /** [EXT] The left-to-pack ledger. */
  QuantityPacked?: number;
  QuantityOutstanding?: number;
  [field: string]: unknown;
}

export interface OrderPackage {
  Reference: string;
  PackageReferenceProvidedByCustomer: string;
  Items: OrderItem[];
  [field: string]: unknown;
}

export interface Order {
  OrderReference: string;
  OrderReferenceProvidedByCustomer: string | null;
  Packages: OrderPackage[];
  DateCreated: string;
  ShippingDate: string | null;
  Weight: Weight;
  Value: Money | null;
  Addresses: Address[];
  Direction: string;
  Tags: string[];
  /** [EXT] */
  PackingStatus?: string;
  [field: string]: unknown;
}

/** `ConsignmentSummary` of Search Consignments (spec §4.5). */
export interface ConsignmentSummary {
  Reference: string;
  ConsignmentReferenceProvidedByCustomer: string | null;
  DateCreated: string;
  State: string;
  ShippingDate: string | null;
  MpdCarrierReference: string | null;
  MpdCarrierServiceReference: string | null;
  MpdCarrierServiceName: string | null;
  MpdCarrierServiceGroupReference: string | null;
  AllocationDate: string | null;
  ShippedDate: string | null;
  Source: string | null;
  DestinationAddressLine1: string | null;
  DestinationAddressTown: string | null;
  DestinationAddressPostcode: string | null;
  DestinationAddressCountry: string | null;
  RequestedDeliveryDate: string | null;
  LabelsPrinted: boolean;
  IsLate: boolean;
  DeliveryDate: string | null;
  Value: Money | null;
  Weight: Weight;
  ApiLink: Link;
  FailedAllocationMessage: string | null;
  FailedManifestMessage: string | null;
  [field: string]: unknown;
}

export interface ConsignmentSearch { Count: number; ConsignmentSummaries: ConsignmentSummary[] }

export interface ShippingLocation {
  Reference: string;
  Name: string | null;
  [field: string]: unknown;
}
