/**
 * `ocp-apim-subscription-key` → the calling customer (spec §1.1). Routes marked
 * `config: { public: true }` need no key; every other route does.
 */
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/schema.js';
import { hashApiKey } from '../modules/accounts/api-keys.js';
import { findCustomerByKeyHash } from '../modules/accounts/accounts.repo.js';
import type { Customer } from '../modules/deps.js';
import { AppError } from '../shared/errors.js';

const customers = new WeakMap<FastifyRequest, Customer>();

export function isPublic(request: FastifyRequest): boolean {
  return (request.routeOptions.config as { public?: boolean } | undefined)?.public === true;
}

export async function authenticate(db: Db, request: FastifyRequest): Promise<void> {
  const raw = request.headers['ocp-apim-subscription-key'];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key || !key.trim()) throw new AppError('InvalidApiKey', 'Send your API key in the ocp-apim-subscription-key header.');
  const customer = await findCustomerByKeyHash(db, hashApiKey(key.trim()));
  if (!customer) throw new AppError('InvalidApiKey', 'The API key is not valid.');
  customers.set(request, customer);
}

export function customerOf(request: FastifyRequest): Customer {
  const customer = customers.get(request);
  if (!customer) throw new Error('customerOf() called on a request that was not authenticated');
  return customer;
}
