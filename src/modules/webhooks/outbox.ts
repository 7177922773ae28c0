/**
 * The outbox: events are written by the transaction that made the change, so an event exists if
 * and only if its change committed. Each event gets one delivery per enabled subscription that
 * wants its type, written in that same transaction; a customer without such a subscription pays
 * one indexed read and writes nothing.
 */
import { randomBytes } from 'node:crypto';
import type { DbOrTx } from '../../db/schema.js';
import { enabledSubscriptions } from './subscriptions.repo.js';
import { type ConsignmentChangeFacts, type EventType, consignmentEventTypes, wants } from './webhook-events.js';

/** Retries go on for at least this long after an event was queued (issue 6: 24 hours). */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The wire shape of an event (documented in docs/api.md, Webhooks). */
export interface WebhookPayload {
  Id: string;
  Type: EventType;
  CreatedAt: string;
  Data: Record<string, unknown>;
}

export const newEventId = () => `evt_${randomBytes(16).toString('hex')}`;

export function giveUpAt(queuedAt: string): string {
  return new Date(Date.parse(queuedAt) + RETRY_WINDOW_MS).toISOString();
}

/**
 * Writes `types` for one ordering key (a consignment or order reference), in order, with the
 * same `data`. Call inside the change's transaction.
 */
export async function writeEvents(
  tx: DbOrTx,
  customerId: number,
  orderingKey: string,
  at: string,
  types: readonly EventType[],
  data: Record<string, unknown>,
): Promise<void> {
  if (types.length === 0) return;
  const subscriptions = await enabledSubscriptions(tx, customerId);
  if (subscriptions.length === 0) return;
  for (const type of types) {
    const targets = subscriptions.filter((s) => wants(s.eventTypes, type));
    if (targets.length === 0) continue;
    const payload: WebhookPayload = { Id: newEventId(), Type: type, CreatedAt: at, Data: data };
    const event = await tx.insertInto('webhook_events')
      .values({ customer_id: customerId, event_id: payload.Id, type, ordering_key: orderingKey, payload: JSON.stringify(payload), created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('webhook_deliveries')
      .values(targets.map((s) => ({
        customer_id: customerId,
        subscription_id: s.id,
        event_id: Number(event.id),
        ordering_key: orderingKey,
        status: 'Pending' as const,
        attempts: 0,
        next_attempt_at: at,
        give_up_at: giveUpAt(at),
        created_at: at,
      })))
      .execute();
  }
}

/** A consignment's audit entry → its events (webhook-events.ts), with a small summary as Data. */
export function writeConsignmentEvents(
  tx: DbOrTx,
  customerId: number,
  reference: string,
  entry: ConsignmentChangeFacts & { at: string; message: string; details?: unknown },
): Promise<void> {
  return writeEvents(tx, customerId, reference, entry.at, consignmentEventTypes(entry), {
    ConsignmentReference: reference,
    State: entry.stateAfter,
    PreviousState: entry.stateBefore,
    Action: entry.action,
    Message: entry.message,
    ...(entry.details === undefined ? {} : { Details: entry.details }),
  });
}

export function writeOrderEvent(
  tx: DbOrTx,
  customerId: number,
  type: 'OrderCreated' | 'OrderUpdated',
  order: { reference: string; at: string; customerReference: string | null; shippingDate: string | null },
): Promise<void> {
  return writeEvents(tx, customerId, order.reference, order.at, [type], {
    OrderReference: order.reference,
    OrderReferenceProvidedByCustomer: order.customerReference,
    ShippingDate: order.shippingDate,
  });
}
