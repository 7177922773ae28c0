/**
 * A key revoked with the CLI while the service runs is refused on the very next request: the
 * service looks every key up in the database (no cache), so there is nothing to expire. Runs the
 * real `node dist/main.js` and `node bin/packline.js` (needs `npm run build`).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../src/db/test-db.js';
import { type ServiceProcess, startServiceProcess } from './service-process.js';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/packline.js', import.meta.url));
const DEMO_KEY = `plk_${'5eed'.repeat(10)}`;

describe.each(DIALECTS)('revoked keys stop working at once on %s', (dialect) => {
  let database: TestDatabase;
  let service: ServiceProcess;
  const packline = async (...args: string[]) => (await run(process.execPath, [bin, ...args], { env: { ...process.env, DATABASE_URL: database.url } })).stdout;
  const get = async (path: string, key: string) => {
    const res = await fetch(`${service.baseUrl}${path}`, { headers: { 'ocp-apim-subscription-key': key } });
    return { status: res.status, json: await res.json() as { Code?: string } };
  };
  const postEvent = async (key: string) => {
    const res = await fetch(`${service.baseUrl}/tracking/carrierevents`, {
      method: 'POST',
      headers: { 'ocp-apim-subscription-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ CarrierReference: 'SIMPOST', Events: [] }),
    });
    return { status: res.status, json: await res.json() as { Code?: string } };
  };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    service = await startServiceProcess({ DATABASE_URL: database.url, PACKLINE_API_KEY: DEMO_KEY, LOG_LEVEL: 'warn' });
  });
  afterAll(async () => {
    await service?.stop();
    await database?.close();
  });

  it('refuses a customer key with 401 on the first request after `packline keys revoke`, other keys unaffected', async () => {
    const customer = /Demo customer "[^"]*" \(([^)]+)\)/.exec(service.output())?.[1];
    expect(customer).toBeDefined();
    const key = /api key: (plk_[0-9a-f]{40})/.exec(await packline('keys', 'create', customer!))![1]!;
    // Warm: the key has been used, so anything that could cache it has had the chance.
    for (let i = 0; i < 3; i++) expect((await get('/packagesizes', key)).status).toBe(200);

    expect(await packline('keys', 'revoke', key.slice(0, 12))).toContain('revoked 1 key');
    const next = await get('/packagesizes', key);
    expect(next).toMatchObject({ status: 401, json: { Code: 'InvalidApiKey' } });
    expect((await get('/packagesizes', DEMO_KEY)).status).toBe(200);
  });

  it('refuses a carrier key with 401 on the first event posted after `packline carrier-keys revoke`', async () => {
    const key = /carrier key: (plc_[0-9a-f]{40})/.exec(await packline('carrier-keys', 'create', 'SIMPOST'))![1]!;
    for (let i = 0; i < 3; i++) {
      const accepted = await postEvent(key);
      expect(accepted.status).not.toBe(401);
      expect(accepted.status).toBeLessThan(500);
    }
    expect(await packline('carrier-keys', 'revoke', key.slice(0, 12))).toContain('revoked 1 carrier key');
    expect(await postEvent(key)).toMatchObject({ status: 401, json: { Code: 'InvalidApiKey' } });
  });
});
