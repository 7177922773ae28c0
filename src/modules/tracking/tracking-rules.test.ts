import { describe, expect, it } from 'vitest';
import { STATE_EVENT_CODES, type StateEventCode } from '../../carriers/carrier.js';
import { CONSIGNMENT_STATES, type ConsignmentState } from '../consignments/consignment-state.js';
import {
  applyTracking, consignmentStateOf, DELIVERED, GONE_WRONG, parcelState, PROGRESS, type RecordedEvent, sameOutcome, type TrackingDates, tracksState,
} from './tracking-rules.js';

const NO_DATES: TrackingDates = {
  DateCollected: null, DateShipped: null, FirstAttemptedDeliveryDate: null, AttemptedDeliveryDate: null, DateDelivered: null, DateReturned: null,
};
const at = (hour: number) => `2026-12-08T${String(hour).padStart(2, '0')}:00:00.000Z`;
const ev = (parcel: string, code: string, hour: number): RecordedEvent => ({ parcel, code, at: at(hour) });

describe('tracking rules (spec §9.4)', () => {
  it('orders every state-bearing code exactly once across PROGRESS, DELIVERED and GONE_WRONG', () => {
    const all = [...PROGRESS, ...DELIVERED, ...GONE_WRONG];
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual([...STATE_EVENT_CODES].sort());
  });

  it.each([
    ...(['Allocated', 'ReadyToShip', 'Manifested', 'ManifestFailed', 'Dispatched', 'InTransit', 'Delivered', 'PartiallyDelivered', 'Lost'] as const).map((s) => [s, true] as const),
    ...(['Unallocated', 'AllocationFailed', 'Allocating', 'Manifesting', 'Cancelling', 'Cancelled'] as const).map((s) => [s, false] as const),
  ])('events move a %s consignment: %s', (state, moves) => {
    expect(tracksState(state)).toBe(moves);
  });

  it('covers every consignment state in the table above (no state forgotten)', () => {
    // Every state is either tracked or one of the six listed as untracked.
    const untracked = CONSIGNMENT_STATES.filter((s) => !tracksState(s));
    expect(untracked.sort()).toEqual(['Allocating', 'AllocationFailed', 'Cancelled', 'Cancelling', 'Manifesting', 'Unallocated']);
  });

  describe('package state = its latest state-bearing event by TimeStamp', () => {
    it.each<[string, RecordedEvent[], StateEventCode | null]>([
      ['no events', [], null],
      ['only informational events', [ev('P', 'Information', 9), ev('P', 'LabelPrinted', 10)], null],
      ['events in order', [ev('P', 'Collected', 9), ev('P', 'InTransit', 10)], 'InTransit'],
      ['events out of order: the later timestamp wins, not the later arrival', [ev('P', 'OutForDelivery', 12), ev('P', 'InTransit', 10)], 'OutForDelivery'],
      ['an informational event after a state event leaves the state', [ev('P', 'InTransit', 10), ev('P', 'Information', 11)], 'InTransit'],
      ['the same timestamp: the later-recorded one wins', [ev('P', 'InTransit', 10), ev('P', 'AtCustoms', 10)], 'AtCustoms'],
      ['a journey that goes back (customs cleared → in transit again)', [ev('P', 'AtCustoms', 10), ev('P', 'InTransit', 11)], 'InTransit'],
    ])('%s', (_name, events, expected) => {
      expect(parcelState(events)).toBe(expected);
    });
  });

  describe('consignment state from package states', () => {
    it.each<[(StateEventCode | null)[], ConsignmentState | null]>([
      [[null], null],
      [[null, null], null],
      [['InTransit'], 'InTransit'],
      [['Collected', 'InTransit'], 'InTransit'],
      [['OutForDelivery', 'InTransit'], 'OutForDelivery'],
      [['InTransit', null], 'InTransit'],
      [['Delivered'], 'Delivered'],
      [['Delivered', 'Delivered'], 'Delivered'],
      [['Delivered', 'OutForDelivery'], 'PartiallyDelivered'],
      [['Delivered', null], 'PartiallyDelivered'],
      [['Delivered', 'Lost'], 'PartiallyDelivered'],
      [['DeliveredDamaged', 'Delivered'], 'DeliveredDamaged'],
      [['DeliveredDamaged', 'InTransit'], 'PartiallyDelivered'],
      [['Lost', 'InTransit'], 'Lost'],
      [['Missing', 'OutForDelivery'], 'Missing'],
      [['Damaged', 'InTransit'], 'Damaged'],
      [['Damaged', 'Lost'], 'Lost'],
      [['Damaged', 'Missing'], 'Missing'],
      [['Lost', null], 'Lost'],
      [['DeliveryFailedCardLeft', 'OutForDelivery'], 'DeliveryFailedCardLeft'],
      [['DeliveryFailed', 'ReturnToSender'], 'ReturnToSender'],
      [['Delayed', 'InTransit'], 'Delayed'],
      [['Dispatched', 'Collected'], 'Collected'],
    ])('%j → %s', (states, expected) => {
      expect(consignmentStateOf(states)).toBe(expected);
    });
  });

  describe('applying events to a consignment', () => {
    const from = (state: ConsignmentState, dates: Partial<TrackingDates> = {}) => ({ state, dates: { ...NO_DATES, ...dates } });

    it('moves Manifested → Collected and sets DateCollected and DateShipped from the event', () => {
      expect(applyTracking(from('Manifested'), ['P'], [ev('P', 'Collected', 9)])).toEqual({
        state: 'Collected', dates: { ...NO_DATES, DateCollected: at(9), DateShipped: at(9) },
      });
    });

    it('keeps DateShipped set by Dispatch and DateCollected already set; InTransit alone proves collection', () => {
      const r = applyTracking(from('Dispatched', { DateShipped: at(7) }), ['P'], [ev('P', 'InTransit', 10)]);
      expect(r).toEqual({ state: 'InTransit', dates: { ...NO_DATES, DateShipped: at(7), DateCollected: at(10) } });
    });

    it('moves a pre-manifest Allocated consignment straight to the event state (early scans)', () => {
      expect(applyTracking(from('Allocated'), ['P'], [ev('P', 'Collected', 9)]).state).toBe('Collected');
    });

    it.each(['Unallocated', 'AllocationFailed', 'Allocating', 'Manifesting', 'Cancelling', 'Cancelled'] as const)(
      'leaves a %s consignment and its dates alone', (state) => {
        const current = from(state);
        expect(applyTracking(current, ['P'], [ev('P', 'Collected', 9), ev('P', 'Delivered', 12)])).toBe(current);
      });

    it('records the first and the latest failed attempt, then the delivery', () => {
      const events = [
        ev('P', 'Collected', 8), ev('P', 'OutForDelivery', 9), ev('P', 'DeliveryFailedCardLeft', 10),
        ev('P', 'OutForDelivery', 11), ev('P', 'DeliveryFailedCardLeft', 12), ev('P', 'OutForDelivery', 13), ev('P', 'Delivered', 14),
      ];
      expect(applyTracking(from('Manifested'), ['P'], events)).toEqual({
        state: 'Delivered',
        dates: { DateCollected: at(8), DateShipped: at(8), FirstAttemptedDeliveryDate: at(10), AttemptedDeliveryDate: at(12), DateDelivered: at(14), DateReturned: null },
      });
    });

    it('sets DateReturned on ReturnToSender', () => {
      const r = applyTracking(from('OutForDelivery'), ['P'], [ev('P', 'DeliveryFailed', 10), ev('P', 'ReturnToSender', 11)]);
      expect(r.state).toBe('ReturnToSender');
      expect(r.dates).toMatchObject({ FirstAttemptedDeliveryDate: at(10), AttemptedDeliveryDate: at(10), DateReturned: at(11) });
    });

    it('is PartiallyDelivered with one of two packages delivered, and no DateDelivered until both are', () => {
      const partly = applyTracking(from('InTransit'), ['A', 'B'], [ev('A', 'Delivered', 10), ev('B', 'OutForDelivery', 10)]);
      expect(partly.state).toBe('PartiallyDelivered');
      expect(partly.dates.DateDelivered).toBeNull();
      const both = applyTracking(partly, ['A', 'B'], [ev('A', 'Delivered', 10), ev('B', 'OutForDelivery', 10), ev('B', 'Delivered', 15)]);
      expect(both).toMatchObject({ state: 'Delivered', dates: { DateDelivered: at(15) } });
    });

    it('ignores events of packages the consignment does not have', () => {
      expect(applyTracking(from('Manifested'), ['P'], [ev('X', 'Delivered', 10)])).toEqual(from('Manifested'));
    });

    it('keeps the state when only informational events arrived', () => {
      expect(applyTracking(from('InTransit'), ['P'], [ev('P', 'Information', 10)]).state).toBe('InTransit');
    });

    it('is idempotent: applying the same events again changes nothing', () => {
      const events = [ev('P', 'Collected', 8), ev('P', 'InTransit', 9)];
      const once = applyTracking(from('Manifested'), ['P'], events);
      expect(sameOutcome(applyTracking(once, ['P'], events), once)).toBe(true);
      expect(sameOutcome(once, from('Manifested'))).toBe(false);
    });
  });
});
