import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { type Condition, FILTER_NAMES, parsePaging, parseSearchFilters } from './search-filters.js';

const parse = (query: Record<string, unknown>) => parseSearchFilters(query);
function problems(query: Record<string, unknown>): string[] {
  try {
    parse(query);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    expect(e.status).toBe(400);
    return e.details.map((d) => `${d.Code} ${d.Target}`);
  }
  return [];
}

describe('parseSearchFilters: the query string of Search Consignments (spec §4.5)', () => {
  const accepted: Array<[string, Record<string, unknown>, Condition[]]> = [
    ['nothing', {}, []],
    ['a date from', { createdDateFrom: '2026-03-01' }, [{ kind: 'date', column: 'created_at', op: '>=', value: '2026-03-01T00:00:00.000Z' }]],
    ['a date to, taking in that whole day', { createdDateTo: '2026-03-01' }, [{ kind: 'date', column: 'created_at', op: '<=', value: '2026-03-01T23:59:59.999Z' }]],
    ['a date-time to, exactly', { endAt: '2026-03-01T10:00:00+01:00' }, [{ kind: 'date', column: 'created_at', op: '<=', value: '2026-03-01T09:00:00.000Z' }]],
    ['an offset whose + arrived as a space', { startFrom: '2026-03-01T10:00:00 01:00' }, [{ kind: 'date', column: 'created_at', op: '>=', value: '2026-03-01T09:00:00.000Z' }]],
    ['the other date ranges', { scheduledDeliveryDateFrom: '2026-01-01', shippedDateTo: '2026-01-01', shippingDateFrom: '2026-01-01', requestedDeliveryDateTo: '2026-01-02T00:00:00Z' }, [
      { kind: 'date', column: 'scheduled_delivery_date', op: '>=', value: '2026-01-01T00:00:00.000Z' },
      { kind: 'date', column: 'shipped_date', op: '<=', value: '2026-01-01T23:59:59.999Z' },
      { kind: 'date', column: 'shipping_date', op: '>=', value: '2026-01-01T00:00:00.000Z' },
      { kind: 'date', column: 'requested_delivery_date', op: '<=', value: '2026-01-02T00:00:00.000Z' },
    ]],
    ['names in any case', { STATE: 'allocated', CreatedDateFROM: '2026-03-01' }, [
      { kind: 'states', values: ['Allocated'] },
      { kind: 'date', column: 'created_at', op: '>=', value: '2026-03-01T00:00:00.000Z' },
    ]],
    ['states by API value, display name or number, comma-separated', { state: 'Ready To Ship, in transit - waiting,26' }, [{ kind: 'states', values: ['ReadyToShip', 'InTransitWaiting', 'Cancelled'] }]],
    ['a reference in any case', { reference: 'ec-000-05b-mma' }, [{ kind: 'equals', column: 'reference', value: 'EC-000-05B-MMA' }]],
    ['consignmentNumber as the reference', { consignmentNumber: 'EC-000-05B-MMA' }, [{ kind: 'equals', column: 'reference', value: 'EC-000-05B-MMA' }]],
    ['a package number', { packageNumber: 'ep-000-05e-yrq' }, [{ kind: 'package', reference: 'EP-000-05E-YRQ' }]],
    ['customer references under both names', { referenceProvidedByCustomer: 'A', clientReference: 'B' }, [
      { kind: 'equals', column: 'customer_consignment_reference', value: 'A' },
      { kind: 'equals', column: 'customer_consignment_reference', value: 'B' },
    ]],
    ['direction and source by name or number', { direction: 'inbound', source: '1' }, [
      { kind: 'equals', column: 'direction', value: 'Inbound' },
      { kind: 'equals', column: 'source', value: 'Web' },
    ]],
    ['weights in grams and kilograms', { weightInGramsFrom: '1500', weightInKgTo: '2.5' }, [
      { kind: 'number', column: 'weight_kg', op: '>=', value: 1.5 },
      { kind: 'number', column: 'weight_kg', op: '<=', value: 2.5 },
    ]],
    ['values', { valueFrom: '0', valueTo: '10.99' }, [
      { kind: 'number', column: 'value_amount', op: '>=', value: 0 },
      { kind: 'number', column: 'value_amount', op: '<=', value: 10.99 },
    ]],
    ['labelsPrinted', { labelsPrinted: 'FALSE' }, [{ kind: 'labelsPrinted', value: false }]],
    ['a postcode, squeezed and upper-cased', { postCode: ' ls1 1aa ' }, [{ kind: 'postcode', value: 'LS11AA' }]],
    ['a country code in any case', { destinationCountryCode: 'gb' }, [{ kind: 'equals', column: 'destination_country', value: 'GB' }]],
    ['carriers as a list', { carriers: 'DPD, ROYAL_MAIL' }, [{ kind: 'carriers', values: ['DPD', 'ROYAL_MAIL'] }]],
    ['the free-text ones as given, trimmed', { searchTerm: ' 50% ', trackingReference: 'JD0001', destinationRegion: 'Kent', carrierService: 'MPD_X', shippingLocationReference: 'WH1' }, [
      { kind: 'searchTerm', value: '50%' },
      { kind: 'tracking', value: 'JD0001' },
      { kind: 'region', value: 'Kent' },
      { kind: 'equals', column: 'carrier_service_reference', value: 'MPD_X' },
      { kind: 'equals', column: 'shipping_location_reference', value: 'WH1' },
    ]],
    ['empty values as absent', { state: '', reference: '  ' }, []],
    ['legacy paging and internal parameters, ignored', { pageSize: '10', startPage: '2', stateAttribute: 'x', creference: 'y', preference: 'z' }, []],
  ];
  it.each(accepted)('reads %s', (_what, query, expected) => {
    expect(parse(query)).toEqual(expected);
  });

  const refused: Array<[string, Record<string, unknown>, string[]]> = [
    ['an unknown parameter', { colour: 'red' }, ['InvalidFilter colour']],
    ['a date that is not one', { createdDateFrom: 'yesterday' }, ['InvalidFilter createdDateFrom']],
    ['a day that does not exist', { shippingDateTo: '2026-02-30' }, ['InvalidFilter shippingDateTo']],
    ['an unknown state', { state: 'Allocated,Lost in space' }, ['InvalidFilter state']],
    ['a negative weight', { weightInKgFrom: '-1' }, ['InvalidFilter weightInKgFrom']],
    ['a weight that is not a number', { weightInGramsTo: '1e3' }, ['InvalidFilter weightInGramsTo']],
    ['a malformed reference', { reference: 'EO-000-000-001' }, ['InvalidFilter reference']],
    ['a malformed package number', { packageNumber: 'BOX-1' }, ['InvalidFilter packageNumber']],
    ['a direction that is not one', { direction: 'Sideways' }, ['InvalidFilter direction']],
    ['labelsPrinted that is not a boolean', { labelsPrinted: 'yes' }, ['InvalidFilter labelsPrinted']],
    ['a three-letter country', { destinationCountryCode: 'GBR' }, ['InvalidFilter destinationCountryCode']],
    ['an unknown country', { destinationCountryCode: 'QQ' }, ['InvalidFilter destinationCountryCode']],
    ['a parameter given twice', { state: ['Allocated', 'Unallocated'] }, ['InvalidFilter state']],
    ['the same parameter in two spellings', { state: 'Allocated', State: 'Unallocated' }, ['InvalidFilter State']],
    ['an absurdly long value', { searchTerm: 'x'.repeat(201) }, ['InvalidFilter searchTerm']],
    ['several bad ones, all named', { state: 'Nope', valueTo: 'lots', size: 'L' }, ['InvalidFilter state', 'InvalidFilter valueTo', 'InvalidFilter size']],
  ];
  it.each(refused)('refuses %s with 400 InvalidFilter naming the parameter', (_what, query, expected) => {
    expect(problems(query)).toEqual(expected);
  });

  it('knows every filter the spec lists', () => {
    expect(FILTER_NAMES.sort()).toEqual([
      'carrierService', 'carriers', 'clientReference', 'consignmentNumber', 'createdDateFrom', 'createdDateTo', 'destinationCountryCode',
      'destinationRegion', 'direction', 'endAt', 'labelsPrinted', 'packageNumber', 'postCode', 'reference', 'referenceProvidedByCustomer',
      'requestedDeliveryDateFrom', 'requestedDeliveryDateTo', 'scheduledDeliveryDateFrom', 'scheduledDeliveryDateTo', 'searchTerm',
      'shippedDateFrom', 'shippedDateTo', 'shippingDateFrom', 'shippingDateTo', 'shippingLocationReference', 'source', 'startFrom', 'state',
      'trackingReference', 'valueFrom', 'valueTo', 'weightInGramsFrom', 'weightInGramsTo', 'weightInKgFrom', 'weightInKgTo',
    ]);
  });
});

describe('parsePaging: {take}/{skip}', () => {
  it.each([
    ['1', '0', { take: 1, skip: 0 }],
    ['1000', '25', { take: 1000, skip: 25 }],
  ])('reads take %s skip %s', (take, skip, expected) => {
    expect(parsePaging(take, skip)).toEqual(expected);
  });

  it.each([
    ['0', '0', ['take']],
    ['1001', '0', ['take']],
    ['10', '-1', ['skip']],
    ['1.5', '0', ['take']],
    ['ten', 'x', ['take', 'skip']],
    ['', '0', ['take']],
  ])('refuses take %s skip %s with 400 InvalidPaging naming %j', (take, skip, targets) => {
    try {
      parsePaging(take, skip);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('InvalidPaging');
      expect((e as AppError).details.map((d) => d.Target)).toEqual(targets);
    }
  });
});
