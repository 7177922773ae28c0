import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import {
  CONSIGNMENT_ACTIONS, CONSIGNMENT_STATES, CONSIGNMENT_STATE_NUMBERS, type ConsignmentAction, type ConsignmentState,
  allowedActions, checkAction, isAllowed, parseState, stateError,
} from './consignment-state.js';

/** Spec §4.12's action matrix, written out again by hand: ✓ = allowed. */
const MATRIX: Array<[ConsignmentState, string]> = [
  //                       Alloc Edit Deal Labl Mani RTS NRTS Disp Canc
  ['Unallocated',         '✓    ✓    ✗    ✗    ✗    ✗   ✗    ✗    ✓'],
  ['AllocationFailed',    '✓    ✓    ✗    ✗    ✗    ✗   ✗    ✗    ✓'],
  ['Allocated',           '✗    ✗    ✓    ✓    ✓    ✓   ✗    ✗    ✓'],
  ['ReadyToShip',         '✗    ✗    ✗    ✓    ✓    ✗   ✓    ✗    ✗'],
  ['ManifestFailed',      '✗    ✗    ✓    ✓    ✓    ✗   ✗    ✗    ✓'],
  ['Manifested',          '✗    ✗    ✓    ✓    ✗    ✗   ✗    ✓    ✓'],
  ['Dispatched',          '✗    ✗    ✗    ✓    ✗    ✗   ✗    ✗    ✗'],
  ['InTransit',           '✗    ✗    ✗    ✓    ✗    ✗   ✗    ✗    ✗'],
  ['Delivered',           '✗    ✗    ✗    ✓    ✗    ✗   ✗    ✗    ✗'],
  ['Cancelled',           '✗    ✗    ✗    ✗    ✗    ✗   ✗    ✗    ✗'],
];

describe('consignment state machine (spec §4.12)', () => {
  const cases = MATRIX.flatMap(([state, row]) =>
    row.split(/\s+/).map((mark, i) => [state, CONSIGNMENT_ACTIONS[i]!, mark === '✓'] as const));

  it.each(cases)('%s allows %s: %s', (state, action, allowed) => {
    expect(isAllowed(state, action)).toBe(allowed);
  });

  it.each(['Allocating', 'Manifesting', 'Cancelling'] as const)('%s is busy: every action answers 409 ConsignmentBusy', (state) => {
    for (const action of CONSIGNMENT_ACTIONS) {
      const error = stateError('EC-000-000-001', state, action);
      expect(error.code).toBe('ConsignmentBusy');
      expect(error.status).toBe(409);
    }
  });

  it('an illegal action answers 400 InvalidConsignmentState naming the state and what is allowed', () => {
    let error: unknown;
    try {
      checkAction('EC-000-000-001', 'Allocated', 'Edit');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    expect([e.code, e.status]).toEqual(['InvalidConsignmentState', 400]);
    expect(e.message).toContain('Allocated');
    expect(e.message).toContain('Deallocate, Labels, Manifest, SetReadyToShip, Cancel');
  });

  it('nothing can be done to a cancelled consignment, and says so', () => {
    expect(allowedActions('Cancelled')).toEqual([]);
    expect(stateError('EC-000-000-001', 'Cancelled', 'Cancel').message).toContain('Nothing can be done to a Cancelled consignment');
  });

  const shipped = CONSIGNMENT_STATES.filter((s) => CONSIGNMENT_STATE_NUMBERS[s] >= 7 && CONSIGNMENT_STATE_NUMBERS[s] <= 32
    && !['Cancelling', 'Cancelled'].includes(s));
  it.each(shipped)('shipped state %s can be cancelled only with allowAfterDispatch, and never when final', (state) => {
    expect(isAllowed(state, 'Cancel')).toBe(false);
    const final = ['Delivered', 'PartiallyDelivered', 'InTransitWaiting', 'DeliveryFailed'].includes(state);
    expect(isAllowed(state, 'Cancel', { allowCancelAfterDispatch: true })).toBe(!final);
  });

  it.each<[string, ConsignmentState | undefined]>([
    ['Allocated', 'Allocated'],
    ['allocated', 'Allocated'],
    ['Ready To Ship', 'ReadyToShip'],
    ['In Transit - Waiting', 'InTransitWaiting'],
    ['Return to Sender', 'ReturnToSender'],
    ['40', 'ReadyToShip'],
    ['0', 'Unallocated'],
    ['8', undefined],
    ['Shipped', undefined],
    ['', undefined],
  ])('parses the filter value %j as %s', (raw, state) => {
    expect(parseState(raw)).toBe(state);
  });

  it('numbers every state as the SDK does, each number once', () => {
    const numbers = Object.values(CONSIGNMENT_STATE_NUMBERS);
    expect(new Set(numbers).size).toBe(CONSIGNMENT_STATES.length);
    expect(numbers).not.toContain(8);
  });

});
