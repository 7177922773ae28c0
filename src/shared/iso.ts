/**
 * ISO 3166-1 countries and ISO 4217 currencies. Input names only the code; output fills in the
 * ISO name (spec §1.5: `{IsoCode:"GBP"}` comes back with `"Name":"Pound Sterling"`).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const countryData = require('i18n-iso-countries') as {
  getAlpha2Codes(): Record<string, string>;
  getName(code: string, lang: string, options?: { select: 'official' | 'alias' | 'all' }): string | undefined;
  alpha2ToAlpha3(code: string): string | undefined;
  alpha2ToNumeric(code: string): string | undefined;
  registerLocale(locale: unknown): void;
};
countryData.registerLocale(require('i18n-iso-countries/langs/en.json'));
const currencyData = require('currency-codes') as { code(code: string): { code: string; currency: string } | undefined };

export interface CountryInfo {
  Name: string;
  IsoCode: { TwoLetterCode: string; ThreeLetterCode: string; NumericCode: string };
}
export interface CurrencyInfo {
  IsoCode: string;
  Name: string;
}

const countries = new Map<string, CountryInfo>();
for (const alpha2 of Object.keys(countryData.getAlpha2Codes())) {
  countries.set(alpha2, {
    Name: countryData.getName(alpha2, 'en', { select: 'official' }) ?? alpha2,
    IsoCode: {
      TwoLetterCode: alpha2,
      ThreeLetterCode: countryData.alpha2ToAlpha3(alpha2) ?? '',
      NumericCode: countryData.alpha2ToNumeric(alpha2) ?? '',
    },
  });
}

/** The country for an ISO alpha-2 code in any case, or undefined when there is no such country. */
export function findCountry(twoLetterCode: string): CountryInfo | undefined {
  return countries.get(twoLetterCode.trim().toUpperCase());
}

const currencies = new Map<string, CurrencyInfo | null>();
/** The currency for an ISO 4217 alpha-3 code in any case, or undefined when there is no such currency. */
export function findCurrency(isoCode: string): CurrencyInfo | undefined {
  const code = isoCode.trim().toUpperCase();
  let hit = currencies.get(code);
  if (hit === undefined) {
    const entry = /^[A-Z]{3}$/.test(code) ? currencyData.code(code) : undefined;
    hit = entry ? { IsoCode: entry.code, Name: entry.currency } : null;
    currencies.set(code, hit);
  }
  return hit ?? undefined;
}

/**
 * Countries without postcodes (UPU list, as used by carriers); an address in one of them may omit
 * `Postcode` (spec §1.6).
 */
const WITHOUT_POSTCODES = new Set(
  ('AE AG AO AW BF BI BJ BO BS BW BZ CD CF CG CI CK CM DJ DM ER FJ GA GD GH GM GQ GY HK HM IE KI KM KN KP ' +
    'LY ML MO MR MW NR NU QA RW SB SC SL SO SR SS ST SY TD TF TG TK TL TO TV UG VU YE ZW').split(' '),
);
export function countryUsesPostcodes(twoLetterCode: string): boolean {
  return !WITHOUT_POSTCODES.has(twoLetterCode.toUpperCase());
}
