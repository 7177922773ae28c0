/**
 * `packline/client`: a typed client for Packline's public API.
 *
 * `client.api` is the openapi-fetch client generated from openapi.json: every path, path
 * parameter, query parameter and request body is typed. The routes declare no response schemas
 * (a Fastify response schema would drop undeclared fields and could break wire compatibility),
 * so its response bodies are untyped; the few calls below carry hand-written response types.
 * Any non-2xx answer is thrown as a `PacklineError` carrying the API's error body.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './schema.js';
import type { ConsignmentSearch, ErrorDetail, Link, Order, ShippingLocation } from './types.js';

export type { paths } from './schema.js';
export type * from './types.js';

/** Request body of Create Order, as the spec declares it. */
export type CreateOrderRequest = paths['/orders']['post']['requestBody']['content']['application/json'];
/** Search Consignments filters (query parameters), as the spec declares them. */
export type ConsignmentFilters = NonNullable<paths['/consignments/{take}/{skip}']['get']['parameters']['query']>;

/** An answer other than 2xx: the API's error body (`Code`, `Message`, `Details`, `CorrelationId`) and the HTTP status. */
export class PacklineError extends Error {
  override readonly name = 'PacklineError';
  constructor(
    readonly status: number,
    readonly Code: string,
    readonly Message: string,
    readonly Details: ErrorDetail[],
    readonly CorrelationId: string | null,
  ) {
    super(`${status} ${Code}: ${Message}`);
  }

  /** The error of a failed response; a body that is not the API's error shape still gives a `PacklineError`. */
  static async from(response: Response): Promise<PacklineError> {
    const text = await response.text().catch(() => '');
    let body: Partial<{ Code: unknown; Message: unknown; Details: unknown; CorrelationId: unknown }> = {};
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') body = parsed;
    } catch {
      // Not JSON (a proxy's page, say): keep the text as the message.
    }
    return new PacklineError(
      response.status,
      typeof body.Code === 'string' ? body.Code : `Http${response.status}`,
      typeof body.Message === 'string' ? body.Message : text.slice(0, 500) || response.statusText,
      Array.isArray(body.Details) ? (body.Details as ErrorDetail[]) : [],
      typeof body.CorrelationId === 'string' ? body.CorrelationId : response.headers.get('x-request-id'),
    );
  }
}

export interface PacklineClientOptions {
  /** The service's root, e.g. `http://localhost:8080`. */
  baseUrl: string;
  /** Sent as `ocp-apim-subscription-key`. */
  apiKey: string;
  /** A fetch to use instead of the global one (tests, proxies). */
  fetch?: (input: Request) => Promise<Response>;
}

export interface WriteOptions {
  /** Sent as `Idempotency-Key`: a repeat with the same key and body replays the first answer for 24 h. */
  idempotencyKey?: string;
}

export interface PacklineClient {
  /** The generated client: typed paths, parameters and bodies; throws `PacklineError` on non-2xx. */
  api: Client<paths>;
  /** Create Order (201); the new order's `EO-` reference and whether the answer was an idempotent replay. */
  createOrder(body: CreateOrderRequest, options?: WriteOptions): Promise<{ orderReference: string; links: Link[]; replayed: boolean }>;
  getOrder(orderReference: string): Promise<Order>;
  /** One page of Search Consignments (newest first). */
  searchConsignments(take: number, skip: number, filters?: ConsignmentFilters): Promise<ConsignmentSearch>;
  listShippingLocations(): Promise<ShippingLocation[]>;
}

export function createPacklineClient(options: PacklineClientOptions): PacklineClient {
  const api = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: { 'ocp-apim-subscription-key': options.apiKey, accept: 'application/json' },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  api.use(throwOnError);

  /** The JSON body of a 2xx answer, typed by the caller (the spec declares none). */
  const body = <T>(result: { data?: unknown }): T => result.data as T;

  return {
    api,
    async createOrder(order, write = {}) {
      const headers = write.idempotencyKey ? { 'Idempotency-Key': write.idempotencyKey } : undefined;
      const result = await api.POST('/orders', { body: order, headers });
      const links = body<Link[]>(result);
      const href = links.find((l) => l.Rel === 'Order')?.Href ?? result.response.headers.get('location') ?? '';
      return { orderReference: href.split('/').pop() ?? '', links, replayed: result.response.headers.get('idempotent-replayed') === 'true' };
    },
    async getOrder(orderReference) {
      return body<Order>(await api.GET('/orders/{orderReference}', { params: { path: { orderReference } } }));
    },
    async searchConsignments(take, skip, filters = {}) {
      const result = await api.GET('/consignments/{take}/{skip}', { params: { path: { take: String(take), skip: String(skip) }, query: filters } });
      return body<ConsignmentSearch>(result);
    },
    async listShippingLocations() {
      return body<ShippingLocation[]>(await api.GET('/shippinglocations'));
    },
  };
}

/** Every non-2xx answer becomes a thrown `PacklineError`, so callers handle one error type. */
const throwOnError: Middleware = {
  async onResponse({ response }) {
    if (!response.ok) throw await PacklineError.from(response);
    return undefined;
  },
};
