/** Deliveries and their attempts: claiming due ones under a lease, recording outcomes, listing. */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { type Db, type DbOrTx, type DialectName, readJson } from '../../db/schema.js';
import type { WebhookPayload } from './outbox.js';

/** A delivery a worker holds: everything it needs to send it. */
export interface ClaimedDelivery {
  id: number;
  leaseToken: string;
  /** Attempts made before this one. */
  attempts: number;
  giveUpAt: string;
  customerId: number;
  url: string;
  secret: string;
  payload: WebhookPayload;
}

/**
 * Takes up to `limit` due deliveries under a lease until `leaseUntil`. A delivery is due when it
 * is Pending, its time has come, no worker's lease on it is still running, its subscription is
 * enabled, and no earlier delivery of the same key to the same subscription is still Pending —
 * that last rule keeps one consignment's (or order's) events in order, across workers too.
 * One UPDATE … WHERE id IN (SELECT …) RETURNING: on PostgreSQL the inner select locks the rows
 * it picks and skips rows another worker is claiming at that moment (FOR UPDATE SKIP LOCKED),
 * and the outer WHERE re-checks the lease on the row's latest version; on SQLite the statement
 * runs alone (one writer at a time).
 */
export async function claimDue(db: Db, dialect: DialectName, now: string, leaseUntil: string, limit: number): Promise<ClaimedDelivery[]> {
  const token = randomBytes(12).toString('hex');
  let due = db.selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
    .select('d.id')
    .where('d.status', '=', 'Pending')
    .where('d.next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('d.leased_until', 'is', null), eb('d.leased_until', '<', now)]))
    .where('s.is_enabled', '=', 1)
    .where(({ not, exists, selectFrom }) => not(exists(
      selectFrom('webhook_deliveries as e')
        .select(sql`1`.as('one'))
        .whereRef('e.subscription_id', '=', 'd.subscription_id')
        .whereRef('e.ordering_key', '=', 'd.ordering_key')
        .where('e.status', '=', 'Pending')
        .whereRef('e.id', '<', 'd.id'),
    )))
    .orderBy('d.id')
    .limit(limit);
  if (dialect === 'postgres') due = due.forUpdate(['d']).skipLocked();
  const claimed = await db.updateTable('webhook_deliveries')
    .set({ leased_until: leaseUntil, lease_token: token })
    .where('id', 'in', due)
    .where('status', '=', 'Pending')
    .where((eb) => eb.or([eb('leased_until', 'is', null), eb('leased_until', '<', now)]))
    .returning('id')
    .execute();
  if (claimed.length === 0) return [];
  const rows = await db.selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as ev', 'ev.id', 'd.event_id')
    .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
    .select(['d.id', 'd.lease_token', 'd.attempts', 'd.give_up_at', 'd.customer_id', 's.url', 's.secret', 'ev.payload'])
    .where('d.lease_token', '=', token)
    .orderBy('d.id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    leaseToken: token,
    attempts: Number(r.attempts),
    giveUpAt: r.give_up_at,
    customerId: Number(r.customer_id),
    url: r.url,
    secret: r.secret,
    payload: readJson<WebhookPayload>(r.payload),
  }));
}

export interface AttemptOutcome {
  attempt: number;
  attemptedAt: string;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  /** The delivery afterwards. */
  status: 'Pending' | 'Delivered' | 'Failed';
  nextAttemptAt: string | null;
}

/**
 * Records one attempt and moves the delivery on — only while this worker's lease is the one on
 * it (a worker that stalled past its lease must not overwrite what the next one did). Answers
 * whether the lease still held.
 */
export async function finishAttempt(tx: DbOrTx, d: ClaimedDelivery, o: AttemptOutcome): Promise<boolean> {
  const r = await tx.updateTable('webhook_deliveries')
    .set({
      status: o.status,
      attempts: o.attempt,
      ...(o.nextAttemptAt ? { next_attempt_at: o.nextAttemptAt } : {}),
      ...(o.status === 'Delivered' ? { delivered_at: o.attemptedAt } : {}),
      leased_until: null,
      lease_token: null,
    })
    .where('id', '=', d.id)
    .where('lease_token', '=', d.leaseToken)
    .executeTakeFirst();
  const held = Number(r.numUpdatedRows) === 1;
  // Unsubscribed while the request was out: the delivery and its history are gone; record nothing.
  if (!held && !(await tx.selectFrom('webhook_deliveries').select('id').where('id', '=', d.id).executeTakeFirst())) return false;
  await tx.insertInto('webhook_attempts').values({
    customer_id: d.customerId,
    delivery_id: d.id,
    attempt: o.attempt,
    attempted_at: o.attemptedAt,
    status_code: o.statusCode,
    latency_ms: o.latencyMs,
    error: o.error,
    next_attempt_at: held ? o.nextAttemptAt : null,
  }).execute();
  return held;
}

export interface DeliveryView {
  id: number;
  eventId: string;
  eventType: string;
  orderingKey: string;
  status: string;
  attempts: number;
  createdAt: string;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  attemptLog: Array<{ attempt: number; attemptedAt: string; statusCode: number | null; latencyMs: number; error: string | null }>;
}

/** One subscription's deliveries, newest first, with their attempts. */
export async function listDeliveries(db: DbOrTx, customerId: number, subscriptionId: number, page: { take: number; skip: number }) {
  const base = db.selectFrom('webhook_deliveries as d').where('d.customer_id', '=', customerId).where('d.subscription_id', '=', subscriptionId);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .innerJoin('webhook_events as ev', 'ev.id', 'd.event_id')
    .select(['d.id', 'ev.event_id', 'ev.type', 'd.ordering_key', 'd.status', 'd.attempts', 'd.created_at', 'd.next_attempt_at', 'd.delivered_at'])
    .orderBy('d.id', 'desc')
    .limit(page.take)
    .offset(page.skip)
    .execute();
  const ids = rows.map((r) => Number(r.id));
  const attempts = ids.length === 0 ? [] : await db.selectFrom('webhook_attempts').selectAll()
    .where('customer_id', '=', customerId).where('delivery_id', 'in', ids).orderBy('attempt').execute();
  const views: DeliveryView[] = rows.map((r) => ({
    id: Number(r.id),
    eventId: r.event_id,
    eventType: r.type,
    orderingKey: r.ordering_key,
    status: r.status,
    attempts: Number(r.attempts),
    createdAt: r.created_at,
    nextAttemptAt: r.status === 'Pending' ? r.next_attempt_at : null,
    deliveredAt: r.delivered_at,
    attemptLog: attempts.filter((a) => Number(a.delivery_id) === Number(r.id)).map((a) => ({
      attempt: Number(a.attempt), attemptedAt: a.attempted_at, statusCode: a.status_code === null ? null : Number(a.status_code),
      latencyMs: Number(a.latency_ms), error: a.error,
    })),
  }));
  return { total: Number(total.n), deliveries: views };
}

/** The event (by its public id) if it was ever queued for this subscription. */
export async function findSubscriptionEvent(db: DbOrTx, customerId: number, subscriptionId: number, eventId: string) {
  return db.selectFrom('webhook_events as ev')
    .innerJoin('webhook_deliveries as d', 'd.event_id', 'ev.id')
    .select(['ev.id', 'ev.ordering_key'])
    .where('ev.customer_id', '=', customerId)
    .where('ev.event_id', '=', eventId)
    .where('d.subscription_id', '=', subscriptionId)
    .executeTakeFirst();
}

export async function insertDelivery(db: DbOrTx, d: { customerId: number; subscriptionId: number; eventId: number; orderingKey: string; at: string; giveUpAt: string }) {
  await db.insertInto('webhook_deliveries').values({
    customer_id: d.customerId, subscription_id: d.subscriptionId, event_id: d.eventId, ordering_key: d.orderingKey,
    status: 'Pending', attempts: 0, next_attempt_at: d.at, give_up_at: d.giveUpAt, created_at: d.at,
  }).execute();
}
