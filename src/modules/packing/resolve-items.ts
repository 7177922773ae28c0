/**
 * Which order line each pack item means (spec §3.2 rules 5–6): the only cross-check Pack Order
 * makes against the order. Pure; every problem is collected.
 */
import type { Problems } from '../../shared/errors.js';
import { text } from '../../shared/wire/normalise.js';
import { field, index } from '../../shared/wire/paths.js';
import type { OrderDocument, OrderItem } from '../orders/order.js';
import { MAX_QUANTITY } from '../orders/normalise-order.js';
import type { PackItemInput } from './packing.schemas.js';

/** One line of the order: an order item with where it sits. */
export interface OrderLine {
  item: OrderItem;
  /** Index of the order package holding it. */
  packageIndex: number;
}

export interface ResolvedItem {
  line: OrderLine;
  quantity: number;
}

/** The order's lines in package order, then item order: the order "first match" means. */
export function orderLines(order: Pick<OrderDocument, 'Packages'>): OrderLine[] {
  return order.Packages.flatMap((p, packageIndex) => p.Items.map((item) => ({ item, packageIndex })));
}

type Identifier = 'Reference' | 'ItemReferenceProvidedByCustomer' | 'Sku';
/** Precedence when several identifiers are given. */
const IDENTIFIERS: readonly Identifier[] = ['Reference', 'ItemReferenceProvidedByCustomer', 'Sku'];

/** Reference matches case-insensitively (it is hex); customer references and SKUs exactly after trimming. */
function matches(line: OrderLine, id: Identifier, value: string): boolean {
  if (id === 'Reference') return line.item.Reference.toLowerCase() === value.toLowerCase();
  return line.item[id] === value;
}

export function resolveItem(
  lines: readonly OrderLine[],
  input: PackItemInput,
  orderReference: string,
  problems: Problems,
  path: string,
): ResolvedItem | null {
  const quantity = input.Quantity ?? 1;
  let ok = true;
  if (quantity < 1 || quantity > MAX_QUANTITY) {
    problems.add('InvalidQuantity', field(path, 'Quantity'), `Quantity must be a whole number from 1 to ${MAX_QUANTITY}.`);
    ok = false;
  }
  const given = IDENTIFIERS.map((id) => [id, text(input[id])] as const).filter((g): g is readonly [Identifier, string] => g[1] !== null);
  const primary = given[0];
  if (!primary) {
    problems.add('ItemIdentifierRequired', path, 'Give the item\'s Reference, ItemReferenceProvidedByCustomer or Sku.');
    return null;
  }
  const [id, value] = primary;
  const line = lines.find((l) => matches(l, id, value));
  if (!line) {
    problems.add('ItemNotFoundOnOrder', field(path, id), `Item with ${id} ${value} was not found on order ${orderReference}.`);
    return null;
  }
  for (const [otherId, otherValue] of given.slice(1)) {
    if (!matches(line, otherId, otherValue)) {
      problems.add('ItemIdentifierConflict', field(path, otherId),
        `${otherId} ${otherValue} does not belong to the order item found by ${id} ${value}.`);
      ok = false;
    }
  }
  return ok ? { line, quantity } : null;
}

/** Every item of every pack package, resolved; `null` entries where a problem was reported. */
export function resolvePackItems(
  lines: readonly OrderLine[],
  packages: ReadonlyArray<{ Items?: PackItemInput[] | null }>,
  orderReference: string,
  problems: Problems,
): Array<Array<ResolvedItem | null>> {
  return packages.map((p, pi) =>
    (p.Items ?? []).map((it, ii) => resolveItem(lines, it, orderReference, problems, index(field(index('Packages', pi), 'Items'), ii))),
  );
}
