/**
 * What a subscriber can ask for, and which events a consignment change raises — pure rules, so
 * the mapping reads (and is tested) as a table.
 */

export const EVENT_TYPES = [
  'OrderCreated', 'OrderUpdated',
  'ConsignmentCreated', 'ConsignmentUpdated', 'ConsignmentCancelled', 'ConsignmentStateChanged', 'ConsignmentAllocated',
  'LabelsPrinted', 'ConsignmentManifested', 'TrackingEvent',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** A subscription to `*` gets every type, including types added later. */
export const ALL_TYPES = '*';

export function wants(eventTypes: readonly string[], type: EventType): boolean {
  return eventTypes.includes(ALL_TYPES) || eventTypes.includes(type);
}

/** The facts of one consignment audit entry the events are derived from. */
export interface ConsignmentChangeFacts {
  action: string;
  category?: string | undefined;
  stateBefore: string | null;
  stateAfter: string | null;
}

/**
 * The events one audit entry raises, in the order they are sent. A change with a specific type
 * (created, allocated, labels, manifested, cancelled, tracking) raises that type; any other raises
 * ConsignmentUpdated. Every move of the state (transient ones included: Allocating, Manifesting,
 * Cancelling are states a client can read) also raises ConsignmentStateChanged.
 */
export function consignmentEventTypes(change: ConsignmentChangeFacts): EventType[] {
  const { action, stateBefore: before, stateAfter: after } = change;
  if (before === null) return ['ConsignmentCreated'];
  const moved = after !== null && after !== before;
  const specific: EventType[] = [];
  if (change.category === 'Tracking' || action.startsWith('Tracking')) specific.push('TrackingEvent');
  else if (action === 'LabelsPrinted') specific.push('LabelsPrinted');
  else if (moved && after === 'Allocated' && before === 'Allocating') specific.push('ConsignmentAllocated');
  else if (moved && after === 'Manifested') specific.push('ConsignmentManifested');
  else if (moved && after === 'Cancelled') specific.push('ConsignmentCancelled');
  return [
    ...specific,
    ...(moved ? (['ConsignmentStateChanged'] as const) : []),
    ...(specific.length === 0 ? (['ConsignmentUpdated'] as const) : []),
  ];
}
