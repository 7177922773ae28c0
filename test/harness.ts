/**
 * A real Packline server on a real database (SQLite file or PostgreSQL schema), listening on a free
 * port, and a small fetch-based client for it. Used by the HTTP contract tests.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import { makeDeps } from '../src/app.js';
import { createTestDatabase, type TestDatabase } from '../src/db/test-db.js';
import type { DialectName } from '../src/db/schema.js';
import type { IdempotencyOptions } from '../src/http/idempotency.js';
import { buildServer, type ServerOptions } from '../src/http/server.js';
import { createCustomer } from '../src/modules/accounts/manage-accounts.js';
import { ensureDemoCustomer } from '../src/modules/accounts/demo-customer.js';
import type { Deps } from '../src/modules/deps.js';
import type { Clock } from '../src/shared/clock.js';

export interface TestServer {
  baseUrl: string;
  database: TestDatabase;
  deps: Deps;
  server: FastifyInstance;
  /** Every route the server registered (HEAD twins included), in registration order. */
  routes: RouteOptions[];
  /** Key of the demo customer (shipping location WH1, package sizes S, M, L). */
  key: string;
  /** Another customer's key, with the same reference data, for isolation tests. */
  otherKey: string;
  call(method: string, path: string, options?: { body?: unknown; key?: string | null; headers?: Record<string, string>; raw?: string }): Promise<Reply>;
  close(): Promise<void>;
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export interface TestServerOptions {
  /** A clock the test can move (defaults to the system clock). */
  clock?: Clock;
  idempotency?: Partial<IdempotencyOptions>;
  /** Rate limit, timeouts and logger, as the service would get them from its configuration. */
  server?: Pick<ServerOptions, 'rateLimit' | 'timeouts' | 'logger'>;
}

export async function startTestServer(dialect: DialectName, options: TestServerOptions = {}): Promise<TestServer> {
  const database = await createTestDatabase(dialect);
  const deps = { ...makeDeps(database), ...(options.clock ? { clock: options.clock } : {}) };
  let baseUrl = 'http://localhost';
  const routes: RouteOptions[] = [];
  const server = await buildServer(deps, {
    publicBaseUrl: () => baseUrl,
    onRoute: (route) => { routes.push(route); },
    ...(process.env.TEST_LOG ? { logger: { level: 'error' } } : {}),
    ...(options.idempotency ? { idempotency: options.idempotency } : {}),
    ...options.server,
  });
  const demo = await ensureDemoCustomer(deps);
  // A second customer gets its own WH1 too, so "same reference, other customer" can be tested.
  const other = await createCustomer(deps, { name: 'Other Shop' });
  await deps.db
    .insertInto('shipping_locations')
    .columns(['customer_id', 'reference', 'document', 'created_at', 'updated_at'])
    .expression((eb) =>
      eb.selectFrom('shipping_locations')
        .select([eb.val(other.customer.id).as('customer_id'), 'reference', 'document', 'created_at', 'updated_at'])
        .where('customer_id', '=', demo!.customer.id))
    .execute();
  await server.listen({ port: 0, host: '127.0.0.1' });
  const address = server.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const key = demo!.apiKey;

  return {
    baseUrl, database, deps, server, routes, key, otherKey: other.apiKey,
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      const useKey = options.key === undefined ? key : options.key;
      if (useKey !== null) headers['ocp-apim-subscription-key'] = useKey;
      let body: string | undefined = options.raw;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(`${baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await res.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.status, headers: res.headers, text, json };
    },
    async close() {
      await server.close();
      await database.close();
    },
  };
}

/** The Create Order example of spec §2.2, completed to a valid order at the demo warehouse. */
export function exampleOrder(overrides: Record<string, unknown> = {}) {
  return {
    OrderReferenceProvidedByCustomer: 'MyOrderRef001',
    Source: 'Api',
    ShippingDate: '2026-12-07T09:00:00+00:00',
    Packages: [
      {
        PackageReferenceProvidedByCustomer: 'BOX-1',
        Description: 'Mugs and tea',
        Items: [
          {
            Sku: 'SKU093434',
            ItemReferenceProvidedByCustomer: 'LINE-1',
            Description: 'Blue mug',
            Quantity: 2,
            Weight: { Value: 0.4, Unit: 'Kg' },
            Dimensions: { Unit: 'Cm', Width: 10, Length: 12, Height: 9 },
            Value: { Amount: 5.99, Currency: { IsoCode: 'GBP' } },
          },
          {
            Sku: 'TEA-500',
            Description: 'Loose tea',
            Quantity: 1,
            Weight: { Value: 500, Unit: 'G' },
            Value: { Amount: 12.5, Currency: { IsoCode: 'GBP' } },
            CountryOfOrigin: { IsoCode: { TwoLetterCode: 'IN' } },
          },
        ],
      },
    ],
    Addresses: [
      { AddressType: 'Origin', ShippingLocationReference: 'WH1' },
      {
        AddressType: 'Destination',
        Contact: { FirstName: 'Jo', LastName: 'Bloggs', Email: 'jo@example.com', Telephone: '07700 900123' },
        AddressLine1: '1 High Street',
        Town: 'Leeds',
        Postcode: 'LS1 1AA',
        Country: { Name: 'Great Britain', IsoCode: { TwoLetterCode: 'GB' } },
      },
    ],
    MetaData: [{ KeyValue: 'ShippersEORI', StringValue: 'GB123456789000' }],
    Tags: ['gift'],
    ...overrides,
  };
}
