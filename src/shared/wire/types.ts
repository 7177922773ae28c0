/**
 * Input schemas of the SortedPRO types shared by orders, consignments and reference data (spec §1).
 * They check shape and types; the rules that need tables or context (countries, currencies, units,
 * address completeness) live in normalise-*.ts and report every problem with a field path.
 */
import { Type } from '@sinclair/typebox';
import { DIMENSION_UNITS, WEIGHT_UNITS } from '../units.js';
import { Opt, Str, StringEnum } from './schema-helpers.js';

export const ADDRESS_TYPES = ['Origin', 'Destination', 'Return', 'Sender', 'Recipient', 'Importer', 'Exporter'] as const;
export type AddressType = (typeof ADDRESS_TYPES)[number];

export const DIRECTIONS = ['Outbound', 'Inbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const SOURCES = ['Api', 'Web'] as const;
export type Source = (typeof SOURCES)[number];

export const CONTENT_CLASSIFICATIONS = ['NotSpecified', 'Unrestricted', 'Dangerous', 'Restricted', 'Liquid'] as const;
export const CONTENT_CLASSIFICATION_DETAILS = [
  'NotSpecified', 'Explosive', 'Flammable', 'Toxic', 'Aerosols', 'Alcohol', 'Batteries', 'Electronics', 'Guns',
  'Lighters', 'NailVarnish', 'PerfumeOrAftershave', 'Medicine', 'LiveAnimals',
] as const;
export const CATEGORY_TYPES = ['None', 'Gift', 'CommercialSample', 'Documents', 'Other', 'ReturnedGoods'] as const;
export const SHIPPING_TERMS = ['None', 'EXW', 'FCA', 'CPT', 'CIP', 'DAT', 'DAP', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF', 'DDU'] as const;
export const BARCODE_TYPES = [
  'AustraliaPostalCode', 'AztecCode', 'Codabar', 'Code11', 'Code128', 'Code39', 'ExtendedCode39', 'Code93',
  'CompositeCode', 'DataMatrix', 'EAN13', 'EAN8', 'EANBookland', 'Industrial2Of5', 'Interleaved2Of5', 'ITF14',
  'LOGMARS', 'Maxicode', 'MSI', 'OPC', 'PDF417', 'Plessey', 'Postnet', 'QRCode', 'SCC14', 'Standard2Of5',
  'UCCEAN218', 'UCCEANShippingContainerCode', 'UPCShippingContainerCode', 'UPCA', 'UPCE', 'Unknown',
] as const;

const powersOfTwo = (n: number, zero = true) => Array.from({ length: n }, (_, i) => (zero ? (i === 0 ? 0 : 2 ** (i - 1)) : 2 ** i));

export const AddressTypeSchema = StringEnum(ADDRESS_TYPES, { numbers: powersOfTwo(7, false) });
export const DirectionSchema = StringEnum(DIRECTIONS, { numbers: [0, 1] });
export const SourceSchema = StringEnum(SOURCES, { numbers: [0, 1] });

export const WeightInput = Type.Object(
  {
    Value: Opt(Type.Number()),
    Unit: Opt(StringEnum(WEIGHT_UNITS)),
    /** The 2016 SDK shape `{ "Kg": 0.5 }` (spec §1.5). */
    Kg: Opt(Type.Number()),
  },
  { description: 'Weight: `{Value, Unit}` with Unit Kg (default), G, Lb; emitted in Kg' },
);

export const DimensionsInput = Type.Object(
  {
    Unit: Opt(StringEnum(DIMENSION_UNITS)),
    Width: Opt(Type.Number()),
    Length: Opt(Type.Number()),
    Height: Opt(Type.Number()),
  },
  { description: 'Dimensions with Unit Cm (default), Mm, M, In; emitted in Cm' },
);

export const CurrencyInput = Type.Object({ IsoCode: Opt(Str(3)), Name: Opt(Type.String()) });
export const MoneyInput = Type.Object({ Amount: Opt(Type.Number()), Currency: Opt(CurrencyInput) });

export const CountryInput = Type.Object({
  Name: Opt(Type.String()),
  IsoCode: Opt(
    Type.Object({ TwoLetterCode: Opt(Type.String()), ThreeLetterCode: Opt(Type.String()), NumericCode: Opt(Type.String()) }),
  ),
});

export const ContactInput = Type.Object({
  Reference: Opt(Str(100)),
  Title: Opt(Str(50)),
  FirstName: Opt(Str(100)),
  LastName: Opt(Str(100)),
  Position: Opt(Str(100)),
  Telephone: Opt(Str(50)),
  Mobile: Opt(Str(50)),
  LandLine: Opt(Str(50)),
  Email: Opt(Str(254)),
});

export const AddressFields = {
  ShippingLocationReference: Opt(Str(100)),
  ShopLocationReference: Opt(Str(100)),
  Contact: Opt(ContactInput),
  CompanyName: Opt(Str(255)),
  CustomerName: Opt(Str(255)),
  AddressLine1: Opt(Str(255)),
  AddressLine2: Opt(Str(255)),
  AddressLine3: Opt(Str(255)),
  Town: Opt(Str(100)),
  Region: Opt(Str(100)),
  RegionCode: Opt(Str(20)),
  Postcode: Opt(Str(20)),
  Country: Opt(CountryInput),
  SpecialInstructions: Opt(Str(1000)),
  LatLong: Opt(Type.Object({ Latitude: Opt(Type.Number()), Longitude: Opt(Type.Number()) })),
  IsCached: Opt(Type.Boolean()),
  CacheDate: Opt(Type.String()),
  CacheSource: Opt(Str(100)),
};

export const AddressInput = Type.Object({ AddressType: Opt(AddressTypeSchema), ...AddressFields });

export const MetaDataInput = Type.Object({
  KeyValue: Opt(Type.String()),
  StringValue: Opt(Type.String()),
  IntValue: Opt(Type.Integer()),
  DecimalValue: Opt(Type.Number()),
  DateTimeValue: Opt(Type.String()),
  BoolValue: Opt(Type.Boolean()),
});

export const BarcodeInput = Type.Object({ Code: Opt(Str(255)), BarcodeType: Opt(StringEnum(BARCODE_TYPES)) });

export const DeliveryDateInput = Type.Object({
  Date: Opt(Type.String()),
  IsToBeExactlyOnTheDateSpecified: Opt(Type.Boolean()),
  DeliveryWindow: Opt(Type.Object({ Start: Opt(Type.String()), End: Opt(Type.String()), UtcOffset: Opt(Type.String()) })),
});

export const CustomsDocumentationInput = Type.Object({
  DesignatedPersonResponsible: Opt(Type.String()),
  ImportersVatNumber: Opt(Type.String()),
  CategoryType: Opt(StringEnum(CATEGORY_TYPES, { numbers: powersOfTwo(6), flags: true })),
  ShipperCustomsReference: Opt(Type.String()),
  ImportersTaxCode: Opt(Type.String()),
  ImportersTelephone: Opt(Type.String()),
  ImportersFax: Opt(Type.String()),
  ImportersEmail: Opt(Type.String()),
  CN23Comments: Opt(Type.String()),
  ReferencesOfAttachedInvoices: Opt(Type.Array(Type.String())),
  ReferencesOfAttachedCertificates: Opt(Type.Array(Type.String())),
  ReferencesOfAttachedLicences: Opt(Type.Array(Type.String())),
  CategoryTypeExplanation: Opt(Type.String()),
  DeclarationDate: Opt(Type.String()),
  OfficeOfPosting: Opt(Type.String()),
  ReasonForExport: Opt(Type.String()),
  ShippingTerms: Opt(StringEnum(SHIPPING_TERMS, { numbers: powersOfTwo(13), flags: true })),
  ShippersVatNumber: Opt(Type.String()),
  ReceiversTaxCode: Opt(Type.String()),
  ReceiversVatNumber: Opt(Type.String()),
  InvoiceDate: Opt(Type.String()),
  ReceiversShippingCost: Opt(Type.Number()),
});

export const ContentClassificationSchema = StringEnum(CONTENT_CLASSIFICATIONS, { numbers: powersOfTwo(5), flags: true });
export const ContentClassificationDetailsSchema = StringEnum(CONTENT_CLASSIFICATION_DETAILS, {
  numbers: powersOfTwo(14),
  flags: true,
});
