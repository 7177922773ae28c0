import type { Kysely } from 'kysely';
import { portable } from './portable.js';

/**
 * Consignments (spec §4), the packages and items inside them, and their audit trail (§4.14).
 * The full consignment lives in `document`; the columns beside it are what search filters on
 * (§4.5), what Pack Order's ledger sums and what package references resolve through.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const p = portable(db);

  await db.schema.alterTable('customers').addColumn('strict_pack_quantities', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await p.id(db.schema.createTable('consignments'))
    .addColumn('customer_id', p.bigint, (c) => c.notNull().references('customers.id'))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('customer_consignment_reference', 'text')
    .addColumn('order_id', p.bigint, (c) => c.references('orders.id'))
    /** The inbound twin Pack Order makes with GenerateReturn; it never counts as packed. */
    .addColumn('is_return', 'integer', (c) => c.notNull().defaultTo(0))
    /** On a return twin: the outbound consignment it mirrors (PUT /orders/consignments pairs them). */
    .addColumn('return_of_reference', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('shipping_date', 'text')
    .addColumn('requested_delivery_date', 'text')
    .addColumn('scheduled_delivery_date', 'text')
    .addColumn('shipped_date', 'text')
    .addColumn('origin_postcode', 'text')
    .addColumn('destination_postcode', 'text')
    /** Search's `searchTerm` matches the destination's first line too (spec §4.5). */
    .addColumn('destination_address_line1', 'text')
    .addColumn('destination_country', 'text')
    .addColumn('destination_region', 'text')
    .addColumn('shipping_location_reference', 'text')
    .addColumn('weight_kg', 'real', (c) => c.notNull())
    .addColumn('value_amount', 'real')
    .addColumn('labels_printed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('carrier_reference', 'text')
    .addColumn('carrier_service_reference', 'text')
    /** Space-separated tracking numbers of every leg, for search. */
    .addColumn('tracking_references', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('document', p.json, (c) => c.notNull())
    .execute();
  // Search pages newest first (§4.5): this index serves the order and the customer filter together.
  await db.schema.createIndex('consignments_customer_created').on('consignments').columns(['customer_id', 'created_at', 'reference']).execute();
  await db.schema.createIndex('consignments_customer_state').on('consignments').columns(['customer_id', 'state', 'created_at']).execute();
  await db.schema.createIndex('consignments_customer_reference').on('consignments').columns(['customer_id', 'customer_consignment_reference']).execute();
  await db.schema.createIndex('consignments_order').on('consignments').columns(['order_id']).execute();

  await p.id(db.schema.createTable('consignment_packages'))
    .addColumn('customer_id', p.bigint, (c) => c.notNull().references('customers.id'))
    .addColumn('consignment_id', p.bigint, (c) => c.notNull().references('consignments.id'))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consignment_packages_consignment').on('consignment_packages').columns(['consignment_id']).execute();

  /** One row per consignment item; `order_item_id` links a packed item to the order line it came from. */
  await p.id(db.schema.createTable('consignment_items'))
    .addColumn('customer_id', p.bigint, (c) => c.notNull().references('customers.id'))
    .addColumn('consignment_id', p.bigint, (c) => c.notNull().references('consignments.id'))
    .addColumn('package_reference', 'text', (c) => c.notNull())
    .addColumn('item_reference', 'text', (c) => c.notNull())
    .addColumn('order_item_id', p.bigint, (c) => c.references('order_items.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consignment_items_consignment').on('consignment_items').columns(['consignment_id']).execute();
  await db.schema.createIndex('consignment_items_order_item').on('consignment_items').columns(['order_item_id']).execute();

  await p.id(db.schema.createTable('consignment_audit'))
    .addColumn('customer_id', p.bigint, (c) => c.notNull().references('customers.id'))
    .addColumn('consignment_id', p.bigint, (c) => c.notNull().references('consignments.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    /** Who: the prefix of the API key that made the change (never the key). */
    .addColumn('actor', 'text')
    .addColumn('state_before', 'text')
    .addColumn('state_after', 'text')
    .addColumn('details', p.json)
    .execute();
  await db.schema.createIndex('consignment_audit_consignment').on('consignment_audit').columns(['consignment_id', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Packline migrations are forward-only.');
}
