/**
 * Scripted tracking journeys of the simulated carriers. A consignment picks its script with the
 * metadata key `SimulatedJourney` (default `Delivered`); each tracking poll (the tracking job, or
 * an on-demand advance) moves every parcel one step further.
 */
import type { StateEventCode } from '../carrier.js';

export const JOURNEYS = {
  Delivered: ['Collected', 'InTransit', 'OutForDelivery', 'Delivered'],
  DeliveredAfterFailedAttempt: ['Collected', 'InTransit', 'OutForDelivery', 'DeliveryFailedCardLeft', 'OutForDelivery', 'Delivered'],
  DeliveryFailed: ['Collected', 'InTransit', 'OutForDelivery', 'DeliveryFailed', 'ReturnToSender'],
  Lost: ['Collected', 'InTransit', 'Lost'],
  Damaged: ['Collected', 'InTransit', 'Damaged'],
  Customs: ['Collected', 'InTransit', 'AtCustoms', 'InTransit', 'OutForDelivery', 'Delivered'],
} as const satisfies Record<string, readonly StateEventCode[]>;
export type JourneyName = keyof typeof JOURNEYS;

export const JOURNEY_METADATA_KEY = 'SimulatedJourney';
/** Metadata switch for one consignment: `Booking`, `Manifest` or `Cancel` fails at the carrier. */
export const FAILURE_METADATA_KEY = 'SimulateFailure';

export function journeyOf(metaData: ReadonlyMap<string, string>): readonly StateEventCode[] {
  const wanted = metaData.get(JOURNEY_METADATA_KEY.toLowerCase());
  const name = (Object.keys(JOURNEYS) as JourneyName[]).find((j) => j.toLowerCase() === wanted?.toLowerCase());
  return JOURNEYS[name ?? 'Delivered'];
}

/** The descriptions the simulated carriers print for each step. */
export const STEP_DESCRIPTIONS: Partial<Record<StateEventCode, string>> = {
  Collected: 'Collected from sender',
  InTransit: 'In transit to delivery depot',
  OutForDelivery: 'Out for delivery',
  Delivered: 'Delivered',
  DeliveryFailedCardLeft: 'Delivery attempted; card left',
  DeliveryFailed: 'Delivery failed: address not accessible',
  ReturnToSender: 'Returning to sender',
  Lost: 'Parcel could not be located',
  Damaged: 'Parcel damaged in transit',
  AtCustoms: 'Held at customs for clearance',
};
