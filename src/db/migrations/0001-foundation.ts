import { type Kysely, sql } from 'kysely';
import { portable } from './portable.js';

/** Accounts, reference data and orders. */
export async function up(db: Kysely<any>): Promise<void> {
  const p = portable(db);

  await p.id(db.schema.createTable('customers'))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await p.id(db.schema.createTable('api_keys'))
    .addColumn('customer_id', p.bigint, (c) => c.notNull().references('customers.id'))
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('key_prefix', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_keys_customer').on('api_keys').columns(['customer_id']).execute();

  await p.id(db.schema.createTable('shipping_locations'))
    .addColumn('customer_id', p.bigint, (c) => c.notNull().references('customers.id'))
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('document', p.json, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addUniqueConstraint('shipping_locations_customer_reference', ['customer_id', 'reference'])
    .execute();

  await p.id(db.schema.createTable('package_sizes'))
    .addColumn('customer_id', p.bigint, (c) => c.notNull().references('customers.id'))
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('document', p.json, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('package_sizes_customer_reference', ['customer_id', 'reference'])
    .execute();

  await p.id(db.schema.createTable('orders'))
    .addColumn('customer_id', p.bigint, (c) => c.notNull().references('customers.id'))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('customer_order_reference', 'text')
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('shipping_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('document', p.json, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('orders_customer_created').on('orders').columns(['customer_id', 'created_at']).execute();
  await db.schema
    .createIndex('orders_customer_order_reference')
    .on('orders')
    .columns(['customer_id', 'customer_order_reference'])
    .execute();

  await p.id(db.schema.createTable('order_items'))
    .addColumn('customer_id', p.bigint, (c) => c.notNull().references('customers.id'))
    .addColumn('order_id', p.bigint, (c) => c.notNull().references('orders.id'))
    .addColumn('package_reference', 'text', (c) => c.notNull())
    .addColumn('item_reference', 'text', (c) => c.notNull())
    .addColumn('sku', 'text')
    .addColumn('customer_item_reference', 'text')
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('order_items_order').on('order_items').columns(['order_id', 'position']).execute();
  await db.schema.createIndex('order_items_customer_sku').on('order_items').columns(['customer_id', 'sku']).execute();

  // Reference counters. PostgreSQL uses sequences: nextval never blocks another transaction, so
  // concurrent creates on several instances neither collide nor queue behind one counter row.
  // SQLite has one writer at a time anyway, so a counter row updated inside the transaction does.
  if (p.postgres) {
    for (const prefix of ['eo', 'ec', 'ep']) await sql`create sequence ${sql.raw(`reference_${prefix}`)} start 1`.execute(db);
  } else {
    await db.schema
      .createTable('counters')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'integer', (c) => c.notNull())
      .execute();
    await db.insertInto('counters').values([{ name: 'EO', value: 0 }, { name: 'EC', value: 0 }, { name: 'EP', value: 0 }]).execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('Packline migrations are forward-only.');
}
