/** The audit-chain checker the scale-out test relies on: it must accept real trails and catch every kind of break. */
import { describe, expect, it } from 'vitest';
import { type AuditStep, chainProblems } from './audit-chain.js';

const s = (action: string, before: string | null, after: string | null) => ({ action, before, after }) as AuditStep;

const VALID: Record<string, AuditStep[]> = {
  'pack → allocate → ready → manifest → dispatch': [
    s('Packed', null, 'Unallocated'), s('Allocating', 'Unallocated', 'Allocating'), s('Allocated', 'Allocating', 'Allocated'),
    s('LabelsPrinted', 'Allocated', 'Allocated'), s('SetReadyToShip', 'Allocated', 'ReadyToShip'), s('ManifestQueued', 'ReadyToShip', 'Manifesting'),
    s('Manifesting', 'Manifesting', 'Manifesting'), s('Manifested', 'Manifesting', 'Manifested'), s('Dispatched', 'Manifested', 'Dispatched'),
    s('TrackingStateChanged', 'Dispatched', 'Collected'), s('TrackingDatesChanged', 'Collected', 'Collected'), s('TrackingStateChanged', 'Collected', 'InTransit'),
  ],
  'a manifested consignment deallocated: its booking voided first': [
    s('Packed', null, 'Unallocated'), s('Allocating', 'Unallocated', 'Allocating'), s('Allocated', 'Allocating', 'Allocated'),
    s('Manifesting', 'Allocated', 'Manifesting'), s('Manifested', 'Manifesting', 'Manifested'),
    s('Cancelling', 'Manifested', 'Cancelling'), s('CarrierCancelFailed', 'Cancelling', 'Manifested'),
    s('Cancelling', 'Manifested', 'Cancelling'), s('Deallocated', 'Cancelling', 'Unallocated'),
  ],
  'a carrier scan before the manifest': [
    s('Packed', null, 'Unallocated'), s('Allocating', 'Unallocated', 'Allocating'), s('Allocated', 'Allocating', 'Allocated'),
    s('TrackingStateChanged', 'Allocated', 'Collected'),
  ],
  'failed allocation, retried, deallocated, cancelled in one step': [
    s('Packed', null, 'Unallocated'), s('AllocationFailed', 'Unallocated', 'AllocationFailed'), s('Allocating', 'AllocationFailed', 'Allocating'),
    s('AllocationFailed', 'Allocating', 'AllocationFailed'), s('Allocating', 'AllocationFailed', 'Allocating'), s('Allocated', 'Allocating', 'Allocated'),
    s('Deallocated', 'Allocated', 'Unallocated'), s('Cancelled', 'Unallocated', 'Cancelled'),
  ],
  'a carrier refuses the cancel, then accepts': [
    s('Packed', null, 'Unallocated'), s('Allocating', 'Unallocated', 'Allocating'), s('Allocated', 'Allocating', 'Allocated'),
    s('Manifesting', 'Allocated', 'Manifesting'), s('ManifestFailed', 'Manifesting', 'ManifestFailed'),
    s('Cancelling', 'ManifestFailed', 'Cancelling'), s('CarrierCancelFailed', 'Cancelling', 'ManifestFailed'),
    s('Cancelling', 'ManifestFailed', 'Cancelling'), s('Cancelled', 'Cancelling', 'Cancelled'),
  ],
};

const BROKEN: Array<[string, AuditStep[], RegExp]> = [
  ['Allocating skipped', [s('Packed', null, 'Unallocated'), s('Allocated', 'Unallocated', 'Allocated')], /not a step/],
  ['a gap between entries (lost update)', [s('Packed', null, 'Unallocated'), s('Allocating', 'Unallocated', 'Allocating'), s('Allocating', 'Unallocated', 'Allocating')], /previous entry ended in Allocating/],
  ['a command the matrix refuses', [s('Packed', null, 'Unallocated'), s('Deallocated', 'Unallocated', 'Unallocated')], /not a step/],
  ['cancel from ReadyToShip', [s('Packed', null, 'Unallocated'), s('Allocating', 'Unallocated', 'Allocating'), s('Allocated', 'Allocating', 'Allocated'),
    s('SetReadyToShip', 'Allocated', 'ReadyToShip'), s('Cancelled', 'ReadyToShip', 'Cancelled')], /not a step/],
  ['a refused cancel returning elsewhere', [s('Packed', null, 'Unallocated'), s('Allocating', 'Unallocated', 'Allocating'), s('Allocated', 'Allocating', 'Allocated'),
    s('Cancelling', 'Allocated', 'Cancelling'), s('CarrierCancelFailed', 'Cancelling', 'Manifested')], /not a step/],
  ['a trail that does not start at creation', [s('Allocating', 'Unallocated', 'Allocating')], /does not start at creation/],
  ['tracking moving an unallocated consignment', [s('Packed', null, 'Unallocated'), s('TrackingStateChanged', 'Unallocated', 'Collected')], /not a step/],
  ['tracking moving a consignment back before shipping', [s('Packed', null, 'Unallocated'), s('Allocating', 'Unallocated', 'Allocating'), s('Allocated', 'Allocating', 'Allocated'),
    s('TrackingStateChanged', 'Allocated', 'Unallocated')], /not a step/],
  ['an unknown action', [s('Packed', null, 'Unallocated'), s('Teleported', 'Unallocated', 'Delivered')], /unknown audit action/],
];

describe('audit chain checker', () => {
  it.each(Object.entries(VALID))('accepts %s', (_, steps) => {
    expect(chainProblems(steps)).toEqual([]);
  });
  it.each(BROKEN)('flags %s', (_, steps, problem) => {
    expect(chainProblems(steps).join('\n')).toMatch(problem);
  });
});
