/**
 * The physical floor for Create Order, run by bench/orders.ts as a child process:
 *
 *   node --import tsx bench/baseline-server.ts <port> <sqlite file | postgres:// URL>
 *
 * A bare Fastify server (no schema, no auth, no normalising) whose POST /orders performs the same
 * writes as the service's Create Order (src/modules/orders/create-order.ts, orders.repo.ts,
 * src/db/references.ts) on a fresh SQLite file or PostgreSQL schema built by the project's own
 * migrations: in one
 * transaction, bump the EO and EP counters, insert the order row and its item rows. The gap
 * between this and the service is what validation, auth, look-ups and mapping cost.
 */
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';

// Database code comes from dist/ so the baseline runs the same compiled code as the service; the
// types come from src/ (the build emits no .d.ts). A computed specifier keeps tsc from resolving
// the untyped .js file.
type ConnectModule = typeof import('../src/db/connect.js');
type MigrateModule = typeof import('../src/db/migrate.js');
type AllocateModule = typeof import('../src/db/references.js');
const fromDist = <T>(path: string): Promise<T> => import(new URL(`../dist/${path}`, import.meta.url).href) as Promise<T>;

/** The fields of a Create Order body that reach real columns; the rest only goes into `document`. */
interface OrderBody {
  OrderReferenceProvidedByCustomer?: string | null;
  ShippingDate?: string | null;
  Direction?: string;
  Packages: Array<{ Items: Array<{ Sku?: string | null; ItemReferenceProvidedByCustomer?: string | null; Quantity?: number }> }>;
}

const [portArg, dbPath] = process.argv.slice(2);
const port = Number(portArg);
if (!Number.isInteger(port) || port <= 0 || !dbPath) {
  console.error('usage: node --import tsx bench/baseline-server.ts <port> <sqlite file | postgres:// URL>');
  process.exit(2);
}

const { connect } = await fromDist<ConnectModule>('db/connect.js');
const { migrateToLatest } = await fromDist<MigrateModule>('db/migrate.js');
const { allocateReferences } = await fromDist<AllocateModule>('db/references.js');

const connection = connect(dbPath.startsWith('postgres') ? dbPath : `sqlite:${dbPath}`);
const { db, dialect } = connection;
await migrateToLatest(db);
// orders.customer_id and order_items.customer_id are foreign keys (enforced: foreign_keys = ON).
const customer = await db
  .insertInto('customers')
  .values({ reference: 'bench-baseline', name: 'Bench baseline', created_at: new Date().toISOString() })
  .returning('id')
  .executeTakeFirstOrThrow();
const customerId = Number(customer.id);

const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });

app.get('/health', async () => ({ Status: 'Ok' }));

app.post('/orders', async (req, reply) => {
  const body = req.body as OrderBody;
  const createdAt = new Date().toISOString();
  const reference = await db.transaction().execute(async (tx) => {
    // The service's own reference allocation: a counters row on SQLite, sequences on PostgreSQL.
    const [orderReference] = await allocateReferences(tx, dialect, 'EO', 1);
    const packageReferences = await allocateReferences(tx, dialect, 'EP', body.Packages.length);
    const order = await tx
      .insertInto('orders')
      .values({
        customer_id: customerId,
        reference: orderReference!,
        customer_order_reference: body.OrderReferenceProvidedByCustomer ?? null,
        direction: body.Direction ?? 'Outbound',
        shipping_date: body.ShippingDate ?? null,
        created_at: createdAt,
        updated_at: createdAt,
        version: 1,
        document: JSON.stringify(body),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const orderId = Number(order.id);
    let position = 0;
    // One multi-row insert, as insertOrder does. Item references are 32 hex chars like ids.hex32().
    const items = body.Packages.flatMap((p, i) =>
      p.Items.map((item) => ({
        customer_id: customerId,
        order_id: orderId,
        package_reference: packageReferences[i]!,
        item_reference: randomBytes(16).toString('hex'),
        sku: item.Sku ?? null,
        customer_item_reference: item.ItemReferenceProvidedByCustomer ?? null,
        quantity: item.Quantity ?? 1,
        position: position++,
      })),
    );
    if (items.length > 0) await tx.insertInto('order_items').values(items).execute();
    return orderReference;
  });
  const href = `http://localhost:${port}/orders/${reference}`;
  return reply.code(201).header('location', href).send([{ Rel: 'Order', Href: href }]);
});

// Graceful stop so `--cpu-prof` (see bench/orders.ts --profile) gets to write its profile.
const stop = async () => {
  await app.close();
  await connection.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());

await app.listen({ port, host: '127.0.0.1' });
