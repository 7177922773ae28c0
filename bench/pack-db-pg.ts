/**
 * bench/pack.ts's direct work on a PostgreSQL schema while no server runs — the counterpart of
 * bench/pack-db.ts (SQLite): capture the templates from what the service wrote, seed orders in
 * multi-row inserts, clear the consignments a run wrote. References come from the sequences
 * `reference_eo` / `reference_ep`, as the service allocates them on PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { PackTemplate } from './pack-baseline-server.js';
import { BenchError } from './lib.js';
import type { OrderTemplate, SeedResult } from './pack-db.js';

type ReferencesModule = typeof import('../src/shared/references.js');
type ConsignmentDocument = import('../src/modules/consignments/consignment.js').ConsignmentDocument;
type OrderDocument = import('../src/modules/orders/order.js').OrderDocument;
const { formatReference } = (await import(new URL('../dist/shared/references.js', import.meta.url).href)) as ReferencesModule;

pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

const marker = (key: string) => `@@${key}@@`;
const MARKER = /@@(\w+)@@/;
const customerOrderReference = (n: number): string => `WEB-${String(n).padStart(8, '0')}`;

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function captureTemplatesPg(url: string): Promise<{ order: OrderTemplate; pack: PackTemplate }> {
  return withClient(url, async (db) => {
    const orders = (await db.query('select id, customer_id, direction, shipping_date, document::text as document from orders')).rows as Array<{
      id: number; customer_id: number; direction: string; shipping_date: string | null; document: string;
    }>;
    const consignments = (await db.query('select * from consignments')).rows as Array<Record<string, unknown>>;
    const audits = (await db.query('select * from consignment_audit')).rows as Array<Record<string, string | number | null>>;
    if (orders.length !== 1 || consignments.length !== 1 || audits.length !== 1) {
      throw new BenchError(`setup: expected 1 order, 1 consignment and 1 audit row, found ${orders.length}, ${consignments.length}, ${audits.length}`);
    }
    const order = orders[0]!;
    const lines = (await db.query('select package_reference, sku, customer_item_reference, quantity from order_items where order_id = $1 order by position', [order.id])).rows as Array<{
      package_reference: string; sku: string | null; customer_item_reference: string | null; quantity: number;
    }>;
    const doc = JSON.parse(order.document) as OrderDocument;
    const packageIndex = new Map(doc.Packages.map((p, i) => [p.Reference, i]));
    doc.OrderReferenceProvidedByCustomer = marker('C');
    let item = 0;
    doc.Packages.forEach((p, i) => {
      p.Reference = marker(`P${i}`);
      for (const it of p.Items) it.Reference = marker(`I${item++}`);
    });
    const {
      id: _id, customer_id: customerId, reference: _reference, order_id: _orderId, created_at: _createdAt, updated_at: _updatedAt, document, ...columns
    } = consignments[0]!;
    const audit = audits[0]!;
    await clear(db);
    return {
      order: {
        customerId: order.customer_id,
        direction: order.direction,
        shippingDate: order.shipping_date,
        documentParts: JSON.stringify(doc).split(MARKER),
        lines: lines.map((l) => ({ packageIndex: packageIndex.get(l.package_reference)!, sku: l.sku, customerItemReference: l.customer_item_reference, quantity: l.quantity })),
        packageCount: doc.Packages.length,
        documentLength: order.document.length,
      },
      pack: {
        customerId: Number(customerId),
        consignmentColumns: columns as PackTemplate['consignmentColumns'],
        document: document as ConsignmentDocument,
        audit: {
          action: String(audit.action), category: String(audit.category), severity: String(audit.severity),
          actor: audit.actor === null ? null : String(audit.actor),
          state_before: audit.state_before === null ? null : String(audit.state_before),
          state_after: audit.state_after === null ? null : String(audit.state_after),
        },
      },
    };
  });
}

async function clear(db: pg.Client): Promise<number> {
  await db.query('begin');
  await db.query('delete from consignment_audit');
  await db.query('delete from consignment_items');
  await db.query('delete from consignment_packages');
  const deleted = (await db.query('delete from consignments')).rowCount ?? 0;
  await db.query('commit');
  // Each run starts without the dead rows of the last one.
  await db.query('vacuum analyze consignments, consignment_packages, consignment_items, consignment_audit');
  return deleted;
}

export const resetConsignmentsPg = (url: string): Promise<number> => withClient(url, clear);

const BATCH = 1_000;
const CREATED_STEP_MS = 30_000;

/** Adds orders until there are `target`, as seedOrders does on SQLite; then setval and analyze. */
export function seedOrdersPg(url: string, t: OrderTemplate, target: number): Promise<SeedResult> {
  const started = process.hrtime.bigint();
  return withClient(url, async (db) => {
    const count = Number((await db.query('select count(*)::int as n from orders')).rows[0].n);
    const eo = Number((await db.query('select last_value from reference_eo')).rows[0].last_value);
    if (eo !== count) throw new BenchError(`seed: ${count} orders but the EO sequence is at ${eo}; expected EO-1 … EO-${count}`);
    let added = 0;
    if (target > count) {
      let ep = Number((await db.query('select last_value from reference_ep')).rows[0].last_value);
      await db.query('set synchronous_commit = off');
      const parts = t.documentParts;
      const lineCount = t.lines.length;
      const createdBase = Date.now() - (target + 1) * CREATED_STEP_MS;
      for (let from = count + 1; from <= target; from += BATCH) {
        const to = Math.min(target, from + BATCH - 1);
        const hex = randomBytes(16 * lineCount * (to - from + 1)).toString('hex');
        let h = 0;
        const orderValues: unknown[] = [];
        const orderRows: string[] = [];
        const pending: Array<{ reference: string; packages: string[]; items: string[] }> = [];
        for (let n = from; n <= to; n++) {
          const packages = Array.from({ length: t.packageCount }, () => formatReference('EP', ++ep));
          const items = Array.from({ length: lineCount }, () => hex.slice(h, (h += 32)));
          const customerReference = customerOrderReference(n);
          let document = parts[0]!;
          for (let i = 1; i < parts.length; i += 2) {
            const key = parts[i]!;
            const value = key === 'C' ? customerReference : key[0] === 'P' ? packages[Number(key.slice(1))]! : items[Number(key.slice(1))]!;
            document += value + parts[i + 1]!;
          }
          const createdAt = new Date(createdBase + n * CREATED_STEP_MS).toISOString();
          const reference = formatReference('EO', n);
          const b = orderValues.length;
          orderRows.push(`($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 6}, 1, $${b + 7}::jsonb)`);
          orderValues.push(t.customerId, reference, customerReference, t.direction, t.shippingDate, createdAt, document);
          pending.push({ reference, packages, items });
        }
        await db.query('begin');
        const ids = new Map<string, number>(((await db.query(
          `insert into orders (customer_id, reference, customer_order_reference, direction, shipping_date, created_at, updated_at, version, document) values ${orderRows.join(', ')} returning id, reference`,
          orderValues,
        )).rows as Array<{ id: number; reference: string }>).map((r) => [r.reference, r.id]));
        const lineValues: unknown[] = [];
        const lineRows: string[] = [];
        for (const o of pending) {
          t.lines.forEach((l, position) => {
            const b = lineValues.length;
            lineRows.push(`($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8})`);
            lineValues.push(t.customerId, ids.get(o.reference), o.packages[l.packageIndex], o.items[position], l.sku, l.customerItemReference, l.quantity, position);
          });
        }
        await db.query(
          `insert into order_items (customer_id, order_id, package_reference, item_reference, sku, customer_item_reference, quantity, position) values ${lineRows.join(', ')}`,
          lineValues,
        );
        await db.query('commit');
        added += to - from + 1;
      }
      await db.query('select setval($1, $2)', ['reference_eo', target]);
      await db.query('select setval($1, $2)', ['reference_ep', ep]);
      await db.query('analyze orders, order_items');
    }
    const bytes = Number((await db.query(`select coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint as n from pg_class c
      join pg_namespace s on s.oid = c.relnamespace where s.nspname = current_schema() and c.relkind = 'r'`)).rows[0].n);
    return { added, seconds: Number(process.hrtime.bigint() - started) / 1e9, fileBytes: bytes };
  });
}

export function documentLengthPg(url: string, reference: string): Promise<number | undefined> {
  return withClient(url, async (db) => {
    const row = (await db.query('select length(document::text) as n from orders where reference = $1', [reference])).rows[0] as { n: number } | undefined;
    return row?.n;
  });
}
