import type { Clock } from '../shared/clock.js';
import type { Ids } from '../shared/ids.js';
import type { Db, DialectName } from '../db/schema.js';

/** What a use case may touch; built once in app.ts. */
export interface Deps {
  db: Db;
  dialect: DialectName;
  clock: Clock;
  ids: Ids;
}

/** The calling customer, established by the API key; every query filters on `id`. */
export interface Customer {
  id: number;
  reference: string;
  name: string;
}
