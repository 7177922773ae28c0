import type { Kysely } from 'kysely';
import { portable } from './portable.js';

/**
 * Shipping (spec §5–§9, §12, §13): per-customer carrier accounts and service profiles, service
 * groups, quotes, customer manifests, tracking events, carrier-scoped API keys, and the booking
 * record kept beside each allocated consignment.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const p = portable(db);

  /** What the carrier booked (tracking numbers, booking id, documents due): internal, never on the wire. */
  await db.schema.alterTable('consignments').addColumn('shipment', p.json).execute();
  await db.schema.createIndex('consignments_customer_tracking').on('consignments').columns(['customer_id', 'tracking_references']).execute();

  /** A customer's account with a carrier: credentials and switches, parsed by the adapter. */
  await p.id(db.schema.createTable('carrier_accounts'))
    .addColumn('customer_id', p.bigint, (c) => c.notNull().references('customers.id'))
    .addColumn('carrier_reference', 'text', (c) => c.notNull())
    .addColumn('settings', p.json, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('carrier_accounts_customer_carrier', ['customer_id', 'carrier_reference'])
    .execute();

  /** A carrier service enabled for a customer with its allocation rules (SortedPRO's service profile, §12). */
  await p.id(db.schema.createTable('carrier_services'))
    .addColumn('customer_id', p.bigint, (c) => c.notNull().references('customers.id'))
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('rules', p.json, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('carrier_services_customer_reference', ['customer_id', 'reference'])
    .execute();

  await p.id(db.schema.createTable('service_groups'))
    .addColumn('customer_id', p.bigint, (c) => c.notNull().references('customers.id'))
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    /** Member service references, in the order they were listed. */
    .addColumn('members', p.json, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('service_groups_customer_reference', ['customer_id', 'reference'])
    .execute();

  /** One priced service of one quote request (§13); `document` is the Quote as answered. */
  await p.id(db.schema.createTable('quotes'))
    .addColumn('customer_id', p.bigint, (c) => c.notNull().references('customers.id'))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('request_reference', 'text', (c) => c.notNull())
    .addColumn('consignment_reference', 'text')
    .addColumn('service_reference', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('document', p.json, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('quotes_request').on('quotes').columns(['customer_id', 'request_reference']).execute();

  /** A customer manifest (§8.3): one per shipping location, carrier and manifest run. */
  await p.id(db.schema.createTable('manifests'))
    .addColumn('customer_id', p.bigint, (c) => c.notNull().references('customers.id'))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('shipping_location_reference', 'text', (c) => c.notNull())
    .addColumn('carrier_reference', 'text', (c) => c.notNull())
    .addColumn('carrier_manifest_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('document', p.json, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('manifests_customer_created').on('manifests').columns(['customer_id', 'created_at']).execute();

  /** Tracking events per package (§9); duplicates (package, code, time) are refused by the key. */
  await p.id(db.schema.createTable('tracking_events'))
    .addColumn('customer_id', p.bigint, (c) => c.notNull().references('customers.id'))
    .addColumn('consignment_id', p.bigint, (c) => c.notNull().references('consignments.id'))
    .addColumn('package_reference', 'text', (c) => c.notNull())
    .addColumn('tracking_number', 'text')
    .addColumn('carrier_reference', 'text')
    .addColumn('carrier_service_name', 'text')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('carrier_code', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'text')
    .addColumn('location', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('tracking_events_unique', ['consignment_id', 'package_reference', 'code', 'occurred_at'])
    .execute();

  /** Keys a carrier uses to post tracking events (§9.3): scoped to one carrier, stored as sha256. */
  await p.id(db.schema.createTable('carrier_keys'))
    .addColumn('carrier_reference', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Packline migrations are forward-only.');
}
