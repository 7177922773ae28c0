/**
 * Regression guard on BoxPacker's e-commerce set (4,288 real orders, 4 box types; see
 * bench/packer.ts for the full bench). Both modes, with a fixed iteration budget and no clock,
 * so the figures are reproducible on any machine: every result passes the independent checker,
 * no order uses more boxes than BoxPacker's own answer, box totals stay below BoxPacker's, and the
 * inner volume totals do not rise above what the engine reached when this guard was last raised.
 * Skipped when the dataset is not on this machine.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATASET_DIR, innerVolume, loadDataset, requestFor } from '../../bench/packer-data.js';
import { assignable } from './assign.js';
import { fitGroups, passesBox, passesMultiset } from './bounds.js';
import { checkPacking } from './check/index.js';
import { pack } from './index.js';
import { normalise } from './normalise.js';
import { boxContents } from './test-gen.js';

/** Constructions per order: beyond ~1,000 the results no longer move (and nothing reads the clock). */
const ITERATIONS = 1_000;
/** Figures for ITERATIONS, mm³; lower them when the engine improves. The margin is 0.001 m³. */
const MODES = {
  upright: { boxPackerBoxes: 5_832, maxBoxes: 5_810, maxVolume: 52_812_299_320 },
  any: { boxPackerBoxes: 4_557, maxBoxes: 4_546, maxVolume: 73_775_836_320 },
} as const;
const MARGIN = 1e6;

describe.skipIf(!existsSync(DATASET_DIR))('BoxPacker efficiency set (regression guard)', () => {
  const dataset = existsSync(DATASET_DIR) ? loadDataset() : { boxes: [], orders: [] };
  const volumes = new Map(dataset.boxes.map((b) => [b.ref, innerVolume(b)]));

  it.each(['upright', 'any'] as const)('%s: checker-clean, never more boxes than BoxPacker, totals at or below the recorded ones', (mode) => {
    const spec = MODES[mode];
    let boxes = 0, volume = 0;
    const failures: string[] = [];
    const moreThanBoxPacker: string[] = [];
    for (const order of dataset.orders) {
      const request = requestFor(dataset, order, mode);
      const result = pack(request, { iterationBudget: ITERATIONS });
      for (const v of checkPacking(request, result)) failures.push(`${order.id}: ${v}`);
      const theirs = mode === 'upright' ? order.flat.boxes : order.free.boxes;
      if (result.boxes.length > theirs) moreThanBoxPacker.push(`${order.id}: ${result.boxes.length} > ${theirs}`);
      boxes += result.boxes.length;
      volume += result.boxes.reduce((s, b) => s + volumes.get(b.boxRef)!, 0);
    }
    expect(dataset.orders.length).toBe(4_288);
    expect(failures.slice(0, 10)).toEqual([]);
    expect(moreThanBoxPacker.slice(0, 10)).toEqual([]);
    expect(boxes).toBeLessThan(spec.boxPackerBoxes);
    expect(boxes).toBeLessThanOrEqual(spec.maxBoxes);
    expect(volume).toBeLessThanOrEqual(spec.maxVolume + MARGIN);
  });

  // The bounds certify answers and the bench's "no packer can do better" figures rest on them, so
  // every packing known to exist must pass them: each box the packer filled, each multiset it
  // used, and each of BoxPacker's own multisets (recovered from expected.csv).
  it.each(['upright', 'any'] as const)('%s: every known packing passes the necessary tests (bounds, DFF, assignment)', (mode) => {
    const rejected: string[] = [];
    for (const order of dataset.orders) {
      const request = requestFor(dataset, order, mode);
      const p = normalise(request);
      const counts = Int32Array.from(p.types.map((t) => t.count));
      const groups = fitGroups(p, counts);
      const boxId = new Map(p.boxes.map((b) => [b.ref, b.id]));
      const holds = (multiset: number[]): boolean =>
        multiset.length === 1 ? passesBox(p, multiset[0]!, counts) : passesMultiset(p, multiset, groups) && assignable(p, multiset, counts);
      const result = pack(request, { iterationBudget: 50 });
      for (const { box: b, counts: content } of boxContents(p, result)) {
        if (!passesBox(p, b, content)) rejected.push(`${order.id}: our ${p.boxes[b]!.ref}`);
      }
      if (!holds(result.boxes.map((b) => boxId.get(b.boxRef)!))) rejected.push(`${order.id}: our multiset`);
      const theirs = (mode === 'upright' ? order.flat : order.free).multiset;
      if (theirs && !holds(theirs.map((ref) => boxId.get(ref)!))) rejected.push(`${order.id}: BoxPacker's ${theirs.join(' + ')}`);
    }
    expect(rejected.slice(0, 10)).toEqual([]);
  });
});
