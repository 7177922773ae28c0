/**
 * No key reaches a log line, at the chattiest level, on success and on every error path (401, 400,
 * 404, 429, 500): customer keys, carrier keys, Idempotency-Keys, their sha256 hashes, and the secret
 * part of a key (all but the 12-character prefix `revoke` works with). Checked in-process through
 * the service's own logger settings, and on the real `node dist/main.js` (needs `npm run build`).
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDeps } from '../src/app.js';
import type { Db } from '../src/db/schema.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../src/db/test-db.js';
import { loggerOptions } from '../src/http/logging.js';
import { hashApiKey } from '../src/modules/accounts/api-keys.js';
import { createCarrierKey } from '../src/modules/tracking/carrier-keys.js';
import { exampleOrder, startTestServer, type TestServer } from './harness.js';
import { type ServiceProcess, startServiceProcess } from './service-process.js';

const SECRET_PREFIX = 12;

/** Every form of a secret that must not appear in a log. */
function forms(secret: string): string[] {
  return /^pl[kc]_/.test(secret) ? [secret, hashApiKey(secret), secret.slice(SECRET_PREFIX)] : [secret, hashApiKey(secret)];
}

function expectNoSecrets(log: string, secrets: string[]) {
  for (const secret of secrets) for (const form of forms(secret)) expect(log, `log contains ${form}`).not.toContain(form);
}

/** A db whose package_sizes queries throw: authentication works, the handler fails with a 500. */
function failingOnPackageSizes(db: Db): Db {
  return new Proxy(db, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== 'selectFrom' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return (table: unknown) => {
        if (table === 'package_sizes') throw new Error('database went away (test)');
        return value.call(target, table);
      };
    },
  });
}

/** Requests carrying every kind of key down every path; returns the secrets sent. */
async function exercise(call: TestServer['call'], key: string, carrierKey: string): Promise<string[]> {
  const idempotencyKeys = [`idem-${randomUUID()}`, `idem-${randomUUID()}`];
  const wrongKey = `plk_${'0123456789abcdef'.repeat(2)}01234567`;
  const replies = [
    await call('GET', '/packagesizes', { key }),
    await call('POST', '/orders', { key, body: exampleOrder({ OrderReferenceProvidedByCustomer: 'LOG-1' }), headers: { 'Idempotency-Key': idempotencyKeys[0]! } }),
    await call('POST', '/orders', { key, body: { Packages: 'nope' }, headers: { 'Idempotency-Key': idempotencyKeys[1]! } }),
    await call('POST', '/orders', { key, raw: '{"broken', headers: { 'content-type': 'application/json' } }),
    await call('GET', '/orders/EO-000-000-000', { key }),
    await call('GET', '/packagesizes', { key: wrongKey }),
    await call('GET', `/packagesizes?key=x`, { key: null, headers: { 'ocp-apim-subscription-key': ' ' } }),
    await call('POST', '/tracking/carrierevents', { key: carrierKey, body: { CarrierReference: 'SIMPOST', Events: [] } }),
    await call('GET', '/packagesizes', { key: carrierKey }),
  ];
  expect(replies.map((r) => r.status)).toEqual([200, 201, 400, 400, 404, 401, 401, 400, 401]);
  return [key, carrierKey, wrongKey, ...idempotencyKeys];
}

describe.each(DIALECTS)('keys are never logged (in-process, trace level) on %s', (dialect) => {
  let t: TestServer;
  let log = '';
  beforeAll(async () => {
    const sink = new Writable({ write(chunk, _encoding, done) { log += chunk.toString(); done(); } });
    t = await startTestServer(dialect, { server: { logger: loggerOptions('trace', sink), rateLimit: { max: 12, windowMs: 60_000 } } });
  });
  afterAll(async () => t?.close());

  it('logs requests, 4xx, 429 and 500 answers without any key, key hash or Idempotency-Key', async () => {
    const { key: carrierKey } = await createCarrierKey(t.deps, 'SIMPOST');
    const secrets = await exercise(t.call.bind(t), t.key, carrierKey);

    // A 500 inside a handler, with a valid key on the request.
    const db = t.deps.db;
    t.deps.db = failingOnPackageSizes(db);
    const failed = await t.call('GET', '/packagesizes', { headers: { 'Idempotency-Key': 'idem-on-a-500' } });
    t.deps.db = db;
    expect(failed.status).toBe(500);
    secrets.push('idem-on-a-500');

    // Over the limit (12 per minute): 429.
    let limited = 0;
    for (let i = 0; i < 12; i++) if ((await t.call('GET', '/packagesizes')).status === 429) limited++;
    expect(limited).toBeGreaterThan(0);

    // Should someone log a request's headers, the logger settings censor the keys.
    t.server.log.debug({ headers: { 'ocp-apim-subscription-key': t.key, 'idempotency-key': 'idem-logged-by-mistake' } }, 'headers logged by mistake');
    secrets.push('idem-logged-by-mistake');
    expect(log).toContain('"ocp-apim-subscription-key":"[redacted]"');

    // The log is there and detailed (so the check below is not vacuous)…
    expect(log).toContain('incoming request');
    expect(log).toContain('database went away (test)');
    expect(log).toContain('/packagesizes');
    expect(log).toContain(failed.json.CorrelationId);
    // …and holds no secret.
    expectNoSecrets(log, secrets);
  });
});

describe.each(DIALECTS)('keys are never logged by node dist/main.js at LOG_LEVEL=trace on %s', (dialect) => {
  let service: ServiceProcess;
  let database: TestDatabase;
  let key = '';
  let carrierKey = '';

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    key = `plk_${randomUUID().replaceAll('-', '')}abcdefgh`;
    carrierKey = (await createCarrierKey(makeDeps(database), 'SIMPOST')).key;
    service = await startServiceProcess({ DATABASE_URL: database.url, PACKLINE_API_KEY: key, LOG_LEVEL: 'trace' });
  });
  afterAll(async () => {
    await service?.stop();
    await database?.close();
  });

  it('logs every request of a session with keys, but no key, key hash or Idempotency-Key', async () => {
    const call: TestServer['call'] = async (method, path, options = {}) => {
      const headers: Record<string, string> = { ...options.headers };
      if (options.key) headers['ocp-apim-subscription-key'] = options.key;
      let body = options.raw;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(`${service.baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await res.text();
      return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
    };
    const secrets = await exercise(call, key, carrierKey);
    await service.stop();
    // The first-run banner prints the demo key once, on purpose (it is the only time it can be
    // seen); PACKLINE_API_KEY presets it here, and it must not show up anywhere else.
    const banner = `API key: ${key}\n`;
    const output = service.output();
    expect(output.split(banner).length - 1).toBe(1);
    const logged = output.replace(banner, '');
    expect(logged).toContain('request completed');
    expect(logged).toContain('/tracking/carrierevents');
    expectNoSecrets(logged, secrets);
  });
});
