import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleOrder, startTestServer, type TestServer } from '../../../test/harness.js';
import { DIALECTS } from '../../db/test-db.js';

const GBP = { IsoCode: 'GBP' };
const item = (Sku: string, Quantity: number, cm: [number, number, number] | null, kg: number) => ({
  Sku, Quantity, Description: Sku, Weight: { Value: kg, Unit: 'Kg' }, Value: { Amount: 5, Currency: GBP },
  ...(cm ? { Dimensions: { Unit: 'Cm', Length: cm[0], Width: cm[1], Height: cm[2] } } : {}),
});
/**
 * Two mugs (12×10×9 cm) and a card (15×9×0.5 cm), all measured: side by side they fit the demo's
 * small box (24.4 × 19.4 × 9.4 cm inside). The demo sizes are S, M, L.
 */
const measuredOrder = (items = [item('MUG', 2, [12, 10, 9], 0.4), item('CARD', 1, [15, 9, 0.5], 0.05)]) =>
  exampleOrder({ Packages: [{ Items: items }] });

describe.each(DIALECTS)('automatic box selection over HTTP on %s', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(dialect);
  });
  afterAll(async () => t?.close());

  const createOrder = async (body: unknown = measuredOrder()) => {
    const r = await t.call('POST', '/orders', { body });
    expect(r.status, r.text).toBe(201);
    return String(r.json[0].Href).split('/').pop()!;
  };
  const consignments = async () => Number((await t.deps.db.selectFrom('consignments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const suggest = (order: string, body: unknown = {}, key?: string) =>
    t.call('POST', `/orders/${order}/pack/suggest`, { body, ...(key ? { key } : {}) });

  it('suggests boxes for everything outstanding, writes nothing, and its Packages pack as they are', async () => {
    const order = await createOrder();
    const before = await consignments();
    const r = await suggest(order);
    expect(r.status, r.text).toBe(200);
    expect(await consignments()).toBe(before);
    expect(r.json).toMatchObject({ Objective: 'fewest-boxes-then-volume', UnpackedItems: [], Certified: expect.any(Boolean), LowerBound: 1 });
    expect(r.json.Packages).toHaveLength(1);
    const [p] = r.json.Packages;
    expect(p.PackageSizeReference).toBe('S');
    expect(p.Dimensions).toEqual({ Unit: 'Cm', Length: 25, Width: 20, Height: 10 });
    expect(p.Weight).toEqual({ Value: 1, Unit: 'Kg' }); // 2 × 0.4 + 0.05 + the empty box's 0.15
    expect(p.Items.map((i: any) => [i.Sku, i.Quantity]).sort()).toEqual([['CARD', 1], ['MUG', 2]]);
    expect(p.Placements).toHaveLength(3);
    for (const pl of p.Placements) {
      expect(pl.Unit).toBe('Mm');
      expect(pl.X + pl.SizeX).toBeLessThanOrEqual(194);
      expect(pl.Y + pl.SizeY).toBeLessThanOrEqual(244);
      expect(pl.Z + pl.SizeZ).toBeLessThanOrEqual(94);
    }

    const packed = await t.call('POST', `/orders/${order}/pack`, { body: { Packages: r.json.Packages } });
    expect(packed.status, packed.text).toBe(201);
    expect((await t.call('GET', `/orders/${order}`)).json.PackingStatus).toBe('Packed');
    // Nothing is outstanding any more: nothing to suggest.
    expect((await suggest(order)).json.Packages).toEqual([]);
  });

  it('packs only the Items named, in the boxes named', async () => {
    const order = await createOrder();
    const r = await suggest(order, { Items: [{ Sku: 'MUG', Quantity: 1 }], PackageSizeReferences: ['L'] });
    expect(r.status, r.text).toBe(200);
    expect(r.json.Packages.map((p: any) => [p.PackageSizeReference, p.Items.map((i: any) => [i.Sku, i.Quantity])])).toEqual([['L', [['MUG', 1]]]]);
  });

  it('takes the rotation rule per item: a tall item kept upright needs a deeper box', async () => {
    // 18 × 5 × 15 cm (15 tall): laid down it fits S (24.4 × 19.4 × 9.4 inside); standing it needs M.
    const order = await createOrder(measuredOrder([item('POSTER', 1, [18, 5, 15], 0.3)]));
    const any = await suggest(order, { Items: [{ Sku: 'POSTER' }], PackageSizeReferences: ['S', 'M'] });
    expect(any.json.Packages.map((p: any) => p.PackageSizeReference)).toEqual(['S']); // laid down: 18 × 15 × 5
    const upright = await suggest(order, { Items: [{ Sku: 'POSTER', Rotation: 'upright' }], PackageSizeReferences: ['S', 'M'] });
    expect(upright.json.Packages.map((p: any) => p.PackageSizeReference)).toEqual(['M']); // 15 cm tall: deeper than S's 9.4
  });

  it('reports units that fit no box instead of dropping them', async () => {
    const order = await createOrder(measuredOrder([item('MUG', 1, [12, 10, 9], 0.4), item('CANOE', 1, [300, 60, 40], 20)]));
    const r = await suggest(order);
    expect(r.status, r.text).toBe(200);
    expect(r.json.UnpackedItems).toEqual([{ Reference: expect.any(String), Sku: 'CANOE', Quantity: 1, Reason: 'FitsNoPackageSize' }]);
    expect(r.json.Packages.flatMap((p: any) => p.Items.map((i: any) => i.Sku))).toEqual(['MUG']);
    const auto = await t.call('POST', `/orders/${order}/pack`, { body: { AutoPack: true } });
    expect([auto.status, auto.json.Code]).toEqual([400, 'ItemFitsNoPackageSize']);
    expect(auto.json.Message).toContain('CANOE');
  });

  it.each<[string, (order: string) => unknown, number, string, string[]]>([
    ['an unknown package size', () => ({ PackageSizeReferences: ['S', 'XXL'] }), 400, 'PackageSizeNotFound', ['PackageSizeReferences[1]']],
    ['an item not on the order', () => ({ Items: [{ Sku: 'NOPE' }] }), 400, 'ItemNotFoundOnOrder', ['Items[0].Sku']],
    ['an unknown objective', () => ({ Objective: 'cheapest' }), 400, 'InvalidEnumValue', ['Objective']],
    ['an unknown rotation', () => ({ Items: [{ Sku: 'MUG', Rotation: 'sideways' }] }), 400, 'InvalidEnumValue', ['Items[0].Rotation']],
  ])('refuses %s', async (_name, body, status, code, targets) => {
    const order = await createOrder();
    const r = await suggest(order, body(order));
    expect([r.status, r.json.Code], r.text).toEqual([status, code]);
    expect(r.json.Details.map((d: any) => d.Target)).toEqual(targets);
  });

  it('needs every item\'s dimensions, naming the order line that lacks them', async () => {
    const order = await createOrder(exampleOrder()); // TEA-500 has no Dimensions
    const r = await suggest(order);
    expect([r.status, r.json.Code]).toEqual([400, 'ItemMeasurementsRequired']);
    expect(r.json.Details[0].Target).toBe('Order.Packages[0].Items[1].Dimensions');
    expect(r.json.Message).toContain('TEA-500');
  });

  it('AutoPack creates the consignment with the chosen boxes, real weights, and the usual 201', async () => {
    const order = await createOrder();
    const r = await t.call('POST', `/orders/${order}/pack`, { body: { AutoPack: true, OrderReferenceProvidedByCustomer: 'AUTO-1' } });
    expect(r.status, r.text).toBe(201);
    expect(r.json.Results[0].Result).toBe('ConsignmentCreated');
    const c = (await t.call('GET', `/consignments/${r.json.Results[0].Data}`)).json;
    expect(c.ConsignmentReferenceProvidedByCustomer).toBe('AUTO-1');
    expect(c.Packages.map((p: any) => [p.PackageSizeReference, p.Weight.Value])).toEqual([['S', 1]]);
    expect(c.Packages[0].Dimensions).toEqual({ Unit: 'Cm', Length: 25, Width: 20, Height: 10 });
    expect(c.Packages[0].Items.map((i: any) => [i.Sku, i.Quantity]).sort()).toEqual([['CARD', 1], ['MUG', 2]]);
    expect((await t.call('GET', `/orders/${order}`)).json.PackingStatus).toBe('Packed');
    const again = await t.call('POST', `/orders/${order}/pack`, { body: { AutoPack: true } });
    expect([again.status, again.json.Code]).toEqual([400, 'PackagesRequired']);
  });

  it('AutoPack with Packages as well is refused', async () => {
    const order = await createOrder();
    const r = await t.call('POST', `/orders/${order}/pack`, {
      body: { AutoPack: true, Packages: [{ PackageSizeReference: 'S', Items: [{ Sku: 'MUG' }] }] },
    });
    expect([r.status, r.json.Details[0].Target]).toEqual([400, 'Packages']);
  });

  it('another customer\'s order answers 404', async () => {
    const order = await createOrder();
    expect((await suggest(order, {}, t.otherKey)).status).toBe(404);
    expect((await t.call('POST', `/orders/${order}/pack`, { body: { AutoPack: true }, key: t.otherKey })).status).toBe(404);
  });
});

describe('a box the content cannot fit by area alone', () => {
  it('is not chosen: two mugs and a book need more floor than the small box has', async () => {
    const t = await startTestServer('sqlite');
    try {
      const r = await t.call('POST', '/orders', { body: measuredOrder([item('MUG', 2, [12, 10, 9], 0.4), item('BOOK', 1, [22, 15, 3], 0.5)]) });
      const order = String(r.json[0].Href).split('/').pop()!;
      // The book lies flat (15 cm does not stand in 9.4), the mugs stand: 570 cm² of floor > S's 473.
      const s = await t.call('POST', `/orders/${order}/pack/suggest`, { body: {} });
      expect(s.json.Packages.map((p: any) => p.PackageSizeReference)).toEqual(['M']);
    } finally {
      await t.close();
    }
  });
});
