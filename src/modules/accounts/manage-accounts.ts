import { AppError } from '../../shared/errors.js';
import type { Customer, Deps } from '../deps.js';
import { findCustomerByReference, insertApiKey, insertCustomer, revokeKeysByPrefix } from './accounts.repo.js';
import { hashApiKey, KEY_PREFIX_LENGTH, keyPrefix, newApiKey } from './api-keys.js';

type AccountDeps = Pick<Deps, 'db' | 'clock' | 'ids'>;

/** A new customer with its first API key. The key is returned once and never stored. */
export async function createCustomer(
  deps: AccountDeps,
  input: { name: string; apiKey?: string },
): Promise<{ customer: Customer; apiKey: string }> {
  const name = input.name.trim();
  if (!name) throw new AppError('FieldRequired', 'A customer needs a name.', [{ Code: 'FieldRequired', Target: 'name', Message: 'name is required.' }]);
  const apiKey = input.apiKey ?? newApiKey();
  if (apiKey.length < 16) throw new AppError('ValidationFailed', 'An API key must be at least 16 characters long.');
  const now = deps.clock.now().toISOString();
  const customer = await deps.db.transaction().execute(async (tx) => {
    const c = await insertCustomer(tx, { reference: deps.ids.uuid(), name, createdAt: now });
    await insertApiKey(tx, { customerId: c.id, hash: hashApiKey(apiKey), prefix: keyPrefix(apiKey), label: null, createdAt: now });
    return c;
  });
  return { customer, apiKey };
}

export async function createApiKey(deps: AccountDeps, customerReference: string, label?: string): Promise<string> {
  const customer = await findCustomerByReference(deps.db, customerReference.trim());
  if (!customer) throw new AppError('ValidationFailed', `No customer with reference ${customerReference}.`);
  const apiKey = newApiKey();
  await insertApiKey(deps.db, {
    customerId: customer.id,
    hash: hashApiKey(apiKey),
    prefix: keyPrefix(apiKey),
    label: label ?? null,
    createdAt: deps.clock.now().toISOString(),
  });
  return apiKey;
}

/** Revokes the keys that start with `prefix` (at least 8 characters, so one slip cannot revoke everything). */
export async function revokeApiKeys(deps: AccountDeps, prefix: string): Promise<number> {
  const p = prefix.trim().slice(0, KEY_PREFIX_LENGTH);
  if (p.length < 8) throw new AppError('ValidationFailed', 'Give at least the first 8 characters of the key.');
  return revokeKeysByPrefix(deps.db, p, deps.clock.now().toISOString());
}
