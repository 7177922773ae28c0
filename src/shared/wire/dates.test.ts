import { describe, expect, it } from 'vitest';
import { parseInstant, parseTimeOfDay, parseUtcOffset } from './dates.js';

describe('parseInstant (spec §1.11: any ISO 8601 date-time or date, emitted as a UTC instant)', () => {
  it.each([
    ['a date alone, as midnight UTC', '2020-03-10', '2020-03-10T00:00:00.000Z'],
    ['a date-time without an offset, as UTC', '2020-03-10T09:59:12', '2020-03-10T09:59:12.000Z'],
    ['a date-time without seconds', '2020-03-10T09:59', '2020-03-10T09:59:00.000Z'],
    ['a space instead of T', '2020-03-10 09:59:12', '2020-03-10T09:59:12.000Z'],
    ['a Z offset', '2020-03-10T09:59:12Z', '2020-03-10T09:59:12.000Z'],
    ['a lower-case t and z', '2020-03-10t09:59:12z', '2020-03-10T09:59:12.000Z'],
    ['a +01:00 offset', '2020-03-10T09:59:12+01:00', '2020-03-10T08:59:12.000Z'],
    ['a +0100 offset (no colon)', '2020-03-10T09:59:12+0100', '2020-03-10T08:59:12.000Z'],
    ['a -05:30 offset', '2020-03-10T09:59:12-05:30', '2020-03-10T15:29:12.000Z'],
    ['an offset that crosses midnight', '2020-03-10T00:30:00+02:00', '2020-03-09T22:30:00.000Z'],
    ["the docs' 7-digit fraction with +00:00", '2020-03-10T09:59:12.9275216+00:00', '2020-03-10T09:59:12.927Z'],
    ["the docs' 7-digit fraction with Z", '2019-06-17T13:23:44.3774435Z', '2019-06-17T13:23:44.377Z'],
    ['a 1-digit fraction', '2020-03-10T09:59:12.5Z', '2020-03-10T09:59:12.500Z'],
    ['29 February in a leap year', '2020-02-29', '2020-02-29T00:00:00.000Z'],
    ['the last second of the day', '2020-12-31T23:59:59Z', '2020-12-31T23:59:59.000Z'],
    ['surrounding spaces', '  2020-03-10  ', '2020-03-10T00:00:00.000Z'],
  ])('accepts %s: %j → %s', (_label, raw, expected) => {
    expect(parseInstant(raw)).toBe(expected);
  });

  it.each([
    ['30 February', '2021-02-30'],
    ['29 February in a common year', '2021-02-29'],
    ['31 April', '2021-04-31'],
    ['month 13', '2021-13-01'],
    ['month 00', '2021-00-10'],
    ['day 00', '2021-01-00'],
    ['hour 24', '2020-03-10T24:00:00Z'],
    ['minute 60', '2020-03-10T09:60:00Z'],
    ['second 60', '2020-03-10T09:59:60Z'],
    ['an offset beyond ±14h', '2020-03-10T09:59:12+25:00'],
    ['a single-digit month', '2020-3-10'],
    ['a US date', '03/10/2020'],
    ['garbage', 'garbage'],
    ['an empty string', ''],
    ['a date with trailing text', '2020-03-10 tomorrow'],
    ['an offset on a date alone', '2020-03-10+01:00'],
  ])('rejects %s (%j)', (_label, raw) => {
    expect(parseInstant(raw)).toBeNull();
  });
});

describe('parseTimeOfDay (spec §1.10: delivery window "hh:mm:ss")', () => {
  it.each([
    ['09:00:30', '09:00:30'],
    ['09:00', '09:00:00'],
    ['00:00:00', '00:00:00'],
    ['23:59:59', '23:59:59'],
    [' 10:15 ', '10:15:00'],
  ])('accepts %j as %s', (raw, expected) => {
    expect(parseTimeOfDay(raw)).toBe(expected);
  });

  it.each(['9:00', '24:00', '23:60', '12:00:60', '12', '12:00:00.5', 'noon', ''])('rejects %j', (raw) => {
    expect(parseTimeOfDay(raw)).toBeNull();
  });
});

describe('parseUtcOffset (spec §1.10: UtcOffset like "+01:00")', () => {
  it.each([
    ['+01:00', '+01:00'],
    ['+0100', '+01:00'],
    ['-05:30', '-05:30'],
    ['+00:00', '+00:00'],
    ['+14:00', '+14:00'],
    ['-12:00', '-12:00'],
    [' +05:45 ', '+05:45'],
  ])('accepts %j as %s', (raw, expected) => {
    expect(parseUtcOffset(raw)).toBe(expected);
  });

  it.each(['01:00', 'Z', '+15:00', '+01:60', '+1:00', '+01', 'UTC+1', ''])('rejects %j', (raw) => {
    expect(parseUtcOffset(raw)).toBeNull();
  });
});
