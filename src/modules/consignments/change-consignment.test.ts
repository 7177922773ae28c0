import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { DIALECTS } from '../../db/test-db.js';
import { changeOneConsignment } from './change-consignment.js';
import { audit, create, row } from './test-consignments.js';

describe.each(DIALECTS)('changeConsignment: lock, check, save under the optimistic lock, audit — one transaction (%s)', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(dialect);
  });
  afterAll(async () => t?.close());

  const customerOf = async (reference: string) => ({ id: Number((await row(t, reference)).customer_id), reference: 'c', name: 'n', actor: 'plk_test' });

  it('answers 409 ConcurrentModification when the version moved under it, and keeps neither the change nor its audit entry', async () => {
    const reference = await create(t);
    const before = await row(t, reference);
    const entries = (await audit(t, reference)).length;
    const attempt = changeOneConsignment(t.deps, await customerOf(reference), reference, 'Cancel', async (_current, _now, tx) => {
      // Another writer's change, as the save will see it.
      await tx.updateTable('consignments').set({ version: before.version + 1 }).where('reference', '=', reference).execute();
      return { state: 'Cancelled', audit: { action: 'Cancelled', message: 'x' }, result: undefined };
    });
    await expect(attempt).rejects.toMatchObject({ code: 'ConcurrentModification', status: 409 });
    expect(await row(t, reference)).toEqual(before);
    expect(await audit(t, reference)).toHaveLength(entries);
  });

  it('records the actor and both states with the change', async () => {
    const reference = await create(t);
    await changeOneConsignment(t.deps, await customerOf(reference), reference, 'Cancel', () => ({ state: 'Cancelled', audit: { action: 'Cancelled', message: 'done' }, result: undefined }));
    const last = (await audit(t, reference)).at(-1)!;
    expect(last).toMatchObject({ Username: 'plk_test', Message: 'done', Details: { Action: 'Cancelled', StateBefore: 'Unallocated', StateAfter: 'Cancelled' } });
    expect((await row(t, reference)).version).toBe(2);
  });
});
