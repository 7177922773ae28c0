/** The order CSV's rules as tables: header, row checks, order columns, the body sent, errors mapped back to rows. */
import { describe, expect, it } from 'vitest';
import { idempotencyKey } from './import-orders.js';
import { COLUMNS, conflicts, orderBody, orderProblems, readHeader, readRow, reasonsByRow, type Row, rowProblems } from './order-rows.js';

const good: Row = {
  OrderReferenceProvidedByCustomer: 'SO-1', Sku: 'MUG-BLUE', Description: 'Blue mug', Quantity: '2', WeightKg: '0.4',
  LengthCm: '12', WidthCm: '10', HeightCm: '9', ValueAmount: '5.99', Currency: 'gbp', ShippingLocationReference: 'WH1',
  DestinationFirstName: 'Jo', DestinationLastName: 'Bloggs', DestinationCompany: '', AddressLine1: '1 High Street', AddressLine2: '',
  Town: 'Leeds', Region: '', Postcode: 'LS1 1AA', CountryCode: 'gb', Email: 'jo@example.com', Phone: '',
};
const row = (overrides: Partial<Row>): Row => ({ ...good, ...overrides });

describe('the header', () => {
  it('takes the columns in any order and any case, ignoring a rejected file\'s Line and Reason', () => {
    const header = readHeader(['Line', 'Reason', ...[...COLUMNS].reverse().map((c) => c.toLowerCase())]);
    expect('positions' in header && header.positions.slice(0, 3)).toEqual([null, null, 'Phone']);
  });

  it.each([
    [['OrderReferenceProvidedByCustomer', 'Sku'], /missing columns WeightKg, ValueAmount, Currency, ShippingLocationReference, AddressLine1, Town, CountryCode/],
    [[...COLUMNS, 'Colour'], /unknown column "Colour"/],
    [[...COLUMNS, 'sku'], /column Sku appears twice/],
  ])('refuses %j', (fields, problem) => {
    const header = readHeader(fields);
    expect('problems' in header && header.problems.join('; ')).toMatch(problem);
  });

  it('lets optional columns be left out of the file', () => {
    const header = readHeader(['OrderReferenceProvidedByCustomer', 'Sku', 'WeightKg', 'ValueAmount', 'Currency', 'ShippingLocationReference', 'AddressLine1', 'Town', 'CountryCode']);
    expect('positions' in header).toBe(true);
  });
});

describe('a row', () => {
  it('reads values by column, trimmed, and reports a field count unlike the header', () => {
    const header = readHeader(['Sku', ...COLUMNS.filter((c) => c !== 'Sku')]);
    if (!('positions' in header)) throw new Error('header');
    const fields = [' MUG ', 'SO-1'];
    const { row: read, problems } = readRow(header, fields);
    expect(read.Sku).toBe('MUG');
    expect(read.OrderReferenceProvidedByCustomer).toBe('SO-1');
    expect(read.Town).toBe('');
    expect(problems).toEqual([`the row has 2 fields; the header has ${COLUMNS.length}`]);
  });

  it.each<[Partial<Row>, string | null]>([
    [{}, null],
    [{ Quantity: '' }, null],
    [{ LengthCm: '', WidthCm: '', HeightCm: '' }, null],
    [{ ValueAmount: '0' }, null],
    [{ OrderReferenceProvidedByCustomer: '' }, 'OrderReferenceProvidedByCustomer is required'],
    [{ OrderReferenceProvidedByCustomer: 'x'.repeat(101) }, 'OrderReferenceProvidedByCustomer must be at most 100 characters'],
    [{ Sku: '' }, 'Sku is required'],
    [{ Quantity: '1.5' }, 'Quantity must be a whole number from 1 to 1000000 (got "1.5")'],
    [{ Quantity: '0' }, 'Quantity must be a whole number'],
    [{ Quantity: 'two' }, 'Quantity must be a whole number'],
    [{ WeightKg: '' }, 'WeightKg is required'],
    [{ WeightKg: '0,4' }, 'WeightKg must be a number greater than 0 (got "0,4")'],
    [{ WeightKg: '0' }, 'WeightKg must be a number greater than 0'],
    [{ WeightKg: '1e3' }, 'WeightKg must be a number'],
    [{ HeightCm: '' }, 'LengthCm, WidthCm and HeightCm go together'],
    [{ WidthCm: '-3' }, 'WidthCm must be a number greater than 0'],
    [{ ValueAmount: '£5' }, 'ValueAmount must be a number, 0 or more (got "£5")'],
    [{ ValueAmount: '-1' }, 'ValueAmount must be a number, 0 or more'],
    [{ Currency: 'XXY' }, 'Currency "XXY" is not an ISO 4217 code'],
    [{ Currency: '' }, 'Currency is required'],
  ])('%j → %s', (overrides, problem) => {
    const problems = rowProblems(row(overrides));
    if (problem === null) expect(problems).toEqual([]);
    else expect(problems.join('; ')).toContain(problem);
  });
});

describe("an order's first row", () => {
  const known = new Set(['WH1']);
  it.each<[Partial<Row>, string | null]>([
    [{}, null],
    [{ ShippingLocationReference: 'wh1' }, null],
    [{ ShippingLocationReference: 'NOWHERE' }, 'ShippingLocationReference "NOWHERE" is not one of your shipping locations'],
    [{ ShippingLocationReference: '' }, 'ShippingLocationReference is required'],
    [{ CountryCode: 'XQ' }, 'CountryCode "XQ" is not an ISO 3166-1 two-letter code'],
    [{ CountryCode: 'GBR' }, 'CountryCode "GBR" is not an ISO 3166-1 two-letter code'],
    [{ AddressLine1: '', Town: '' }, 'AddressLine1 is required; Town is required'],
  ])('%j → %s', (overrides, problem) => {
    const problems = orderProblems(row(overrides), known);
    if (problem === null) expect(problems).toEqual([]);
    else expect(problems.join('; ')).toContain(problem);
  });

  it('checks no location when the locations are unknown (a dry run without a service)', () => {
    expect(orderProblems(row({ ShippingLocationReference: 'NOWHERE' }))).toEqual([]);
  });

  it('lets later rows leave order columns blank or repeat them, not contradict them', () => {
    const blank = row(Object.fromEntries(['ShippingLocationReference', 'AddressLine1', 'Town', 'Postcode', 'CountryCode'].map((c) => [c, ''])));
    expect(conflicts(good, blank)).toEqual([]);
    expect(conflicts(good, good)).toEqual([]);
    expect(conflicts(good, row({ Town: 'York' }))).toEqual(['Town "York" differs from the order\'s first row ("Leeds")']);
  });
});

describe('the Create Order body', () => {
  it('is one package with an item per row and the addresses of the first row; blank optional columns are left out', () => {
    const body = orderBody([good, row({ Sku: 'TEA', Description: '', Quantity: '', LengthCm: '', WidthCm: '', HeightCm: '', Town: '' })]);
    expect(body).toEqual({
      OrderReferenceProvidedByCustomer: 'SO-1',
      Packages: [{
        PackageReferenceProvidedByCustomer: 'SO-1',
        Items: [
          { Sku: 'MUG-BLUE', Description: 'Blue mug', Quantity: 2, Weight: { Value: 0.4, Unit: 'Kg' }, Dimensions: { Unit: 'Cm', Length: 12, Width: 10, Height: 9 }, Value: { Amount: 5.99, Currency: { IsoCode: 'GBP' } } },
          { Sku: 'TEA', Description: undefined, Quantity: 1, Weight: { Value: 0.4, Unit: 'Kg' }, Dimensions: undefined, Value: { Amount: 5.99, Currency: { IsoCode: 'GBP' } } },
        ],
      }],
      Addresses: [
        { AddressType: 'Origin', ShippingLocationReference: 'WH1' },
        {
          AddressType: 'Destination', Contact: { FirstName: 'Jo', LastName: 'Bloggs', Email: 'jo@example.com', Telephone: undefined },
          CompanyName: undefined, AddressLine1: '1 High Street', AddressLine2: undefined, Town: 'Leeds', Region: undefined, Postcode: 'LS1 1AA',
          Country: { IsoCode: { TwoLetterCode: 'GB' } },
        },
      ],
    });
  });
});

describe("the API's 400 details, back on rows", () => {
  it('puts an item detail on its row and any other detail on every row', () => {
    const reasons = reasonsByRow(3, 'ValidationFailed', 'Some fields are invalid.', [
      { Code: 'InvalidWeight', Target: 'Packages[0].Items[1].Weight.Value', Message: 'Weight must be at most 1000 kg.' },
      { Code: 'FieldRequired', Target: 'Addresses[1].Postcode', Message: 'Postcode is required.' },
    ]);
    expect(reasons).toEqual([
      ['FieldRequired: Postcode is required. (Addresses[1].Postcode)'],
      ['InvalidWeight: Weight must be at most 1000 kg. (Packages[0].Items[1].Weight.Value)', 'FieldRequired: Postcode is required. (Addresses[1].Postcode)'],
      ['FieldRequired: Postcode is required. (Addresses[1].Postcode)'],
    ]);
  });

  it('uses the code and message when there are no details', () => {
    expect(reasonsByRow(1, 'ShippingLocationNotFound', 'Not found.', [])).toEqual([['ShippingLocationNotFound: Not found.']]);
  });
});

describe('the Idempotency-Key of an imported order', () => {
  it('depends on the file name and the customer reference only', () => {
    const key = idempotencyKey('/tmp/a/orders.csv', 'SO-1');
    expect(key).toMatch(/^packline-import-[0-9a-f]{64}$/);
    expect(idempotencyKey('/elsewhere/orders.csv', 'SO-1')).toBe(key);
    expect(idempotencyKey('/tmp/a/orders.csv.rejected.csv', 'SO-1')).not.toBe(key);
    expect(idempotencyKey('/tmp/a/orders.csv', 'SO-2')).not.toBe(key);
  });
});
