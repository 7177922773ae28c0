/**
 * The physical floor for Pack Order, run by bench/pack.ts as a child process:
 *
 *   node --import tsx bench/pack-baseline-server.ts <port> <sqlite file | postgres:// URL> <template.json>
 *
 * A bare Fastify server (no schema, no auth, no look-ups, no mapping) whose
 * POST /orders/:orderReference/pack does the same database work as the service's Pack Order
 * (src/modules/packing/pack-order.ts, orders.repo.ts, consignments.repo.ts, src/db/references.ts)
 * on the seeded database, in one transaction and with the same SQL:
 *
 *   1. find the order by customer and reference (the row with its document, as findOrder reads it);
 *   2. read its item rows (id, item_reference, as orderItemIds does);
 *   3. allocate one EC and two EP references (the counters rows);
 *   4. insert the consignment row — every column, with a JSON document of the same shape and size
 *      as the service writes for this pack (bench/pack.ts captures one from the service);
 *   5. insert the two package rows, the four item rows (linked to the order lines) and one audit row.
 *
 * Not done, because they are what the service adds on top of the writes: API-key look-up, body
 * validation, the package-size and shipping-location look-ups, parsing the order document and
 * building the consignment from it (the baseline re-serialises a captured consignment with fresh
 * references instead). The gap between this and the service is what those cost.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import type { Insertable } from 'kysely';

// Database code comes from dist/ so the baseline runs the same compiled code as the service; the
// types come from src/ (the build emits no .d.ts). A computed specifier keeps tsc from resolving
// the untyped .js file.
type ConnectModule = typeof import('../src/db/connect.js');
type AllocateModule = typeof import('../src/db/references.js');
type ConsignmentDocument = import('../src/modules/consignments/consignment.js').ConsignmentDocument;
type Database = import('../src/db/schema.js').Database;
type ConsignmentRow = Insertable<Database['consignments']>;
type AuditRow = Insertable<Database['consignment_audit']>;
const fromDist = <T>(path: string): Promise<T> => import(new URL(`../dist/${path}`, import.meta.url).href) as Promise<T>;

/** What bench/pack.ts captured from the service's own pack of the template order. */
export interface PackTemplate {
  customerId: number;
  /** The consignment row's columns other than id, reference, order_id, created_at, updated_at and document. */
  consignmentColumns: Omit<ConsignmentRow, 'id' | 'customer_id' | 'reference' | 'order_id' | 'created_at' | 'updated_at' | 'document'>;
  document: ConsignmentDocument;
  audit: Pick<AuditRow, 'action' | 'category' | 'severity' | 'actor' | 'state_before' | 'state_after'>;
}

const [portArg, dbPath, templatePath] = process.argv.slice(2);
const port = Number(portArg);
if (!Number.isInteger(port) || port <= 0 || !dbPath || !templatePath) {
  console.error('usage: node --import tsx bench/pack-baseline-server.ts <port> <sqlite file | postgres:// URL> <template.json>');
  process.exit(2);
}

const { connect } = await fromDist<ConnectModule>('db/connect.js');
const { allocateReferences } = await fromDist<AllocateModule>('db/references.js');

const template = JSON.parse(readFileSync(templatePath, 'utf8')) as PackTemplate;
const { customerId } = template;
const packageCount = template.document.Packages.length;
const connection = connect(dbPath.startsWith('postgres') ? dbPath : `sqlite:${dbPath}`);
const { db, dialect } = connection;

/** The service's own reference allocation: a counters row on SQLite, sequences on PostgreSQL. */
const allocate = (tx: typeof db, prefix: 'EC' | 'EP', n: number) => allocateReferences(tx, dialect, prefix, n);

const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });

app.get('/health', async () => ({ Status: 'Ok' }));

app.post('/orders/:orderReference/pack', async (req, reply) => {
  const orderReference = (req.params as { orderReference: string }).orderReference;
  const now = new Date().toISOString();
  const reference = await db.transaction().execute(async (tx) => {
    const order = await tx
      .selectFrom('orders')
      .select(['id', 'reference', 'created_at', 'version', 'document'])
      .where('customer_id', '=', customerId)
      .where('reference', '=', orderReference)
      .executeTakeFirst();
    if (!order) return undefined;
    const orderId = Number(order.id);
    const lines = await tx
      .selectFrom('order_items')
      .select(['id', 'item_reference'])
      .where('customer_id', '=', customerId)
      .where('order_id', '=', orderId)
      .execute();

    const [consignmentReference] = await allocate(tx, 'EC', 1);
    const packageReferences = await allocate(tx, 'EP', packageCount);
    // The captured document with this pack's references: new item references (ids.hex32), package
    // references, the order's reference; serialised once, as searchColumns does.
    const document: ConsignmentDocument = {
      ...template.document,
      OrderReference: order.reference,
      Packages: template.document.Packages.map((p, i) => ({
        ...p,
        Reference: packageReferences[i]!,
        Items: p.Items.map((item) => ({ ...item, Reference: randomBytes(16).toString('hex') })),
      })),
    };
    const inserted = await tx
      .insertInto('consignments')
      .values({
        ...template.consignmentColumns,
        customer_id: customerId,
        reference: consignmentReference!,
        order_id: orderId,
        created_at: now,
        updated_at: now,
        document: JSON.stringify(document),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const consignmentId = Number(inserted.id);
    await tx
      .insertInto('consignment_packages')
      .values(document.Packages.map((p, position) => ({ customer_id: customerId, consignment_id: consignmentId, reference: p.Reference, position })))
      .execute();
    // Pack items are the order lines in order (A, B | C, D), so link them by position.
    let line = 0;
    await tx
      .insertInto('consignment_items')
      .values(document.Packages.flatMap((p) =>
        p.Items.map((i) => ({
          customer_id: customerId,
          consignment_id: consignmentId,
          package_reference: p.Reference,
          item_reference: i.Reference,
          order_item_id: lines[line++]?.id ?? null,
          quantity: i.Quantity,
        })),
      ))
      .execute();
    const units = document.Packages.reduce((sum, p) => sum + p.Items.reduce((s, i) => s + i.Quantity, 0), 0);
    await tx
      .insertInto('consignment_audit')
      .values({
        customer_id: customerId,
        consignment_id: consignmentId,
        created_at: now,
        ...template.audit,
        message: `Consignment ${consignmentReference} created from order ${order.reference}`,
        details: JSON.stringify({ OrderReference: order.reference, Units: units }),
      })
      .execute();
    return consignmentReference;
  });
  if (!reference) return reply.code(404).send({ Message: `Order ${orderReference} was not found.` });
  const href = `http://localhost:${port}/consignments/${reference}`;
  return reply.code(201).header('location', href).send({
    Results: [{ Result: 'ConsignmentCreated', Message: `Consignment ${reference} created from order ${orderReference}`, Data: reference, ApiLinks: [{ Rel: 'Consignment', Href: href }] }],
  });
});

// Graceful stop so `--cpu-prof` (bench/pack.ts --profile) gets to write its profile.
const stop = async () => {
  await app.close();
  await connection.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());

await app.listen({ port, host: '127.0.0.1' });
