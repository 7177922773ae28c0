import { describe, expect, it } from 'vitest';
import { type ErrorCode, Problems } from '../errors.js';
import {
  address, addressBody, addresses, country, deliveryDate, dimensions, instant, locationReferences, metaData, money, tags, text, weight,
} from './normalise.js';

type AddressIn = Parameters<typeof addressBody>[0];
type AddressesIn = NonNullable<Parameters<typeof addresses>[0]>;

/** Runs one normaliser with a fresh Problems and returns its result and the problems as [Code, Target] pairs. */
function run<T>(fn: (p: Problems) => T): { value: T; problems: Array<[ErrorCode, string | null]> } {
  const p = new Problems();
  const value = fn(p);
  return { value, problems: p.list.map((d) => [d.Code, d.Target]) };
}

const UK = {
  Name: 'United Kingdom',
  IsoCode: { TwoLetterCode: 'GB', ThreeLetterCode: 'GBR', NumericCode: '826' },
};

/** A complete address without a shipping location (spec §1.6). */
const fullAddress = (over: AddressIn = {}): AddressIn => ({
  Contact: { FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@example.com' },
  AddressLine1: '1 Analytical Way',
  Town: 'London',
  Postcode: 'SW1A 1AA',
  Country: { IsoCode: { TwoLetterCode: 'GB' } },
  ...over,
});

describe('text', () => {
  it.each([
    ['  abc ', 'abc'],
    ['', null],
    ['   ', null],
    [null, null],
    [undefined, null],
  ])('text(%j) = %j', (raw, expected) => {
    expect(text(raw)).toBe(expected);
  });
});

describe('weight (spec §1.5)', () => {
  const path = 'Packages[0].Weight';

  it.each([
    ['{Value, Unit: "Kg"}', { Value: 0.5, Unit: 'Kg' as const }, 0.5],
    ['the 2016 SDK shape {Kg: 0.5}', { Kg: 0.5 }, 0.5],
    ['{Value} without a unit (Kg)', { Value: 2 }, 2],
    ['grams, converted to Kg', { Value: 500, Unit: 'G' as const }, 0.5],
    ['pounds (Lb), converted at 0.45359237', { Value: 1, Unit: 'Lb' as const }, 0.45359],
    ['pounds (Lbs), converted at 0.45359237', { Value: 10, Unit: 'Lbs' as const }, 4.53592],
    ['Value over Kg when both are sent', { Value: 250, Unit: 'G' as const, Kg: 9 }, 0.25],
    ['a value rounded to 5 decimal places', { Value: 1.234565 }, 1.23457],
  ])('accepts %s', (_label, input, kg) => {
    expect(run((p) => weight(input, p, path))).toEqual({ value: { Value: kg, Unit: 'Kg' }, problems: [] });
  });

  it.each([
    ['a zero Value', { Value: 0, Unit: 'Kg' as const }],
    ['a negative Value', { Value: -1, Unit: 'Kg' as const }],
    ['a zero {Kg}', { Kg: 0 }],
    ['a negative {Kg}', { Kg: -0.5 }],
    ['NaN', { Value: Number.NaN }],
  ])('rejects %s with InvalidWeight at <path>.Value', (_label, input) => {
    expect(run((p) => weight(input, p, path))).toEqual({ value: null, problems: [['InvalidWeight', 'Packages[0].Weight.Value']] });
  });

  it.each([
    ['a unit alone', { Unit: 'Kg' as const }],
    ['an empty object', {}],
    ['a null Value', { Value: null, Unit: 'G' as const }],
  ])('reports a missing Value (%s) as InvalidWeight', (_label, input) => {
    const r = run((p) => weight(input, p, path));
    expect(r).toEqual({ value: null, problems: [['InvalidWeight', 'Packages[0].Weight.Value']] });
  });

  it('reports an unknown unit that got past the schema as InvalidUnit at <path>.Unit', () => {
    const r = run((p) => weight({ Value: 1, Unit: 'Stone' as never }, p, path));
    expect(r).toEqual({ value: null, problems: [['InvalidUnit', 'Packages[0].Weight.Unit']] });
  });

  it.each([null, undefined])('treats an absent weight (%s) as no weight, without a problem', (input) => {
    expect(run((p) => weight(input, p, path))).toEqual({ value: null, problems: [] });
  });
});

describe('dimensions (spec §1.5)', () => {
  const path = 'Packages[1].Dimensions';

  it.each([
    ['Cm', { Unit: 'Cm' as const, Width: 10, Length: 20, Height: 5 }, { Width: 10, Length: 20, Height: 5 }],
    ['no unit (Cm)', { Width: 10, Length: 20, Height: 5 }, { Width: 10, Length: 20, Height: 5 }],
    ['Mm', { Unit: 'Mm' as const, Width: 100, Length: 250, Height: 5 }, { Width: 10, Length: 25, Height: 0.5 }],
    ['M', { Unit: 'M' as const, Width: 0.1, Length: 1.2, Height: 0.05 }, { Width: 10, Length: 120, Height: 5 }],
    ['In', { Unit: 'In' as const, Width: 1, Length: 10, Height: 2 }, { Width: 2.54, Length: 25.4, Height: 5.08 }],
    ['Inches', { Unit: 'Inches' as const, Width: 4, Length: 1, Height: 3 }, { Width: 10.16, Length: 2.54, Height: 7.62 }],
  ])('accepts %s and emits Cm without reordering the sides', (_label, input, cm) => {
    expect(run((p) => dimensions(input, p, path))).toEqual({ value: { Unit: 'Cm', ...cm }, problems: [] });
  });

  it.each([
    ['Width', { Width: 0, Length: 20, Height: 5 }],
    ['Length', { Width: 10, Length: -1, Height: 5 }],
    ['Height', { Width: 10, Length: 20 }],
    ['Height', { Width: 10, Length: 20, Height: null }],
  ])('rejects a bad %s with InvalidDimensions at its own path', (side, input) => {
    expect(run((p) => dimensions(input, p, path))).toEqual({
      value: null,
      problems: [['InvalidDimensions', `Packages[1].Dimensions.${side}`]],
    });
  });

  it('reports each bad side, not only the first', () => {
    const r = run((p) => dimensions({ Unit: 'Mm', Width: 0, Length: -3 }, p, path));
    expect(r).toEqual({
      value: null,
      problems: [
        ['InvalidDimensions', 'Packages[1].Dimensions.Width'],
        ['InvalidDimensions', 'Packages[1].Dimensions.Length'],
        ['InvalidDimensions', 'Packages[1].Dimensions.Height'],
      ],
    });
  });

  it('reports an unknown unit that got past the schema as InvalidUnit at <path>.Unit', () => {
    const r = run((p) => dimensions({ Unit: 'Ft' as never, Width: 1, Length: 1, Height: 1 }, p, path));
    expect(r).toEqual({ value: null, problems: [['InvalidUnit', 'Packages[1].Dimensions.Unit']] });
  });
});

describe('money (spec §1.5)', () => {
  const path = 'Packages[0].Value';

  it.each([
    ['GBP', { Amount: 5.99, Currency: { IsoCode: 'GBP' } }, 5.99, { IsoCode: 'GBP', Name: 'Pound Sterling' }],
    ['a lower-case code, upper-cased', { Amount: 5.99, Currency: { IsoCode: 'gbp' } }, 5.99, { IsoCode: 'GBP', Name: 'Pound Sterling' }],
    ['EUR', { Amount: 10, Currency: { IsoCode: 'eur' } }, 10, { IsoCode: 'EUR', Name: 'Euro' }],
    ['a zero amount', { Amount: 0, Currency: { IsoCode: 'USD' } }, 0, { IsoCode: 'USD', Name: 'US Dollar' }],
    ['an amount rounded to 4 dp', { Amount: 1.23456, Currency: { IsoCode: 'GBP' } }, 1.2346, { IsoCode: 'GBP', Name: 'Pound Sterling' }],
    ['a client-sent Name, replaced by the ISO name', { Amount: 1, Currency: { IsoCode: 'GBP', Name: 'Quid' } }, 1, { IsoCode: 'GBP', Name: 'Pound Sterling' }],
  ])('accepts %s and fills the currency Name', (_label, input, amount, currency) => {
    expect(run((p) => money(input, p, path))).toEqual({ value: { Amount: amount, Currency: currency }, problems: [] });
  });

  it.each([
    ['an unknown code XXQ', { Amount: 1, Currency: { IsoCode: 'XXQ' } }],
    ['a 2-letter code', { Amount: 1, Currency: { IsoCode: 'GB' } }],
    ['a blank code', { Amount: 1, Currency: { IsoCode: '  ' } }],
    ['no Currency', { Amount: 1 }],
  ])('rejects %s with InvalidCurrency at <path>.Currency.IsoCode', (_label, input) => {
    expect(run((p) => money(input, p, path))).toEqual({ value: null, problems: [['InvalidCurrency', 'Packages[0].Value.Currency.IsoCode']] });
  });

  it.each([
    ['a negative amount', { Amount: -0.01, Currency: { IsoCode: 'GBP' } }],
    ['a missing amount', { Currency: { IsoCode: 'GBP' } }],
    ['a null amount', { Amount: null, Currency: { IsoCode: 'GBP' } }],
  ])('rejects %s with InvalidMoney at <path>.Amount', (_label, input) => {
    expect(run((p) => money(input, p, path))).toEqual({ value: null, problems: [['InvalidMoney', 'Packages[0].Value.Amount']] });
  });

  it('reports both a bad amount and a bad currency', () => {
    expect(run((p) => money({ Amount: -5, Currency: { IsoCode: 'XXQ' } }, p, path)).problems).toEqual([
      ['InvalidMoney', 'Packages[0].Value.Amount'],
      ['InvalidCurrency', 'Packages[0].Value.Currency.IsoCode'],
    ]);
  });
});

describe('country (spec §1.5)', () => {
  const path = 'Addresses[0].Country';

  it.each([
    ['a lower-case code', { IsoCode: { TwoLetterCode: 'gb' } }],
    ['an upper-case code', { IsoCode: { TwoLetterCode: 'GB' } }],
    ['a padded code', { IsoCode: { TwoLetterCode: ' gb ' } }],
    ["the docs' request Name \"Great Britain\"", { Name: 'Great Britain', IsoCode: { TwoLetterCode: 'GB' } }],
    ['a wrong three-letter code alongside', { IsoCode: { TwoLetterCode: 'GB', ThreeLetterCode: 'FRA' } }],
  ])('normalises %s to United Kingdom with GBR/826', (_label, input) => {
    expect(run((p) => country(input, p, path))).toEqual({ value: UK, problems: [] });
  });

  it.each([
    ['IE', 'Ireland', 'IRL', '372'],
    ['us', 'United States of America', 'USA', '840'],
    ['hk', 'Hong Kong', 'HKG', '344'],
  ])('looks up %s as %s (%s, %s)', (code, name, alpha3, numeric) => {
    expect(run((p) => country({ IsoCode: { TwoLetterCode: code } }, p, path)).value).toEqual({
      Name: name,
      IsoCode: { TwoLetterCode: code.toUpperCase(), ThreeLetterCode: alpha3, NumericCode: numeric },
    });
  });

  it.each([
    ['an unknown code', { IsoCode: { TwoLetterCode: 'XX' } }],
    ['a three-letter code in TwoLetterCode', { IsoCode: { TwoLetterCode: 'GBR' } }],
    ['a Name without a code', { Name: 'United Kingdom' }],
    ['a blank code', { IsoCode: { TwoLetterCode: ' ' } }],
  ])('rejects %s with CountryNotFound at <path>.IsoCode.TwoLetterCode', (_label, input) => {
    expect(run((p) => country(input, p, path))).toEqual({
      value: null,
      problems: [['CountryNotFound', 'Addresses[0].Country.IsoCode.TwoLetterCode']],
    });
  });
});

describe('addressBody completeness (spec §1.6)', () => {
  const path = 'Addresses[0]';

  it('accepts a complete address and normalises its fields', () => {
    const r = run((p) => addressBody(fullAddress({ Postcode: ' SW1A 1AA ', AddressLine2: '   ' }), p, path));
    expect(r.problems).toEqual([]);
    expect(r.value).toMatchObject({
      ShippingLocationReference: null,
      AddressLine1: '1 Analytical Way',
      AddressLine2: null,
      Postcode: 'SW1A 1AA',
      Country: UK,
      Contact: { FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@example.com', Telephone: null },
      IsCached: false,
      LatLong: null,
    });
  });

  it.each([
    ['a Contact with FirstName and LastName', { Contact: { FirstName: 'Ada', LastName: 'Lovelace' } }],
    ['a CompanyName instead of a contact', { Contact: undefined, CompanyName: 'Sorted Ltd' }],
    ['a CompanyName with a contact that has no name', { Contact: { Email: 'ops@example.com' }, CompanyName: 'Sorted Ltd' }],
    ['no Email (optional, spec §1.6)', { Contact: { FirstName: 'Ada', LastName: 'Lovelace', Email: null } }],
  ])('is complete with %s', (_label, over) => {
    expect(run((p) => addressBody(fullAddress(over), p, path)).problems).toEqual([]);
  });

  it.each([
    ['no Country', { Country: undefined }, [['CountryRequiredForAddress', 'Addresses[0].Country']]],
    ['a null Country', { Country: null }, [['CountryRequiredForAddress', 'Addresses[0].Country']]],
    ['no AddressLine1', { AddressLine1: undefined }, [['InvalidAddress', 'Addresses[0].AddressLine1']]],
    ['a blank AddressLine1', { AddressLine1: '   ' }, [['InvalidAddress', 'Addresses[0].AddressLine1']]],
    ['no Postcode in GB', { Postcode: undefined }, [['InvalidAddress', 'Addresses[0].Postcode']]],
    ['a blank Postcode in GB', { Postcode: '' }, [['InvalidAddress', 'Addresses[0].Postcode']]],
    ['a Contact with only a FirstName', { Contact: { FirstName: 'Ada' } }, [['InvalidAddress', 'Addresses[0].Contact']]],
    ['a Contact with only a LastName', { Contact: { LastName: 'Lovelace' } }, [['InvalidAddress', 'Addresses[0].Contact']]],
    ['neither a Contact nor a CompanyName', { Contact: undefined }, [['InvalidAddress', 'Addresses[0].Contact']]],
    ['a blank CompanyName and no contact', { Contact: null, CompanyName: ' ' }, [['InvalidAddress', 'Addresses[0].Contact']]],
    ['an unknown Country', { Country: { IsoCode: { TwoLetterCode: 'XX' } } }, [['CountryNotFound', 'Addresses[0].Country.IsoCode.TwoLetterCode']]],
  ] as const)('without a ShippingLocationReference, reports %s', (_label, over, expected) => {
    expect(run((p) => addressBody(fullAddress(over as AddressIn), p, path)).problems).toEqual(expected);
  });

  it.each([
    ['IE', 'Ireland'],
    ['HK', 'Hong Kong'],
    ['ae', 'United Arab Emirates'],
  ])('lets an address in %s (no postcodes) omit the Postcode', (code, name) => {
    const r = run((p) => addressBody(fullAddress({ Postcode: undefined, Country: { IsoCode: { TwoLetterCode: code } } }), p, path));
    expect(r.problems).toEqual([]);
    expect(r.value.Country?.Name).toBe(name);
  });

  it.each(['US', 'FR', 'DE'])('requires a Postcode in %s', (code) => {
    const r = run((p) => addressBody(fullAddress({ Postcode: undefined, Country: { IsoCode: { TwoLetterCode: code } } }), p, path));
    expect(r.problems).toEqual([['InvalidAddress', 'Addresses[0].Postcode']]);
  });

  it('with a ShippingLocationReference requires nothing else', () => {
    const r = run((p) => addressBody({ ShippingLocationReference: ' Sorted1 ' }, p, path));
    expect(r.problems).toEqual([]);
    expect(r.value).toMatchObject({ ShippingLocationReference: 'Sorted1', AddressLine1: null, Country: null, Contact: null });
  });

  it('with a ShippingLocationReference still checks the fields that are given', () => {
    const r = run((p) => addressBody({ ShippingLocationReference: 'Sorted1', Country: { IsoCode: { TwoLetterCode: 'ZZ' } } }, p, path));
    expect(r.problems).toEqual([['CountryNotFound', 'Addresses[0].Country.IsoCode.TwoLetterCode']]);
  });

  it('treats a blank ShippingLocationReference as absent, so the address must be complete', () => {
    const r = run((p) => addressBody({ ShippingLocationReference: '  ' }, p, path));
    expect(r.problems).toEqual([
      ['CountryRequiredForAddress', 'Addresses[0].Country'],
      ['InvalidAddress', 'Addresses[0].AddressLine1'],
      ['InvalidAddress', 'Addresses[0].Contact'],
    ]);
  });

  it('rounds LatLong to 6 dp and checks its range', () => {
    expect(run((p) => addressBody(fullAddress({ LatLong: { Latitude: 51.50135123, Longitude: -0.14189149 } }), p, path)).value.LatLong).toEqual({
      Latitude: 51.501351,
      Longitude: -0.141891,
    });
    expect(run((p) => addressBody(fullAddress({ LatLong: { Latitude: 91, Longitude: -181 } }), p, path)).problems).toEqual([
      ['InvalidAddress', 'Addresses[0].LatLong.Latitude'],
      ['InvalidAddress', 'Addresses[0].LatLong.Longitude'],
    ]);
  });

  it('reports every problem of one address, not only the first', () => {
    const r = run((p) =>
      addressBody(
        { Contact: { FirstName: 'Ada' }, Country: { IsoCode: { TwoLetterCode: 'gb' } }, LatLong: { Latitude: 100, Longitude: 0 }, CacheDate: 'yesterday' },
        p,
        path,
      ),
    );
    expect(r.problems).toEqual([
      ['InvalidAddress', 'Addresses[0].LatLong.Latitude'],
      ['InvalidDate', 'Addresses[0].CacheDate'],
      ['InvalidAddress', 'Addresses[0].AddressLine1'],
      ['InvalidAddress', 'Addresses[0].Postcode'],
      ['InvalidAddress', 'Addresses[0].Contact'],
    ]);
  });
});

describe('address (one address of a collection)', () => {
  it('requires an AddressType, and still checks the rest of the address', () => {
    const r = run((p) => address({ ...fullAddress({ AddressLine1: null }) }, p, 'Addresses[3]'));
    expect(r).toEqual({
      value: null,
      problems: [
        ['InvalidAddress', 'Addresses[3].AddressLine1'],
        ['AddressTypeRequired', 'Addresses[3].AddressType'],
      ],
    });
  });

  it('returns the address with its type', () => {
    const r = run((p) => address({ AddressType: 'Return', ShippingLocationReference: 'Sorted1' }, p, 'Addresses[0]'));
    expect(r.problems).toEqual([]);
    expect(r.value).toMatchObject({ AddressType: 'Return', ShippingLocationReference: 'Sorted1' });
  });
});

describe('addresses (spec §1.6 collection rules)', () => {
  const known = new Set(['Sorted1', 'EDC5_Electio']);
  const origin = { AddressType: 'Origin' as const, ShippingLocationReference: 'Sorted1' };
  const destination = { AddressType: 'Destination' as const, ...fullAddress() };
  const check = (inputs: AddressesIn | null | undefined) => run((p) => addresses(inputs, p, 'Addresses', known));

  it('accepts an Origin at a known location and a full Destination, in order', () => {
    const r = check([origin, destination]);
    expect(r.problems).toEqual([]);
    expect(r.value.map((a) => [a.AddressType, a.ShippingLocationReference, a.Postcode])).toEqual([
      ['Origin', 'Sorted1', null],
      ['Destination', null, 'SW1A 1AA'],
    ]);
  });

  it('accepts the shipping location on the Destination instead (an inbound order)', () => {
    const r = check([{ ...destination, AddressType: 'Origin' }, { AddressType: 'Destination', ShippingLocationReference: 'EDC5_Electio' }]);
    expect(r.problems).toEqual([]);
  });

  it('accepts extra address types once each', () => {
    const r = check([origin, destination, { AddressType: 'Return', ShippingLocationReference: 'EDC5_Electio' }, { ...fullAddress(), AddressType: 'Importer' }]);
    expect(r.problems).toEqual([]);
    expect(r.value.map((a) => a.AddressType)).toEqual(['Origin', 'Destination', 'Return', 'Importer']);
  });

  it.each([
    ['absent', undefined],
    ['null', null],
    ['empty', []],
  ])('reports AddressesRequired when the list is %s', (_label, inputs) => {
    expect(check(inputs)).toEqual({ value: [], problems: [['AddressesRequired', 'Addresses']] });
  });

  it.each<[string, AddressesIn, Array<[ErrorCode, string]>]>([
    ['an address without AddressType', [origin, destination, { ...fullAddress() }], [['AddressTypeRequired', 'Addresses[2].AddressType']]],
    [
      'a second Destination',
      [origin, destination, { ...destination }],
      [['DuplicateAddressType', 'Addresses[2].AddressType']],
    ],
    ['no Origin', [destination], [['AddressTypeRequired', 'Addresses']]],
    ['no Destination', [origin], [['AddressTypeRequired', 'Addresses']]],
    [
      'neither Origin nor Destination',
      [{ AddressType: 'Return', ShippingLocationReference: 'Sorted1' }],
      [
        ['AddressTypeRequired', 'Addresses'],
        ['AddressTypeRequired', 'Addresses'],
      ],
    ],
    [
      'no ShippingLocationReference on Origin or Destination',
      [{ ...fullAddress(), AddressType: 'Origin' }, destination],
      [['ShippingLocationRequired', 'Addresses']],
    ],
    [
      'a ShippingLocationReference only on a Return address',
      [{ ...fullAddress(), AddressType: 'Origin' }, destination, { AddressType: 'Return', ShippingLocationReference: 'Sorted1' }],
      [['ShippingLocationRequired', 'Addresses']],
    ],
    [
      'an unknown ShippingLocationReference',
      [destination, { AddressType: 'Origin', ShippingLocationReference: 'Nowhere' }],
      [['ShippingLocationNotFound', 'Addresses[1].ShippingLocationReference']],
    ],
    [
      'a shipping location code in the wrong case (codes are exact)',
      [{ AddressType: 'Origin', ShippingLocationReference: 'sorted1' }, destination],
      [['ShippingLocationNotFound', 'Addresses[0].ShippingLocationReference']],
    ],
  ])('reports %s', (_label, inputs, expected) => {
    expect(check(inputs).problems).toEqual(expected);
  });

  it('reports an unknown location on any address, not only Origin/Destination', () => {
    const r = check([origin, destination, { AddressType: 'Return', ShippingLocationReference: 'Ghost' }]);
    expect(r.problems).toEqual([['ShippingLocationNotFound', 'Addresses[2].ShippingLocationReference']]);
  });

  it('reports every problem of every address together', () => {
    const r = check([
      { AddressType: 'Origin', ShippingLocationReference: 'Ghost' },
      { AddressType: 'Destination', Contact: { FirstName: 'Ada' }, Country: { IsoCode: { TwoLetterCode: 'XX' } } },
      { AddressType: 'Destination', ShippingLocationReference: 'Sorted1' },
      { ShippingLocationReference: 'Sorted1' },
    ]);
    expect(r.problems).toEqual([
      ['ShippingLocationNotFound', 'Addresses[0].ShippingLocationReference'],
      ['CountryNotFound', 'Addresses[1].Country.IsoCode.TwoLetterCode'],
      ['InvalidAddress', 'Addresses[1].AddressLine1'],
      ['InvalidAddress', 'Addresses[1].Contact'],
      ['DuplicateAddressType', 'Addresses[2].AddressType'],
      ['AddressTypeRequired', 'Addresses[3].AddressType'],
    ]);
  });
});

describe('locationReferences', () => {
  it('lists each trimmed, non-blank reference once, in order', () => {
    expect(
      locationReferences([
        { ShippingLocationReference: ' Sorted1 ' },
        { ShippingLocationReference: null },
        { ShippingLocationReference: 'EDC5' },
        { ShippingLocationReference: 'Sorted1' },
        { ShippingLocationReference: '  ' },
        {},
      ]),
    ).toEqual(['Sorted1', 'EDC5']);
    expect(locationReferences(undefined)).toEqual([]);
  });
});

describe('metaData (spec §1.7)', () => {
  const path = 'MetaData';
  type MetaIn = NonNullable<Parameters<typeof metaData>[0]>;
  const check = (inputs: MetaIn | null | undefined) => run((p) => metaData(inputs, p, path));

  it('normalises an entry with every field present', () => {
    const r = check([{ KeyValue: ' ShippersEORI ', StringValue: 'GB123456789000' }]);
    expect(r).toEqual({
      value: [{ KeyValue: 'ShippersEORI', StringValue: 'GB123456789000', IntValue: null, DecimalValue: null, DateTimeValue: null, BoolValue: null }],
      problems: [],
    });
  });

  it('allows several typed values on one key (a StringValue and a DateTimeValue together)', () => {
    const r = check([{ KeyValue: 'Promised', StringValue: 'next day', DateTimeValue: '2020-03-10T09:59:12.9275216+01:00', BoolValue: true, DecimalValue: 1.234567, IntValue: 3 }]);
    expect(r).toEqual({
      value: [{ KeyValue: 'Promised', StringValue: 'next day', IntValue: 3, DecimalValue: 1.23457, DateTimeValue: '2020-03-10T08:59:12.927Z', BoolValue: true }],
      problems: [],
    });
  });

  it.each<[string, MetaIn[number]]>([
    ['a StringValue', { KeyValue: 'k', StringValue: 'v' }],
    ['an empty StringValue', { KeyValue: 'k', StringValue: '' }],
    ['IntValue 0', { KeyValue: 'k', IntValue: 0 }],
    ['DecimalValue 0', { KeyValue: 'k', DecimalValue: 0 }],
    ['BoolValue false', { KeyValue: 'k', BoolValue: false }],
    ['a DateTimeValue', { KeyValue: 'k', DateTimeValue: '2021-01-01' }],
    ['a one-character key', { KeyValue: 'k', StringValue: 'v' }],
    ['a 50-character key', { KeyValue: 'k'.repeat(50), StringValue: 'v' }],
    ['the smallest int32', { KeyValue: 'k', IntValue: -(2 ** 31) }],
    ['the largest int32', { KeyValue: 'k', IntValue: 2 ** 31 - 1 }],
  ])('accepts %s', (_label, entry) => {
    const r = check([entry]);
    expect(r.problems).toEqual([]);
    expect(r.value).toHaveLength(1);
  });

  it.each<[string, MetaIn[number], [ErrorCode, string]]>([
    ['a missing KeyValue', { StringValue: 'v' }, ['InvalidMetaData', 'MetaData[0].KeyValue']],
    ['an empty KeyValue', { KeyValue: '', StringValue: 'v' }, ['InvalidMetaData', 'MetaData[0].KeyValue']],
    ['a blank KeyValue', { KeyValue: '   ', StringValue: 'v' }, ['InvalidMetaData', 'MetaData[0].KeyValue']],
    ['a 51-character KeyValue', { KeyValue: 'k'.repeat(51), StringValue: 'v' }, ['InvalidMetaData', 'MetaData[0].KeyValue']],
    ['no typed value', { KeyValue: 'k' }, ['InvalidMetaData', 'MetaData[0]']],
    ['only null typed values', { KeyValue: 'k', StringValue: null, IntValue: null, BoolValue: null }, ['InvalidMetaData', 'MetaData[0]']],
    ['IntValue 2^31', { KeyValue: 'k', IntValue: 2 ** 31 }, ['InvalidMetaData', 'MetaData[0].IntValue']],
    ['IntValue -2^31 - 1', { KeyValue: 'k', IntValue: -(2 ** 31) - 1 }, ['InvalidMetaData', 'MetaData[0].IntValue']],
    ['a DateTimeValue that is not a date', { KeyValue: 'k', DateTimeValue: '2021-02-30' }, ['InvalidDate', 'MetaData[0].DateTimeValue']],
  ])('rejects %s', (_label, entry, expected) => {
    expect(check([entry]).problems).toEqual([expected]);
  });

  it.each([
    ['the same spelling', 'ShippersEORI', 'ShippersEORI'],
    ['a different case', 'ShippersEORI', 'shipperseori'],
    ['surrounding spaces', 'ShippersEORI', ' SHIPPERSEORI '],
  ])('reports a duplicate key (%s) as DuplicateMetaDataKey at the second entry and keeps the first', (_label, first, second) => {
    const r = check([
      { KeyValue: first, StringValue: 'GB1' },
      { KeyValue: second, StringValue: 'GB2' },
    ]);
    expect(r.problems).toEqual([['DuplicateMetaDataKey', 'MetaData[1].KeyValue']]);
    expect(r.value.map((m) => [m.KeyValue, m.StringValue])).toEqual([['ShippersEORI', 'GB1']]);
  });

  it.each([null, undefined, []])('gives [] for %j', (inputs) => {
    expect(check(inputs)).toEqual({ value: [], problems: [] });
  });

  it('reports every problem of every entry', () => {
    const r = check([
      { KeyValue: '', StringValue: 'v' },
      { KeyValue: 'a' },
      { KeyValue: 'b', IntValue: 2 ** 40, DateTimeValue: 'soon' },
      { KeyValue: 'A', StringValue: 'dup' },
    ]);
    expect(r.problems).toEqual([
      ['InvalidMetaData', 'MetaData[0].KeyValue'],
      ['InvalidMetaData', 'MetaData[1]'],
      ['InvalidDate', 'MetaData[2].DateTimeValue'],
      ['InvalidMetaData', 'MetaData[2].IntValue'],
      ['DuplicateMetaDataKey', 'MetaData[3].KeyValue'],
    ]);
  });
});

describe('tags (spec §1.8)', () => {
  it.each<[string, string[] | null | undefined, string[]]>([
    ['trims tags', ['  fragile ', 'express\t'], ['fragile', 'express']],
    ['drops blanks', ['', '   ', 'fragile'], ['fragile']],
    ['collapses duplicates in any case, keeping the first spelling', ['Fragile', 'FRAGILE', ' fragile ', 'HazMat', 'hazmat'], ['Fragile', 'HazMat']],
    ['keeps the order of first appearance', ['b', 'a', 'B', 'c'], ['b', 'a', 'c']],
    ['gives [] for null', null, []],
    ['gives [] for undefined', undefined, []],
    ['gives [] for only blanks', [' ', ''], []],
  ])('%s', (_label, inputs, expected) => {
    expect(tags(inputs)).toEqual(expected);
  });
});

describe('instant', () => {
  it.each([
    ['a date-time with an offset', '2020-03-10T09:59:12+01:00', '2020-03-10T08:59:12.000Z', []],
    ['null', null, null, []],
    ['a blank string, as absent', '  ', null, []],
    ['garbage', 'last Tuesday', null, [['InvalidDate', 'ShippingDate']]],
  ])('reads %s', (_label, raw, expected, problems) => {
    expect(run((p) => instant(raw, p, 'ShippingDate'))).toEqual({ value: expected, problems });
  });
});

describe('deliveryDate (spec §1.10)', () => {
  const path = 'RequiredDeliveryDate';
  type DeliveryIn = Parameters<typeof deliveryDate>[0];
  const check = (input: DeliveryIn) => run((p) => deliveryDate(input, p, path));

  it('reads a date with a delivery window and its offset', () => {
    expect(
      check({
        Date: '2020-03-10',
        IsToBeExactlyOnTheDateSpecified: true,
        DeliveryWindow: { Start: '09:00', End: '17:30:00', UtcOffset: '+0100' },
      }),
    ).toEqual({
      value: {
        Date: '2020-03-10T00:00:00.000Z',
        IsToBeExactlyOnTheDateSpecified: true,
        DeliveryWindow: { Start: '09:00:00', End: '17:30:00', UtcOffset: '+01:00' },
      },
      problems: [],
    });
  });

  it('defaults IsToBeExactlyOnTheDateSpecified to false and the window to null', () => {
    expect(check({ Date: '2020-03-10T12:00:00-05:00' })).toEqual({
      value: { Date: '2020-03-10T17:00:00.000Z', IsToBeExactlyOnTheDateSpecified: false, DeliveryWindow: null },
      problems: [],
    });
  });

  it('keeps a window without an offset, and missing window times as null', () => {
    expect(check({ Date: '2020-03-10', DeliveryWindow: { Start: '08:00:00' } }).value?.DeliveryWindow).toEqual({
      Start: '08:00:00',
      End: null,
      UtcOffset: null,
    });
  });

  it.each<[string, DeliveryIn, Array<[ErrorCode, string]>]>([
    ['a missing Date', { IsToBeExactlyOnTheDateSpecified: true }, [['InvalidDate', 'RequiredDeliveryDate.Date']]],
    ['a blank Date', { Date: '   ' }, [['InvalidDate', 'RequiredDeliveryDate.Date']]],
    ['an impossible Date', { Date: '2021-02-30' }, [['InvalidDate', 'RequiredDeliveryDate.Date']]],
    ['a bad window Start', { Date: '2021-02-01', DeliveryWindow: { Start: '25:00' } }, [['InvalidDate', 'RequiredDeliveryDate.DeliveryWindow.Start']]],
    ['a bad window End', { Date: '2021-02-01', DeliveryWindow: { End: '9am' } }, [['InvalidDate', 'RequiredDeliveryDate.DeliveryWindow.End']]],
    ['a bad UtcOffset', { Date: '2021-02-01', DeliveryWindow: { UtcOffset: 'BST' } }, [['InvalidDate', 'RequiredDeliveryDate.DeliveryWindow.UtcOffset']]],
  ])('reports %s', (_label, input, expected) => {
    expect(check(input).problems).toEqual(expected);
  });

  it('reports every problem of one delivery date', () => {
    const r = check({ Date: 'soon', DeliveryWindow: { Start: '9', End: '24:00', UtcOffset: '+15:00' } });
    expect(r.problems.map(([code, target]) => `${code} ${target}`).sort()).toEqual([
      'InvalidDate RequiredDeliveryDate.Date',
      'InvalidDate RequiredDeliveryDate.DeliveryWindow.End',
      'InvalidDate RequiredDeliveryDate.DeliveryWindow.Start',
      'InvalidDate RequiredDeliveryDate.DeliveryWindow.UtcOffset',
    ]);
  });

  it.each([null, undefined])('gives null for %j without a problem', (input) => {
    expect(check(input)).toEqual({ value: null, problems: [] });
  });
});

describe('one input, every problem', () => {
  it('collects problems from several normalisers into one list, in the order found', () => {
    const p = new Problems();
    weight({ Value: 0 }, p, 'Packages[0].Weight');
    dimensions({ Width: 1, Length: 0, Height: 1 }, p, 'Packages[0].Dimensions');
    money({ Amount: -1, Currency: { IsoCode: 'XXQ' } }, p, 'Packages[0].Value');
    metaData([{ KeyValue: 'x' }], p, 'Packages[0].MetaData');
    addresses([], p, 'Addresses', new Set());
    expect(p.list.map((d) => [d.Code, d.Target])).toEqual([
      ['InvalidWeight', 'Packages[0].Weight.Value'],
      ['InvalidDimensions', 'Packages[0].Dimensions.Length'],
      ['InvalidMoney', 'Packages[0].Value.Amount'],
      ['InvalidCurrency', 'Packages[0].Value.Currency.IsoCode'],
      ['InvalidMetaData', 'Packages[0].MetaData[0]'],
      ['AddressesRequired', 'Addresses'],
    ]);
    expect(p.list.every((d) => typeof d.Message === 'string' && d.Message.length > 0)).toBe(true);
    expect(() => p.throwIfAny()).toThrowError(expect.objectContaining({ code: 'ValidationFailed', status: 400, details: p.list }));
  });
});
