/**
 * The station's local draft (PACKING-STATION.md §3) and what a scan means (§4). Pure: the
 * component keeps the draft in state and localStorage; these functions compute the next one.
 * Items are kept by order-item `Reference`, never by SKU, so a SKU on two lines cannot hit the wrong one.
 */
import type { Order, OrderItem, PackageSize } from '../types';

export interface Box {
  size: string | null;
  /** Order item Reference → units in this box. */
  items: Record<string, number>;
  closed: boolean;
}

export interface Draft {
  order: Order;
  boxes: Box[];
  /** A pack attempt: its key and exact body, reused on every retry of that attempt. */
  attempt: { key: string; body: unknown } | null;
  consignment: string | null;
  labelled: boolean;
}

export const lines = (order: Order): OrderItem[] => order.Packages.flatMap((p) => p.Items);
export const inBoxes = (d: Draft, ref: string) => d.boxes.reduce((n, b) => n + (b.items[ref] ?? 0), 0);
/** Left = the server's outstanding − units in this draft. */
export const left = (d: Draft, line: OrderItem) => Math.max(0, line.QuantityOutstanding - inBoxes(d, line.Reference));
export const unitsLeft = (d: Draft) => lines(d.order).reduce((n, l) => n + left(d, l), 0);
export const openBox = (d: Draft) => d.boxes.findIndex((b) => !b.closed);
export const boxUnits = (b: Box) => Object.values(b.items).reduce((n, q) => n + q, 0);
export const itemName = (l: OrderItem) => [l.Sku ?? l.ItemReferenceProvidedByCustomer ?? l.Reference, l.Description].filter(Boolean).join(' ');

export type Scan =
  | { kind: 'order'; reference: string }
  | { kind: 'command'; command: string; arg: string | null }
  | { kind: 'size'; size: string }
  | { kind: 'item'; line: OrderItem }
  | { kind: 'allDone'; line: OrderItem }
  | { kind: 'unknown'; code: string };

const same = (a: string | null | undefined, b: string) => !!a && a.trim().toLowerCase() === b.toLowerCase();

/** A scan → what it means: command, order, box size, item of the loaded order, or unknown (§4's order). */
export function resolveScan(raw: string, draft: Draft | null, sizes: readonly PackageSize[]): Scan {
  // eslint-disable-next-line no-control-regex
  const code = raw.replace(/[\u0000-\u001f\u007f]/g, '').replace(/^\][A-Za-z]\d/, '').trim();
  const command = /^PL:([A-Z]+)(?::(.+))?$/i.exec(code);
  if (command && command[1]!.toUpperCase() === 'BOX' && command[2]) return { kind: 'size', size: command[2] };
  if (command) return { kind: 'command', command: command[1]!.toUpperCase(), arg: command[2] ?? null };
  if (/^EO-[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/i.test(code)) return { kind: 'order', reference: code.toUpperCase() };
  const size = sizes.find((s) => same(s.Reference, code));
  if (size) return { kind: 'size', size: size.Reference };
  if (draft) {
    const matches = lines(draft.order).filter((l) => same(l.Barcode?.Code, code) || same(l.Sku, code) || same(l.ItemReferenceProvidedByCustomer, code) || same(l.Reference, code));
    const open = matches.find((l) => left(draft, l) > 0);
    if (open) return { kind: 'item', line: open };
    if (matches[0]) return { kind: 'allDone', line: matches[0] };
  }
  return { kind: 'unknown', code };
}

const withBoxes = (d: Draft, boxes: Box[]): Draft => ({ ...d, boxes, attempt: null });

/** Adds `n` units of a line to the open box, opening one (at `size`) if none is open. */
export function addUnits(d: Draft, line: OrderItem, n: number, size: string | null): Draft {
  const boxes = d.boxes.map((b) => ({ ...b, items: { ...b.items } }));
  let i = boxes.findIndex((b) => !b.closed);
  if (i < 0) {
    boxes.push({ size, items: {}, closed: false });
    i = boxes.length - 1;
  }
  const box = boxes[i]!;
  box.items[line.Reference] = (box.items[line.Reference] ?? 0) + n;
  return withBoxes(d, boxes);
}

/** Takes one unit of `ref` (default: the last one added) out of the open box. */
export function removeUnit(d: Draft, ref?: string): { draft: Draft; removed: string | null } {
  const i = openBox(d);
  if (i < 0) return { draft: d, removed: null };
  const box = d.boxes[i]!;
  const key = ref ?? Object.keys(box.items).at(-1);
  if (!key || !box.items[key]) return { draft: d, removed: null };
  const items = { ...box.items, [key]: box.items[key]! - 1 };
  if (items[key] === 0) delete items[key];
  return { draft: withBoxes(d, d.boxes.map((b, j) => (j === i ? { ...b, items } : b))), removed: key };
}

export const setSize = (d: Draft, size: string): Draft => {
  const i = openBox(d);
  if (i < 0) return withBoxes(d, [...d.boxes, { size, items: {}, closed: false }]);
  return withBoxes(d, d.boxes.map((b, j) => (j === i ? { ...b, size } : b)));
};

/** Closes the open box; an empty one is dropped instead. */
export const closeBox = (d: Draft, suggested: string | null): Draft =>
  withBoxes(d, d.boxes.flatMap((b) => (b.closed ? [b] : boxUnits(b) === 0 ? [] : [{ ...b, closed: true, size: b.size ?? suggested }])));

/** Reopens box n (1-based); the open one closes first, as one box is open at a time. */
export const reopenBox = (d: Draft, n: number, suggested: string | null): Draft => {
  const closed = closeBox(d, suggested);
  return withBoxes(closed, closed.boxes.map((b, j) => (j === n - 1 ? { ...b, closed: false } : b)));
};

const KG: Record<string, number> = { kg: 1, g: 0.001, lb: 0.45359237, oz: 0.028349523125 };
const kg = (w: { Value: number; Unit: string }) => w.Value * (KG[w.Unit.toLowerCase()] ?? 1);

/** Weight sent = Σ item weight × quantity + the empty box (§4): never the size's nominal weight. */
export function boxWeightKg(d: Draft, b: Box, sizes: readonly PackageSize[]): number {
  const byRef = new Map(lines(d.order).map((l) => [l.Reference, l]));
  const items = Object.entries(b.items).reduce((sum, [ref, n]) => sum + kg(byRef.get(ref)!.Weight) * n, 0);
  const empty = sizes.find((s) => s.Reference === b.size)?.EmptyWeight ?? 0;
  return Math.round((items + empty) * 1000) / 1000;
}

/** The Pack Order body for the draft's boxes. */
export function packBody(d: Draft, sizes: readonly PackageSize[]) {
  return {
    OrderReference: d.order.OrderReference,
    Packages: d.boxes.filter((b) => boxUnits(b) > 0).map((b) => ({
      ...(b.size ? { PackageSizeReference: b.size } : {}),
      Weight: { Value: boxWeightKg(d, b, sizes), Unit: 'Kg' as const },
      Items: Object.entries(b.items).map(([Reference, Quantity]) => ({ Reference, Quantity })),
    })),
  };
}

const STORE = 'packline.draft';
export const saveDraft = (d: Draft | null) => (d ? localStorage.setItem(STORE, JSON.stringify(d)) : localStorage.removeItem(STORE));
export function loadDraft(): Draft | null {
  try {
    return JSON.parse(localStorage.getItem(STORE) ?? 'null') as Draft | null;
  } catch {
    return null;
  }
}
