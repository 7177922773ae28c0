/** Webhook subscriptions of one customer: every query filters on customer_id. */
import { type DbOrTx, readJson } from '../../db/schema.js';

export interface Subscription {
  id: number;
  reference: string;
  url: string;
  eventTypes: string[];
  description: string | null;
  secret: string;
  isEnabled: boolean;
  createdAt: string;
  updatedAt: string;
}

type Row = {
  id: number; reference: string; url: string; event_types: unknown; description: string | null; secret: string;
  is_enabled: number; created_at: string; updated_at: string;
};

const fromRow = (r: Row): Subscription => ({
  id: Number(r.id),
  reference: r.reference,
  url: r.url,
  eventTypes: readJson<string[]>(r.event_types),
  description: r.description,
  secret: r.secret,
  isEnabled: Number(r.is_enabled) === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function insertSubscription(db: DbOrTx, customerId: number, s: Omit<Subscription, 'id'>): Promise<void> {
  await db.insertInto('webhook_subscriptions').values({
    customer_id: customerId,
    reference: s.reference,
    url: s.url,
    event_types: JSON.stringify(s.eventTypes),
    description: s.description,
    secret: s.secret,
    is_enabled: s.isEnabled ? 1 : 0,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  }).execute();
}

export async function listSubscriptions(db: DbOrTx, customerId: number): Promise<Subscription[]> {
  const rows = await db.selectFrom('webhook_subscriptions').selectAll().where('customer_id', '=', customerId).orderBy('id').execute();
  return rows.map(fromRow);
}

export async function countSubscriptions(db: DbOrTx, customerId: number): Promise<number> {
  const r = await db.selectFrom('webhook_subscriptions').select((eb) => eb.fn.countAll().as('n')).where('customer_id', '=', customerId).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findSubscription(db: DbOrTx, customerId: number, reference: string): Promise<Subscription | undefined> {
  const row = await db.selectFrom('webhook_subscriptions').selectAll()
    .where('customer_id', '=', customerId).where('reference', '=', reference).executeTakeFirst();
  return row && fromRow(row);
}

export async function saveSubscription(db: DbOrTx, customerId: number, s: Subscription): Promise<boolean> {
  const r = await db.updateTable('webhook_subscriptions')
    .set({ url: s.url, event_types: JSON.stringify(s.eventTypes), description: s.description, is_enabled: s.isEnabled ? 1 : 0, updated_at: s.updatedAt })
    .where('customer_id', '=', customerId).where('id', '=', s.id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The subscription with its deliveries and their attempts; its events stay (other subscriptions may share them). */
export async function deleteSubscription(db: DbOrTx, customerId: number, id: number): Promise<boolean> {
  const deliveries = db.selectFrom('webhook_deliveries').select('id').where('customer_id', '=', customerId).where('subscription_id', '=', id);
  await db.deleteFrom('webhook_attempts').where('customer_id', '=', customerId).where('delivery_id', 'in', deliveries).execute();
  await db.deleteFrom('webhook_deliveries').where('customer_id', '=', customerId).where('subscription_id', '=', id).execute();
  const r = await db.deleteFrom('webhook_subscriptions').where('customer_id', '=', customerId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** What the outbox needs on every change: the customer's enabled subscriptions and their types. */
export async function enabledSubscriptions(db: DbOrTx, customerId: number): Promise<Array<{ id: number; eventTypes: string[] }>> {
  const rows = await db.selectFrom('webhook_subscriptions').select(['id', 'event_types'])
    .where('customer_id', '=', customerId).where('is_enabled', '=', 1).execute();
  return rows.map((r) => ({ id: Number(r.id), eventTypes: readJson<string[]>(r.event_types) }));
}
