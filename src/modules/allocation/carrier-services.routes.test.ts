import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { DIALECTS } from '../../db/test-db.js';

const ALL_SERVICES = [
  'MPD_SIMCOURIER_INTLEXPRESS', 'MPD_SIMCOURIER_NEXTDAY', 'MPD_SIMCOURIER_PALLET',
  'MPD_SIMPOST_INTLTRACKED', 'MPD_SIMPOST_RETURNS', 'MPD_SIMPOST_SIGNED24', 'MPD_SIMPOST_TRACKED48',
];

describe.each(DIALECTS)('carriers and carrier services over HTTP on %s', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(dialect);
  });
  afterAll(async () => t?.close());

  it('lists every service the demo customer has a profile for, in the SortedPRO envelope (GET /carrierservices and GET /carriers)', async () => {
    const r = await t.call('GET', '/carrierservices');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ Success: true, ErrorMessage: null });
    expect(r.json.MpdCarrierServices.map((s: { Reference: string }) => s.Reference)).toEqual(ALL_SERVICES);
    expect((await t.call('GET', '/carriers')).json).toEqual(r.json);
  });

  it('shows a service as MpdCarrierService (spec §12) with its one leg, and the [EXT] rules, limits and transit time', async () => {
    const r = await t.call('GET', '/carrierservices/mpd_simpost_tracked48');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      Reference: 'MPD_SIMPOST_TRACKED48',
      Name: 'SimPost Tracked 48',
      Description: 'Domestic tracked parcel, delivery in 2–3 working days',
      MpdCarrierReference: 'SIMPOST',
      CarrierName: 'SimPost',
      CarrierAccountOwner: 'Customer',
      Status: 'Enabled',
      Journey: [{
        JourneyStage: 'Single',
        CarrierService: {
          Reference: 'TPS48', Name: 'SimPost Tracked 48', CarrierReference: 'SIMPOST', CarrierName: 'SimPost',
          IsDropOff: false, IsPickUp: false, IsTimed: false, IsTracked: true, IsSigned: false, ServiceDirection: 'Outbound',
        },
        CarrierAccountReference: 'SIMPOST',
        DeliveryHub: null,
        CostItems: [],
        VolumetricParcelWeight: null,
        CollectionType: 'Scheduled',
      }],
      Source: 'Internal',
      Type: 'Scheduled',
      IsConfigured: true,
      IsEnabled: true,
      ServiceDirection: 'Outbound',
      Origins: ['GB'],
      NativeLabelFormat: 'PDF',
      LabelFormats: ['PDF', 'PNG', 'ZPL', 'ZPLII'],
      TransitDays: { Min: 2, Max: 3 },
      CutOffHourUtc: 17,
      SaturdayDelivery: false,
      Limits: { MaxWeightKg: 20, MaxLengthCm: 61, MaxCombinedCm: 200, MaxPackages: null },
      VolumetricDivisor: 5000,
      RateCurrency: 'GBP',
      CustomsDocuments: { PostalForms: false, CommercialInvoice: false },
      RequiredCustomsData: [],
      DimensionRestrictions: [{ DimensionType: 'Length', RangeFrom: null, RangeTo: 61 }, { DimensionType: 'AbsoluteWeight', RangeFrom: null, RangeTo: 20 }],
      DomesticLocationRestrictions: [
        { PostcodeArea: 'GY', PostcodeDistrict: null, PostcodeSector: null, PostcodeUnit: null },
        { PostcodeArea: 'JE', PostcodeDistrict: null, PostcodeSector: null, PostcodeUnit: null },
      ],
      ZipCodeRestrictions: [],
      ExcludedCountries: [],
      CompensationAndValue: null,
      AllocationFilteringTags: [],
    });
  });

  it('renders directions and service types as SortedPRO flags strings', async () => {
    const list = (await t.call('GET', '/carrierservices')).json.MpdCarrierServices as Array<Record<string, any>>;
    const by = Object.fromEntries(list.map((s) => [s.Reference, s]));
    expect(by.MPD_SIMCOURIER_NEXTDAY!.Journey[0].CarrierService.ServiceDirection).toBe('Inbound, Outbound');
    expect(by.MPD_SIMPOST_RETURNS!).toMatchObject({ ServiceDirection: 'Inbound', Type: 'DropOff', Journey: [{ CollectionType: 'DropOff', CarrierService: { IsDropOff: true } }] });
    expect(by.MPD_SIMCOURIER_PALLET!).toMatchObject({ Type: 'Scheduled, Timed', NativeLabelFormat: 'ZPL', Limits: { MaxPackages: 4 } });
  });

  it('lists the carriers the customer has a service of (GET /carriers/getcarriers)', async () => {
    const r = await t.call('GET', '/carriers/getcarriers');
    expect(r.status).toBe(200);
    expect(r.json).toEqual([{ Reference: 'SIMCOURIER', Name: 'SimCourier' }, { Reference: 'SIMPOST', Name: 'SimPost' }]);
  });

  it('answers 404 CarrierServiceNotFound for a service the registry does not know, or the customer has no profile for', async () => {
    for (const [path, key] of [['/carrierservices/MPD_NOPE', t.key], ['/carrierservices/MPD_SIMPOST_TRACKED48', t.otherKey]] as const) {
      const r = await t.call('GET', path, { key });
      expect([r.status, r.json.Code]).toEqual([404, 'CarrierServiceNotFound']);
    }
    const put = await t.call('PUT', '/carrierservices/MPD_NOPE', { body: { IsEnabled: true } });
    expect([put.status, put.json.Code]).toEqual([404, 'CarrierServiceNotFound']);
  });

  it('a customer with no profiles sees no services and no carriers', async () => {
    const r = await t.call('GET', '/carrierservices', { key: t.otherKey });
    expect(r.json).toEqual({ Success: true, ErrorMessage: null, MpdCarrierServices: [] });
    expect((await t.call('GET', '/carriers/getcarriers', { key: t.otherKey })).json).toEqual([]);
  });

  it('creates a profile (201), updates it (200) keeping what the body leaves out, and shows it only to its customer', async () => {
    const created = await t.call('PUT', '/carrierservices/mpd_simcourier_pallet', {
      key: t.otherKey,
      body: {
        DimensionRestrictions: [{ DimensionType: 'absoluteWeight', RangeFrom: 30, RangeTo: 800 }],
        DomesticLocationRestrictions: [{ PostcodeArea: 'ze' }],
        InternationalLocationRestrictions: [{ CountryTwoLetterIsoCode: 'ie' }],
        CompensationAndValue: { MaxParcelValue: 5000, Currency: 'gbp' },
        AllocationFilteringTags: ['Heavy', ' heavy '],
      },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.headers.get('location')).toBe(`${t.baseUrl}/carrierservices/MPD_SIMCOURIER_PALLET`);
    expect(created.json).toMatchObject({
      Reference: 'MPD_SIMCOURIER_PALLET', Status: 'Enabled',
      DimensionRestrictions: [{ DimensionType: 'AbsoluteWeight', RangeFrom: 30, RangeTo: 800 }],
      DomesticLocationRestrictions: [{ PostcodeArea: 'ZE', PostcodeDistrict: null }],
      ExcludedCountries: ['IE'], CompensationAndValue: { MaxParcelValue: 5000, Currency: 'GBP' }, AllocationFilteringTags: ['Heavy'],
    });

    const disabled = await t.call('PUT', '/carrierservices/MPD_SIMCOURIER_PALLET', { key: t.otherKey, body: { IsEnabled: false } });
    expect(disabled.status).toBe(200);
    expect(disabled.json).toEqual({ ...created.json, Status: 'Disabled', IsEnabled: false });
    expect((await t.call('GET', '/carrierservices/MPD_SIMCOURIER_PALLET', { key: t.otherKey })).json).toEqual(disabled.json);
    // Disabled services are still listed, with their status.
    expect((await t.call('GET', '/carrierservices', { key: t.otherKey })).json.MpdCarrierServices).toEqual([disabled.json]);
    expect((await t.call('GET', '/carriers/getcarriers', { key: t.otherKey })).json).toEqual([{ Reference: 'SIMCOURIER', Name: 'SimCourier' }]);

    // The demo customer's profile of the same service is its own.
    expect((await t.call('GET', '/carrierservices/MPD_SIMCOURIER_PALLET')).json).toMatchObject({ Status: 'Enabled', DimensionRestrictions: [], AllocationFilteringTags: [] });
  });

  it('refuses bad rule bodies with one 400 naming each field, and changes nothing', async () => {
    const before = (await t.call('GET', '/carrierservices/MPD_SIMPOST_TRACKED48')).text;
    const cases: Array<[unknown, string[]]> = [
      [{ DimensionRestrictions: [{ DimensionType: 'Depth', RangeTo: 1 }] }, ['DimensionRestrictions[0].DimensionType']],
      [{ DimensionRestrictions: [{ DimensionType: 'Length', RangeFrom: 5, RangeTo: 1 }, { DimensionType: 'Girth', RangeTo: -3 }] }, ['DimensionRestrictions[0].RangeFrom', 'DimensionRestrictions[1].RangeTo']],
      [{ DomesticLocationRestrictions: [{ PostcodeArea: 'M', PostcodeUnit: 'LW' }] }, ['DomesticLocationRestrictions[0].PostcodeDistrict', 'DomesticLocationRestrictions[0].PostcodeSector']],
      [{ DomesticLocationRestrictions: [{ PostcodeArea: '12' }] }, ['DomesticLocationRestrictions[0].PostcodeArea']],
      [{ ZipCodeRestrictions: [{ Single: '3221' }, { From: '906', To: '902' }] }, ['ZipCodeRestrictions[0].Single', 'ZipCodeRestrictions[1].From']],
      [{ ExcludedCountries: ['GB', 'UK'] }, ['ExcludedCountries[1]']],
      [{ InternationalLocationRestrictions: [{ CountryTwoLetterIsoCode: 'FR', Postcode: '75001' }] }, ['InternationalLocationRestrictions[0].Postcode']],
      [{ CompensationAndValue: { MaxParcelValue: 10, Currency: 'POUNDS' } }, ['CompensationAndValue.Currency']],
      // Schema problems: wrong types.
      [{ IsEnabled: 'yes' }, ['IsEnabled']],
      [{ DimensionRestrictions: [{ DimensionType: 'Length', RangeTo: '61' }] }, ['DimensionRestrictions[0].RangeTo']],
      [{ ZipCodeRestrictions: [{ Single: 322 }] }, ['ZipCodeRestrictions[0].Single']],
      [{ AllocationFilteringTags: 'Alcohol' }, ['AllocationFilteringTags']],
      [{ ExcludedCountries: [{ Code: 'FR' }] }, ['ExcludedCountries[0]']],
    ];
    for (const [body, targets] of cases) {
      const r = await t.call('PUT', '/carrierservices/MPD_SIMPOST_TRACKED48', { body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.Details.map((d: { Target: string }) => d.Target).sort(), JSON.stringify(body)).toEqual(targets.sort());
    }
    expect((await t.call('GET', '/carrierservices/MPD_SIMPOST_TRACKED48')).text).toBe(before);
    // A service the customer had no profile for stays without one.
    await t.call('PUT', '/carrierservices/MPD_SIMPOST_SIGNED24', { key: t.otherKey, body: { ExcludedCountries: ['XX'] } });
    expect((await t.call('GET', '/carrierservices/MPD_SIMPOST_SIGNED24', { key: t.otherKey })).status).toBe(404);
  });

  it('reads and replaces carrier account settings per customer; unknown carriers are 404 CarrierNotFound', async () => {
    expect((await t.call('GET', '/carriers/SIMPOST/settings')).json).toEqual({});
    const put = await t.call('PUT', '/carriers/simpost/settings', { body: { failManifest: 'Depot closed', FAILBOOKING: false } });
    expect(put.status, put.text).toBe(200);
    expect(put.json).toEqual({ failManifest: 'Depot closed', failBooking: false });
    expect((await t.call('GET', '/carriers/SimPost/settings')).json).toEqual(put.json);
    expect((await t.call('GET', '/carriers/SIMPOST/settings', { key: t.otherKey })).json).toEqual({});
    // A replacement, not a merge.
    expect((await t.call('PUT', '/carriers/SIMPOST/settings', { body: { failCancel: true } })).json).toEqual({ failCancel: true });
    expect((await t.call('GET', '/carriers/SIMPOST/settings')).json).toEqual({ failCancel: true });

    const bad = await t.call('PUT', '/carriers/SIMPOST/settings', { body: { failBooking: 1, nested: { a: 1 } } });
    expect(bad.status).toBe(400);
    expect(bad.json.Details.map((d: { Target: string }) => d.Target).sort()).toEqual(['failBooking', 'nested']);
    expect((await t.call('PUT', '/carriers/SIMPOST/settings', { body: [true] })).status).toBe(400);
    expect((await t.call('GET', '/carriers/SIMPOST/settings')).json).toEqual({ failCancel: true });

    for (const [method, body] of [['GET', undefined], ['PUT', {}]] as const) {
      const r = await t.call(method, '/carriers/NOPE/settings', { body });
      expect([r.status, r.json.Code]).toEqual([404, 'CarrierNotFound']);
    }
    await t.call('PUT', '/carriers/SIMPOST/settings', { body: {} });
  });

  it('documents the endpoints in /openapi.json', async () => {
    const paths = Object.keys((await t.call('GET', '/openapi.json', { key: null })).json.paths);
    expect(paths).toEqual(expect.arrayContaining([
      '/carrierservices', '/carrierservices/{serviceReference}', '/carriers', '/carriers/getcarriers', '/carriers/{carrierReference}/settings',
      '/servicegroups', '/servicegroups/summaries', '/servicegroups/{serviceGroupReference}', '/servicegroups/summary/{serviceGroupReference}',
      '/servicegroups/{serviceGroupReference}/available',
    ]));
  });
});
