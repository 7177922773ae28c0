import { describe, expect, it } from 'vitest';
import type { PackRequest, PackResult, Placement } from '../types.js';
import { MAX_OVERLAPS_LISTED, checkPacking } from './index.js';

/**
 * One hand-made valid packing; every other case is a copy of it broken in one way, and must be
 * caught with exactly the expected message (and nothing else).
 */
function request(): PackRequest {
  return {
    boxes: [
      { ref: 'B', innerWidth: 100, innerLength: 100, innerHeight: 100, outerWidth: 104, outerLength: 104, outerHeight: 104, emptyWeight: 100, maxWeight: 5_100 },
      { ref: 'T', innerWidth: 200, innerLength: 200, innerHeight: 10, outerWidth: 202, outerLength: 202, outerHeight: 12, emptyWeight: 10, maxWeight: 1_010 },
    ],
    items: [
      { ref: 'A', width: 50, length: 50, height: 50, weight: 1_000, quantity: 2, rotation: 'any' },
      { ref: 'U', width: 50, length: 40, height: 30, weight: 200, quantity: 1, rotation: 'upright' },
      { ref: 'F', width: 20, length: 30, height: 40, weight: 100, quantity: 1, rotation: 'fixed' },
      { ref: 'BIG', width: 300, length: 300, height: 300, weight: 10, quantity: 1, rotation: 'any' },
      { ref: 'HEAVY', width: 10, length: 10, height: 10, weight: 6_000, quantity: 1, rotation: 'any' },
    ],
  };
}

function result(): PackResult {
  return {
    boxes: [
      {
        boxRef: 'B',
        placements: [
          { ref: 'A', x: 0, y: 0, z: 0, dx: 50, dy: 50, dz: 50 },
          { ref: 'A', x: 50, y: 0, z: 0, dx: 50, dy: 50, dz: 50 }, // touches the first along x = 50
          { ref: 'U', x: 0, y: 50, z: 0, dx: 40, dy: 50, dz: 30 }, // turned about the vertical
          { ref: 'F', x: 50, y: 50, z: 0, dx: 20, dy: 30, dz: 40 },
        ],
        itemsWeight: 2_300,
        grossWeight: 2_400,
        utilisation: 0.334, // (2 × 125,000 + 60,000 + 24,000) / 1,000,000
      },
    ],
    unpacked: [
      { ref: 'BIG', quantity: 1, reason: 'fits-no-box' },
      { ref: 'HEAVY', quantity: 1, reason: 'too-heavy-for-every-box' },
    ],
    lowerBound: 1,
    certified: true,
    stats: { constructions: 1, elapsedMs: 0 },
  };
}

function placement(r: PackResult, j: number): Placement {
  return r.boxes[0]!.placements[j]!;
}

describe('checkPacking', () => {
  it('passes the hand-made valid packing', () => {
    expect(checkPacking(request(), result())).toEqual([]);
  });

  it('passes an empty order with an empty result', () => {
    expect(checkPacking({ items: [], boxes: request().boxes }, { boxes: [], unpacked: [], lowerBound: 0, certified: true, stats: { constructions: 0, elapsedMs: 0 } })).toEqual([]);
  });

  it('rule 1: a box ref not in the catalogue', () => {
    const r = result();
    r.boxes[0]!.boxRef = 'X';
    expect(checkPacking(request(), r)).toEqual(["box[0] 'X': box ref is not in the request's catalogue"]);
  });

  it('rule 1: an empty box', () => {
    const r = result();
    r.boxes.push({ boxRef: 'T', placements: [], itemsWeight: 0, grossWeight: 10, utilisation: 0 });
    expect(checkPacking(request(), r)).toEqual(["box[1] 'T': box is empty (no placements)"]);
  });

  it('rule 2: a placement naming an item not in the request', () => {
    const r = result();
    r.boxes[0]!.placements.push({ ref: 'Z', x: 0, y: 0, z: 60, dx: 10, dy: 10, dz: 10 });
    expect(checkPacking(request(), r)).toEqual(["box[0] 'B' placement[4] item 'Z': item ref is not in the request"]);
  });

  it('rule 2: a NaN or fractional coordinate', () => {
    const r = result();
    placement(r, 3).z = Number.NaN;
    placement(r, 2).x = 0.5;
    expect(checkPacking(request(), r)).toEqual([
      "box[0] 'B' placement[2] item 'U': coordinates/extents must be finite integers, got x=0.5 y=50 z=0 dx=40 dy=50 dz=30",
      "box[0] 'B' placement[3] item 'F': coordinates/extents must be finite integers, got x=50 y=50 z=NaN dx=20 dy=30 dz=40",
    ]);
  });

  it("rule 2: 'any' extents that are not a permutation of the item's dims", () => {
    const r = result();
    placement(r, 0).dz = 40;
    expect(checkPacking(request(), r)).toEqual([
      "box[0] 'B' placement[0] item 'A': extents 50×50×40 are not a permutation of the item's 50×50×50 (w×l×h)",
    ]);
  });

  it("rule 2: an 'upright' item laid on its side", () => {
    const r = result();
    Object.assign(placement(r, 2), { dx: 30, dy: 50, dz: 40 });
    expect(checkPacking(request(), r)).toEqual([
      "box[0] 'B' placement[2] item 'U': orientation 30×50×40 not allowed: rotation 'upright' needs dz = height 30",
    ]);
  });

  it("rule 2: an 'upright' item with the right height but wrong footprint", () => {
    const r = result();
    Object.assign(placement(r, 2), { dx: 40, dy: 40, dz: 30 });
    expect(checkPacking(request(), r)).toEqual([
      "box[0] 'B' placement[2] item 'U': orientation 40×40×30 not allowed: rotation 'upright' needs {dx, dy} = {50, 40}",
    ]);
  });

  it("rule 2: a 'fixed' item turned about the vertical", () => {
    const r = result();
    Object.assign(placement(r, 3), { dx: 30, dy: 20, dz: 40 });
    expect(checkPacking(request(), r)).toEqual([
      "box[0] 'B' placement[3] item 'F': orientation 30×20×40 not allowed: rotation 'fixed' needs exactly 20×30×40 (w×l×h)",
    ]);
  });

  it('rule 3: a placement sticking out of the box', () => {
    const r = result();
    placement(r, 3).x = 90;
    placement(r, 3).z = -1;
    expect(checkPacking(request(), r)).toEqual([
      "box[0] 'B' placement[3] item 'F': outside the box: z = -1 < 0, x + dx = 110 > inner width 100",
    ]);
  });

  it('rule 4: two placements overlapping', () => {
    const r = result();
    placement(r, 1).x = 45; // 5 mm into the first A
    expect(checkPacking(request(), r)).toEqual([
      "box[0] 'B': placement[0] item 'A' and placement[1] item 'A' overlap by 5×50×50 mm",
    ]);
  });

  it('rule 4: an overlap found whatever the x order, and touching faces are fine', () => {
    const r = result();
    // F moved onto U from above-right: touches U's top face (z = 30) — fine; then pushed 1 mm down.
    Object.assign(placement(r, 3), { x: 20, y: 60, z: 30 });
    expect(checkPacking(request(), r)).toEqual([]);
    placement(r, 3).z = 29;
    expect(checkPacking(request(), r)).toEqual([
      "box[0] 'B': placement[2] item 'U' and placement[3] item 'F' overlap by 20×30×1 mm",
    ]);
  });

  it('rule 4: many overlaps are listed up to a cap, then counted', () => {
    const items = [{ ref: 'c', width: 10, length: 10, height: 10, weight: 0, quantity: 20, rotation: 'any' as const }];
    const boxes = [{ ref: 'B', innerWidth: 10, innerLength: 10, innerHeight: 10, outerWidth: 10, outerLength: 10, outerHeight: 10, emptyWeight: 0, maxWeight: 1 }];
    const placements = Array.from({ length: 20 }, () => ({ ref: 'c', x: 0, y: 0, z: 0, dx: 10, dy: 10, dz: 10 }));
    const errors = checkPacking({ items, boxes }, {
      boxes: [{ boxRef: 'B', placements, itemsWeight: 0, grossWeight: 0, utilisation: 20 }],
      unpacked: [], lowerBound: 1, certified: false, stats: { constructions: 1, elapsedMs: 0 },
    });
    const pairs = (20 * 19) / 2;
    expect(errors.filter((e) => e.includes(' overlap by '))).toHaveLength(MAX_OVERLAPS_LISTED);
    expect(errors).toContain(`box[0] 'B': ${pairs - MAX_OVERLAPS_LISTED} more overlapping pairs not listed (${pairs} in all)`);
  });

  it('rule 5: itemsWeight misreported', () => {
    const r = result();
    r.boxes[0]!.itemsWeight = 2_000;
    expect(checkPacking(request(), r)).toEqual(["box[0] 'B': itemsWeight reported 2000 g, recomputed 2300 g"]);
  });

  it('rule 5: grossWeight misreported (empty weight left out)', () => {
    const r = result();
    r.boxes[0]!.grossWeight = 2_300;
    expect(checkPacking(request(), r)).toEqual(["box[0] 'B': grossWeight reported 2300 g, recomputed 2400 g (items 2300 + empty 100)"]);
  });

  it('rule 5: a box over its max weight', () => {
    const q = request();
    q.boxes[0]!.maxWeight = 2_399;
    q.items[4]!.weight = 2_300; // HEAVY must stay too heavy for every box
    expect(checkPacking(q, result())).toEqual(["box[0] 'B': overweight: items 2300 g + empty 100 g = 2400 g > max 2399 g"]);
  });

  it('rule 5: weight exactly at the limit is fine', () => {
    const q = request();
    q.boxes[0]!.maxWeight = 2_400;
    q.items[4]!.weight = 2_301;
    expect(checkPacking(q, result())).toEqual([]);
  });

  it('rule 5: utilisation misreported; rounding to 3 decimals is tolerated', () => {
    const r = result();
    r.boxes[0]!.utilisation = 33.4; // a percentage instead of a ratio
    expect(checkPacking(request(), r)).toEqual(["box[0] 'B': utilisation reported 33.4, recomputed 0.334000 (334000 / 1000000 mm³)"]);
    r.boxes[0]!.utilisation = 0.3344;
    expect(checkPacking(request(), r)).toEqual([]);
  });

  it('rule 6: a unit missing', () => {
    const r = result();
    r.boxes[0]!.placements.splice(1, 1);
    Object.assign(r.boxes[0]!, { itemsWeight: 1_300, grossWeight: 1_400, utilisation: 0.209 });
    expect(checkPacking(request(), r)).toEqual(["item 'A': 2 units requested, 1 placed + 0 unpacked = 1 (1 missing)"]);
  });

  it('rule 6: a unit both placed and reported unpacked', () => {
    const r = result();
    r.unpacked.push({ ref: 'HEAVY', quantity: 1, reason: 'too-heavy-for-every-box' });
    expect(checkPacking(request(), r)).toEqual(["item 'HEAVY': 1 units requested, 0 placed + 2 unpacked = 2 (1 extra)"]);
  });

  it('rule 6: a unit placed twice (in two boxes)', () => {
    const r = result();
    r.boxes.push({ boxRef: 'T', placements: [{ ref: 'U', x: 0, y: 0, z: 0, dx: 50, dy: 40, dz: 30 }], itemsWeight: 200, grossWeight: 210, utilisation: 0.05 });
    const q = request();
    q.boxes[1]!.innerHeight = 30;
    expect(checkPacking(q, r)).toEqual(["item 'U': 1 units requested, 2 placed + 0 unpacked = 2 (1 extra)"]);
  });

  it("rule 7: 'fits-no-box' for an item that fits (and is light enough)", () => {
    const r = result();
    r.boxes[0]!.placements.pop();
    Object.assign(r.boxes[0]!, { itemsWeight: 2_200, grossWeight: 2_300, utilisation: 0.31 });
    r.unpacked.push({ ref: 'F', quantity: 1, reason: 'fits-no-box' });
    expect(checkPacking(request(), r)).toEqual([
      "unpacked[2] item 'F': reported 'fits-no-box' but box 'B' can take one unit (fits, and 100 g ≤ payload 5000 g)",
    ]);
  });

  it("rule 7: 'fits-no-box' for an item that fits but is too heavy", () => {
    const r = result();
    r.unpacked[1]!.reason = 'fits-no-box';
    expect(checkPacking(request(), r)).toEqual(["unpacked[1] item 'HEAVY': reported 'fits-no-box' but it fits box 'B' (it is too heavy for it)"]);
  });

  it("rule 7: 'fits-no-box' respects the rotation rule", () => {
    // 5 × 150 × 150 (w × l × h): fits only the tray T, lying flat as 150 × 150 × 5.
    const q = request();
    q.items.push({ ref: 'P', width: 5, length: 150, height: 150, weight: 10, quantity: 1, rotation: 'any' });
    const r = result();
    r.unpacked.push({ ref: 'P', quantity: 1, reason: 'fits-no-box' });
    expect(checkPacking(q, r)).toEqual(["unpacked[2] item 'P': reported 'fits-no-box' but box 'T' can take one unit (fits, and 10 g ≤ payload 1000 g)"]);
    q.items[5]!.rotation = 'upright'; // its 150 mm height must stay vertical: no box is that deep
    expect(checkPacking(q, r)).toEqual([]);
    q.items[5]!.rotation = 'fixed';
    expect(checkPacking(q, r)).toEqual([]);
    Object.assign(q.items[5]!, { width: 150, length: 150, height: 5 }); // 'fixed' and already flat: fits T
    expect(checkPacking(q, r)).toEqual(["unpacked[2] item 'P': reported 'fits-no-box' but box 'T' can take one unit (fits, and 10 g ≤ payload 1000 g)"]);
  });

  it("rule 7: 'too-heavy-for-every-box' for an item some box can carry", () => {
    const r = result();
    r.unpacked[0]!.reason = 'too-heavy-for-every-box';
    expect(checkPacking(request(), r)).toEqual([
      "unpacked[0] item 'BIG': reported 'too-heavy-for-every-box' but it fits no box, and box 'B' could carry its 10 g",
    ]);
  });

  it("rule 7: 'too-heavy-for-every-box' when the only box it fits is too weak is fine", () => {
    const q = request();
    q.items[4]!.weight = 2_000; // B could carry it (5,000 g) but it no longer fits B; it fits only T (1,000 g)
    Object.assign(q.items[4]!, { width: 150, length: 150, height: 5 });
    expect(checkPacking(q, result())).toEqual([]);
  });

  it('rule 7: bad unpacked entries', () => {
    const r = result();
    r.unpacked.push({ ref: 'NOPE', quantity: 0, reason: 'fits-no-box' });
    expect(checkPacking(request(), r)).toEqual([
      "unpacked[2] item 'NOPE': quantity must be a positive integer, got 0",
      "unpacked[2] item 'NOPE': item ref is not in the request",
    ]);
  });

  it('rule 8: lowerBound above the number of boxes', () => {
    const r = result();
    r.lowerBound = 2;
    expect(checkPacking(request(), r)).toEqual(['result: lowerBound 2 > number of boxes 1']);
    r.lowerBound = -1;
    expect(checkPacking(request(), r)).toEqual(['result: lowerBound must be a non-negative integer, got -1']);
  });

  it('request problems are reported too (duplicate refs)', () => {
    const q = request();
    q.items.push({ ...q.items[1]! });
    q.boxes.push({ ...q.boxes[1]! });
    expect(checkPacking(q, result())).toEqual([
      "request: item ref 'U' appears more than once",
      "request: box ref 'T' appears more than once",
    ]);
  });

  it('checks a 2,000-unit box quickly, and finds one overlap in it', () => {
    // 2,000 cubes of 10 mm in a 200 × 100 × 100 box, as a full 20 × 10 × 10 grid.
    const items = [{ ref: 'c', width: 10, length: 10, height: 10, weight: 1, quantity: 2_000, rotation: 'upright' as const }];
    const boxes = [{ ref: 'B', innerWidth: 200, innerLength: 100, innerHeight: 100, outerWidth: 200, outerLength: 100, outerHeight: 100, emptyWeight: 0, maxWeight: 2_000 }];
    const placements: Placement[] = [];
    for (let z = 0; z < 10; z++) for (let y = 0; y < 10; y++) for (let x = 0; x < 20; x++) placements.push({ ref: 'c', x: x * 10, y: y * 10, z: z * 10, dx: 10, dy: 10, dz: 10 });
    const r: PackResult = {
      boxes: [{ boxRef: 'B', placements, itemsWeight: 2_000, grossWeight: 2_000, utilisation: 1 }],
      unpacked: [], lowerBound: 1, certified: true, stats: { constructions: 1, elapsedMs: 0 },
    };
    const t0 = performance.now();
    expect(checkPacking({ items, boxes }, r)).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(500);
    placements[1_999] = { ...placements[1_999]!, x: 185 }; // last cube pushed 5 mm into its neighbour
    expect(checkPacking({ items, boxes }, r)).toEqual([
      "box[0] 'B': placement[1998] item 'c' and placement[1999] item 'c' overlap by 5×10×10 mm",
    ]);
  });

  it('checks a 2,000-unit single column quickly (sweeps along z), and finds one overlap in it', () => {
    const items = [{ ref: 'c', width: 10, length: 10, height: 10, weight: 1, quantity: 2_000, rotation: 'fixed' as const }];
    const boxes = [{ ref: 'Tube', innerWidth: 10, innerLength: 10, innerHeight: 20_000, outerWidth: 10, outerLength: 10, outerHeight: 20_000, emptyWeight: 0, maxWeight: 2_000 }];
    const placements: Placement[] = Array.from({ length: 2_000 }, (_, z) => ({ ref: 'c', x: 0, y: 0, z: z * 10, dx: 10, dy: 10, dz: 10 }));
    const r: PackResult = {
      boxes: [{ boxRef: 'Tube', placements, itemsWeight: 2_000, grossWeight: 2_000, utilisation: 1 }],
      unpacked: [], lowerBound: 1, certified: true, stats: { constructions: 1, elapsedMs: 0 },
    };
    const t0 = performance.now();
    expect(checkPacking({ items, boxes }, r)).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(100);
    placements[0] = { ...placements[0]!, z: 1_003 }; // into the cubes at z 1,000 and 1,010
    expect(checkPacking({ items, boxes }, r)).toEqual([
      "box[0] 'Tube': placement[0] item 'c' and placement[100] item 'c' overlap by 10×10×7 mm",
      "box[0] 'Tube': placement[0] item 'c' and placement[101] item 'c' overlap by 10×10×3 mm",
    ]);
  });
});
