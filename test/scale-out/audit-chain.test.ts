/** The audit-chain checker the scale-out test relies on: it must accept real trails and catch every kind of break. */
import { describe, expect, it } from 'vitest';
import { type AuditStep, chainProblems } from './audit-chain.js';
import { type Snapshot, type StoredRow, auditProblems } from './checks.js';

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

describe('audit checks over a snapshot', () => {
  const consignment = (state: string) => ({ id: 1, reference: 'EC-000-000-001', state, orderId: null, isReturn: false, document: {} as never, shipment: null }) as StoredRow;
  const snapshot = (state: string, steps: AuditStep[]): Snapshot => ({
    consignments: [consignment(state)],
    audit: steps.map((step, i) => ({ id: i + 1, consignmentId: 1, ...step })),
    units: new Map(), orderReferences: new Map(), packageReferences: [],
  });
  const queued = [s('Packed', null, 'Unallocated'), s('Allocating', 'Unallocated', 'Allocating'), s('Allocated', 'Allocating', 'Allocated'), s('ManifestQueued', 'Allocated', 'Manifesting')];

  it('accepts one manifest job taking over a queued claim', () => {
    expect(auditProblems(snapshot('Manifested', [...queued, s('Manifesting', 'Manifesting', 'Manifesting'), s('Manifested', 'Manifesting', 'Manifested')])).problems).toEqual([]);
  });
  it('flags two instances\' jobs both taking over the same claim', () => {
    expect(auditProblems(snapshot('Manifested', [...queued, s('Manifesting', 'Manifesting', 'Manifesting'), s('Manifesting', 'Manifesting', 'Manifesting'), s('Manifested', 'Manifesting', 'Manifested')])).problems)
      .toEqual(['EC-000-000-001: the manifest job took over one claim twice']);
  });
  it('flags a stored state the trail does not end in', () => {
    expect(auditProblems(snapshot('Allocated', queued.slice(0, 2))).problems).toEqual(['EC-000-000-001: stored state Allocated, but the trail ends in Allocating']);
  });
});
