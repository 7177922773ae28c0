/**
 * The normalised SortedPRO value types as Packline stores and emits them: canonical units (Kg, Cm),
 * ISO names filled in, every field present (null when unknown). Field names are SortedPRO's, because
 * these documents are the contract's own data; see docs/decisions/0002-wire-shaped-documents.md.
 */
import type { CountryInfo, CurrencyInfo } from '../iso.js';
import type { AddressType } from './types.js';

export interface Weight { Value: number; Unit: 'Kg' }
export interface Dimensions { Unit: 'Cm'; Width: number; Length: number; Height: number }
export type Currency = CurrencyInfo;
export interface Money { Amount: number; Currency: Currency }
export type Country = CountryInfo;

export interface Contact {
  Reference: string | null;
  Title: string | null;
  FirstName: string | null;
  LastName: string | null;
  Position: string | null;
  Telephone: string | null;
  Mobile: string | null;
  LandLine: string | null;
  Email: string | null;
}

/** The address fields shared by order/consignment addresses and shipping locations. */
export interface AddressBody {
  ShippingLocationReference: string | null;
  ShopLocationReference: string | null;
  Contact: Contact | null;
  CompanyName: string | null;
  CustomerName: string | null;
  AddressLine1: string | null;
  AddressLine2: string | null;
  AddressLine3: string | null;
  Town: string | null;
  Region: string | null;
  RegionCode: string | null;
  Postcode: string | null;
  Country: Country | null;
  SpecialInstructions: string | null;
  LatLong: { Latitude: number; Longitude: number } | null;
  IsCached: boolean;
  CacheDate: string | null;
  CacheSource: string | null;
}
export interface Address extends AddressBody { AddressType: AddressType }

export interface MetaDataEntry {
  KeyValue: string;
  StringValue: string | null;
  IntValue: number | null;
  DecimalValue: number | null;
  DateTimeValue: string | null;
  BoolValue: boolean | null;
}

export interface Barcode { Code: string | null; BarcodeType: string | null }

export interface DeliveryDate {
  Date: string | null;
  IsToBeExactlyOnTheDateSpecified: boolean;
  DeliveryWindow: { Start: string | null; End: string | null; UtcOffset: string | null } | null;
}

export interface CustomsDocumentation {
  DesignatedPersonResponsible: string | null;
  ImportersVatNumber: string | null;
  CategoryType: string | null;
  ShipperCustomsReference: string | null;
  ImportersTaxCode: string | null;
  ImportersTelephone: string | null;
  ImportersFax: string | null;
  ImportersEmail: string | null;
  CN23Comments: string | null;
  ReferencesOfAttachedInvoices: string[];
  ReferencesOfAttachedCertificates: string[];
  ReferencesOfAttachedLicences: string[];
  CategoryTypeExplanation: string | null;
  DeclarationDate: string | null;
  OfficeOfPosting: string | null;
  ReasonForExport: string | null;
  ShippingTerms: string | null;
  ShippersVatNumber: string | null;
  ReceiversTaxCode: string | null;
  ReceiversVatNumber: string | null;
  InvoiceDate: string | null;
  ReceiversShippingCost: number | null;
}
