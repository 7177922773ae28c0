import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { groupForManifest, isDueForJob, manifestFileName, oneLineAddress } from './manifest.js';
import { dayOf, type ManifestQueryBody, parseManifestQuery } from './manifest-query.js';

const fails = (body: ManifestQueryBody) => {
  try {
    parseManifestQuery(body);
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, targets: error.details.map((d) => d.Target) };
  }
  return null;
};

describe('Manifest From Query body (spec §8.2)', () => {
  it.each([
    ['no States', {}, ['States']],
    ['States null', { States: null }, ['States']],
    ['an empty States list', { States: [] }, ['States']],
    ['a state that cannot be manifested', { States: ['Allocated', 'Unallocated'] }, ['States[1]']],
    ['an unknown state', { States: ['Shipped'] }, ['States[0]']],
    ['a bad ShippingDate', { States: ['Allocated'], ShippingDate: '2026-02-30' }, ['ShippingDate']],
    ['a bad range start', { States: ['Allocated'], ShippingDateRanges: { StartDate: 'soon' } }, ['ShippingDateRanges.StartDate']],
    ['a range ending before it starts', { States: ['Allocated'], ShippingDateRanges: { StartDate: '2026-12-08', EndDate: '2026-12-07' } }, ['ShippingDateRanges']],
    ['every problem at once', { States: ['Nope'], ShippingDate: 'x', ShippingDateRanges: { EndDate: 'y' } }, ['States[0]', 'ShippingDate', 'ShippingDateRanges.EndDate']],
  ] as const)('refuses %s with InvalidManifestQuery naming the field', (_what, body, targets) => {
    expect(fails(body as ManifestQueryBody)).toEqual({ code: 'InvalidManifestQuery', targets });
  });

  it('reads every filter: states by API or display name, both location spellings, carriers in any case, labels, dates', () => {
    expect(parseManifestQuery({
      States: ['ready to ship', 'Allocated', 'Manifest Failed', 'allocated'],
      ShippingLocationReferences: ['WH1'],
      ShippingLocationReference: 'WH2',
      Carriers: ['simpost', ' SIMCOURIER '],
      LabelsPrinted: false,
      ShippingDate: '2026-12-07',
      ShippingDateRanges: { StartDate: '2026-12-01', EndDate: '2026-12-31' },
    })).toEqual({
      states: ['ReadyToShip', 'Allocated', 'ManifestFailed'],
      shippingLocations: ['WH1', 'WH2'],
      carriers: ['SIMPOST', 'SIMCOURIER'],
      labelsPrinted: false,
      shippingDate: [
        { from: '2026-12-07T00:00:00.000Z', to: '2026-12-07T23:59:59.999Z' },
        { from: '2026-12-01T00:00:00.000Z', to: '2026-12-31T23:59:59.999Z' },
      ],
    });
  });

  it('leaves out what is not asked: any location, carrier, labels state and date', () => {
    expect(parseManifestQuery({ States: ['Allocated'], ShippingLocationReference: [], Carriers: null, LabelsPrinted: null, ShippingDateRanges: {} }))
      .toEqual({ states: ['Allocated'], shippingLocations: null, carriers: null, labelsPrinted: null, shippingDate: [] });
  });

  it.each([
    ['2026-12-07', '2026-12-07T00:00:00.000Z', '2026-12-07T23:59:59.999Z'],
    ['2026-12-07T15:30:00Z', '2026-12-07T00:00:00.000Z', '2026-12-07T23:59:59.999Z'],
    // That day where the sender is: midnight to midnight at +01:00.
    ['2026-12-07T09:00:00+01:00', '2026-12-06T23:00:00.000Z', '2026-12-07T22:59:59.999Z'],
  ])('ShippingDate %s means the whole day it falls on, in its own offset', (raw, from, to) => {
    expect(dayOf(raw)).toEqual({ from, to });
  });

  it('an open-ended range is bounded on one side only; a date-time end is taken exactly', () => {
    expect(parseManifestQuery({ States: ['Allocated'], ShippingDateRanges: { EndDate: '2026-12-07T12:00:00Z' } }).shippingDate)
      .toEqual([{ from: '1970-01-01T00:00:00.000Z', to: '2026-12-07T12:00:00.000Z' }]);
  });
});

describe('manifest groups, names and the job rule', () => {
  it('groups by (shipping location, carrier) in first-seen order, keeping member order', () => {
    const c = (ref: string, loc: string, carrier: string) => ({ ref, shippingLocationReference: loc, carrierReference: carrier });
    const groups = groupForManifest([c('a', 'WH1', 'SIMPOST'), c('b', 'WH1', 'SIMCOURIER'), c('c', 'WH2', 'SIMPOST'), c('d', 'WH1', 'SIMPOST')]);
    expect(groups.map((g) => [g.shippingLocationReference, g.carrierReference, g.consignments.map((x) => x.ref)])).toEqual([
      ['WH1', 'SIMPOST', ['a', 'd']],
      ['WH1', 'SIMCOURIER', ['b']],
      ['WH2', 'SIMPOST', ['c']],
    ]);
  });

  it('names the file carrier_location-reference.pdf, with unsafe characters replaced', () => {
    expect(manifestFileName('SIMPOST', 'WH1', 'ab12')).toBe('SIMPOST_WH1-ab12.pdf');
    expect(manifestFileName('SIMPOST', 'WH 1/../x', 'ab12')).toBe('SIMPOST_WH_1_.._x-ab12.pdf');
    expect(manifestFileName('SIMPOST', '', 'ab12')).toBe('SIMPOST_NOLOCATION-ab12.pdf');
  });

  it('writes a destination on one line from the parts present', () => {
    const address = {
      AddressType: 'Destination', CompanyName: null, Contact: { FirstName: 'Jo', LastName: 'Bloggs' }, AddressLine1: '1 High Street', AddressLine2: '',
      AddressLine3: null, Town: 'Leeds', Region: null, Postcode: 'LS1 1AA', Country: { IsoCode: { TwoLetterCode: 'GB' } },
    } as never;
    expect(oneLineAddress(address)).toBe('Jo Bloggs, 1 High Street, Leeds, LS1 1AA, GB');
    expect(oneLineAddress(undefined)).toBe('');
  });

  const now = new Date('2026-12-07T12:00:00Z');
  const grace = 10 * 60_000;
  it.each([
    ['a queued consignment, at once', { mode: 'Queued', at: '2026-12-07T11:59:59Z', run: 'r' }, true],
    ['a running one within the grace period: never mid-flight', { mode: 'Running', at: '2026-12-07T11:55:00Z', run: 'r' }, false],
    ['a running one past the grace period (its run crashed)', { mode: 'Running', at: '2026-12-07T11:49:00Z', run: 'r' }, true],
    ['one with no run, changed recently', null, false],
  ] as const)('the manifest job takes %s', (_what, run, due) => {
    expect(isDueForJob(run, '2026-12-07T11:58:00Z', now, grace)).toBe(due);
  });
  it('and one with no run once its last change is older than the grace period', () => {
    expect(isDueForJob(undefined, '2026-12-07T11:00:00Z', now, grace)).toBe(true);
  });
});
