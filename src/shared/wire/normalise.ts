/**
 * Rules of the shared SortedPRO types (spec §1.5–§1.11) that a schema cannot express. Each function
 * takes checked input, reports every problem into `problems` with its field path, and returns the
 * normalised value (or null when the input was unusable).
 */
import type { Static } from '@sinclair/typebox';
import type { Problems } from '../errors.js';
import { countryUsesPostcodes, findCountry, findCurrency } from '../iso.js';
import { round, round5, toCm, toKg } from '../units.js';
import { parseInstant, parseTimeOfDay, parseUtcOffset } from './dates.js';
import type {
  Address, AddressBody, Barcode, Contact, Country, CustomsDocumentation, DeliveryDate, Dimensions, MetaDataEntry, Money, Weight,
} from './model.js';
import { field, index } from './paths.js';
import type {
  AddressFields, AddressInput, BarcodeInput, ContactInput, CountryInput, CustomsDocumentationInput, DeliveryDateInput,
  DimensionsInput, MetaDataInput, MoneyInput, WeightInput,
} from './types.js';

type In<T> = T | null | undefined;

/** Sanity limits: far beyond any real parcel or pallet, well inside what JSON and the databases hold exactly. */
export const MAX_KG = 100_000;
export const MAX_CM = 100_000;
export const MAX_AMOUNT = 1_000_000_000_000;

/** Trimmed text, or null when blank. */
export const text = (v: In<string>): string | null => {
  const t = v?.trim();
  return t ? t : null;
};

export function weight(input: In<Static<typeof WeightInput>>, problems: Problems, path: string): Weight | null {
  if (!input) return null;
  const value = input.Value ?? input.Kg;
  if (value === null || value === undefined) {
    problems.add('InvalidWeight', field(path, 'Value'), 'Weight needs a Value.');
    return null;
  }
  const kg = toKg(value, input.Value !== null && input.Value !== undefined ? input.Unit : 'Kg');
  if (kg === null) {
    problems.add('InvalidUnit', field(path, 'Unit'), `Unknown weight unit "${input.Unit}".`);
    return null;
  }
  if (!(value > 0) || kg <= 0) {
    problems.add('InvalidWeight', field(path, 'Value'), 'Weight must be greater than 0 (at least 0.00001 kg).');
    return null;
  }
  if (kg > MAX_KG) {
    problems.add('InvalidWeight', field(path, 'Value'), `Weight must be at most ${MAX_KG} kg.`);
    return null;
  }
  return { Value: kg, Unit: 'Kg' };
}

export function dimensions(input: In<Static<typeof DimensionsInput>>, problems: Problems, path: string): Dimensions | null {
  if (!input) return null;
  const out: Dimensions = { Unit: 'Cm', Width: 0, Length: 0, Height: 0 };
  let ok = true;
  for (const side of ['Width', 'Length', 'Height'] as const) {
    const v = input[side];
    if (v === null || v === undefined || !(v > 0)) {
      problems.add('InvalidDimensions', field(path, side), `${side} must be greater than 0.`);
      ok = false;
      continue;
    }
    const cm = toCm(v, input.Unit);
    if (cm === null) {
      problems.add('InvalidUnit', field(path, 'Unit'), `Unknown dimension unit "${input.Unit}".`);
      return null;
    }
    if (cm <= 0 || cm > MAX_CM) {
      problems.add('InvalidDimensions', field(path, side), `${side} must be more than 0 and at most ${MAX_CM} cm.`);
      ok = false;
      continue;
    }
    out[side] = cm;
  }
  return ok ? out : null;
}

export function money(input: In<Static<typeof MoneyInput>>, problems: Problems, path: string): Money | null {
  if (!input) return null;
  let ok = true;
  if (input.Amount === null || input.Amount === undefined || input.Amount < 0 || input.Amount > MAX_AMOUNT) {
    problems.add('InvalidMoney', field(path, 'Amount'), `Amount is required, from 0 to ${MAX_AMOUNT}.`);
    ok = false;
  }
  const code = text(input.Currency?.IsoCode);
  const currency = code ? findCurrency(code) : undefined;
  if (!currency) {
    problems.add('InvalidCurrency', field(field(path, 'Currency'), 'IsoCode'),
      code ? `"${code}" is not an ISO 4217 currency code.` : 'Currency.IsoCode is required.');
    ok = false;
  }
  return ok && currency ? { Amount: round(input.Amount!, 4), Currency: currency } : null;
}

export function country(input: In<Static<typeof CountryInput>>, problems: Problems, path: string): Country | null {
  if (!input) return null;
  const code = text(input.IsoCode?.TwoLetterCode);
  if (!code) {
    problems.add('CountryNotFound', field(field(path, 'IsoCode'), 'TwoLetterCode'), 'Country.IsoCode.TwoLetterCode is required.');
    return null;
  }
  const found = findCountry(code);
  if (!found) problems.add('CountryNotFound', field(field(path, 'IsoCode'), 'TwoLetterCode'), `"${code}" is not an ISO 3166-1 country code.`);
  return found ?? null;
}

export function contact(input: In<Static<typeof ContactInput>>): Contact | null {
  if (!input) return null;
  return {
    Reference: text(input.Reference), Title: text(input.Title), FirstName: text(input.FirstName), LastName: text(input.LastName),
    Position: text(input.Position), Telephone: text(input.Telephone), Mobile: text(input.Mobile), LandLine: text(input.LandLine),
    Email: text(input.Email),
  };
}

type AddressFieldsInput = { [K in keyof typeof AddressFields]?: Static<(typeof AddressFields)[K]> };

/**
 * The address fields, with the completeness rule of spec §1.6: an address that does not name a
 * shipping location needs a country, a first line, a postcode (where the country has them) and a
 * contact name or company.
 */
export function addressBody(input: AddressFieldsInput, problems: Problems, path: string): AddressBody {
  const body: AddressBody = {
    ShippingLocationReference: text(input.ShippingLocationReference),
    ShopLocationReference: text(input.ShopLocationReference),
    Contact: contact(input.Contact),
    CompanyName: text(input.CompanyName),
    CustomerName: text(input.CustomerName),
    AddressLine1: text(input.AddressLine1),
    AddressLine2: text(input.AddressLine2),
    AddressLine3: text(input.AddressLine3),
    Town: text(input.Town),
    Region: text(input.Region),
    RegionCode: text(input.RegionCode),
    Postcode: text(input.Postcode),
    Country: country(input.Country, problems, field(path, 'Country')),
    SpecialInstructions: text(input.SpecialInstructions),
    LatLong: latLong(input.LatLong, problems, field(path, 'LatLong')),
    IsCached: input.IsCached ?? false,
    CacheDate: instant(input.CacheDate, problems, field(path, 'CacheDate')),
    CacheSource: text(input.CacheSource),
  };
  if (body.ShippingLocationReference) return body;
  if (!input.Country) problems.add('CountryRequiredForAddress', field(path, 'Country'), 'An address without a ShippingLocationReference needs a Country.');
  if (!body.AddressLine1) problems.add('InvalidAddress', field(path, 'AddressLine1'), 'AddressLine1 is required.');
  if (!body.Postcode && body.Country && countryUsesPostcodes(body.Country.IsoCode.TwoLetterCode)) {
    problems.add('InvalidAddress', field(path, 'Postcode'), `A postcode is required for ${body.Country.Name}.`);
  }
  const named = body.CompanyName || (body.Contact?.FirstName && body.Contact.LastName);
  if (!named) problems.add('InvalidAddress', field(path, 'Contact'), 'Give a Contact with FirstName and LastName, or a CompanyName.');
  return body;
}

function latLong(input: In<{ Latitude?: number | null; Longitude?: number | null }>, problems: Problems, path: string) {
  if (!input) return null;
  const { Latitude: lat, Longitude: lng } = input;
  if (lat === null || lat === undefined || lat < -90 || lat > 90) problems.add('InvalidAddress', field(path, 'Latitude'), 'Latitude must be between -90 and 90.');
  if (lng === null || lng === undefined || lng < -180 || lng > 180) problems.add('InvalidAddress', field(path, 'Longitude'), 'Longitude must be between -180 and 180.');
  return lat === null || lat === undefined || lng === null || lng === undefined ? null : { Latitude: round(lat, 6), Longitude: round(lng, 6) };
}

/** One address of a collection: its type is required. */
export function address(input: Static<typeof AddressInput>, problems: Problems, path: string): Address | null {
  const body = addressBody(input, problems, path);
  if (!input.AddressType) {
    problems.add('AddressTypeRequired', field(path, 'AddressType'), 'AddressType is required on every address.');
    return null;
  }
  return { AddressType: input.AddressType, ...body };
}

/**
 * An address collection (spec §1.6): at most one address per type, an Origin and a Destination,
 * and at least one of those two at one of the caller's shipping locations. Unknown location
 * references are reported wherever they appear.
 */
export function addresses(
  inputs: In<Static<typeof AddressInput>[]>,
  problems: Problems,
  path: string,
  knownLocations: ReadonlySet<string>,
): Address[] {
  if (!inputs || inputs.length === 0) {
    problems.add('AddressesRequired', path, 'Addresses are required: an Origin and a Destination.');
    return [];
  }
  const out: Address[] = [];
  const seen = new Set<string>();
  inputs.forEach((input, i) => {
    const a = address(input, problems, index(path, i));
    if (!a) return;
    if (seen.has(a.AddressType)) {
      problems.add('DuplicateAddressType', field(index(path, i), 'AddressType'), `There is already a ${a.AddressType} address.`);
      return;
    }
    seen.add(a.AddressType);
    if (a.ShippingLocationReference && !knownLocations.has(a.ShippingLocationReference)) {
      problems.add('ShippingLocationNotFound', field(index(path, i), 'ShippingLocationReference'),
        `Shipping location "${a.ShippingLocationReference}" was not found.`);
    }
    out.push(a);
  });
  checkAddressSet(out, problems, path);
  return out;
}

/** Origin + Destination present, one of them at a known shipping location. */
export function checkAddressSet(list: Address[], problems: Problems, path: string): void {
  const origin = list.find((a) => a.AddressType === 'Origin');
  const destination = list.find((a) => a.AddressType === 'Destination');
  if (!origin) problems.add('AddressTypeRequired', path, 'An Origin address is required.');
  if (!destination) problems.add('AddressTypeRequired', path, 'A Destination address is required.');
  if (!origin || !destination) return;
  // An unknown reference is reported on its own address as ShippingLocationNotFound.
  if (!origin.ShippingLocationReference && !destination.ShippingLocationReference) {
    problems.add('ShippingLocationRequired', path, 'The Origin or the Destination must give a ShippingLocationReference.');
  }
}

/** The location references an address list names, to look up in one query. */
export const locationReferences = (inputs: In<Array<{ ShippingLocationReference?: string | null }>>): string[] =>
  [...new Set((inputs ?? []).map((a) => text(a.ShippingLocationReference)).filter((r): r is string => r !== null))];

const INT32 = 2 ** 31;
export function metaData(inputs: In<Static<typeof MetaDataInput>[]>, problems: Problems, path: string): MetaDataEntry[] {
  const out: MetaDataEntry[] = [];
  const keys = new Set<string>();
  (inputs ?? []).forEach((m, i) => {
    const at = index(path, i);
    const key = m.KeyValue?.trim() ?? '';
    if (key.length < 1 || key.length > 50) {
      problems.add('InvalidMetaData', field(at, 'KeyValue'), 'KeyValue is required, 1 to 50 characters.');
      return;
    }
    if (keys.has(key.toLowerCase())) {
      problems.add('DuplicateMetaDataKey', field(at, 'KeyValue'), `MetaData key "${key}" appears more than once.`);
      return;
    }
    keys.add(key.toLowerCase());
    const entry: MetaDataEntry = {
      KeyValue: key,
      StringValue: m.StringValue ?? null,
      IntValue: m.IntValue ?? null,
      DecimalValue: m.DecimalValue === null || m.DecimalValue === undefined ? null : round5(m.DecimalValue),
      DateTimeValue: instant(m.DateTimeValue, problems, field(at, 'DateTimeValue')),
      BoolValue: m.BoolValue ?? null,
    };
    if (entry.IntValue !== null && (entry.IntValue < -INT32 || entry.IntValue >= INT32)) {
      problems.add('InvalidMetaData', field(at, 'IntValue'), 'IntValue must fit in a 32-bit integer.');
    }
    const typed = [m.StringValue, m.IntValue, m.DecimalValue, m.DateTimeValue, m.BoolValue].some((v) => v !== null && v !== undefined);
    if (!typed) problems.add('InvalidMetaData', at, `MetaData "${key}" needs a value (StringValue, IntValue, DecimalValue, DateTimeValue or BoolValue).`);
    out.push(entry);
  });
  return out;
}

/** Tags (spec §1.8): trimmed, blanks dropped, duplicates (any case) collapsed, first spelling kept. */
export function tags(inputs: In<string[]>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of inputs ?? []) {
    const t = raw.trim();
    if (t && !seen.has(t.toLowerCase())) {
      seen.add(t.toLowerCase());
      out.push(t);
    }
  }
  return out;
}

export function instant(raw: In<string>, problems: Problems, path: string): string | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  const v = parseInstant(raw);
  if (!v) problems.add('InvalidDate', path, `"${raw}" is not an ISO 8601 date or date-time.`);
  return v;
}

export function deliveryDate(input: In<Static<typeof DeliveryDateInput>>, problems: Problems, path: string): DeliveryDate | null {
  if (!input) return null;
  const w = input.DeliveryWindow;
  const time = (v: In<string>, name: string) => {
    if (!v) return null;
    const t = parseTimeOfDay(v);
    if (!t) problems.add('InvalidDate', field(field(path, 'DeliveryWindow'), name), `"${v}" is not a time of day (hh:mm:ss).`);
    return t;
  };
  let utcOffset: string | null = null;
  if (w?.UtcOffset) {
    utcOffset = parseUtcOffset(w.UtcOffset);
    if (!utcOffset) problems.add('InvalidDate', field(field(path, 'DeliveryWindow'), 'UtcOffset'), `"${w.UtcOffset}" is not a UTC offset such as +01:00.`);
  }
  const date = instant(input.Date, problems, field(path, 'Date'));
  if (!text(input.Date)) problems.add('InvalidDate', field(path, 'Date'), 'Date is required.');
  return {
    Date: date,
    IsToBeExactlyOnTheDateSpecified: input.IsToBeExactlyOnTheDateSpecified ?? false,
    DeliveryWindow: w ? { Start: time(w.Start, 'Start'), End: time(w.End, 'End'), UtcOffset: utcOffset } : null,
  };
}

export function barcode(input: In<Static<typeof BarcodeInput>>): Barcode | null {
  if (!input) return null;
  return { Code: text(input.Code), BarcodeType: input.BarcodeType ?? null };
}

export function customsDocumentation(
  input: In<Static<typeof CustomsDocumentationInput>>,
  problems: Problems,
  path: string,
): CustomsDocumentation | null {
  if (!input) return null;
  const t = text;
  return {
    DesignatedPersonResponsible: t(input.DesignatedPersonResponsible),
    ImportersVatNumber: t(input.ImportersVatNumber),
    CategoryType: input.CategoryType ?? null,
    ShipperCustomsReference: t(input.ShipperCustomsReference),
    ImportersTaxCode: t(input.ImportersTaxCode),
    ImportersTelephone: t(input.ImportersTelephone),
    ImportersFax: t(input.ImportersFax),
    ImportersEmail: t(input.ImportersEmail),
    CN23Comments: t(input.CN23Comments),
    ReferencesOfAttachedInvoices: input.ReferencesOfAttachedInvoices ?? [],
    ReferencesOfAttachedCertificates: input.ReferencesOfAttachedCertificates ?? [],
    ReferencesOfAttachedLicences: input.ReferencesOfAttachedLicences ?? [],
    CategoryTypeExplanation: t(input.CategoryTypeExplanation),
    DeclarationDate: instant(input.DeclarationDate, problems, field(path, 'DeclarationDate')),
    OfficeOfPosting: t(input.OfficeOfPosting),
    ReasonForExport: t(input.ReasonForExport),
    ShippingTerms: input.ShippingTerms ?? null,
    ShippersVatNumber: t(input.ShippersVatNumber),
    ReceiversTaxCode: t(input.ReceiversTaxCode),
    ReceiversVatNumber: t(input.ReceiversVatNumber),
    InvoiceDate: instant(input.InvoiceDate, problems, field(path, 'InvoiceDate')),
    ReceiversShippingCost: input.ReceiversShippingCost ?? null,
  };
}
