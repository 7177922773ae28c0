import { describe, expect, it } from 'vitest';
import { Problems } from '../../shared/errors.js';
import type { PackItemInput } from './packing.schemas.js';
import { orderLines, resolveItem } from './resolve-items.js';
import { orderDocument, orderItem, orderPackage } from './test-fixtures.js';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const C = 'c'.repeat(32);
// The same SKU on two lines, in two order packages: "first" means package order, then item order.
const order = orderDocument([
  orderPackage([
    orderItem({ Reference: A, Sku: 'MUG', ItemReferenceProvidedByCustomer: 'LINE-1' }),
    orderItem({ Reference: B, Sku: 'TEA', ItemReferenceProvidedByCustomer: 'LINE-2' }),
  ]),
  orderPackage([orderItem({ Reference: C, Sku: 'MUG', ItemReferenceProvidedByCustomer: 'LINE-3' })]),
]);
const lines = orderLines(order);

function resolve(input: PackItemInput) {
  const problems = new Problems();
  const resolved = resolveItem(lines, input, 'EO-000-000-001', problems, 'Packages[0].Items[0]');
  return { line: resolved?.line.item.Reference ?? null, quantity: resolved?.quantity ?? null, problems: problems.list.map((p) => `${p.Code} ${p.Target}`) };
}

describe('which order line a pack item means (spec §3.2 rules 5–6)', () => {
  it.each<[string, PackItemInput, string | null, string[]]>([
    ['by Sku', { Sku: 'TEA' }, B, []],
    ['by Sku, the first line carrying it', { Sku: 'MUG' }, A, []],
    ['by Sku, trimmed', { Sku: '  TEA ' }, B, []],
    ['by Sku, case-sensitive', { Sku: 'tea' }, null, ['ItemNotFoundOnOrder Packages[0].Items[0].Sku']],
    ['by customer reference', { ItemReferenceProvidedByCustomer: 'LINE-3' }, C, []],
    ['by Reference', { Reference: C }, C, []],
    ['by Reference, any case', { Reference: C.toUpperCase() }, C, []],
    ['Reference wins and the Sku agrees with it', { Reference: C, Sku: 'MUG' }, C, []],
    ['customer reference picks the second MUG line and the Sku agrees', { ItemReferenceProvidedByCustomer: 'LINE-3', Sku: 'MUG' }, C, []],
    ['identifiers that disagree', { Reference: A, Sku: 'TEA' }, null, ['ItemIdentifierConflict Packages[0].Items[0].Sku']],
    ['customer reference and Reference disagree', { Reference: B, ItemReferenceProvidedByCustomer: 'LINE-1' }, null,
      ['ItemIdentifierConflict Packages[0].Items[0].ItemReferenceProvidedByCustomer']],
    ['no identifier', {}, null, ['ItemIdentifierRequired Packages[0].Items[0]']],
    ['blank identifiers only', { Sku: ' ', Reference: '' }, null, ['ItemIdentifierRequired Packages[0].Items[0]']],
    ['an unknown Sku (the seed page\'s 12345)', { Sku: '12345' }, null, ['ItemNotFoundOnOrder Packages[0].Items[0].Sku']],
    ['an unknown Reference', { Reference: 'f'.repeat(32) }, null, ['ItemNotFoundOnOrder Packages[0].Items[0].Reference']],
  ])('%s', (_name, input, expected, problems) => {
    const r = resolve(input);
    expect(r.problems).toEqual(problems);
    expect(r.line).toBe(expected);
  });

  it.each<[number | null | undefined, number | null, string[]]>([
    [undefined, 1, []],
    [null, 1, []],
    [1, 1, []],
    [7, 7, []],
    [1_000_000, 1_000_000, []],
    [0, null, ['InvalidQuantity Packages[0].Items[0].Quantity']],
    [-2, null, ['InvalidQuantity Packages[0].Items[0].Quantity']],
    [1_000_001, null, ['InvalidQuantity Packages[0].Items[0].Quantity']],
  ])('Quantity %s → %s', (quantity, expected, problems) => {
    const r = resolve({ Sku: 'TEA', Quantity: quantity });
    expect(r.problems).toEqual(problems);
    expect(r.quantity).toBe(expected);
  });

  it('reports a bad quantity and an unknown item together', () => {
    expect(resolve({ Sku: 'NOPE', Quantity: 0 }).problems).toEqual([
      'InvalidQuantity Packages[0].Items[0].Quantity',
      'ItemNotFoundOnOrder Packages[0].Items[0].Sku',
    ]);
  });
});
