/** The parts of the API's answers the dashboard reads (see docs/api.md). */
export interface OrderItem {
  Reference: string;
  Sku: string | null;
  ItemReferenceProvidedByCustomer: string | null;
  Description: string | null;
  Quantity: number;
  QuantityPacked: number;
  QuantityOutstanding: number;
  Weight: { Value: number; Unit: string };
  Barcode: { Code: string | null } | null;
}
export interface Order {
  OrderReference: string;
  OrderReferenceProvidedByCustomer: string | null;
  DateCreated: string;
  ShippingDate: string | null;
  PackingStatus: string;
  Packages: Array<{ Reference: string; Items: OrderItem[] }>;
  Addresses: Array<{ AddressType: string; Town?: string | null; Postcode?: string | null; ShippingLocationReference?: string | null; Contact?: { FirstName?: string | null; LastName?: string | null } | null }>;
}
export interface OrderSummary {
  OrderReference: string;
  OrderReferenceProvidedByCustomer: string | null;
  DateCreated: string;
  PackingStatus: string;
  Lines: number;
  Units: number;
  UnitsOutstanding: number;
  DestinationName: string | null;
  DestinationPostcode: string | null;
  ShippingLocationReference: string | null;
}
export interface OrderConsignments {
  PackingStatus: string;
  Consignments: Array<{ ConsignmentReference: string; ConsignmentState: string; IsReturn: boolean; DateCreated: string }>;
}
export interface PackageSize {
  Reference: string;
  Name?: string | null;
  Length: number;
  Width: number;
  Height: number;
  EmptyWeight?: number;
  MaxWeight?: number;
}
export interface Suggestion {
  Packages: Array<{ PackageSizeReference: string; Weight: { Value: number }; Items: Array<{ Reference: string; Sku: string | null; Quantity: number }> }>;
  UnpackedItems: Array<{ Reference: string; Sku: string | null; Quantity: number; Reason: string }>;
}
export interface ConsignmentSummary {
  Reference: string;
  ConsignmentReferenceProvidedByCustomer: string | null;
  DateCreated: string;
  State: string;
  MpdCarrierReference: string | null;
  MpdCarrierServiceName: string | null;
  DestinationAddressTown: string | null;
  DestinationAddressPostcode: string | null;
  LabelsPrinted: boolean;
}
export interface Consignment {
  Reference: string;
  ConsignmentReferenceProvidedByCustomer: string | null;
  ConsignmentState: string;
  DateCreated: string;
  ShippingDate: string | null;
  LabelsPrinted: boolean;
  DateLabelsWereFirstPrinted: string | null;
  OrderReference?: string | null;
  Weight?: { Value: number; Unit: string } | null;
  Allocation: null | { MpdCarrierServiceName?: string; MpdCarrierServiceReference?: string; CarrierName?: string; CarrierReference?: string; AllocationDate?: string; Price?: { Amount: number; Currency?: { IsoCode?: string } } | null };
  FailedAllocation?: null | { Reason?: string; Reasons?: string[]; AttemptedAllocationDate?: string };
  ConsignmentLegs?: Array<{ TrackingReferences?: string[] }>;
  Packages: Array<{
    Reference: string;
    PackageReferenceProvidedByCustomer?: string | null;
    Weight?: { Value: number; Unit: string } | null;
    PackageSizeReference?: string | null;
    TrackingReference?: string | null;
    Items: Array<{ Sku: string | null; Description: string | null; Quantity: number }>;
  }>;
  Addresses: Order['Addresses'];
}
export interface WithMessage {
  IsSuccess: boolean;
  Message: string;
  Data: string;
}
