import type { CarrierRegistry } from '../carriers/registry.js';
import type { HttpClient } from '../carriers/carrier.js';
import type { Clock } from '../shared/clock.js';
import type { Ids } from '../shared/ids.js';
import type { Db, DialectName } from '../db/schema.js';

/** What a use case may touch; built once in app.ts. */
export interface Deps {
  db: Db;
  dialect: DialectName;
  clock: Clock;
  ids: Ids;
  /** Every carrier adapter (simulated ones by default). */
  carriers: CarrierRegistry;
  /** The HTTP client carrier adapters call their carriers with. */
  http: HttpClient;
}

/** The calling customer, established by the API key; every query filters on `id`. */
export interface Customer {
  id: number;
  reference: string;
  name: string;
  /** Who is acting, for the audit trail: the API key's prefix (set when a request authenticated). */
  actor?: string;
  /** Pack Order refuses to pack past the ordered quantity (customer setting). */
  strictPackQuantities?: boolean;
}
