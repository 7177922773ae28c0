import { describe, expect, it } from 'vitest';
import { settle } from './settle.js';

const u = (ref: string, x: number, y: number, z: number, dx: number, dy: number, dz: number) => ({ ref, x, y, z, dx, dy, dz });

describe('settle', () => {
  it('drops a floating unit onto the highest top under its footprint, and orders by z, y, x', () => {
    const out = settle([u('top', 0, 0, 50, 10, 10, 10), u('low', 5, 5, 0, 10, 10, 20), u('side', 20, 0, 30, 5, 5, 5)]);
    expect(out).toEqual([u('side', 20, 0, 0, 5, 5, 5), u('low', 5, 5, 0, 10, 10, 20), u('top', 0, 0, 20, 10, 10, 10)]);
  });

  it('leaves a settled stack alone; touching edges do not support', () => {
    const stack = [u('a', 0, 0, 0, 10, 10, 10), u('b', 0, 0, 10, 10, 10, 10)];
    expect(settle(stack)).toEqual(stack);
    expect(settle([u('a', 0, 0, 0, 10, 10, 10), u('b', 10, 0, 15, 10, 10, 10)])[1]!.z).toBe(0);
  });
});
