/**
 * The left-to-pack ledger [EXT]: per order line, how many units are in live outbound
 * consignments cut from the order and how many are still to pack. Pure.
 */
export type PackingStatus = 'Unpacked' | 'PartiallyPacked' | 'Packed' | 'OverPacked';

export interface LedgerLine {
  /** The order item reference. */
  reference: string;
  ordered: number;
  packed: number;
}

export const outstanding = (line: LedgerLine): number => Math.max(0, line.ordered - line.packed);

/**
 * `OverPacked` when any line has more packed than ordered; `Packed` when nothing is outstanding;
 * `Unpacked` when nothing is packed (an order without items counts as unpacked); else partial.
 */
export function packingStatus(lines: readonly LedgerLine[]): PackingStatus {
  if (lines.some((l) => l.packed > l.ordered)) return 'OverPacked';
  if (lines.length === 0 || lines.every((l) => l.packed === 0)) return 'Unpacked';
  if (lines.every((l) => outstanding(l) === 0)) return 'Packed';
  return 'PartiallyPacked';
}

export interface OverPack {
  reference: string;
  outstanding: number;
  requested: number;
}

/** Strict packing: the lines a pack would take past their ordered quantity. */
export function overPacks(lines: readonly LedgerLine[], requested: ReadonlyMap<string, number>): OverPack[] {
  return lines
    .filter((l) => (requested.get(l.reference) ?? 0) > outstanding(l))
    .map((l) => ({ reference: l.reference, outstanding: outstanding(l), requested: requested.get(l.reference)! }));
}
