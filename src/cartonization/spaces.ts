/**
 * Empty maximal spaces (EMS, Lai & Chan 1997): every maximal empty cuboid of the box, possibly
 * overlapping each other. Stored struct-of-arrays style in one Int32Array (x1, y1, z1, x2, y2, z2
 * per space) so the hot loop allocates nothing; removal swaps the last space in.
 */
export class SpacePool {
  d = new Int32Array(6 * 256);
  n = 0;
  private tmp = new Int32Array(6 * 64);
  private tn = 0;

  reset(W: number, L: number, H: number): void {
    this.n = 0;
    this.add(0, 0, 0, W, L, H);
  }

  add(x1: number, y1: number, z1: number, x2: number, y2: number, z2: number): void {
    if (6 * (this.n + 1) > this.d.length) {
      const g = new Int32Array(this.d.length * 2);
      g.set(this.d);
      this.d = g;
    }
    const o = 6 * this.n++;
    const d = this.d;
    d[o] = x1; d[o + 1] = y1; d[o + 2] = z1; d[o + 3] = x2; d[o + 4] = y2; d[o + 5] = z2;
  }

  remove(i: number): void {
    const last = 6 * --this.n;
    this.d.copyWithin(6 * i, last, last + 6);
  }

  private push(x1: number, y1: number, z1: number, x2: number, y2: number, z2: number, minEdge: number): void {
    if (x2 - x1 < minEdge || y2 - y1 < minEdge || z2 - z1 < minEdge) return;
    if (6 * (this.tn + 1) > this.tmp.length) {
      const g = new Int32Array(this.tmp.length * 2);
      g.set(this.tmp);
      this.tmp = g;
    }
    const o = 6 * this.tn++;
    const t = this.tmp;
    t[o] = x1; t[o + 1] = y1; t[o + 2] = z1; t[o + 3] = x2; t[o + 4] = y2; t[o + 5] = z2;
  }

  /** Drops spaces too thin for any remaining item (they can never be used again in this box). */
  prune(minEdge: number): void {
    const d = this.d;
    for (let i = 0; i < this.n; ) {
      const o = 6 * i;
      if (d[o + 3]! - d[o]! < minEdge || d[o + 4]! - d[o + 1]! < minEdge || d[o + 5]! - d[o + 2]! < minEdge) this.remove(i);
      else i++;
    }
  }

  /**
   * Occupies the cuboid [x1,x2)×[y1,y2)×[z1,z2): every space it cuts is replaced by its up to six
   * maximal remainders. Only those new pieces need the inclusion test: old spaces were maximal.
   */
  carve(bx1: number, by1: number, bz1: number, bx2: number, by2: number, bz2: number, minEdge: number): void {
    const d = this.d;
    this.tn = 0;
    for (let i = 0; i < this.n; ) {
      const o = 6 * i;
      const x1 = d[o]!, y1 = d[o + 1]!, z1 = d[o + 2]!, x2 = d[o + 3]!, y2 = d[o + 4]!, z2 = d[o + 5]!;
      if (bx1 >= x2 || bx2 <= x1 || by1 >= y2 || by2 <= y1 || bz1 >= z2 || bz2 <= z1) {
        i++;
        continue;
      }
      if (bx1 > x1) this.push(x1, y1, z1, bx1, y2, z2, minEdge);
      if (bx2 < x2) this.push(bx2, y1, z1, x2, y2, z2, minEdge);
      if (by1 > y1) this.push(x1, y1, z1, x2, by1, z2, minEdge);
      if (by2 < y2) this.push(x1, by2, z1, x2, y2, z2, minEdge);
      if (bz1 > z1) this.push(x1, y1, z1, x2, y2, bz1, minEdge);
      if (bz2 < z2) this.push(x1, y1, bz2, x2, y2, z2, minEdge);
      this.remove(i);
    }
    const t = this.tmp, n0 = this.n;
    for (let j = 0; j < this.tn; j++) {
      const o = 6 * j;
      const x1 = t[o]!, y1 = t[o + 1]!, z1 = t[o + 2]!, x2 = t[o + 3]!, y2 = t[o + 4]!, z2 = t[o + 5]!;
      let inside = false;
      for (let i = 0; i < n0 && !inside; i++) {
        const q = 6 * i;
        inside = d[q]! <= x1 && d[q + 1]! <= y1 && d[q + 2]! <= z1 && d[q + 3]! >= x2 && d[q + 4]! >= y2 && d[q + 5]! >= z2;
      }
      for (let k = 0; k < this.tn && !inside; k++) {
        if (k === j) continue;
        const q = 6 * k;
        const covers = t[q]! <= x1 && t[q + 1]! <= y1 && t[q + 2]! <= z1 && t[q + 3]! >= x2 && t[q + 4]! >= y2 && t[q + 5]! >= z2;
        if (!covers) continue;
        const equal = t[q]! === x1 && t[q + 1]! === y1 && t[q + 2]! === z1 && t[q + 3]! === x2 && t[q + 4]! === y2 && t[q + 5]! === z2;
        inside = !equal || k < j; // of equal pieces keep the first
      }
      if (!inside) this.add(x1, y1, z1, x2, y2, z2);
    }
  }
}
