/** Subscriptions and deliveries on the wire (PascalCase). The secret appears only on creation. */
import type { DeliveryView } from './deliveries.repo.js';
import type { Subscription } from './subscriptions.repo.js';

export function presentSubscription(s: Subscription) {
  return {
    Id: s.reference,
    Url: s.url,
    EventTypes: s.eventTypes,
    Description: s.description,
    IsEnabled: s.isEnabled,
    CreatedAt: s.createdAt,
    UpdatedAt: s.updatedAt,
  };
}

export function presentDelivery(d: DeliveryView) {
  return {
    EventId: d.eventId,
    EventType: d.eventType,
    /** The consignment or order reference the event is about (events of one key are sent in order). */
    Reference: d.orderingKey,
    Status: d.status,
    AttemptCount: d.attempts,
    CreatedAt: d.createdAt,
    NextAttemptAt: d.nextAttemptAt,
    DeliveredAt: d.deliveredAt,
    Attempts: d.attemptLog.map((a) => ({
      Attempt: a.attempt, AttemptedAt: a.attemptedAt, StatusCode: a.statusCode, LatencyMs: a.latencyMs, Error: a.error,
    })),
  };
}
