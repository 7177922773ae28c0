/**
 * What the customs documents say, read once from an allocated consignment (spec §7, §1.7, §1.9):
 * parties, item lines per package, totals, references and the customs fields. Pure; the three
 * layouts (CN22, CN23, commercial invoice) only draw what this returns.
 */
import type { Address, CustomsDocumentation, MetaDataEntry } from '../../shared/wire/model.js';
import { round } from '../../shared/units.js';
import { metaDataMap } from '../allocation/consignment-facts.js';
import type { ConsignmentPackage, StoredConsignment } from '../consignments/consignment.js';

export interface CustomsParty {
  /** The person (contact or customer name); may be empty when only a company is known. */
  name: string;
  company: string;
  /** Street lines, town/region/postcode line, country name: what goes under the name. */
  lines: string[];
  countryCode: string;
  telephone: string;
  email: string;
}

export interface DeclaredLine {
  description: string;
  sku: string;
  quantity: number;
  unitValue: number;
  /** Quantity × unit value, in `currency`. */
  value: number;
  currency: string;
  /** Quantity × unit weight. */
  netWeightKg: number;
  hsCode: string;
  originCountry: string;
}

export interface DeclaredParcel {
  reference: string;
  trackingNumber: string;
  /** 1-based position on the consignment, for "package n of m". */
  index: number;
  lines: DeclaredLine[];
  grossWeightKg: number;
  netWeightKg: number;
  /** Sum of the lines in the declaration's currency. */
  value: number;
}

export const CATEGORIES = ['Gift', 'CommercialSample', 'Documents', 'ReturnedGoods', 'Other'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface CustomsDeclaration {
  consignmentReference: string;
  customerReference: string;
  trackingNumber: string;
  carrierName: string;
  serviceName: string;
  /** The allocation date: the default for the invoice and declaration dates. */
  allocatedAt: string;
  sender: CustomsParty;
  addressee: CustomsParty;
  /** Exporter on the invoice (§17 #43: Exporter address, else Sender, else Origin). */
  exporter: CustomsParty;
  /** An Importer address when the consignment has one. */
  importer: CustomsParty | null;
  currency: string;
  parcels: DeclaredParcel[];
  parcelCount: number;
  totalValue: number;
  totalNetWeightKg: number;
  totalGrossWeightKg: number;
  categories: Category[];
  categoryExplanation: string;
  shippersEori: string;
  receiversEori: string;
  postage: { amount: number; currency: string } | null;
  invoiceDate: string;
  declarationDate: string;
  customs: Omit<CustomsDocumentation, 'CategoryType' | 'ReceiversShippingCost' | 'InvoiceDate' | 'DeclarationDate'>;
}

const EMPTY_CUSTOMS: CustomsDocumentation = {
  DesignatedPersonResponsible: null, ImportersVatNumber: null, CategoryType: null, ShipperCustomsReference: null,
  ImportersTaxCode: null, ImportersTelephone: null, ImportersFax: null, ImportersEmail: null, CN23Comments: null,
  ReferencesOfAttachedInvoices: [], ReferencesOfAttachedCertificates: [], ReferencesOfAttachedLicences: [],
  CategoryTypeExplanation: null, DeclarationDate: null, OfficeOfPosting: null, ReasonForExport: null, ShippingTerms: null,
  ShippersVatNumber: null, ReceiversTaxCode: null, ReceiversVatNumber: null, InvoiceDate: null, ReceiversShippingCost: null,
};

const joined = (parts: (string | null | undefined)[], separator = ' ') => parts.map((p) => p?.trim() ?? '').filter(Boolean).join(separator);

export function partyOf(address: Address | undefined): CustomsParty {
  if (!address) return { name: '', company: '', lines: [], countryCode: '', telephone: '', email: '' };
  const contact = address.Contact;
  return {
    name: joined([contact?.Title, contact?.FirstName, contact?.LastName]) || (address.CustomerName?.trim() ?? ''),
    company: address.CompanyName?.trim() ?? '',
    lines: [
      address.AddressLine1, address.AddressLine2, address.AddressLine3,
      joined([address.Town, address.Region, address.Postcode], ', '),
      address.Country?.Name,
    ].map((l) => l?.trim() ?? '').filter(Boolean),
    countryCode: address.Country?.IsoCode.TwoLetterCode ?? '',
    telephone: joined([contact?.Telephone ?? contact?.Mobile ?? contact?.LandLine]),
    email: contact?.Email?.trim() ?? '',
  };
}

/**
 * `CategoryType` is a flags enum stored as "Gift, Documents"; `None` or nothing means the sender
 * did not say, which we print as Other — "Sale of goods" (the modern CN22 box SortedPRO's enum lacks).
 */
export function categoriesOf(categoryType: string | null): Category[] {
  const named = (categoryType ?? '').split(',').map((s) => s.trim()).filter((s): s is Category => (CATEGORIES as readonly string[]).includes(s));
  return named.length > 0 ? named : ['Other'];
}

function linesOf(parcel: ConsignmentPackage, currency: string): DeclaredLine[] {
  if (parcel.Items.length === 0) {
    // A package without items is declared as one line: its own description, value and weight.
    const value = parcel.Value?.Amount ?? 0;
    return [{
      description: parcel.Description ?? '', sku: '', quantity: 1, unitValue: value, value,
      currency: parcel.Value?.Currency.IsoCode ?? currency, netWeightKg: parcel.Weight.Value, hsCode: '', originCountry: '',
    }];
  }
  return parcel.Items.map((item) => ({
    description: item.Description ?? item.Sku ?? '',
    sku: item.Sku ?? '',
    quantity: item.Quantity,
    unitValue: item.Value.Amount,
    value: round(item.Value.Amount * item.Quantity, 2),
    currency: item.Value.Currency.IsoCode,
    netWeightKg: round(item.Weight.Value * item.Quantity, 3),
    hsCode: item.HarmonisationCode?.trim() ?? '',
    originCountry: item.CountryOfOrigin?.IsoCode.TwoLetterCode ?? '',
  }));
}

/** Sums lines in the declaration's currency; lines in another currency print with their own code but are not added. */
const sumIn = (lines: DeclaredLine[], currency: string) => round(lines.filter((l) => l.currency === currency).reduce((s, l) => s + l.value, 0), 2);

const metaText = (entries: MetaDataEntry[], key: string) => metaDataMap({ MetaData: entries }).get(key.toLowerCase())?.trim() ?? '';

export function customsDeclaration(c: StoredConsignment): CustomsDeclaration {
  const address = (type: Address['AddressType']) => c.Addresses.find((a) => a.AddressType === type);
  const customs = { ...EMPTY_CUSTOMS, ...(c.CustomsDocumentation ?? {}) };
  const firstItem = c.Packages.flatMap((p) => p.Items)[0];
  const currency = c.Packages.find((p) => p.Value)?.Value?.Currency.IsoCode ?? firstItem?.Value.Currency.IsoCode ?? 'GBP';
  const tracking = new Map((c.shipment?.parcels ?? []).map((p) => [p.reference, p.trackingNumber]));
  const parcels = c.Packages.map((p, i): DeclaredParcel => {
    const lines = linesOf(p, currency);
    return {
      reference: p.Reference,
      trackingNumber: tracking.get(p.Reference) ?? '',
      index: i + 1,
      lines,
      grossWeightKg: p.Weight.Value,
      netWeightKg: round(lines.reduce((s, l) => s + l.netWeightKg, 0), 3),
      value: sumIn(lines, currency),
    };
  });
  const allocatedAt = c.Allocation?.AllocationDate ?? c.shipment?.bookedAt ?? c.DateCreated;
  const { CategoryType, ReceiversShippingCost, InvoiceDate, DeclarationDate, ...rest } = customs;
  const carriageCurrency = metaText(c.MetaData, 'CarriageCurrency').toUpperCase();
  return {
    consignmentReference: c.Reference,
    customerReference: c.ConsignmentReferenceProvidedByCustomer,
    trackingNumber: c.shipment?.trackingNumber ?? '',
    carrierName: c.Allocation?.CarrierName ?? '',
    serviceName: c.Allocation?.MpdCarrierServiceName ?? '',
    allocatedAt,
    sender: partyOf(address('Sender') ?? address('Origin')),
    addressee: partyOf(address('Recipient') ?? address('Destination')),
    exporter: partyOf(address('Exporter') ?? address('Sender') ?? address('Origin')),
    importer: address('Importer') ? partyOf(address('Importer')) : null,
    currency,
    parcels,
    parcelCount: parcels.length,
    totalValue: round(parcels.reduce((s, p) => s + p.value, 0), 2),
    totalNetWeightKg: round(parcels.reduce((s, p) => s + p.netWeightKg, 0), 3),
    totalGrossWeightKg: round(parcels.reduce((s, p) => s + p.grossWeightKg, 0), 3),
    categories: categoriesOf(CategoryType),
    categoryExplanation: customs.CategoryTypeExplanation?.trim() || (CategoryType && CategoryType !== 'None' ? '' : 'Sale of goods'),
    shippersEori: metaText(c.MetaData, 'ShippersEORI'),
    receiversEori: metaText(c.MetaData, 'ReceiversEORI'),
    postage: ReceiversShippingCost === null ? null : { amount: ReceiversShippingCost, currency: carriageCurrency || currency },
    invoiceDate: InvoiceDate ?? allocatedAt,
    declarationDate: DeclarationDate ?? allocatedAt,
    customs: rest,
  };
}
