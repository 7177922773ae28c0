/** Shared pieces of the customs HTTP tests (excluded from the build by name): international consignments and PDF decoding. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleConsignment, examplePackage } from '../consignments/test-consignments.js';

const money = (Amount: number, IsoCode = 'GBP') => ({ Amount, Currency: { IsoCode } });

export const mug = (overrides: Record<string, unknown> = {}) => ({
  Sku: 'MUG-BLUE', Description: 'Blue stoneware mug', Quantity: 2, Weight: { Value: 0.4 }, Value: money(5.99),
  HarmonisationCode: '6912.00.10', CountryOfOrigin: { IsoCode: { TwoLetterCode: 'GB' } }, ...overrides,
});
export const teapot = (overrides: Record<string, unknown> = {}) => ({
  Sku: 'POT-1L', Description: 'Porcelain teapot', Quantity: 1, Weight: { Value: 0.9 }, Value: money(24.5),
  HarmonisationCode: '6911.10.00', CountryOfOrigin: { IsoCode: { TwoLetterCode: 'CN' } }, ...overrides,
});

export const destinations = {
  /** Paris, to a Greek name: non-Latin text on every form. */
  FR: {
    AddressType: 'Destination', CompanyName: 'Maison Hellène SARL',
    Contact: { FirstName: 'Αλέξανδρος', LastName: 'Παπαδόπουλος', Email: 'alex@example.fr', Telephone: '+33 1 23 45 67 89' },
    AddressLine1: '12 Rue de Rivoli', Town: 'Paris', Postcode: '75004', Country: { IsoCode: { TwoLetterCode: 'FR' } },
  },
  /** New York, to a Cyrillic name. */
  US: {
    AddressType: 'Destination',
    Contact: { FirstName: 'Иван', LastName: 'Петров', Email: 'ivan@example.com' },
    AddressLine1: '350 Fifth Avenue', AddressLine2: 'Suite 4100', Town: 'New York', Region: 'NY', Postcode: '10118', Country: { IsoCode: { TwoLetterCode: 'US' } },
  },
  /** Belfast: GB → Northern Ireland needs customs data (spec §7). */
  BT: {
    AddressType: 'Destination', Contact: { FirstName: 'Siobhán', LastName: 'Ní Bhriain' },
    AddressLine1: '1 Donegall Square', Town: 'Belfast', Postcode: 'BT1 1AA', Country: { IsoCode: { TwoLetterCode: 'GB' } },
  },
} as const;

/** A consignment from WH1 (GB) to `to`, with customs-ready items, EORI metadata and the given overrides. */
export function internationalConsignment(to: keyof typeof destinations, overrides: Record<string, unknown> = {}) {
  return exampleConsignment({
    Addresses: [{ AddressType: 'Origin', ShippingLocationReference: 'WH1' }, destinations[to]],
    Packages: [
      examplePackage({ Value: money(11.98), Items: [mug()] }),
      examplePackage({ PackageReferenceProvidedByCustomer: 'BOX-2', Description: 'Teapot', Value: money(24.5), Weight: { Value: 1.1, Unit: 'Kg' }, Items: [teapot()] }),
    ],
    MetaData: [{ KeyValue: 'ShippersEORI', StringValue: 'GB123456789000' }],
    ...overrides,
  });
}

/** The text of a PDF (base64), as poppler's pdftotext reads it, and its page count. */
export function pdfText(base64: string): { text: string; pages: number } {
  const dir = mkdtempSync(join(tmpdir(), 'customs-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, Buffer.from(base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return { text, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
