/**
 * Placement rules: which (space, orientation, block) a construction takes next. Lower scores win.
 * Keys combine coordinates as z·1e10 + y·1e5 + x, exact in doubles for dimensions below 100 m.
 */
export const RULE_BACK_BOTTOM_LEFT = 0;
/** Minimise the block's top: keeps trays and shallow boxes flat, builds stacks last. */
export const RULE_LOWEST_TOP = 1;
/** Minimise x + y + z of the corner: fills from one corner outwards. */
export const RULE_CORNER = 2;
/** Maximise the distance from the block's far corner to the box's far corner (DFTRC, Gonçalves & Resende). */
export const RULE_FAR_CORNER = 3;
export const RULES = [RULE_BACK_BOTTOM_LEFT, RULE_LOWEST_TOP, RULE_CORNER, RULE_FAR_CORNER] as const;

const A = 1e10, B = 1e5;

/** Score of a block of size bx × by × bz at corner (x, y, z) in a W × L × H box. */
export function blockScore(rule: number, x: number, y: number, z: number, bx: number, by: number, bz: number, W: number, L: number, H: number): number {
  switch (rule) {
    case RULE_LOWEST_TOP:
      return (z + bz) * A + y * B + x;
    case RULE_CORNER:
      return x + y + z;
    case RULE_FAR_CORNER: {
      const gx = W - x - bx, gy = L - y - by, gz = H - z - bz;
      return -(gx * gx + gy * gy + gz * gz);
    }
    default:
      return z * A + y * B + x;
  }
}

/** Score of a space's corner for the space-first constructions (which space to fill next). */
export function spaceScore(rule: number, x: number, y: number, z: number, sx: number, sy: number, sz: number): number {
  switch (rule) {
    case RULE_LOWEST_TOP: // walls along y: back to front
      return y * A + z * B + x;
    case RULE_CORNER:
      return x + y + z;
    case RULE_FAR_CORNER: // lowest, then the largest space first
      return z * A - sx * sy * sz * 1e-9;
    default:
      return z * A + y * B + x;
  }
}

/**
 * Block sizing: how many units of one orientation to place at once in a space, as nx × ny × nz.
 * Whole space if the units suffice, else whole layers, else whole rows, else part of a row.
 * Writes into `out` (nx, ny, nz) and returns the unit count.
 */
export function sizeBlock(sx: number, sy: number, sz: number, dx: number, dy: number, dz: number, n: number, block: boolean, out: Int32Array): number {
  if (!block || n === 1) {
    out[0] = 1; out[1] = 1; out[2] = 1;
    return 1;
  }
  const nx = Math.floor(sx / dx), ny = Math.floor(sy / dy), nz = Math.floor(sz / dz);
  if (nx * ny * nz <= n) {
    out[0] = nx; out[1] = ny; out[2] = nz;
  } else if (nx * ny <= n) {
    out[0] = nx; out[1] = ny; out[2] = Math.floor(n / (nx * ny));
  } else if (nx <= n) {
    out[0] = nx; out[1] = Math.floor(n / nx); out[2] = 1;
  } else {
    out[0] = n; out[1] = 1; out[2] = 1;
  }
  return out[0]! * out[1]! * out[2]!;
}
