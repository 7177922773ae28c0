import { describe, expect, it } from 'vitest';
import { consignmentEventTypes, wants } from './webhook-events.js';

describe('consignment changes → webhook event types', () => {
  it.each([
    // action, category, before, after → events
    ['Created', undefined, null, 'Unallocated', ['ConsignmentCreated']],
    ['Packed', undefined, null, 'Unallocated', ['ConsignmentCreated']],
    ['Updated', undefined, 'Unallocated', 'Unallocated', ['ConsignmentUpdated']],
    ['PackageAdded', undefined, 'Unallocated', 'Unallocated', ['ConsignmentUpdated']],
    ['Allocating', undefined, 'Unallocated', 'Allocating', ['ConsignmentStateChanged', 'ConsignmentUpdated']],
    ['Allocated', undefined, 'Allocating', 'Allocated', ['ConsignmentAllocated', 'ConsignmentStateChanged']],
    ['AllocationFailed', undefined, 'Allocating', 'AllocationFailed', ['ConsignmentStateChanged', 'ConsignmentUpdated']],
    ['LabelsPrinted', 'Labels', 'Allocated', 'Allocated', ['LabelsPrinted']],
    ['SetReadyToShip', undefined, 'Allocated', 'ReadyToShip', ['ConsignmentStateChanged', 'ConsignmentUpdated']],
    ['Manifested', undefined, 'Manifesting', 'Manifested', ['ConsignmentManifested', 'ConsignmentStateChanged']],
    ['Cancelled', undefined, 'Unallocated', 'Cancelled', ['ConsignmentCancelled', 'ConsignmentStateChanged']],
    ['Cancelled', undefined, 'Cancelling', 'Cancelled', ['ConsignmentCancelled', 'ConsignmentStateChanged']],
    ['TrackingStateChanged', 'Tracking', 'Manifested', 'InTransit', ['TrackingEvent', 'ConsignmentStateChanged']],
    ['TrackingDatesChanged', 'Tracking', 'InTransit', 'InTransit', ['TrackingEvent']],
  ] as const)('%s (%s) %s → %s raises %j', (action, category, stateBefore, stateAfter, expected) => {
    expect(consignmentEventTypes({ action, category, stateBefore, stateAfter })).toEqual(expected);
  });

  it('"*" wants every type; a list wants only what it names', () => {
    expect(wants(['*'], 'TrackingEvent')).toBe(true);
    expect(wants(['OrderCreated'], 'OrderCreated')).toBe(true);
    expect(wants(['OrderCreated'], 'OrderUpdated')).toBe(false);
  });
});
