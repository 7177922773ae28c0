/**
 * The Kysely view of the database: one row type per table. Timestamps are ISO-8601 UTC strings with
 * milliseconds (`2026-01-02T03:04:05.678Z`) on both databases, so they sort as text and compare
 * the same everywhere. `document` columns hold the normalised wire document (JSON); the real
 * columns beside them are the ones that are searched or joined.
 */
import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';

/** JSON comes back parsed from PostgreSQL (jsonb) and as text from SQLite; write it as text. */
export type JsonColumn = ColumnType<unknown, string, string>;

export interface CustomersTable {
  id: Generated<number>;
  reference: string;
  name: string;
  created_at: string;
  /** Pack Order rejects packing past the ordered quantity for this customer, header or not. */
  strict_pack_quantities: Generated<number>;
}

export interface ApiKeysTable {
  id: Generated<number>;
  customer_id: number;
  /** sha256 of the whole key, hex; the key itself is never stored. */
  key_hash: string;
  /** The first characters of the key, shown in listings and used to revoke it. */
  key_prefix: string;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface ShippingLocationsTable {
  id: Generated<number>;
  customer_id: number;
  reference: string;
  document: JsonColumn;
  created_at: string;
  updated_at: string;
  /** Locations are soft-deleted: a reference is never reusable (spec §11). */
  deleted_at: string | null;
}

export interface PackageSizesTable {
  id: Generated<number>;
  customer_id: number;
  reference: string;
  is_default: number;
  document: JsonColumn;
  created_at: string;
  updated_at: string;
}

export interface OrdersTable {
  id: Generated<number>;
  customer_id: number;
  reference: string;
  customer_order_reference: string | null;
  direction: string;
  shipping_date: string | null;
  created_at: string;
  updated_at: string;
  /** Bumped on every write; guards against lost updates. */
  version: number;
  document: JsonColumn;
}

/** One row per order item: what Pack Order matches on and what the left-to-pack ledger counts. */
export interface OrderItemsTable {
  id: Generated<number>;
  customer_id: number;
  order_id: number;
  package_reference: string;
  item_reference: string;
  sku: string | null;
  customer_item_reference: string | null;
  quantity: number;
  /** Position of the item in the order (package order, then item order): pack matches the first. */
  position: number;
}

export interface ConsignmentsTable {
  id: Generated<number>;
  customer_id: number;
  reference: string;
  customer_consignment_reference: string | null;
  order_id: number | null;
  is_return: number;
  return_of_reference: string | null;
  state: string;
  direction: string;
  source: string;
  created_at: string;
  updated_at: string;
  shipping_date: string | null;
  requested_delivery_date: string | null;
  scheduled_delivery_date: string | null;
  shipped_date: string | null;
  origin_postcode: string | null;
  destination_postcode: string | null;
  destination_address_line1: string | null;
  destination_country: string | null;
  destination_region: string | null;
  shipping_location_reference: string | null;
  weight_kg: number;
  value_amount: number | null;
  labels_printed: number;
  carrier_reference: string | null;
  carrier_service_reference: string | null;
  tracking_references: string | null;
  version: number;
  document: JsonColumn;
  /** The carrier booking (internal): `Shipment` in modules/consignments/consignment.ts. */
  shipment: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface ConsignmentPackagesTable {
  id: Generated<number>;
  customer_id: number;
  consignment_id: number;
  reference: string;
  position: number;
}

export interface ConsignmentItemsTable {
  id: Generated<number>;
  customer_id: number;
  consignment_id: number;
  package_reference: string;
  item_reference: string;
  order_item_id: number | null;
  quantity: number;
}

export interface ConsignmentAuditTable {
  id: Generated<number>;
  customer_id: number;
  consignment_id: number;
  created_at: string;
  action: string;
  category: string;
  severity: string;
  message: string;
  actor: string | null;
  state_before: string | null;
  state_after: string | null;
  details: ColumnType<unknown, string | null, string | null>;
}

/** [EXT] One Idempotency-Key of one customer: its request's fingerprint and, once done, the response. */
export interface IdempotencyKeysTable {
  customer_id: number;
  key: string;
  fingerprint: string;
  claim: string;
  state: 'InProgress' | 'Done';
  status: number | null;
  content_type: string | null;
  location: string | null;
  body: string | null;
  created_at: string;
  expires_at: string;
}

export interface CarrierAccountsTable {
  id: Generated<number>;
  customer_id: number;
  carrier_reference: string;
  settings: JsonColumn;
  created_at: string;
  updated_at: string;
}

export interface CarrierServicesTable {
  id: Generated<number>;
  customer_id: number;
  reference: string;
  enabled: number;
  rules: JsonColumn;
  created_at: string;
  updated_at: string;
}

export interface ServiceGroupsTable {
  id: Generated<number>;
  customer_id: number;
  reference: string;
  name: string;
  enabled: number;
  members: JsonColumn;
  created_at: string;
  updated_at: string;
}

export interface QuotesTable {
  id: Generated<number>;
  customer_id: number;
  reference: string;
  request_reference: string;
  consignment_reference: string | null;
  service_reference: string;
  created_at: string;
  expires_at: string;
  document: JsonColumn;
}

export interface ManifestsTable {
  id: Generated<number>;
  customer_id: number;
  reference: string;
  shipping_location_reference: string;
  carrier_reference: string;
  carrier_manifest_id: string | null;
  created_at: string;
  document: JsonColumn;
}

export interface TrackingEventsTable {
  id: Generated<number>;
  customer_id: number;
  consignment_id: number;
  package_reference: string;
  tracking_number: string | null;
  carrier_reference: string | null;
  carrier_service_name: string | null;
  code: string;
  carrier_code: string | null;
  description: string;
  occurred_at: string;
  signed_by: string | null;
  location: string | null;
  created_at: string;
}

export interface CarrierKeysTable {
  id: Generated<number>;
  carrier_reference: string;
  key_hash: string;
  prefix: string;
  created_at: string;
  revoked_at: string | null;
}

/** [EXT] A customer's webhook subscription (src/modules/webhooks). */
export interface WebhookSubscriptionsTable {
  id: Generated<number>;
  customer_id: number;
  reference: string;
  url: string;
  event_types: JsonColumn;
  description: string | null;
  secret: string;
  is_enabled: number;
  created_at: string;
  updated_at: string;
}

/** [EXT] The outbox: one event, written in the transaction of the change that caused it. */
export interface WebhookEventsTable {
  id: Generated<number>;
  customer_id: number;
  event_id: string;
  type: string;
  ordering_key: string;
  payload: JsonColumn;
  created_at: string;
}

/** [EXT] One event to one subscription: Pending until Delivered or Failed (given up). */
export interface WebhookDeliveriesTable {
  id: Generated<number>;
  customer_id: number;
  subscription_id: number;
  event_id: number;
  ordering_key: string;
  status: 'Pending' | 'Delivered' | 'Failed';
  attempts: number;
  next_attempt_at: string;
  give_up_at: string;
  leased_until: string | null;
  lease_token: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface WebhookAttemptsTable {
  id: Generated<number>;
  customer_id: number;
  delivery_id: number;
  attempt: number;
  attempted_at: string;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
  next_attempt_at: string | null;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface Database {
  customers: CustomersTable;
  api_keys: ApiKeysTable;
  shipping_locations: ShippingLocationsTable;
  package_sizes: PackageSizesTable;
  orders: OrdersTable;
  order_items: OrderItemsTable;
  counters: CountersTable;
  consignments: ConsignmentsTable;
  consignment_packages: ConsignmentPackagesTable;
  consignment_items: ConsignmentItemsTable;
  consignment_audit: ConsignmentAuditTable;
  idempotency_keys: IdempotencyKeysTable;
  carrier_accounts: CarrierAccountsTable;
  carrier_services: CarrierServicesTable;
  service_groups: ServiceGroupsTable;
  quotes: QuotesTable;
  manifests: ManifestsTable;
  tracking_events: TrackingEventsTable;
  carrier_keys: CarrierKeysTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_events: WebhookEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
}

export type Db = Kysely<Database>;
/** A database handle or an open transaction: repositories accept either. */
export type DbOrTx = Kysely<Database> | Transaction<Database>;
export type DialectName = 'sqlite' | 'postgres';

/** JSON columns arrive as text from SQLite and already parsed from PostgreSQL. */
export function readJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
