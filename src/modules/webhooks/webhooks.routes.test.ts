/** Webhook subscriptions over HTTP: CRUD, validation, the secret shown once, isolation, deliveries and redelivery. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../db/test-db.js';
import { exampleOrder, startTestServer, type TestServer } from '../../../test/harness.js';
import { create, exampleConsignment } from '../consignments/test-consignments.js';

describe.each(DIALECTS)('webhook subscriptions on %s', (dialect) => {
  let t: TestServer;
  beforeAll(async () => { t = await startTestServer(dialect); });
  afterAll(async () => { await t?.close(); });

  const subscribe = async (body: Record<string, unknown> = {}, key = t.key) => {
    const r = await t.call('POST', '/webhooks', { key, body: { Url: 'https://hooks.example.com/packline', EventTypes: ['*'], ...body } });
    expect(r.status, r.text).toBe(201);
    return r.json;
  };
  const rowCount = async () => Number((await t.deps.db.selectFrom('webhook_subscriptions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('creates a subscription with an opaque id and a secret shown only in that answer', async () => {
    const created = await subscribe({ EventTypes: ['orderCreated', 'ConsignmentAllocated', 'OrderCreated'], Description: ' Warehouse screen ' });
    expect(created).toEqual({
      Id: expect.stringMatching(/^wh_[0-9a-f]{32}$/), Url: 'https://hooks.example.com/packline', EventTypes: ['OrderCreated', 'ConsignmentAllocated'],
      Description: 'Warehouse screen', IsEnabled: true, CreatedAt: expect.any(String), UpdatedAt: expect.any(String),
      Secret: expect.stringMatching(/^whsec_[0-9a-f]{64}$/),
    });
    const one = await t.call('GET', `/webhooks/${created.Id}`);
    expect(one.status).toBe(200);
    const { Secret: _s, ...shown } = created;
    expect(one.json).toEqual(shown);
    const list = await t.call('GET', '/webhooks');
    expect(list.json).toContainEqual(shown);
    expect(list.text).not.toContain(created.Secret);
    expect(one.text).not.toContain(created.Secret);
  });

  it('changes what is sent and keeps the rest; never shows the secret again', async () => {
    const created = await subscribe({ EventTypes: ['OrderCreated'] });
    const r = await t.call('PUT', `/webhooks/${created.Id}`, { body: { Url: 'http://10.0.0.5:8080/in', IsEnabled: false } });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toMatchObject({ Id: created.Id, Url: 'http://10.0.0.5:8080/in', EventTypes: ['OrderCreated'], IsEnabled: false });
    expect(r.json.Secret).toBeUndefined();
    const types = await t.call('PUT', `/webhooks/${created.Id}`, { body: { EventTypes: ['*', 'OrderUpdated'] } });
    expect(types.json).toMatchObject({ EventTypes: ['*'], Url: 'http://10.0.0.5:8080/in', IsEnabled: false });
  });

  it('refuses a subscription past the per-customer limit (every change fans out to each), and takes one again after a delete', async () => {
    const { MAX_SUBSCRIPTIONS } = await import('./webhooks.routes.js');
    const other = async () => (await t.call('GET', '/webhooks', { key: t.otherKey })).json as Array<{ Id: string }>;
    for (let n = (await other()).length; n < MAX_SUBSCRIPTIONS; n++) await subscribe({}, t.otherKey);
    const refused = await t.call('POST', '/webhooks', { key: t.otherKey, body: { Url: 'https://hooks.example.com/x', EventTypes: ['*'] } });
    expect([refused.status, refused.json.Code]).toEqual([400, 'ValidationFailed']);
    expect(await other()).toHaveLength(MAX_SUBSCRIPTIONS);
    expect((await t.call('DELETE', `/webhooks/${(await other())[0]!.Id}`, { key: t.otherKey })).status).toBe(204);
    await subscribe({}, t.otherKey);
  });

  it('deletes a subscription: 204, then 404', async () => {
    const created = await subscribe();
    expect((await t.call('DELETE', `/webhooks/${created.Id}`)).status).toBe(204);
    expect((await t.call('GET', `/webhooks/${created.Id}`)).json.Code).toBe('WebhookNotFound');
    expect((await t.call('DELETE', `/webhooks/${created.Id}`)).status).toBe(404);
  });

  it.each([
    ['ftp URL', { Url: 'ftp://hooks.example.com/x' }, 'Url'],
    ['credentials in the URL', { Url: 'https://user:pass@hooks.example.com/x' }, 'Url'],
    ['a user name alone', { Url: 'https://user@hooks.example.com/x' }, 'Url'],
    ['not a URL', { Url: 'hooks.example.com/x' }, 'Url'],
    ['javascript: URL', { Url: 'javascript:alert(1)' }, 'Url'],
    ['unknown event type', { EventTypes: ['OrderCreated', 'OrderDeleted'] }, 'EventTypes[1]'],
    ['no event types', { EventTypes: [] }, 'EventTypes'],
    ['missing Url', { Url: undefined }, 'Url'],
    ['Url of the wrong type', { Url: 42 }, 'Url'],
  ])('refuses %s with a 400 naming the field, and stores nothing', async (_name, change, target) => {
    const before = await rowCount();
    const r = await t.call('POST', '/webhooks', { body: { Url: 'https://hooks.example.com/x', EventTypes: ['*'], ...change } });
    expect(r.status, r.text).toBe(400);
    expect(r.json.Details.map((d: { Target: string }) => d.Target)).toContain(target);
    expect(await rowCount()).toBe(before);
  });

  it('refuses a bad URL on PUT too, changing nothing', async () => {
    const created = await subscribe();
    const r = await t.call('PUT', `/webhooks/${created.Id}`, { body: { Url: 'https://a:b@x.example.com/', EventTypes: ['Nope'] } });
    expect(r.status).toBe(400);
    expect(r.json.Details.map((d: { Target: string }) => d.Target).sort()).toEqual(['EventTypes[0]', 'Url']);
    expect((await t.call('GET', `/webhooks/${created.Id}`)).json.Url).toBe('https://hooks.example.com/packline');
  });

  it("answers another customer's subscription exactly like an unknown one (404), and lists none of it", async () => {
    const mine = await subscribe();
    for (const [method, path, body] of [
      ['GET', `/webhooks/${mine.Id}`], ['PUT', `/webhooks/${mine.Id}`, { IsEnabled: false }], ['DELETE', `/webhooks/${mine.Id}`],
      ['GET', `/webhooks/${mine.Id}/deliveries`], ['POST', `/webhooks/${mine.Id}/deliveries/evt_0/redeliver`],
    ] as const) {
      const r = await t.call(method, path, { key: t.otherKey, ...(body ? { body } : {}) });
      expect([method, path, r.status, r.json.Code]).toEqual([method, path, 404, 'WebhookNotFound']);
    }
    expect((await t.call('GET', '/webhooks', { key: t.otherKey })).text).not.toContain(mine.Id);
    expect((await t.call('GET', `/webhooks/${mine.Id}`)).json.IsEnabled).toBe(true);
  });

  it('lists deliveries newest first, paged, and queues a redelivery of one event (202)', async () => {
    const hook = await subscribe({ EventTypes: ['OrderCreated', 'ConsignmentCreated'] });
    const order = String((await t.call('POST', '/orders', { body: exampleOrder() })).json[0].Href).split('/').pop();
    const consignment = await create(t, exampleConsignment());
    const page = await t.call('GET', `/webhooks/${hook.Id}/deliveries?take=1`);
    expect(page.status, page.text).toBe(200);
    expect(page.json).toMatchObject({ Total: 2, Take: 1, Skip: 0 });
    expect(page.json.Deliveries).toEqual([{
      EventId: expect.stringMatching(/^evt_[0-9a-f]{32}$/), EventType: 'ConsignmentCreated', Reference: consignment, Status: 'Pending',
      AttemptCount: 0, CreatedAt: expect.any(String), NextAttemptAt: expect.any(String), DeliveredAt: null, Attempts: [],
    }]);
    const older = await t.call('GET', `/webhooks/${hook.Id}/deliveries?take=1&skip=1`);
    expect(older.json.Deliveries.map((d: { EventType: string; Reference: string }) => [d.EventType, d.Reference])).toEqual([['OrderCreated', order]]);

    const eventId = older.json.Deliveries[0].EventId;
    const replay = await t.call('POST', `/webhooks/${hook.Id}/deliveries/${eventId}/redeliver`);
    expect([replay.status, replay.json]).toEqual([202, { EventId: eventId, Status: 'Pending' }]);
    const after = await t.call('GET', `/webhooks/${hook.Id}/deliveries`);
    expect(after.json.Total).toBe(3);
    expect(after.json.Deliveries[0]).toMatchObject({ EventId: eventId, EventType: 'OrderCreated', Status: 'Pending' });
    expect((await t.call('POST', `/webhooks/${hook.Id}/deliveries/evt_${'0'.repeat(32)}/redeliver`)).json.Code).toBe('WebhookEventNotFound');
    expect((await t.call('GET', `/webhooks/${hook.Id}/deliveries?take=0`)).status).toBe(400);
  });
});
