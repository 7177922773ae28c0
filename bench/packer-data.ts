/**
 * Data for bench/packer.ts: the BoxPacker e-commerce set as PackRequests, BoxPacker's own per-order
 * answer recovered from expected.csv, and the seeded scaling instances.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BoxInput, ItemInput, PackRequest, Rotation } from '../src/cartonization/types.js';
import { prng } from '../src/cartonization/budget.js';

export const DATASET_DIR = '/work/shared/datasets/boxpacker-efficiency';

/** What BoxPacker did with one order in one mode. */
export interface BoxPackerAnswer {
  boxes: number;
  /** Utilisation % as printed in expected.csv, in tenths (34.7 % → 347). */
  utilTenths: number;
  /** The box types used, one ref per box, when exactly one multiset matches (see recoverMultiset). */
  multiset: string[] | undefined;
  /** Σ inner volume of BoxPacker's boxes, mm³: from the multiset, else item volume / utilisation. */
  innerVolume: number;
  /** How many multisets matched: 1 normally; 0 or > 1 means innerVolume is the estimate. */
  matches: number;
}

export interface Order {
  id: string;
  /** Item lines as in items.csv; `rotation` is set per mode by `requestFor`. */
  lines: Omit<ItemInput, 'rotation'>[];
  units: number;
  itemVolume: number;
  flat: BoxPackerAnswer;
  free: BoxPackerAnswer;
}

export interface Dataset {
  boxes: BoxInput[];
  orders: Order[];
}

function rows(file: string): string[][] {
  return readFileSync(join(DATASET_DIR, file), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '').map((l) => l.split(','));
}

function int(raw: string | undefined, what: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`${what}: not an integer: "${raw ?? ''}"`);
  return n;
}

/** "34.7" → 347, exactly (no float rounding). */
function tenths(raw: string | undefined, what: string): number {
  const m = /^(\d+)(?:\.(\d))?$/.exec(raw ?? '');
  if (!m) throw new Error(`${what}: not a percentage with one decimal: "${raw ?? ''}"`);
  return Number(m[1]) * 10 + Number(m[2] ?? '0');
}

export const innerVolume = (b: BoxInput): number => b.innerWidth * b.innerLength * b.innerHeight;

/**
 * BoxPacker's box multiset for one order: every multiset of `k` box types whose utilisation
 * (item volume / Σ inner volume, in %, rounded half up to 0.1 as PHP's round() does) equals the
 * printed figure. Integer test, no float rounding: |1000·itemVolume/V − u| ≤ 1/2, i.e.
 * (2u − 1)·V ≤ 2000·itemVolume ≤ (2u + 1)·V. All products stay far below 2^53.
 */
export function recoverMultiset(boxes: BoxInput[], k: number, utilTenths: number, itemVolume: number): string[][] {
  const found: string[][] = [];
  const pick: number[] = [];
  const walk = (from: number, volume: number): void => {
    if (pick.length === k) {
      const lhs = 2000 * itemVolume;
      if ((2 * utilTenths - 1) * volume <= lhs && lhs <= (2 * utilTenths + 1) * volume) found.push(pick.map((i) => boxes[i]!.ref));
      return;
    }
    for (let i = from; i < boxes.length; i++) {
      pick.push(i);
      walk(i, volume + innerVolume(boxes[i]!));
      pick.pop();
    }
  };
  walk(0, 0);
  return found;
}

function answer(boxes: BoxInput[], k: number, utilTenths: number, itemVolume: number): BoxPackerAnswer {
  const sets = recoverMultiset(boxes, k, utilTenths, itemVolume);
  const byRef = new Map(boxes.map((b) => [b.ref, b]));
  const only = sets.length === 1 ? sets[0]! : undefined;
  const volume = only ? only.reduce((s, ref) => s + innerVolume(byRef.get(ref)!), 0) : utilTenths > 0 ? (itemVolume * 1000) / utilTenths : 0;
  return { boxes: k, utilTenths, multiset: only, innerVolume: volume, matches: sets.length };
}

/**
 * Loads boxes.csv, items.csv and expected.csv. Mapping: width → width, length → length,
 * depth → height (depth is vertical). Item ids repeat within some orders (633 orders have two
 * lines with one id), so a line's ref is its item id, suffixed `~2`, `~3`… on repeats.
 */
export function loadDataset(): Dataset {
  const boxes: BoxInput[] = rows('boxes.csv').map((r, i) => {
    const at = `boxes.csv row ${i + 1}`;
    return {
      ref: r[0]!,
      outerWidth: int(r[1], at), outerLength: int(r[2], at), outerHeight: int(r[3], at),
      emptyWeight: int(r[4], at),
      innerWidth: int(r[5], at), innerLength: int(r[6], at), innerHeight: int(r[7], at),
      maxWeight: int(r[8], at),
    };
  });
  const lines = new Map<string, Omit<ItemInput, 'rotation'>[]>();
  rows('items.csv').forEach((r, i) => {
    const at = `items.csv row ${i + 1}`;
    const id = r[0]!;
    const list = lines.get(id) ?? [];
    lines.set(id, list);
    const seen = list.filter((l) => l.ref === r[2] || l.ref.startsWith(`${r[2]}~`)).length;
    list.push({
      ref: seen === 0 ? r[2]! : `${r[2]}~${seen + 1}`,
      quantity: int(r[1], at), width: int(r[3], at), length: int(r[4], at), height: int(r[5], at), weight: int(r[6], at),
    });
  });
  const orders: Order[] = rows('expected.csv').map((r, i) => {
    const at = `expected.csv row ${i + 1}`;
    const id = r[0]!;
    const its = lines.get(id);
    if (!its) throw new Error(`${at}: order ${id} has no items`);
    const itemVolume = its.reduce((s, l) => s + l.quantity * l.width * l.length * l.height, 0);
    return {
      id, lines: its, itemVolume,
      units: its.reduce((s, l) => s + l.quantity, 0),
      flat: answer(boxes, int(r[1], at), tenths(r[3], at), itemVolume),
      free: answer(boxes, int(r[4], at), tenths(r[6], at), itemVolume),
    };
  });
  return { boxes, orders };
}

export function requestFor(dataset: Dataset, order: Order, rotation: Rotation): PackRequest {
  return { boxes: dataset.boxes, items: order.lines.map((l) => ({ ...l, rotation })) };
}

// ---------------------------------------------------------------------------------------------
// Scaling instances


/**
 * Seven boxes from small to large, invented for this bench in the spirit of BoxPacker issue #182's
 * seven-box catalogue (whose dimensions we do not have). Inner = outer − 2 × 4 mm walls.
 */
export const SCALING_BOXES: BoxInput[] = [
  ['XS', 150, 100, 100, 60, 5_000],
  ['S', 200, 150, 100, 90, 8_000],
  ['M', 250, 200, 150, 140, 12_000],
  ['L', 300, 200, 200, 190, 15_000],
  ['XL', 350, 250, 200, 240, 18_000],
  ['XXL', 400, 300, 250, 320, 20_000],
  ['JUMBO', 450, 300, 300, 380, 25_000],
].map(([ref, w, l, h, empty, max]) => ({
  ref: ref as string,
  innerWidth: w as number, innerLength: l as number, innerHeight: h as number,
  outerWidth: (w as number) + 8, outerLength: (l as number) + 8, outerHeight: (h as number) + 8,
  emptyWeight: empty as number, maxWeight: max as number,
}));

/**
 * `n` distinct items, quantity 1 each, free rotation: each edge uniform in 20–200 mm, weight from a
 * density uniform in 0.05–0.40 g/cm³ (packaged goods), at least 1 g.
 */
export function distinctItems(n: number, seed: number): PackRequest {
  const rnd = prng(seed);
  const edge = () => 20 + Math.floor(rnd() * 181);
  const items: ItemInput[] = [];
  for (let i = 0; i < n; i++) {
    const width = edge();
    const length = edge();
    const height = edge();
    const density = 0.05 + rnd() * 0.35;
    items.push({ ref: `r${i + 1}`, width, length, height, weight: Math.max(1, Math.round(((width * length * height) / 1000) * density)), quantity: 1, rotation: 'any' });
  }
  return { items, boxes: SCALING_BOXES };
}

/** `n` identical 150 × 100 × 100 mm units of 400 g, free rotation. */
export function identicalItems(n: number): PackRequest {
  return { items: [{ ref: 'same', width: 150, length: 100, height: 100, weight: 400, quantity: n, rotation: 'any' }], boxes: SCALING_BOXES };
}
