import { describe, expect, it } from 'vitest';
import { type LedgerLine, outstanding, overPacks, packingStatus } from './ledger.js';

const line = (reference: string, ordered: number, packed: number): LedgerLine => ({ reference, ordered, packed });

describe('left-to-pack ledger', () => {
  it.each<[string, LedgerLine[], string]>([
    ['nothing packed', [line('a', 2, 0), line('b', 1, 0)], 'Unpacked'],
    ['an order without items', [], 'Unpacked'],
    ['one line partly packed', [line('a', 2, 1), line('b', 1, 0)], 'PartiallyPacked'],
    ['one line fully packed, one not', [line('a', 2, 2), line('b', 1, 0)], 'PartiallyPacked'],
    ['every line fully packed', [line('a', 2, 2), line('b', 1, 1)], 'Packed'],
    ['one line packed past its quantity', [line('a', 2, 3), line('b', 1, 0)], 'OverPacked'],
    ['over-packed wins over fully packed', [line('a', 2, 3), line('b', 1, 1)], 'OverPacked'],
  ])('%s → %s', (_name, lines, status) => {
    expect(packingStatus(lines)).toBe(status);
  });

  it.each([
    [line('a', 5, 0), 5],
    [line('a', 5, 3), 2],
    [line('a', 5, 5), 0],
    [line('a', 5, 9), 0],
  ])('outstanding of %j is %i, never below 0', (l, expected) => {
    expect(outstanding(l)).toBe(expected);
  });

  it.each<[string, LedgerLine[], Record<string, number>, Array<{ reference: string; outstanding: number; requested: number }>]>([
    ['within the outstanding', [line('a', 3, 1)], { a: 2 }, []],
    ['exactly the last unit', [line('a', 3, 2)], { a: 1 }, []],
    ['one past the ordered quantity', [line('a', 3, 2)], { a: 2 }, [{ reference: 'a', outstanding: 1, requested: 2 }]],
    ['anything once fully packed', [line('a', 1, 1)], { a: 1 }, [{ reference: 'a', outstanding: 0, requested: 1 }]],
    ['only the lines asked for', [line('a', 1, 1), line('b', 4, 0)], { b: 4 }, []],
    ['every offending line', [line('a', 1, 0), line('b', 1, 0)], { a: 2, b: 3 },
      [{ reference: 'a', outstanding: 1, requested: 2 }, { reference: 'b', outstanding: 1, requested: 3 }]],
  ])('strict packing: %s', (_name, lines, requested, expected) => {
    expect(overPacks(lines, new Map(Object.entries(requested)))).toEqual(expected);
  });
});
