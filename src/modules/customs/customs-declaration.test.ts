import { describe, expect, it } from 'vitest';
import { findCountry } from '../../shared/iso.js';
import type { Address, CustomsDocumentation, MetaDataEntry } from '../../shared/wire/model.js';
import { NEW_CONSIGNMENT_FIELDS, type ConsignmentItem, type ConsignmentPackage, type StoredConsignment } from '../consignments/consignment.js';
import { categoriesOf, customsDeclaration, partyOf } from './customs-declaration.js';

const currency = (IsoCode: string) => ({ IsoCode, Name: IsoCode });
const country = (code: string) => findCountry(code)!;

function item(o: Partial<ConsignmentItem> = {}): ConsignmentItem {
  return {
    Reference: 'EI-1', Sku: 'MUG', ItemReferenceProvidedByCustomer: null, Model: null, Description: 'Mug', Quantity: 3, Unit: null,
    Weight: { Value: 0.35, Unit: 'Kg' }, Dimensions: null, Value: { Amount: 4.99, Currency: currency('GBP') },
    CountryOfOrigin: country('GB'), HarmonisationCode: ' 6912.00 ', HarmonisationKeyWords: [], Barcode: null, MetaData: [],
    ContentClassification: null, ContentClassificationDetails: null, Status: null, ...o,
  };
}

function parcel(reference: string, o: Partial<ConsignmentPackage> = {}): ConsignmentPackage {
  return {
    Reference: reference, PackageReferenceProvidedByCustomer: reference, Weight: { Value: 1.5, Unit: 'Kg' },
    Dimensions: { Unit: 'Cm', Width: 10, Length: 20, Height: 5 }, Description: 'Box', Value: { Amount: 14.97, Currency: currency('GBP') },
    PackageSizeReference: null, Barcode: null, MetaData: [], Items: [item()], Charges: [], ConsignmentLegs: [], ...o,
  };
}

function address(AddressType: Address['AddressType'], o: Partial<Address> = {}): Address {
  return {
    AddressType, ShippingLocationReference: null, ShopLocationReference: null, Contact: null, CompanyName: null, CustomerName: null,
    AddressLine1: null, AddressLine2: null, AddressLine3: null, Town: null, Region: null, RegionCode: null, Postcode: null,
    Country: null, SpecialInstructions: null, LatLong: null, IsCached: false, CacheDate: null, CacheSource: null, ...o,
  };
}

const meta = (KeyValue: string, StringValue: string): MetaDataEntry => ({ KeyValue, StringValue, IntValue: null, DecimalValue: null, DateTimeValue: null, BoolValue: null });

function consignment(o: Partial<StoredConsignment> = {}): StoredConsignment {
  return {
    ...NEW_CONSIGNMENT_FIELDS,
    Reference: 'EC-000-000-001', ConsignmentState: 'Allocated', CustomerReference: 'CUST', DateCreated: '2026-12-01T08:00:00.000Z',
    ConsignmentReferenceProvidedByCustomer: 'ORDER-77', ShippingDate: null, RequestedDeliveryDate: null, Source: 'Api', Direction: 'Outbound',
    Tags: [], MetaData: [], CustomsDocumentation: null, OrderReference: null,
    Addresses: [
      address('Origin', { CompanyName: 'Demo Shop Ltd', AddressLine1: '1 Dock Road', Town: 'Bristol', Postcode: 'BS1 1AA', Country: country('GB') }),
      address('Destination', { Contact: { Reference: null, Title: null, FirstName: 'Αλέξανδρος', LastName: 'Παπαδόπουλος', Position: null, Telephone: null, Mobile: '+30 21 0000', LandLine: null, Email: null }, AddressLine1: 'Ermou 1', Town: 'Athens', Postcode: '105 63', Country: country('GR') }),
    ],
    Packages: [parcel('EP-000-000-001'), parcel('EP-000-000-002', { Weight: { Value: 2.25, Unit: 'Kg' }, Items: [item({ Quantity: 1, Value: { Amount: 100, Currency: currency('GBP') }, Weight: { Value: 2, Unit: 'Kg' }, HarmonisationCode: null, CountryOfOrigin: null })] })],
    Allocation: {
      CarrierServiceGroupReference: null, MpdCarrierServiceGroupName: null, MpdCarrierServiceReference: 'MPD_SIMPOST_INTLTRACKED', MpdCarrierServiceName: 'SimPost International Tracked',
      AllocationDate: '2026-12-04T10:00:00.000Z', Price: null as never, CarrierReference: 'SIMPOST', CarrierName: 'SimPost',
    },
    id: 1, version: 1, orderId: null, isReturn: false, returnOf: null,
    shipment: {
      carrierReference: 'SIMPOST', serviceReference: 'MPD_SIMPOST_INTLTRACKED', carrierBookingId: 'B1', trackingNumber: 'SP000000014GB',
      parcels: [{ reference: 'EP-000-000-001', trackingNumber: 'SP000000014GB' }, { reference: 'EP-000-000-002', trackingNumber: 'SP000000028GB' }],
      bookedAt: '2026-12-04T10:00:00.000Z', customsDocuments: ['CN22'], quoteReference: null, manifest: null, failedManifest: null,
    },
    ...o,
  };
}

const customs = (o: Partial<CustomsDocumentation>): CustomsDocumentation => ({ ...({} as CustomsDocumentation), ReferencesOfAttachedInvoices: [], ReferencesOfAttachedCertificates: [], ReferencesOfAttachedLicences: [], ...o });

describe('customsDeclaration: what the forms say, from an allocated consignment', () => {
  it('declares item lines as quantity × unit value and weight, trimmed HS codes, origins and per-package totals', () => {
    const d = customsDeclaration(consignment());
    expect(d.parcels[0]).toEqual({
      reference: 'EP-000-000-001', trackingNumber: 'SP000000014GB', index: 1, grossWeightKg: 1.5, netWeightKg: 1.05, value: 14.97,
      lines: [{ description: 'Mug', sku: 'MUG', quantity: 3, unitValue: 4.99, value: 14.97, currency: 'GBP', netWeightKg: 1.05, hsCode: '6912.00', originCountry: 'GB' }],
    });
    expect(d.parcels[1]).toMatchObject({ index: 2, trackingNumber: 'SP000000028GB', value: 100, netWeightKg: 2, lines: [{ hsCode: '', originCountry: '' }] });
    expect([d.totalValue, d.totalNetWeightKg, d.totalGrossWeightKg, d.parcelCount, d.currency]).toEqual([114.97, 3.05, 3.75, 2, 'GBP']);
  });

  it('declares a package without items as one line of its own description, value and weight', () => {
    const d = customsDeclaration(consignment({ Packages: [parcel('EP-000-000-001', { Items: [], Description: 'Spare parts', Value: { Amount: 42, Currency: currency('EUR') } })] }));
    expect(d.currency).toBe('EUR');
    expect(d.parcels[0]!.lines).toEqual([{ description: 'Spare parts', sku: '', quantity: 1, unitValue: 42, value: 42, currency: 'EUR', netWeightKg: 1.5, hsCode: '', originCountry: '' }]);
  });

  it('leaves lines in another currency out of the totals (they print with their own code)', () => {
    const d = customsDeclaration(consignment({ Packages: [parcel('EP-000-000-001', { Items: [item(), item({ Quantity: 1, Value: { Amount: 10, Currency: currency('USD') } })] })] }));
    expect(d.parcels[0]!.value).toBe(14.97);
    expect(d.parcels[0]!.lines[1]).toMatchObject({ currency: 'USD', value: 10 });
  });

  it('finds the EORI metadata in any case, and the carriage currency for the postage', () => {
    const d = customsDeclaration(consignment({
      MetaData: [meta('shipperseori', ' GB123456789000 '), meta('RECEIVERSEORI', 'GR999'), meta('CarriageCurrency', 'eur')],
      CustomsDocumentation: customs({ ReceiversShippingCost: 9.5 }),
    }));
    expect([d.shippersEori, d.receiversEori, d.postage]).toEqual(['GB123456789000', 'GR999', { amount: 9.5, currency: 'EUR' }]);
    const plain = customsDeclaration(consignment({ CustomsDocumentation: customs({ ReceiversShippingCost: 3 }) }));
    expect([plain.shippersEori, plain.receiversEori, plain.postage]).toEqual(['', '', { amount: 3, currency: 'GBP' }]);
  });

  it('dates the invoice and the declaration on the allocation unless InvoiceDate / DeclarationDate are given', () => {
    expect([customsDeclaration(consignment()).invoiceDate, customsDeclaration(consignment()).declarationDate]).toEqual(['2026-12-04T10:00:00.000Z', '2026-12-04T10:00:00.000Z']);
    const d = customsDeclaration(consignment({ CustomsDocumentation: customs({ InvoiceDate: '2026-12-02T00:00:00.000Z', DeclarationDate: '2026-12-03T00:00:00.000Z' }) }));
    expect([d.invoiceDate, d.declarationDate]).toEqual(['2026-12-02T00:00:00.000Z', '2026-12-03T00:00:00.000Z']);
  });

  it('takes the sender from a Sender address, else Origin; the exporter from Exporter, else Sender, else Origin (§17 #43)', () => {
    const exporter = address('Exporter', { CompanyName: 'Export Hub BV', Country: country('NL') });
    const sender = address('Sender', { CompanyName: 'Fulfilment Co', Country: country('GB') });
    expect(customsDeclaration(consignment()).exporter.company).toBe('Demo Shop Ltd');
    const withSender = customsDeclaration(consignment({ Addresses: [...consignment().Addresses, sender] }));
    expect([withSender.sender.company, withSender.exporter.company]).toEqual(['Fulfilment Co', 'Fulfilment Co']);
    const withExporter = customsDeclaration(consignment({ Addresses: [...consignment().Addresses, sender, exporter] }));
    expect([withExporter.sender.company, withExporter.exporter.company, withExporter.importer]).toEqual(['Fulfilment Co', 'Export Hub BV', null]);
  });

  it('prints a party as name, company and address lines with the country name; phone falls back to mobile', () => {
    expect(partyOf(consignment().Addresses[1])).toEqual({
      name: 'Αλέξανδρος Παπαδόπουλος', company: '', lines: ['Ermou 1', 'Athens, 105 63', 'Greece'], countryCode: 'GR', telephone: '+30 21 0000', email: '',
    });
  });

  it.each([
    [null, ['Other']],
    ['None', ['Other']],
    ['Gift', ['Gift']],
    ['Gift, Documents', ['Gift', 'Documents']],
    ['ReturnedGoods', ['ReturnedGoods']],
  ] as const)('reads CategoryType %j as %j (nothing said = Other)', (raw, expected) => {
    expect(categoriesOf(raw)).toEqual(expected);
  });

  it('explains an unstated category as "Sale of goods", keeps a given explanation, and adds none to a stated category', () => {
    expect(customsDeclaration(consignment()).categoryExplanation).toBe('Sale of goods');
    expect(customsDeclaration(consignment({ CustomsDocumentation: customs({ CategoryType: 'Other', CategoryTypeExplanation: 'Spare parts' }) })).categoryExplanation).toBe('Spare parts');
    expect(customsDeclaration(consignment({ CustomsDocumentation: customs({ CategoryType: 'Gift' }) })).categoryExplanation).toBe('');
  });
});
