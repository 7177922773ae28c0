/** Composition root: the one place that builds dependencies and wires them together. */
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { connect, type Connection } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { buildServer } from './http/server.js';
import { loggerOptions } from './http/logging.js';
import type { Deps } from './modules/deps.js';
import { fetchHttpClient } from './carriers/http.js';
import { carrierRegistry } from './carriers/registry.js';
import { systemClock } from './shared/clock.js';
import { randomIds } from './shared/ids.js';

export interface App {
  deps: Deps;
  connection: Connection;
  server: FastifyInstance;
}

export function makeDeps(connection: Connection): Deps {
  return { db: connection.db, dialect: connection.dialect, clock: systemClock, ids: randomIds, carriers: carrierRegistry(), http: fetchHttpClient };
}

export async function openDatabase(url: string): Promise<Connection> {
  const connection = connect(url);
  await migrateToLatest(connection.db);
  return connection;
}

export async function buildApp(
  config: Pick<Config, 'databaseUrl' | 'publicBaseUrl' | 'logLevel' | 'rateLimit' | 'timeouts'> & Partial<Pick<Config, 'idempotencyAbandonMs'>>,
  options: { ready?: () => boolean; publicBaseUrl?: () => string; logger?: boolean } = {},
): Promise<App> {
  const connection = await openDatabase(config.databaseUrl);
  const deps = makeDeps(connection);
  const server = await buildServer(deps, {
    publicBaseUrl: options.publicBaseUrl ?? (() => config.publicBaseUrl ?? 'http://localhost'),
    logger: options.logger === false ? false : loggerOptions(config.logLevel),
    ...(config.rateLimit ? { rateLimit: config.rateLimit } : {}),
    timeouts: config.timeouts,
    ...(options.ready ? { ready: options.ready } : {}),
    ...(config.idempotencyAbandonMs !== undefined ? { idempotency: { abandonAfterMs: config.idempotencyAbandonMs } } : {}),
  });
  return { deps, connection, server };
}
