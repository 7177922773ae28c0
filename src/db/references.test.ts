import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { allocateReferences } from './references.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from './test-db.js';

const run = promisify(execFile);

describe.each(DIALECTS)('reference counters on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t?.close());

  it('hands out consecutive references per prefix, starting at 1', async () => {
    const eo = await t.db.transaction().execute((tx) => allocateReferences(tx, dialect, 'EO', 3));
    const ec = await t.db.transaction().execute((tx) => allocateReferences(tx, dialect, 'EC', 1));
    expect(eo).toEqual(['EO-000-000-001', 'EO-000-000-002', 'EO-000-000-003']);
    expect(ec).toEqual(['EC-000-000-001']);
  });

  it('never reuses a reference after a rollback (gaps are fine)', async () => {
    const [before] = await t.db.transaction().execute((tx) => allocateReferences(tx, dialect, 'EP', 1));
    await expect(
      t.db.transaction().execute(async (tx) => {
        await allocateReferences(tx, dialect, 'EP', 2);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const [after] = await t.db.transaction().execute((tx) => allocateReferences(tx, dialect, 'EP', 1));
    expect(after! > before!).toBe(true);
  });

  it('gives two service instances on one database distinct references under concurrent load', async () => {
    // Each "instance" is a process with its own connection, as two deployed services would be.
    const fixture = fileURLToPath(new URL('../../test/fixtures/allocate-references.ts', import.meta.url));
    const instance = async () => {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', fixture, t.url, '40', '5']);
      return JSON.parse(stdout) as string[];
    };
    const [a, b] = await Promise.all([instance(), instance()]);
    const all = [...a, ...b];
    expect(all).toHaveLength(400);
    expect(new Set(all).size).toBe(400);
  });
});
