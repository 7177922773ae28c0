import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';

describe('errors found by the hostile-input fuzzer (issue 6), in the error shape', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
  });
  afterAll(async () => t?.close());

  const shape = { Code: expect.any(String), Message: expect.any(String), CorrelationId: expect.stringMatching(/^[0-9a-f-]{36}$/), Details: [] };

  it('answers headers over the size limit with 431 and the error body (was Fastify\'s own {error, message, statusCode})', async () => {
    const r = await t.call('POST', '/orders', { raw: '{}', headers: { 'content-type': 'application/json', 'x-filler': 'f'.repeat(20_000) } });
    expect(r.status).toBe(431);
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(r.json).toEqual({ ...shape, Code: 'ValidationFailed' });
  });

  it.each([
    ['arrays', (n: number) => '['.repeat(n) + ']'.repeat(n)],
    ['objects', (n: number) => '{"Packages":'.repeat(n) + '1' + '}'.repeat(n)],
  ])('refuses %s nested 50,000 deep with 400 MalformedBody, with an Idempotency-Key too (was a 500: the key fingerprint overflowed the stack)', async (_what, nested) => {
    for (const headers of [{ 'idempotency-key': 'deep-1' }, {}] as Record<string, string>[]) {
      const r = await t.call('POST', '/orders', { raw: nested(50_000), headers: { 'content-type': 'application/json', ...headers } });
      expect(r.status, r.text).toBe(400);
      expect(r.json).toEqual({ ...shape, Code: 'MalformedBody' });
    }
    expect(await t.deps.db.selectFrom('idempotency_keys').select('key').execute()).toEqual([]);
  });

  it('still takes a body nested as deep as the limit (the schema answers it)', async () => {
    const r = await t.call('POST', '/orders', { raw: `{"Tags":${'['.repeat(63)}${']'.repeat(63)}}`, headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(r.json.Code).not.toBe('MalformedBody');
  });
});
