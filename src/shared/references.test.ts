import { describe, expect, it } from 'vitest';
import { formatReference, normaliseReference } from './references.js';

describe('formatReference (spec §1.3: prefix + nine base-36 digits in three groups)', () => {
  it.each([
    ['EO', 0, 'EO-000-000-000'],
    ['EO', 1, 'EO-000-000-001'],
    ['EO', 9, 'EO-000-000-009'],
    ['EO', 10, 'EO-000-000-00A'],
    ['EO', 35, 'EO-000-000-00Z'],
    ['EO', 36, 'EO-000-000-010'],
    ['EC', 36 ** 3 - 1, 'EC-000-000-ZZZ'],
    ['EC', 36 ** 3, 'EC-000-001-000'],
    ['EP', 36 ** 6, 'EP-001-000-000'],
    ['EP', 36 ** 9 - 1, 'EP-ZZZ-ZZZ-ZZZ'],
  ] as const)('formatReference(%s, %d) = %s', (prefix, n, expected) => {
    expect(formatReference(prefix, n)).toBe(expected);
  });

  it("gives the documentation's consecutive order numbers EO-000-002-0TS and EO-000-002-0TT", () => {
    // 0TS in base 36 is 0*36² + 29*36 + 28 = 1072; the middle group 002 adds 2*36³.
    const n = 2 * 36 ** 3 + 29 * 36 + 28;
    expect(n).toBe(94_384);
    expect(formatReference('EO', n)).toBe('EO-000-002-0TS');
    expect(formatReference('EO', n + 1)).toBe('EO-000-002-0TT');
  });

  it('gives consignment numbers close together like the docs (EC-000-05B-MMA before EC-000-05B-MQ4)', () => {
    const mma = parseInt('00005BMMA', 36);
    const mq4 = parseInt('00005BMQ4', 36);
    expect(formatReference('EC', mma)).toBe('EC-000-05B-MMA');
    expect(formatReference('EC', mq4)).toBe('EC-000-05B-MQ4');
    expect(mq4 - mma).toBe(138);
  });

  it.each([
    ['negative', -1],
    ['too large for nine digits', 36 ** 9],
    ['fractional', 1.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['beyond safe integers', 2 ** 53],
  ])('throws a RangeError for a %s number', (_label, n) => {
    expect(() => formatReference('EO', n)).toThrow(RangeError);
  });
});

describe('normaliseReference (spec §1.3: lookups are case-insensitive, output upper case)', () => {
  it.each([
    ['EO-000-002-0TS', 'EO', 'EO-000-002-0TS'],
    ['eo-000-002-0ts', 'EO', 'EO-000-002-0TS'],
    ['Ec-000-05b-mq4', 'EC', 'EC-000-05B-MQ4'],
    ['  ep-000-05e-yrq  ', 'EP', 'EP-000-05E-YRQ'],
  ] as const)('accepts %j as a %s reference and upper-cases it to %s', (raw, prefix, expected) => {
    expect(normaliseReference(raw, prefix)).toBe(expected);
  });

  it.each([
    ['an order reference where a consignment one is expected', 'EO-000-002-0TS', 'EC'],
    ['a consignment reference where an order one is expected', 'EC-000-05B-MQ4', 'EO'],
    ['a package reference where an order one is expected', 'ep-000-05e-yrq', 'EO'],
    ['a delivery-option reference (EDO) where an order one is expected', 'EDO-000-79G-RXC', 'EO'],
  ] as const)('returns null for %s', (_label, raw, prefix) => {
    expect(normaliseReference(raw, prefix)).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['no dashes', 'EO0000020TS'],
    ['a short group', 'EO-000-002-0T'],
    ['a long group', 'EO-000-002-0TSS'],
    ['a punctuation character', 'EO-000-002-0T!'],
    ['a missing prefix', '000-002-0TS'],
    ['trailing text', 'EO-000-002-0TS/labels'],
    ['an item reference (hex GUID)', '02f60a1ff80c4f799799b2e9f281dd22'],
    ['inner spaces', 'EO-000 -002-0TS'],
  ])('returns null for a malformed reference: %s', (_label, raw) => {
    expect(normaliseReference(raw, 'EO')).toBeNull();
  });

  it('round-trips every formatted reference', () => {
    for (const n of [0, 1, 35, 36, 94_384, 36 ** 9 - 1]) {
      const ref = formatReference('EC', n);
      expect(normaliseReference(ref.toLowerCase(), 'EC')).toBe(ref);
    }
  });
});
