/**
 * [EXT] Automatic box selection for an order: which of the customer's package sizes to use and
 * where each unit goes. Maps order lines and package sizes to the cartonization engine's integer
 * world (mm, g, pence) and its answer back to a Pack Order `Packages` array. Nothing is written.
 */
import { pack } from '../../cartonization/index.js';
import type { BoxInput, ItemInput, Objective, PackResult } from '../../cartonization/types.js';
import { AppError, Problems } from '../../shared/errors.js';
import { round } from '../../shared/units.js';
import { text } from '../../shared/wire/normalise.js';
import { field, index } from '../../shared/wire/paths.js';
import type { PackageSize } from '../accounts/package-sizes.js';
import { findPackageSizes, listPackageSizes } from '../accounts/package-sizes.repo.js';
import type { Customer, Deps } from '../deps.js';
import { loadOrder } from '../orders/change-order.js';
import { orderLedger } from './order-ledger.js';
import type { SuggestBoxesBody } from './packing.schemas.js';
import { type OrderLine, orderLines, resolveItem } from './resolve-items.js';

/** Boxes without a weight limit get one no parcel reaches (grams). */
const NO_WEIGHT_LIMIT_G = 1_000_000_000;

export interface SuggestedPackage {
  PackageSizeReference: string;
  Dimensions: { Unit: 'Cm'; Length: number; Width: number; Height: number };
  Weight: { Value: number; Unit: 'Kg' };
  Items: Array<{ Reference: string; Sku: string | null; Quantity: number }>;
  /** Where each unit goes, in mm from the box's inner back-bottom-left corner; X along Width, Y along Length, Z up. */
  Placements: Array<{ Reference: string; Sku: string | null; X: number; Y: number; Z: number; SizeX: number; SizeY: number; SizeZ: number; Unit: 'Mm' }>;
}

export interface Suggestion {
  Objective: Objective;
  Packages: SuggestedPackage[];
  UnpackedItems: Array<{ Reference: string; Sku: string | null; Quantity: number; Reason: 'FitsNoPackageSize' | 'TooHeavyForEveryPackageSize' }>;
  /** The fewest boxes any packing could use, and whether this answer is proven best. */
  LowerBound: number;
  Certified: boolean;
}

interface Wanted { line: OrderLine; quantity: number; rotation: ItemInput['rotation']; path: string }

const mmUp = (cm: number) => Math.ceil(round(cm * 10, 6));
const mmDown = (cm: number) => Math.floor(round(cm * 10, 6));
const grams = (kg: number) => Math.round(kg * 1000);

export async function suggestBoxes(deps: Deps, customer: Customer, orderReference: string, body: SuggestBoxesBody): Promise<Suggestion> {
  const order = await loadOrder(deps, customer, orderReference);
  const problems = new Problems();
  let wanted: Wanted[];
  if (body.Items && body.Items.length > 0) {
    const lines = orderLines(order);
    wanted = body.Items.flatMap((input, i) => {
      const resolved = resolveItem(lines, input, orderReference, problems, index('Items', i));
      return resolved ? [{ ...resolved, rotation: input.Rotation ?? 'any', path: index('Items', i) }] : [];
    });
  } else {
    const ledger = await orderLedger(deps.db, customer, order);
    // Everything still outstanding; problems name the line as the order holds it.
    wanted = order.Packages.flatMap((p, packageIndex) => p.Items.flatMap((item, i) => {
      const outstanding = ledger.lines.get(item.Reference)?.QuantityOutstanding ?? item.Quantity;
      const path = `Order.${index(field(index('Packages', packageIndex), 'Items'), i)}`;
      return outstanding > 0 ? [{ line: { item, packageIndex }, quantity: outstanding, rotation: 'any' as const, path }] : [];
    }));
  }
  const sizes = await chosenSizes(deps, customer, body.PackageSizeReferences, problems);
  for (const w of wanted) {
    if (!w.line.item.Dimensions) {
      problems.add('ItemMeasurementsRequired', field(w.path, 'Dimensions'),
        `Order item ${describe(w.line)} has no Dimensions; automatic box selection needs them.`);
    }
  }
  problems.throwIfAny();

  const objective = body.Objective ?? 'fewest-boxes-then-volume';
  const items = engineItems(wanted);
  const result = pack({ items, boxes: sizes.map(engineBox) }, { objective });
  return present(result, objective, wanted, new Map(sizes.map((s) => [s.Reference, s])));
}

async function chosenSizes(deps: Deps, customer: Customer, references: string[] | null | undefined, problems: Problems): Promise<PackageSize[]> {
  if (!references || references.length === 0) {
    const all = await listPackageSizes(deps.db, customer.id);
    if (all.length === 0) problems.add('PackageSizeNotFound', 'PackageSizeReferences', 'The customer has no package sizes to choose from.');
    return all;
  }
  const named = references.map((r) => text(r) ?? '');
  const found = await findPackageSizes(deps.db, customer.id, [...new Set(named)]);
  named.forEach((r, i) => {
    if (!found.has(r)) problems.add('PackageSizeNotFound', index('PackageSizeReferences', i), `Package size "${r}" was not found.`);
  });
  return [...found.values()];
}

/** One engine item per order line (a line asked for twice is merged), rounded up to whole mm and g. */
function engineItems(wanted: Wanted[]): ItemInput[] {
  const byLine = new Map<string, ItemInput>();
  for (const w of wanted) {
    const item = w.line.item;
    const existing = byLine.get(item.Reference);
    if (existing) {
      existing.quantity += w.quantity;
      continue;
    }
    const d = item.Dimensions!;
    byLine.set(item.Reference, {
      ref: item.Reference,
      width: mmUp(d.Width),
      length: mmUp(d.Length),
      height: mmUp(d.Height),
      weight: Math.ceil(round(item.Weight.Value * 1000, 6)),
      quantity: w.quantity,
      rotation: w.rotation,
    });
  }
  return [...byLine.values()];
}

/** Inner dimensions rounded down (an item must really fit); cost in minor units. */
function engineBox(size: PackageSize): BoxInput {
  return {
    ref: size.Reference,
    innerWidth: mmDown(size.InnerWidth),
    innerLength: mmDown(size.InnerLength),
    innerHeight: mmDown(size.InnerHeight),
    outerWidth: mmUp(size.Width),
    outerLength: mmUp(size.Length),
    outerHeight: mmUp(size.Height),
    emptyWeight: grams(size.EmptyWeight),
    maxWeight: size.MaxWeight === null ? NO_WEIGHT_LIMIT_G : grams(size.MaxWeight),
    cost: size.Cost ? Math.round(size.Cost.Amount * 100) : 0,
  };
}

const describe = (line: OrderLine) => (line.item.Sku ? `Sku ${line.item.Sku}` : line.item.ItemReferenceProvidedByCustomer ?? line.item.Reference);

function present(result: PackResult, objective: Objective, wanted: Wanted[], sizes: ReadonlyMap<string, PackageSize>): Suggestion {
  const lineOf = new Map(wanted.map((w) => [w.line.item.Reference, w.line]));
  const packages = result.boxes.map((box): SuggestedPackage => {
    const size = sizes.get(box.boxRef)!;
    const units = new Map<string, number>();
    for (const p of box.placements) units.set(p.ref, (units.get(p.ref) ?? 0) + 1);
    // The weight from the order's own kilograms, not the engine's rounded grams.
    const itemsKg = [...units].reduce((sum, [ref, n]) => sum + lineOf.get(ref)!.item.Weight.Value * n, 0);
    return {
      PackageSizeReference: size.Reference,
      Dimensions: { Unit: 'Cm', Length: size.Length, Width: size.Width, Height: size.Height },
      Weight: { Value: round(itemsKg + size.EmptyWeight, 5), Unit: 'Kg' },
      Items: [...units].map(([ref, n]) => ({ Reference: ref, Sku: lineOf.get(ref)!.item.Sku, Quantity: n })),
      Placements: box.placements.map((p) => ({
        Reference: p.ref, Sku: lineOf.get(p.ref)!.item.Sku, X: p.x, Y: p.y, Z: p.z, SizeX: p.dx, SizeY: p.dy, SizeZ: p.dz, Unit: 'Mm',
      })),
    };
  });
  return {
    Objective: objective,
    Packages: packages,
    UnpackedItems: result.unpacked.map((u) => ({
      Reference: u.ref,
      Sku: lineOf.get(u.ref)!.item.Sku,
      Quantity: u.quantity,
      Reason: u.reason === 'fits-no-box' ? 'FitsNoPackageSize' : 'TooHeavyForEveryPackageSize',
    })),
    LowerBound: result.lowerBound,
    Certified: result.certified,
  };
}

/** AutoPack: a suggestion that leaves units out cannot become a consignment. */
export function requireEverythingPacked(suggestion: Suggestion): void {
  if (suggestion.UnpackedItems.length === 0) return;
  const details = suggestion.UnpackedItems.map((u) => ({
    Code: 'ItemFitsNoPackageSize' as const,
    Target: 'Items',
    Message: `${u.Sku ? `Sku ${u.Sku}` : `Order item ${u.Reference}`}: ${u.Quantity} unit(s) ${u.Reason === 'FitsNoPackageSize' ? 'fit no package size' : 'are too heavy for every package size'}.`,
  }));
  throw new AppError('ItemFitsNoPackageSize', details.length === 1 ? details[0]!.Message : `${details.length} items fit no package size; see Details.`, details);
}
