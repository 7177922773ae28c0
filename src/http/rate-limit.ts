/**
 * Requests per API key per time window (spec Appendix B `RateLimited`, 429). Keyed by the key the
 * request authenticated with — customer or carrier key — not by IP: many customers share one NAT,
 * and one customer's integration runs on many hosts. The counters live in this process's memory, so
 * with several instances behind a balancer each one allows the limit (documented in the README).
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RateLimit } from '../config.js';
import { AppError } from '../shared/errors.js';
import { isPublic, rateLimitKeyOf } from './auth.js';

/** Registers the limiter; must run before the routes are added (it hooks every route as it is registered). */
export async function registerRateLimit(app: FastifyInstance, limit: RateLimit): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: limit.max,
    timeWindow: limit.windowMs,
    // Route-level onRequest hooks run after the server's own, i.e. after authentication: a request
    // without a valid key was already answered 401 and never counts against anyone.
    hook: 'onRequest',
    keyGenerator: (request: FastifyRequest) => rateLimitKeyOf(request) ?? '',
    // Public routes (/health, /docs, /openapi.json); requests without a valid key never get here (401 first).
    allowList: (request: FastifyRequest) => isPublic(request) || rateLimitKeyOf(request) === undefined,
    // Retry-After (seconds) and the x-ratelimit-* headers are set by the plugin; the body is ours.
    errorResponseBuilder: (_request, context) => new AppError(
      'RateLimited',
      `Too many requests for this API key: at most ${context.max} per ${windowText(limit.windowMs)}. Retry after ${Math.ceil(context.ttl / 1000)} s.`,
    ),
  });
}

function windowText(ms: number): string {
  const s = ms / 1000;
  return s === 60 ? 'minute' : `${s} s`;
}
