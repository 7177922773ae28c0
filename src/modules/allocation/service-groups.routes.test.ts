import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { DIALECTS } from '../../db/test-db.js';

const targets = (r: { json: { Details: Array<{ Target: string; Code: string }> } }) => r.json.Details.map((d) => `${d.Target} ${d.Code}`).sort();

describe.each(DIALECTS)('service groups over HTTP on %s', (dialect) => {
  let t: TestServer;
  let customerReference: string;
  beforeAll(async () => {
    t = await startTestServer(dialect);
    const row = await t.deps.db.selectFrom('customers').select('reference').where('name', '=', 'Demo Shop').executeTakeFirstOrThrow();
    customerReference = row.reference;
  });
  afterAll(async () => t?.close());

  it('lists the demo groups in full, with each member service and its rules', async () => {
    const r = await t.call('GET', '/servicegroups');
    expect(r.status).toBe(200);
    expect(r.json.map((g: { Reference: string }) => g.Reference)).toEqual(['ECONOMY', 'NEXTDAY']);
    const nextDay = r.json[1];
    expect(nextDay).toEqual({
      Reference: 'NEXTDAY',
      Name: 'Next day',
      CustomerReference: customerReference,
      IsEnabled: true,
      MpdCarrierServiceProfiles: [
        expect.objectContaining({ Reference: 'MPD_SIMPOST_SIGNED24', Name: 'SimPost Tracked 24 Signed', MpdCarrierReference: 'SIMPOST', CarrierName: 'SimPost', IsEnabled: true, DimensionRestrictions: [] }),
        expect.objectContaining({ Reference: 'MPD_SIMCOURIER_NEXTDAY', MpdCarrierReference: 'SIMCOURIER', CompensationAndValue: { MaxParcelValue: 2500, Currency: 'GBP' } }),
      ],
      MpdCarrierServiceReferences: ['MPD_SIMPOST_SIGNED24', 'MPD_SIMCOURIER_NEXTDAY'],
    });
    expect((await t.call('GET', '/servicegroups/nextday')).json).toEqual(nextDay);
  });

  it('summarises groups (all, and one by reference in any case)', async () => {
    const all = await t.call('GET', '/servicegroups/summaries');
    expect(all.status).toBe(200);
    expect(all.json).toEqual([
      { Reference: 'ECONOMY', Name: 'Economy', IsEnabled: true, MpdCarrierServiceCount: 3, MpdCarrierServiceReferences: ['MPD_SIMPOST_TRACKED48', 'MPD_SIMPOST_RETURNS', 'MPD_SIMPOST_INTLTRACKED'] },
      { Reference: 'NEXTDAY', Name: 'Next day', IsEnabled: true, MpdCarrierServiceCount: 2, MpdCarrierServiceReferences: ['MPD_SIMPOST_SIGNED24', 'MPD_SIMCOURIER_NEXTDAY'] },
    ]);
    expect((await t.call('GET', '/servicegroups/summary/Economy')).json).toEqual(all.json[0]);
  });

  it('creates (201), reads, updates and deletes a group; references match in any case and keep their spelling', async () => {
    expect((await t.call('GET', '/servicegroups/valuableGoods/available')).json).toBe(true);
    const created = await t.call('POST', '/servicegroups', {
      body: { Reference: 'valuableGoods', Name: ' Valuables ', MpdCarrierServiceReferences: ['mpd_simpost_signed24', 'MPD_SIMCOURIER_NEXTDAY', 'MPD_SIMPOST_SIGNED24'] },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.headers.get('location')).toBe(`${t.baseUrl}/servicegroups/valuableGoods`);
    expect(created.json).toMatchObject({ Reference: 'valuableGoods', Name: 'Valuables', IsEnabled: true, MpdCarrierServiceReferences: ['MPD_SIMPOST_SIGNED24', 'MPD_SIMCOURIER_NEXTDAY'] });
    expect((await t.call('GET', '/servicegroups/VALUABLEGOODS')).json).toEqual(created.json);
    expect((await t.call('GET', '/servicegroups/VALUABLEGOODS/available')).json).toBe(false);

    for (const reference of ['valuableGoods', 'VALUABLEGOODS']) {
      const dup = await t.call('POST', '/servicegroups', { body: { Reference: reference, Name: 'Again', MpdCarrierServiceReferences: ['MPD_SIMPOST_TRACKED48'] } });
      expect([dup.status, dup.json.Code, dup.json.Details[0].Target]).toEqual([400, 'ServiceGroupAlreadyExists', 'Reference']);
    }

    const updated = await t.call('PUT', '/servicegroups/valuablegoods', { body: { Name: 'High value', IsEnabled: false, MpdCarrierServiceReferences: ['MPD_SIMCOURIER_NEXTDAY'] } });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.json).toMatchObject({ Reference: 'valuableGoods', Name: 'High value', IsEnabled: false, MpdCarrierServiceReferences: ['MPD_SIMCOURIER_NEXTDAY'] });
    expect((await t.call('GET', '/servicegroups/summary/valuableGoods')).json).toMatchObject({ Name: 'High value', IsEnabled: false, MpdCarrierServiceCount: 1 });

    const deleted = await t.call('DELETE', '/servicegroups/VaLuAbLeGoOdS');
    expect(deleted.status).toBe(200);
    expect((await t.call('GET', '/servicegroups/valuableGoods')).json.Code).toBe('ServiceGroupNotFound');
    expect((await t.call('GET', '/servicegroups/valuableGoods/available')).json).toBe(true);
    expect((await t.call('DELETE', '/servicegroups/valuableGoods')).status).toBe(404);
  });

  it('refuses bad group bodies with one 400 naming each field, and creates or changes nothing', async () => {
    const before = (await t.call('GET', '/servicegroups')).text;
    const cases: Array<[string, 'POST' | 'PUT', unknown, string[]]> = [
      ['no reference, name or members', 'POST', {}, ['MpdCarrierServiceReferences FieldRequired', 'Name FieldRequired', 'Reference ReferenceRequired']],
      ['a reference with a space', 'POST', { Reference: 'two words', Name: 'x', MpdCarrierServiceReferences: ['MPD_SIMPOST_TRACKED48'] }, ['Reference InvalidReference']],
      ['a reference with a slash', 'POST', { Reference: 'a/b', Name: 'x', MpdCarrierServiceReferences: ['MPD_SIMPOST_TRACKED48'] }, ['Reference InvalidReference']],
      ['a reserved reference', 'POST', { Reference: 'Summaries', Name: 'x', MpdCarrierServiceReferences: ['MPD_SIMPOST_TRACKED48'] }, ['Reference InvalidReference']],
      ['a reference of 51 characters', 'POST', { Reference: 'A'.repeat(51), Name: 'x', MpdCarrierServiceReferences: ['MPD_SIMPOST_TRACKED48'] }, ['Reference InvalidReference']],
      ['no members', 'POST', { Reference: 'G1', Name: 'x', MpdCarrierServiceReferences: [] }, ['MpdCarrierServiceReferences FieldRequired']],
      ['unknown and blank members', 'POST', { Reference: 'G1', Name: 'x', MpdCarrierServiceReferences: ['MPD_SIMPOST_TRACKED48', 'MPD_NOPE', ' '] },
        ['MpdCarrierServiceReferences[1] CarrierServiceNotFound', 'MpdCarrierServiceReferences[2] CarrierServiceNotFound']],
      ['a blank name', 'PUT', { Name: '  ', MpdCarrierServiceReferences: ['MPD_SIMPOST_TRACKED48'] }, ['Name FieldRequired']],
      ['a rename', 'PUT', { Reference: 'OTHER', Name: 'x', MpdCarrierServiceReferences: ['MPD_SIMPOST_TRACKED48'] }, ['Reference ReferenceMismatch']],
      ['members not a list', 'PUT', { Name: 'x', MpdCarrierServiceReferences: 'MPD_SIMPOST_TRACKED48' }, ['MpdCarrierServiceReferences InvalidType']],
      ['IsEnabled not a boolean', 'PUT', { Name: 'x', IsEnabled: 'no', MpdCarrierServiceReferences: ['MPD_SIMPOST_TRACKED48'] }, ['IsEnabled InvalidType']],
    ];
    for (const [what, method, body, expected] of cases) {
      const r = await t.call(method, method === 'POST' ? '/servicegroups' : '/servicegroups/NEXTDAY', { body });
      expect(r.status, what).toBe(400);
      expect(targets(r), what).toEqual(expected.sort());
    }
    expect((await t.call('GET', '/servicegroups')).text).toBe(before);
    expect((await t.call('GET', '/servicegroups/G1')).status).toBe(404);
  });

  it('members must be services the customer has a profile for: another customer cannot group services it lacks', async () => {
    const r = await t.call('POST', '/servicegroups', { key: t.otherKey, body: { Reference: 'NEXTDAY', Name: 'Mine', MpdCarrierServiceReferences: ['MPD_SIMPOST_SIGNED24'] } });
    expect(r.status).toBe(400);
    expect(targets(r)).toEqual(['MpdCarrierServiceReferences[0] CarrierServiceNotFound']);
  });

  it("keeps customers apart: B cannot see, change or delete A's groups, and may use the same reference for its own", async () => {
    const b = t.otherKey;
    expect((await t.call('GET', '/servicegroups', { key: b })).json).toEqual([]);
    expect((await t.call('GET', '/servicegroups/summaries', { key: b })).json).toEqual([]);
    for (const [method, path, body] of [
      ['GET', '/servicegroups/NEXTDAY', undefined], ['GET', '/servicegroups/summary/NEXTDAY', undefined],
      ['PUT', '/servicegroups/NEXTDAY', { Name: 'Taken over', MpdCarrierServiceReferences: ['MPD_SIMPOST_SIGNED24'] }], ['DELETE', '/servicegroups/NEXTDAY', undefined],
    ] as const) {
      const r = await t.call(method, path, { key: b, body });
      expect([r.status, r.json.Code], `${method} ${path}`).toEqual([404, 'ServiceGroupNotFound']);
    }
    expect((await t.call('GET', '/servicegroups/NEXTDAY/available', { key: b })).json).toBe(true);

    expect((await t.call('PUT', '/carrierservices/MPD_SIMCOURIER_NEXTDAY', { key: b, body: {} })).status).toBe(201);
    const own = await t.call('POST', '/servicegroups', { key: b, body: { Reference: 'nextday', Name: 'B next day', MpdCarrierServiceReferences: ['MPD_SIMCOURIER_NEXTDAY'] } });
    expect(own.status, own.text).toBe(201);
    expect((await t.call('GET', '/servicegroups/NEXTDAY', { key: b })).json).toMatchObject({ Reference: 'nextday', Name: 'B next day' });
    // A's group is as it was.
    expect((await t.call('GET', '/servicegroups/NEXTDAY')).json).toMatchObject({ Reference: 'NEXTDAY', Name: 'Next day', MpdCarrierServiceReferences: ['MPD_SIMPOST_SIGNED24', 'MPD_SIMCOURIER_NEXTDAY'] });
  });

  it('answers a malformed reference: 404 on reads and writes, 400 InvalidReference on /available', async () => {
    expect((await t.call('GET', '/servicegroups/bad%20ref')).json.Code).toBe('ServiceGroupNotFound');
    expect((await t.call('DELETE', '/servicegroups/bad%20ref')).status).toBe(404);
    const r = await t.call('GET', '/servicegroups/bad%20ref/available');
    expect([r.status, r.json.Code]).toEqual([400, 'InvalidReference']);
  });
});
