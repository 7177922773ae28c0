import { describe, expect, it } from 'vitest';
import { SpacePool } from './spaces.js';

const list = (p: SpacePool): number[][] =>
  Array.from({ length: p.n }, (_, i) => Array.from(p.d.subarray(6 * i, 6 * i + 6))).sort((a, b) => a.join().localeCompare(b.join()));

describe('SpacePool', () => {
  it('a block in the corner leaves the three maximal spaces beside, behind and above it', () => {
    const p = new SpacePool();
    p.reset(100, 100, 100);
    p.carve(0, 0, 0, 40, 50, 60, 1);
    expect(list(p)).toEqual([[0, 0, 60, 100, 100, 100], [0, 50, 0, 100, 100, 100], [40, 0, 0, 100, 100, 100]]);
  });

  it('pieces inside other spaces are dropped, and so are pieces thinner than the smallest item', () => {
    const p = new SpacePool();
    p.reset(100, 100, 100);
    p.carve(0, 0, 0, 100, 100, 95, 10); // only a 5 mm layer remains: too thin
    expect(p.n).toBe(0);
    p.reset(100, 100, 100);
    p.carve(0, 0, 0, 50, 100, 100, 1);
    p.carve(50, 0, 0, 100, 50, 100, 1); // what is left: x ≥ 50, y ≥ 50
    expect(list(p)).toEqual([[50, 50, 0, 100, 100, 100]]);
  });

  it('a block in the middle of a space splits it into six', () => {
    const p = new SpacePool();
    p.reset(90, 90, 90);
    p.carve(30, 30, 30, 60, 60, 60, 1);
    expect(p.n).toBe(6);
  });
});
