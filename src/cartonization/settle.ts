import type { Problem } from './normalise.js';
import type { BoxPacking } from './pack-box.js';
import type { PackedBox, Placement } from './types.js';

/** Hands out unit refs per type in ref order, across boxes. */
export class RefCursor {
  private readonly at: { i: number; used: number }[];
  constructor(private readonly p: Problem) {
    this.at = p.types.map(() => ({ i: 0, used: 0 }));
  }
  next(t: number): string {
    const c = this.at[t]!, refs = this.p.types[t]!.refs;
    while (c.used >= refs[c.i]!.count) {
      c.i++;
      c.used = 0;
    }
    c.used++;
    return refs[c.i]!.ref;
  }
}

/**
 * Gravity settle (PACKER.md §5.7): units in ascending z drop onto the highest top already settled
 * under their footprint. EMS spaces may start on one unit and overhang a gap, so a unit can float;
 * this removes that and never creates an overlap (a unit only moves down to a free level).
 */
export function settle(units: Placement[]): Placement[] {
  const order = units.slice().sort((a, b) => a.z - b.z || a.y - b.y || a.x - b.x);
  for (let i = 0; i < order.length; i++) {
    const u = order[i]!;
    let z = 0;
    for (let j = 0; j < i; j++) {
      const v = order[j]!;
      if (v.x < u.x + u.dx && u.x < v.x + v.dx && v.y < u.y + u.dy && u.y < v.y + v.dy) z = Math.max(z, v.z + v.dz);
    }
    u.z = Math.min(u.z, z);
  }
  return order.sort((a, b) => a.z - b.z || a.y - b.y || a.x - b.x);
}

/** Expands blocks into units, settles them and reports weights and utilisation. */
export function finishBox(p: Problem, bp: BoxPacking, refs: RefCursor): PackedBox {
  const units: Placement[] = [];
  const b = bp.blocks;
  for (let k = 0; k < b.length; k += 10) {
    const t = b[k]!, x = b[k + 1]!, y = b[k + 2]!, z = b[k + 3]!, dx = b[k + 4]!, dy = b[k + 5]!, dz = b[k + 6]!;
    for (let iz = 0; iz < b[k + 9]!; iz++) {
      for (let iy = 0; iy < b[k + 8]!; iy++) {
        for (let ix = 0; ix < b[k + 7]!; ix++) {
          units.push({ ref: refs.next(t), x: x + ix * dx, y: y + iy * dy, z: z + iz * dz, dx, dy, dz });
        }
      }
    }
  }
  const box = p.boxes[bp.box]!;
  return {
    boxRef: box.ref,
    placements: settle(units),
    itemsWeight: bp.weight,
    grossWeight: bp.weight + box.emptyWeight,
    utilisation: bp.volume / box.volume,
  };
}
