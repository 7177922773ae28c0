/**
 * `ocp-apim-subscription-key` → the calling customer (spec §1.1). Routes marked
 * `config: { public: true }` need no key; every other route does. Routes marked
 * `config: { carrierKeys: true }` (tracking event ingestion, §9.3) also take a carrier-scoped key:
 * the caller is then a carrier, not a customer (`carrierOf`).
 */
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/schema.js';
import { hashApiKey } from '../modules/accounts/api-keys.js';
import { findCustomerByKeyHash } from '../modules/accounts/accounts.repo.js';
import type { Customer } from '../modules/deps.js';
import { type CarrierCaller, findCarrierByKeyHash } from '../modules/tracking/carrier-keys.js';
import { AppError } from '../shared/errors.js';

const customers = new WeakMap<FastifyRequest, Customer>();
const carriers = new WeakMap<FastifyRequest, CarrierCaller>();
/** What the rate limiter counts under: the key's hash (never the key), tagged by kind. Kept in memory only. */
const limitKeys = new WeakMap<FastifyRequest, string>();

export function isPublic(request: FastifyRequest): boolean {
  return (request.routeOptions.config as { public?: boolean } | undefined)?.public === true;
}

export async function authenticate(db: Db, request: FastifyRequest): Promise<void> {
  const raw = request.headers['ocp-apim-subscription-key'];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key || !key.trim()) throw new AppError('InvalidApiKey', 'Send your API key in the ocp-apim-subscription-key header.');
  const hash = hashApiKey(key.trim());
  const customer = await findCustomerByKeyHash(db, hash);
  if (customer) {
    customers.set(request, customer);
    limitKeys.set(request, `customer:${hash}`);
    return;
  }
  const carrier = acceptsCarrierKeys(request) ? await findCarrierByKeyHash(db, hash) : undefined;
  if (!carrier) throw new AppError('InvalidApiKey', 'The API key is not valid.');
  carriers.set(request, carrier);
  limitKeys.set(request, `carrier:${hash}`);
}

/** The rate-limit bucket of an authenticated request; undefined when it did not authenticate. */
export function rateLimitKeyOf(request: FastifyRequest): string | undefined {
  return limitKeys.get(request);
}

function acceptsCarrierKeys(request: FastifyRequest): boolean {
  return (request.routeOptions.config as { carrierKeys?: boolean } | undefined)?.carrierKeys === true;
}

/** The carrier a request authenticated as with a carrier-scoped key; undefined for a customer's key. */
export function carrierOf(request: FastifyRequest): CarrierCaller | undefined {
  return carriers.get(request);
}

export function customerOf(request: FastifyRequest): Customer {
  const customer = customers.get(request);
  if (!customer) throw new Error('customerOf() called on a request that was not authenticated');
  return customer;
}
