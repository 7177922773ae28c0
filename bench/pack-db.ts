/**
 * bench/pack.ts's direct work on the SQLite file while no server runs: capture what the service
 * wrote for one real order and one real pack, seed orders in bulk from that order, and clear the
 * consignments a run wrote so the next run starts from the same state.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, statSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import type { PackTemplate } from './pack-baseline-server.js';
import { BenchError } from './lib.js';

type ReferencesModule = typeof import('../src/shared/references.js');
type ConsignmentDocument = import('../src/modules/consignments/consignment.js').ConsignmentDocument;
type OrderDocument = import('../src/modules/orders/order.js').OrderDocument;
// dist/ is what the service runs (see baseline-server.ts); a computed specifier keeps tsc off the .js.
const { formatReference } = (await import(new URL('../dist/shared/references.js', import.meta.url).href)) as ReferencesModule;

/** One order as the service stored it, cut into what every seeded order shares and what varies. */
export interface OrderTemplate {
  customerId: number;
  direction: string;
  shippingDate: string | null;
  /** The document JSON split at the varying values: literal, key, literal, key, …, literal. */
  documentParts: string[];
  /** The package each order line sits in (index) and its columns, in position order. */
  lines: Array<{ packageIndex: number; sku: string | null; customerItemReference: string | null; quantity: number }>;
  packageCount: number;
  /** The stored document's length, to check the seeded ones against. */
  documentLength: number;
}

const marker = (key: string) => `@@${key}@@`;
const MARKER = /@@(\w+)@@/;

/** The width of the seeded customer order references (WEB-00000001), so every document is the same size. */
export const customerOrderReference = (n: number): string => `WEB-${String(n).padStart(8, '0')}`;

function open(file: string): SQLite.Database {
  const db = new SQLite(file);
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * Reads the one order and the one consignment the setup run made through the API: the order
 * becomes the template for seeding, the consignment and its audit row the baseline's template.
 * Deletes the consignment afterwards, so the runs start with none.
 */
export function captureTemplates(file: string): { order: OrderTemplate; pack: PackTemplate } {
  const db = open(file);
  try {
    const orders = db.prepare('select id, customer_id, direction, shipping_date, document from orders').all() as Array<{
      id: number; customer_id: number; direction: string; shipping_date: string | null; document: string;
    }>;
    const consignments = db.prepare('select * from consignments').all() as Array<Record<string, string | number | null>>;
    const audits = db.prepare('select * from consignment_audit').all() as Array<Record<string, string | number | null>>;
    if (orders.length !== 1 || consignments.length !== 1 || audits.length !== 1) {
      throw new BenchError(`setup: expected 1 order, 1 consignment and 1 audit row, found ${orders.length}, ${consignments.length}, ${audits.length}`);
    }
    const order = orders[0]!;
    const lines = db.prepare('select package_reference, sku, customer_item_reference, quantity from order_items where order_id = ? order by position').all(order.id) as Array<{
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
    if (item !== lines.length) throw new BenchError(`setup: the order document has ${item} items but ${lines.length} order_items rows`);

    const {
      id: _id, customer_id: customerId, reference: _reference, order_id: _orderId, created_at: _createdAt, updated_at: _updatedAt, document, ...columns
    } = consignments[0]!;
    const audit = audits[0]!;
    const pack: PackTemplate = {
      customerId: Number(customerId),
      consignmentColumns: columns as PackTemplate['consignmentColumns'],
      document: JSON.parse(String(document)) as ConsignmentDocument,
      audit: {
        action: String(audit.action), category: String(audit.category), severity: String(audit.severity),
        actor: audit.actor === null ? null : String(audit.actor),
        state_before: audit.state_before === null ? null : String(audit.state_before),
        state_after: audit.state_after === null ? null : String(audit.state_after),
      },
    };
    clearConsignments(db);
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
      pack,
    };
  } finally {
    db.close();
  }
}

function clearConsignments(db: SQLite.Database): number {
  const deleted = db.transaction(() => {
    db.prepare('delete from consignment_audit').run();
    db.prepare('delete from consignment_items').run();
    db.prepare('delete from consignment_packages').run();
    return db.prepare('delete from consignments').run().changes;
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  return deleted;
}

/** Deletes every consignment (with its packages, items and audit rows); the counters only move on. */
export function resetConsignments(file: string): number {
  const db = open(file);
  try {
    return clearConsignments(db);
  } finally {
    db.close();
  }
}

/** Forces the file to disk so the page cache holds no dirty pages of it when a server starts. */
function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface SeedResult {
  added: number;
  seconds: number;
  fileBytes: number;
}

const BATCH = 20_000;
/** Seeded orders were "created" 30 s apart, ending a little before now. */
const CREATED_STEP_MS = 30_000;

/**
 * Adds orders until there are `target`: EO numbers continue from the counter, every order is the
 * template's document with its own customer order reference, package references (from the EP
 * counter) and item references (32 hex characters, as ids.hex32 makes), with matching order_items
 * rows. Plain prepared inserts in large transactions, the journal in memory and no syncs while
 * seeding (the file is thrown away if this fails), WAL again afterwards as the service expects,
 * then one fsync.
 */
export async function seedOrders(file: string, t: OrderTemplate, target: number): Promise<SeedResult> {
  const started = process.hrtime.bigint();
  const db = open(file);
  let added = 0;
  try {
    const count = (db.prepare('select count(*) as n from orders').get() as { n: number }).n;
    const counter = (name: string) => (db.prepare('select value from counters where name = ?').get(name) as { value: number }).value;
    const eo = counter('EO');
    if (eo !== count) throw new BenchError(`seed: ${count} orders but the EO counter is at ${eo}; expected EO-1 … EO-${count}`);
    if (target <= count) return { added: 0, seconds: 0, fileBytes: statSync(file).size };
    let ep = counter('EP');

    // Rollback journal in memory while seeding (OFF is refused in better-sqlite3's defensive mode).
    const mode = db.pragma('journal_mode = MEMORY', { simple: true });
    if (mode !== 'memory') throw new BenchError(`seed: could not leave WAL mode (journal_mode is ${String(mode)}); is a server still running?`);
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144'); // 256 MiB: the index pages stay in memory

    const insertOrder = db.prepare(
      'insert into orders (customer_id, reference, customer_order_reference, direction, shipping_date, created_at, updated_at, version, document) values (?, ?, ?, ?, ?, ?, ?, 1, ?)',
    );
    const perLine = '(?, ?, ?, ?, ?, ?, ?, ?)';
    const insertLines = db.prepare(
      `insert into order_items (customer_id, order_id, package_reference, item_reference, sku, customer_item_reference, quantity, position) values ${t.lines.map(() => perLine).join(', ')}`,
    );
    const parts = t.documentParts;
    const lineCount = t.lines.length;
    const createdBase = Date.now() - (target + 1) * CREATED_STEP_MS;

    const batch = db.transaction((from: number, to: number) => {
      const hex = randomBytes(16 * lineCount * (to - from + 1)).toString('hex');
      let h = 0;
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
        const orderId = Number(insertOrder.run(t.customerId, formatReference('EO', n), customerReference, t.direction, t.shippingDate, createdAt, createdAt, document).lastInsertRowid);
        const values: Array<string | number | null> = [];
        t.lines.forEach((l, position) => {
          values.push(t.customerId, orderId, packages[l.packageIndex]!, items[position]!, l.sku, l.customerItemReference, l.quantity, position);
        });
        insertLines.run(values);
      }
    });
    for (let from = count + 1; from <= target; from += BATCH) {
      const to = Math.min(target, from + BATCH - 1);
      batch(from, to);
      added += to - from + 1;
      await new Promise((next) => setImmediate(next)); // lets Ctrl-C through between transactions
    }
    db.prepare('update counters set value = ? where name = ?').run(target, 'EO');
    db.prepare('update counters set value = ? where name = ?').run(ep, 'EP');
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
  fsyncFile(file);
  return { added, seconds: Number(process.hrtime.bigint() - started) / 1e9, fileBytes: statSync(file).size };
}

/** The stored document of one seeded order, to check it has the template's size. */
export function documentLength(file: string, reference: string): number | undefined {
  const db = open(file);
  try {
    const row = db.prepare('select length(document) as n from orders where reference = ?').get(reference) as { n: number } | undefined;
    return row?.n;
  } finally {
    db.close();
  }
}
