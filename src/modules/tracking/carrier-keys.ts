/**
 * Carrier-scoped API keys (spec §9.3): a carrier (or the relay in front of it) posts tracking
 * events with one, for every customer's consignments allocated to that carrier, and can do nothing
 * else. Same scheme as customer keys (only the sha256 is stored, the first 12 characters kept in
 * clear to recognise and revoke a key), with a `plc_` marker so the two kinds are told apart by eye.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import { hashApiKey, KEY_PREFIX_LENGTH, keyPrefix } from '../accounts/api-keys.js';
import type { Deps } from '../deps.js';

/** Who posted: the carrier the key belongs to, and the key's prefix for the audit trail. */
export interface CarrierCaller {
  carrierReference: string;
  actor: string;
}

export const newCarrierKey = (): string => `plc_${randomBytes(20).toString('hex')}`;

/** The carrier of a live (unrevoked) carrier key, by the key's hash. */
export async function findCarrierByKeyHash(db: DbOrTx, hash: string): Promise<CarrierCaller | undefined> {
  const row = await db
    .selectFrom('carrier_keys')
    .select(['carrier_reference', 'prefix'])
    .where('key_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row && { carrierReference: row.carrier_reference, actor: row.prefix };
}

/** A new key for a carrier Packline has an adapter for; returned once, never stored. */
export async function createCarrierKey(deps: Pick<Deps, 'db' | 'clock' | 'carriers'>, carrierReference: string): Promise<{ carrierReference: string; key: string }> {
  const carrier = deps.carriers.carrier(carrierReference.trim());
  if (!carrier) {
    const known = deps.carriers.carriers.map((c) => c.reference).join(', ');
    throw new AppError('CarrierNotFound', `No carrier ${carrierReference}; known carriers: ${known}.`);
  }
  const key = newCarrierKey();
  await deps.db
    .insertInto('carrier_keys')
    .values({ carrier_reference: carrier.reference, key_hash: hashApiKey(key), prefix: keyPrefix(key), created_at: deps.clock.now().toISOString() })
    .execute();
  return { carrierReference: carrier.reference, key };
}

/** Revokes the live carrier keys starting with `prefix` (at least 8 characters); returns how many. */
export async function revokeCarrierKeys(deps: Pick<Deps, 'db' | 'clock'>, prefix: string): Promise<number> {
  const p = prefix.trim().slice(0, KEY_PREFIX_LENGTH);
  if (p.length < 8) throw new AppError('ValidationFailed', 'Give at least the first 8 characters of the key.');
  const result = await deps.db
    .updateTable('carrier_keys')
    .set({ revoked_at: deps.clock.now().toISOString() })
    .where(sql`substr(prefix, 1, ${p.length})`, '=', p)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
