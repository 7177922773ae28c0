import { describe, expect, it } from 'vitest';
import { parseUkPostcode, postcodeExcluded, zipExcluded, zipPrefix } from './location-rules.js';

const rule = (area: string, district: string | null = null, sector: string | null = null, unit: string | null = null) =>
  ({ PostcodeArea: area, PostcodeDistrict: district, PostcodeSector: sector, PostcodeUnit: unit });

describe('UK postcode exclusions (spec §5.4 step 3: unspecified parts are wildcards)', () => {
  it.each([
    ['M2 6LW', { area: 'M', district: '2', sector: '6', unit: 'LW' }],
    ['m26lw', { area: 'M', district: '2', sector: '6', unit: 'LW' }],
    ['EC1A 1BB', { area: 'EC', district: '1A', sector: '1', unit: 'BB' }],
    ['OL16 4NW', { area: 'OL', district: '16', sector: '4', unit: 'NW' }],
    ['BT1', { area: 'BT', district: '1', sector: '', unit: '' }],
  ])('parses %s', (raw, parsed) => expect(parseUkPostcode(raw)).toEqual(parsed));

  it.each(['', '12345', 'M', 'MM2 6LWX', '2M 6LW'])('refuses %j', (raw) => expect(parseUkPostcode(raw)).toBeNull());

  it.each([
    // The docs' examples: M + 2 excludes all of M2 …; M, 2, 6, LW excludes only M2 6LW.
    [rule('M', '2'), 'M2 6LW', true],
    [rule('M', '2'), 'M2 1AA', true],
    [rule('M', '2'), 'M20 1AA', false],
    [rule('M', '2', '6', 'LW'), 'M2 6LW', true],
    [rule('M', '2', '6', 'LW'), 'M2 6LX', false],
    [rule('M'), 'M99 1AA', true],
    [rule('M'), 'MK1 1AA', false],
    [rule('BT'), 'BT1 1AA', true],
    [rule('m', '2', '6'), 'M2 6ZZ', true],
    [rule('M', '', null), 'M4 1AA', true],
  ] as const)('rule %j against %s → excluded %s', (r, postcode, excluded) => {
    expect(postcodeExcluded(r, parseUkPostcode(postcode)!)).toBe(excluded);
  });
});

describe('US ZIP exclusions (3-digit prefixes, single or inclusive range)', () => {
  it.each([['90210', '902'], ['90210-1234', '902'], ['902101234', '902'], ['0210', null], ['ABCDE', null]])('prefix of %s is %s', (zip, prefix) => {
    expect(zipPrefix(zip)).toBe(prefix);
  });
  it.each([
    [{ Single: '322' }, '322', true],
    [{ Single: '322' }, '323', false],
    [{ From: '902', To: '906' }, '902', true],
    [{ From: '902', To: '906' }, '906', true],
    [{ From: '902', To: '906' }, '904', true],
    [{ From: '902', To: '906' }, '907', false],
    [{ From: '902', To: '906' }, '090', false],
  ] as const)('%j excludes %s: %s', (r, prefix, excluded) => expect(zipExcluded(r, prefix)).toBe(excluded));
});
