/** The packline command, run as a user would (`node bin/packline.js …`), against both databases. Needs `npm run build`. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCustomerByKeyHash, findCustomerByReference } from '../src/modules/accounts/accounts.repo.js';
import { hashApiKey } from '../src/modules/accounts/api-keys.js';
import { findCarrierByKeyHash } from '../src/modules/tracking/carrier-keys.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../src/db/test-db.js';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/packline.js', import.meta.url));

describe.each(DIALECTS)('packline CLI on %s', (dialect) => {
  let t: TestDatabase;
  const packline = (...args: string[]) => run(process.execPath, [bin, ...args], { env: { ...process.env, DATABASE_URL: t.url } });
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t?.close());

  it('migrates an up-to-date database without complaint', async () => {
    const { stdout } = await packline('migrate');
    expect(stdout).toContain('up to date');
  });

  it('creates a customer, prints its reference and a key that authenticates as that customer', async () => {
    const { stdout } = await packline('customers', 'create', 'Acme Ltd');
    const reference = /customer reference: ([0-9a-f-]{36})/.exec(stdout)?.[1];
    const key = /api key: (plk_[0-9a-f]{40})/.exec(stdout)?.[1];
    expect(reference).toBeDefined();
    expect(key).toBeDefined();
    const customer = await findCustomerByKeyHash(t.db, hashApiKey(key!));
    expect(customer).toMatchObject({ reference, name: 'Acme Ltd' });
    // Only the hash is stored.
    const stored = await t.db.selectFrom('api_keys').select(['key_hash', 'key_prefix']).execute();
    expect(stored.some((k) => k.key_hash === key)).toBe(false);
    expect(stored.some((k) => k.key_prefix === key!.slice(0, 12))).toBe(true);
  });

  it('creates a second key for a customer and revokes a key by its prefix', async () => {
    const created = await packline('customers', 'create', 'Keys Ltd');
    const reference = /customer reference: (\S+)/.exec(created.stdout)![1]!;
    const first = /api key: (\S+)/.exec(created.stdout)![1]!;
    const { stdout } = await packline('keys', 'create', reference);
    const second = /api key: (plk_[0-9a-f]{40})/.exec(stdout)![1]!;
    expect(second).not.toBe(first);
    expect((await findCustomerByKeyHash(t.db, hashApiKey(second)))?.reference).toBe(reference);

    const revoked = await packline('keys', 'revoke', second.slice(0, 12));
    expect(revoked.stdout).toContain('revoked 1 key');
    expect(await findCustomerByKeyHash(t.db, hashApiKey(second))).toBeUndefined();
    expect(await findCustomerByKeyHash(t.db, hashApiKey(first))).toBeDefined();
  });

  it('creates a carrier-scoped key that authenticates as that carrier only, and revokes it by prefix', async () => {
    const { stdout } = await packline('carrier-keys', 'create', 'simpost');
    const key = /carrier key: (plc_[0-9a-f]{40})/.exec(stdout)?.[1];
    expect(stdout).toContain('carrier: SIMPOST');
    expect(await findCarrierByKeyHash(t.db, hashApiKey(key!))).toEqual({ carrierReference: 'SIMPOST', actor: key!.slice(0, 12) });
    expect(await findCustomerByKeyHash(t.db, hashApiKey(key!))).toBeUndefined();
    const revoked = await packline('carrier-keys', 'revoke', key!.slice(0, 12));
    expect(revoked.stdout).toContain('revoked 1 carrier key');
    expect(await findCarrierByKeyHash(t.db, hashApiKey(key!))).toBeUndefined();
  });

  it.each([
    ['an unknown carrier', ['carrier-keys', 'create', 'NOPE'], /No carrier NOPE/],
    ['a too-short carrier key prefix', ['carrier-keys', 'revoke', 'plc_'], /at least the first 8/],
    ['an unknown customer', ['keys', 'create', '00000000-0000-0000-0000-000000000000'], /No customer/],
    ['a too-short prefix', ['keys', 'revoke', 'plk_'], /at least the first 8/],
    ['a blank name', ['customers', 'create', '  '], /needs a name/],
  ])('fails clearly with a non-zero exit for %s', async (_what, args, message) => {
    const failure = await packline(...args).then(() => undefined, (e: { code: number; stderr: string }) => e);
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(message);
  });

  it('finds customers by reference in any case', async () => {
    const { stdout } = await packline('customers', 'create', 'Case Ltd');
    const reference = /customer reference: (\S+)/.exec(stdout)![1]!;
    expect(await findCustomerByReference(t.db, reference.toUpperCase())).toBeDefined();
  });
});
