import type { Kysely } from 'kysely';
import { portable } from './portable.js';

/**
 * Webhooks [EXT]: subscriptions, the outbox of events (written in the transaction of the change
 * that caused them), one delivery per subscription and event, and every attempt at it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const p = portable(db);

  await p.id(db.schema.createTable('webhook_subscriptions'))
    .addColumn('customer_id', p.bigint, (c) => c.notNull().references('customers.id'))
    /** `wh_` + 32 hex: opaque, so ids say nothing about how many subscriptions exist. */
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('url', 'text', (c) => c.notNull())
    /** Event type names, or `["*"]` for every type. */
    .addColumn('event_types', p.json, (c) => c.notNull())
    .addColumn('description', 'text')
    /** Kept in clear: signing needs it. Shown to the client once, when the subscription is created. */
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('is_enabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhook_subscriptions_customer').on('webhook_subscriptions').columns(['customer_id', 'is_enabled']).execute();

  /** The outbox: `id` orders the events of one key (a consignment or order reference). */
  await p.id(db.schema.createTable('webhook_events'))
    .addColumn('customer_id', p.bigint, (c) => c.notNull().references('customers.id'))
    .addColumn('event_id', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('ordering_key', 'text', (c) => c.notNull())
    .addColumn('payload', p.json, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await p.id(db.schema.createTable('webhook_deliveries'))
    .addColumn('customer_id', p.bigint, (c) => c.notNull().references('customers.id'))
    .addColumn('subscription_id', p.bigint, (c) => c.notNull().references('webhook_subscriptions.id'))
    .addColumn('event_id', p.bigint, (c) => c.notNull().references('webhook_events.id'))
    /** The event's key, copied so the "nothing earlier of this key still pending" check is one index probe. */
    .addColumn('ordering_key', 'text', (c) => c.notNull())
    /** Pending | Delivered | Failed */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    /** Retries stop at the first failure after this (created + 24 h). */
    .addColumn('give_up_at', 'text', (c) => c.notNull())
    /** A worker holds the delivery until then; another may take it only after the lease ran out. */
    .addColumn('leased_until', 'text')
    .addColumn('lease_token', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('webhook_deliveries_key').on('webhook_deliveries').columns(['subscription_id', 'ordering_key', 'status', 'id']).execute();

  await p.id(db.schema.createTable('webhook_attempts'))
    .addColumn('customer_id', p.bigint, (c) => c.notNull().references('customers.id'))
    .addColumn('delivery_id', p.bigint, (c) => c.notNull().references('webhook_deliveries.id'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('attempted_at', 'text', (c) => c.notNull())
    /** HTTP status, null when no answer came (refused, timed out). */
    .addColumn('status_code', 'integer')
    .addColumn('latency_ms', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('next_attempt_at', 'text')
    .execute();
  await db.schema.createIndex('webhook_attempts_delivery').on('webhook_attempts').columns(['delivery_id', 'attempt']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Packline migrations are forward-only.');
}
