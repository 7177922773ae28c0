import type { FastifyRequest } from 'fastify';
import type { Customer } from './deps.js';

/** What routes get from the HTTP layer: the authenticated customer and absolute links. */
export interface RouteContext {
  customerOf(request: FastifyRequest): Customer;
  /** `{PUBLIC_BASE_URL}{path}` */
  href(path: string): string;
}
