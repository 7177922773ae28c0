/** Builds the Fastify server: headers, auth, errors, OpenAPI, and every module's routes in one list. */
import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyContextConfig, type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify';
import { referenceDataRoutes } from '../modules/accounts/reference-data.routes.js';
import { allocationRoutes } from '../modules/allocation/allocation.routes.js';
import { quotesRoutes } from '../modules/quotes/quotes.routes.js';
import { carrierServicesRoutes } from '../modules/allocation/carrier-services.routes.js';
import { serviceGroupsRoutes } from '../modules/allocation/service-groups.routes.js';
import type { Deps } from '../modules/deps.js';
import { consignmentsRoutes } from '../modules/consignments/consignments.routes.js';
import { manifestsRoutes } from '../modules/manifests/index.js';
import { labelsRoutes } from '../modules/labels/labels.routes.js';
import { webhooksRoutes } from '../modules/webhooks/index.js';
import { customsRoutes } from '../modules/customs/customs.routes.js';
import { ordersRoutes } from '../modules/orders/orders.routes.js';
import { packingRoutes } from '../modules/packing/packing.routes.js';
import { trackingRoutes } from '../modules/tracking/index.js';
import type { RouteContext } from '../modules/route-context.js';
import { AppError } from '../shared/errors.js';
import { DEFAULT_TIMEOUTS, type RateLimit, type Timeouts } from '../config.js';
import { authenticate, carrierOf, customerOf, isPublic } from './auth.js';
import { handleClientError, handleError, handleNotFound } from './errors.js';
import { registerDashboard } from './dashboard.js';
import { checkHeaders } from './headers.js';
import { type IdempotencyOptions, registerIdempotency } from './idempotency.js';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from './json-limits.js';
import { registerRateLimit } from './rate-limit.js';
import { validatorCompiler } from './validation.js';

/** Route config for endpoints that need no API key. */
const PUBLIC = { public: true } as FastifyContextConfig;

export interface ServerOptions {
  publicBaseUrl: () => string;
  logger?: FastifyServerOptions['logger'];
  /** Reports readiness for /health (false while starting or shutting down). */
  ready?: () => boolean;
  /** Idempotency-Key timings; the defaults are documented in idempotency.ts. */
  idempotency?: Partial<IdempotencyOptions>;
  /** Sees every route as it is registered (tests build their route matrices from it). */
  onRoute?: (route: RouteOptions) => void;
  /** Requests per key per window; undefined = no limit (tests that fire thousands of requests). */
  rateLimit?: RateLimit;
  /** How long a client may take to send its headers and its whole request. */
  timeouts?: Timeouts;
}

export async function buildServer(deps: Deps, options: ServerOptions): Promise<FastifyInstance> {
  const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    // Slow clients (slowloris): Node answers 408 (clientErrorHandler) and closes the socket when the
    // headers or the whole request take longer than this. Node looks for such connections every
    // connectionsCheckingInterval (30 s by default, far too coarse for a 10 s limit).
    requestTimeout: timeouts.requestMs,
    http: {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      connectionsCheckingInterval: Math.min(1000, timeouts.headersMs / 2),
    },
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    ajv: { customOptions: { strict: false } },
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: false },
    // Errors Node's HTTP parser raises before a request exists (e.g. 431 headers too large), in the error shape.
    clientErrorHandler: handleClientError,
  });
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  if (options.rateLimit) await registerRateLimit(app, options.rateLimit);
  app.setValidatorCompiler(validatorCompiler);
  // PostgreSQL cannot store NUL in text or jsonb; refuse it at the edge instead of failing in the database.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if ((body as string).includes('\\u0000')) {
      done(new AppError('MalformedBody', 'Strings must not contain NUL (\\u0000) characters.'), undefined);
      return;
    }
    if (jsonNestsDeeperThan(body as string, MAX_JSON_DEPTH)) {
      done(new AppError('MalformedBody', `Arrays and objects must not nest more than ${MAX_JSON_DEPTH} levels deep.`), undefined);
      return;
    }
    parseJson(request, body as string, done);
  });
  app.setErrorHandler(handleError);
  // Unknown paths cost a key look-up too, so a key's 404s count against its limit like any route.
  app.setNotFoundHandler(options.rateLimit ? { preHandler: app.rateLimit() } : {}, handleNotFound);

  app.addHook('onRequest', async (request) => {
    if (/%00/.test(request.url)) throw new AppError('InvalidReference', 'The path must not contain NUL (%00) characters.');
    if (isPublic(request)) return;
    checkHeaders(request);
    await authenticate(deps.db, request);
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('application/json') && !type.includes('charset')) {
      reply.header('content-type', 'application/json; charset=utf-8');
    }
    return payload;
  });
  // After the hook above, so a stored response keeps its final Content-Type.
  registerIdempotency(app, deps, options.idempotency);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Packline', version: '1.1', description: 'Self-hosted order-to-consignment shipping, wire-compatible with SortedPRO v1.' },
      components: { securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'ocp-apim-subscription-key' } } },
      security: [{ apiKey: [] }],
    },
  });
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) route.config = { ...(route.config as object), ...PUBLIC };
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });

  app.get('/health', { config: PUBLIC, schema: { hide: true } }, async (_req, reply) => {
    const ready = options.ready?.() ?? true;
    return reply.code(ready ? 200 : 503).send({ Status: ready ? 'Ok' : 'Starting' });
  });
  app.get('/openapi.json', { config: PUBLIC, schema: { hide: true } }, async () => app.swagger());
  await registerDashboard(app);

  const ctx: RouteContext = { customerOf, href: (path) => `${options.publicBaseUrl()}${path}` };
  await app.register(async (api) => {
    ordersRoutes(api, deps, ctx);
    packingRoutes(api, deps, ctx);
    consignmentsRoutes(api, deps, ctx);
    manifestsRoutes(api, deps, ctx);
    customsRoutes(api, deps, ctx);
    referenceDataRoutes(api, deps, ctx);
    allocationRoutes(api, deps, ctx);
    quotesRoutes(api, deps, ctx);
    carrierServicesRoutes(api, deps, ctx);
    serviceGroupsRoutes(api, deps, ctx);
    trackingRoutes(api, deps, { ...ctx, carrierOf });
    labelsRoutes(api, deps, ctx);
    webhooksRoutes(api, deps, ctx);
  });
  return app;
}
