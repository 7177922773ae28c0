/** Consignment storage: the document, its search columns, package and item rows, and the audit trail. */
import { type DbOrTx, type DialectName, readJson } from '../../db/schema.js';
import type { Customer } from '../deps.js';
import { type ConsignmentDocument, type Shipment, type StoredConsignment, consignmentValue, consignmentWeight } from './consignment.js';
import type { ConsignmentState } from './consignment-state.js';
import { writeConsignmentEvents } from '../webhooks/index.js';

/** The real columns search filters on (spec §4.5), derived from the document on every write. */
function searchColumns(doc: ConsignmentDocument) {
  const origin = doc.Addresses.find((a) => a.AddressType === 'Origin');
  const destination = doc.Addresses.find((a) => a.AddressType === 'Destination');
  const allocation = doc.Allocation;
  const tracking = [...new Set([...doc.ConsignmentLegs, ...doc.Packages.flatMap((p) => p.ConsignmentLegs)].flatMap((l) => l.TrackingReferences))];
  return {
    customer_consignment_reference: doc.ConsignmentReferenceProvidedByCustomer || null,
    direction: doc.Direction,
    source: doc.Source,
    shipping_date: doc.ShippingDate,
    requested_delivery_date: doc.RequestedDeliveryDate?.Date ?? null,
    scheduled_delivery_date: doc.LatestDeliveryDate,
    shipped_date: doc.DateShipped,
    origin_postcode: origin?.Postcode ?? null,
    destination_postcode: destination?.Postcode ?? null,
    destination_address_line1: destination?.AddressLine1 ?? null,
    destination_country: destination?.Country?.IsoCode.TwoLetterCode ?? null,
    destination_region: destination?.Region ?? null,
    shipping_location_reference: origin?.ShippingLocationReference ?? destination?.ShippingLocationReference ?? null,
    weight_kg: consignmentWeight(doc).Value,
    value_amount: consignmentValue(doc)?.Amount ?? null,
    labels_printed: doc.LabelsPrinted ? 1 : 0,
    carrier_reference: allocation?.CarrierReference ?? null,
    carrier_service_reference: allocation?.MpdCarrierServiceReference ?? null,
    tracking_references: tracking.length > 0 ? tracking.join(' ') : null,
    document: JSON.stringify(doc),
  };
}

export interface NewConsignment {
  reference: string;
  createdAt: string;
  state: ConsignmentState;
  orderId: number | null;
  isReturn: boolean;
  /** On a return twin, the outbound consignment's reference. */
  returnOf?: string;
  document: ConsignmentDocument;
  /** Consignment item reference → the order item it was packed from. */
  orderItemIds?: ReadonlyMap<string, number>;
}

export async function insertConsignment(db: DbOrTx, customerId: number, c: NewConsignment): Promise<number> {
  const row = await db
    .insertInto('consignments')
    .values({
      customer_id: customerId,
      reference: c.reference,
      order_id: c.orderId,
      is_return: c.isReturn ? 1 : 0,
      return_of_reference: c.returnOf ?? null,
      state: c.state,
      created_at: c.createdAt,
      updated_at: c.createdAt,
      version: 1,
      ...searchColumns(c.document),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  await insertParts(db, customerId, id, c.document, c.orderItemIds ?? new Map());
  return id;
}

async function insertParts(db: DbOrTx, customerId: number, consignmentId: number, doc: ConsignmentDocument, orderItemIds: ReadonlyMap<string, number>) {
  await db
    .insertInto('consignment_packages')
    .values(doc.Packages.map((p, position) => ({ customer_id: customerId, consignment_id: consignmentId, reference: p.Reference, position })))
    .execute();
  const items = doc.Packages.flatMap((p) =>
    p.Items.map((i) => ({
      customer_id: customerId,
      consignment_id: consignmentId,
      package_reference: p.Reference,
      item_reference: i.Reference,
      order_item_id: orderItemIds.get(i.Reference) ?? null,
      quantity: i.Quantity,
    })),
  );
  if (items.length > 0) await db.insertInto('consignment_items').values(items).execute();
}

export const COLUMNS = ['id', 'reference', 'state', 'created_at', 'version', 'order_id', 'is_return', 'return_of_reference', 'document', 'shipment'] as const;

interface ConsignmentRow {
  id: number;
  reference: string;
  state: string;
  created_at: string;
  version: number;
  order_id: number | null;
  is_return: number;
  return_of_reference: string | null;
  document: unknown;
  shipment: unknown;
}

export function fromRow(customer: Customer, row: ConsignmentRow): StoredConsignment {
  return {
    ...readJson<ConsignmentDocument>(row.document),
    Reference: row.reference,
    ConsignmentState: row.state as ConsignmentState,
    CustomerReference: customer.reference,
    DateCreated: row.created_at,
    id: Number(row.id),
    version: Number(row.version),
    orderId: row.order_id === null ? null : Number(row.order_id),
    isReturn: Number(row.is_return) === 1,
    returnOf: row.return_of_reference,
    shipment: row.shipment === null || row.shipment === undefined ? null : readJson<Shipment>(row.shipment),
  };
}

/**
 * The caller's consignment by reference. `lock` takes a row lock on PostgreSQL (SQLite
 * transactions are serialised already) so a read-check-write inside a transaction cannot race.
 */
export async function findConsignment(
  db: DbOrTx,
  customer: Customer,
  reference: string,
  lock?: { dialect: DialectName },
): Promise<StoredConsignment | undefined> {
  let query = db.selectFrom('consignments').select(COLUMNS).where('customer_id', '=', customer.id).where('reference', '=', reference);
  if (lock?.dialect === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && fromRow(customer, row);
}

/** The consignment holding a package (`EP-…`), for the package endpoints. */
export async function findConsignmentReferenceByPackage(db: DbOrTx, customerId: number, packageReference: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('consignment_packages')
    .innerJoin('consignments', 'consignments.id', 'consignment_packages.consignment_id')
    .select('consignments.reference')
    .where('consignment_packages.customer_id', '=', customerId)
    .where('consignment_packages.reference', '=', packageReference)
    .executeTakeFirst();
  return row?.reference;
}

/** Consignments cut from one order, oldest first. */
export async function listOrderConsignments(db: DbOrTx, customer: Customer, orderId: number): Promise<StoredConsignment[]> {
  const rows = await db
    .selectFrom('consignments')
    .select(COLUMNS)
    .where('customer_id', '=', customer.id)
    .where('order_id', '=', orderId)
    .orderBy('id')
    .execute();
  return rows.map((r) => fromRow(customer, r));
}

/**
 * Writes a changed state and/or document if nobody changed the consignment since it was read
 * (optimistic lock on `version`); false means another writer won. A new document replaces the
 * package and item rows; items keep their link to the order line by item reference.
 */
export async function saveConsignment(
  db: DbOrTx,
  customerId: number,
  current: StoredConsignment,
  change: { state?: ConsignmentState; document?: ConsignmentDocument; shipment?: Shipment | null; updatedAt: string },
): Promise<boolean> {
  const result = await db
    .updateTable('consignments')
    .set({
      ...(change.state ? { state: change.state } : {}),
      ...(change.document ? searchColumns(change.document) : {}),
      ...(change.shipment === undefined ? {} : { shipment: change.shipment === null ? null : JSON.stringify(change.shipment) }),
      updated_at: change.updatedAt,
      version: current.version + 1,
    })
    .where('id', '=', current.id)
    .where('customer_id', '=', customerId)
    .where('version', '=', current.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  if (change.document) {
    const links = await db
      .selectFrom('consignment_items')
      .select(['item_reference', 'order_item_id'])
      .where('consignment_id', '=', current.id)
      .where('order_item_id', 'is not', null)
      .execute();
    const orderItemIds = new Map(links.map((l) => [l.item_reference, Number(l.order_item_id)]));
    await db.deleteFrom('consignment_items').where('consignment_id', '=', current.id).execute();
    await db.deleteFrom('consignment_packages').where('consignment_id', '=', current.id).execute();
    await insertParts(db, customerId, current.id, change.document, orderItemIds);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Audit trail (spec §4.14)

export type AuditCategory = 'None' | 'Tracking' | 'ConsignmentLifecycle' | 'Labels';
export type AuditSeverity = 'None' | 'Low' | 'Medium' | 'High' | 'Critical';

export interface AuditEntry {
  consignmentId: number;
  /** The consignment's reference: the ordering key of the webhook events the entry raises. */
  reference: string;
  at: string;
  /** What happened, as a stable verb: `Created`, `Packed`, `Updated`, `Cancelled`, … */
  action: string;
  message: string;
  actor: string | null;
  stateBefore: ConsignmentState | null;
  stateAfter: ConsignmentState | null;
  category?: AuditCategory;
  severity?: AuditSeverity;
  details?: unknown;
}

/**
 * Every consignment change writes one audit entry, so this is where its webhook events are
 * derived and written to the outbox — in the caller's transaction, with the change.
 */
export async function recordAudit(db: DbOrTx, customerId: number, e: AuditEntry): Promise<void> {
  await db
    .insertInto('consignment_audit')
    .values({
      customer_id: customerId,
      consignment_id: e.consignmentId,
      created_at: e.at,
      action: e.action,
      category: e.category ?? 'ConsignmentLifecycle',
      severity: e.severity ?? 'Low',
      message: e.message,
      actor: e.actor,
      state_before: e.stateBefore,
      state_after: e.stateAfter,
      details: e.details === undefined ? null : JSON.stringify(e.details),
    })
    .execute();
  await writeConsignmentEvents(db, customerId, e.reference, e);
}

export async function listAudit(db: DbOrTx, customerId: number, consignmentId: number) {
  const rows = await db
    .selectFrom('consignment_audit')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('consignment_id', '=', consignmentId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), details: r.details === null ? null : readJson<unknown>(r.details) }));
}

// ---------------------------------------------------------------------------------------------
// The left-to-pack ledger (Pack Order [EXT])

/**
 * Units of each order line (by order item reference) in live outbound consignments cut from the
 * order: cancelled consignments and GenerateReturn twins do not count.
 */
export async function packedQuantities(db: DbOrTx, customerId: number, orderId: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('consignment_items')
    .innerJoin('consignments', 'consignments.id', 'consignment_items.consignment_id')
    .innerJoin('order_items', 'order_items.id', 'consignment_items.order_item_id')
    .select(['order_items.item_reference as itemReference', (eb) => eb.fn.sum<number>('consignment_items.quantity').as('units')])
    .where('consignments.customer_id', '=', customerId)
    .where('consignments.order_id', '=', orderId)
    .where('consignments.is_return', '=', 0)
    .where('consignments.state', '!=', 'Cancelled')
    .groupBy('order_items.item_reference')
    .execute();
  return new Map(rows.map((r) => [r.itemReference, Number(r.units)]));
}
