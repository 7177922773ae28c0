/**
 * A faster way to embed a TrueType font with pdfkit, for documents made by the thousand (labels).
 * pdfkit asks fontkit for a subset of each document's glyphs, and fontkit re-parses every glyph
 * and re-serialises the hinting tables value by value each time: ≈ 2.5 ms a document for two
 * DejaVu faces, more than drawing the label. `pdfFont` wraps a parsed font so that
 *  - the subset is assembled from bytes cut once per glyph (composites re-pointed at their
 *    components' new ids, as fontkit does) and hinting tables copied whole;
 *  - text layout (shaping) is remembered per string, handing pdfkit a fresh copy each time
 *    because pdfkit scales the positions in place.
 * The font file produced has the tables PDF readers need (head, hhea, loca, maxp, cvt, prep, glyf,
 * hmtx, fpgm: ISO 32000 §9.9) — the same set fontkit writes.
 */
import type * as fontkit from 'fontkit';

interface GlyphBytes {
  bytes: Uint8Array;
  /** Composite glyphs: where each component's glyph id sits in `bytes`. */
  components: Array<{ pos: number; gid: number }>;
  advance: number;
  leftBearing: number;
}

interface FontInternals {
  stream: { buffer: Uint8Array };
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
  loca: { offsets: number[] };
  getGlyph(gid: number): { advanceWidth: number; _decode(): { numberOfContours: number; components?: Array<{ pos: number; glyphID: number }> } | null; _getMetrics(): { leftBearing: number } };
}

const COPIED_TABLES = ['cvt ', 'fpgm', 'prep'] as const;
const LAYOUT_CACHE_LIMIT = 20_000;

export function pdfFont(font: fontkit.Font): fontkit.Font {
  const raw = font as unknown as FontInternals;
  const file = raw.stream.buffer;
  const table = (tag: string): Uint8Array | undefined => {
    const entry = raw.directory.tables[tag];
    return entry ? file.subarray(entry.offset, entry.offset + entry.length) : undefined;
  };
  const glyf = raw.directory.tables.glyf;
  if (!glyf || !table('head') || !table('hhea') || !table('maxp')) throw new Error('pdfFont needs a TrueType (glyf) font');

  const glyphs = new Map<number, GlyphBytes>();
  const glyphBytes = (gid: number): GlyphBytes => {
    let entry = glyphs.get(gid);
    if (!entry) {
      const start = raw.loca.offsets[gid] ?? 0;
      const end = raw.loca.offsets[gid + 1] ?? start;
      const glyph = raw.getGlyph(gid);
      const decoded = glyph._decode();
      entry = {
        bytes: file.slice(glyf.offset + start, glyf.offset + end),
        components: decoded && decoded.numberOfContours < 0 ? (decoded.components ?? []).map((c) => ({ pos: c.pos, gid: c.glyphID })) : [],
        advance: glyph.advanceWidth,
        leftBearing: glyph._getMetrics().leftBearing,
      };
      glyphs.set(gid, entry);
    }
    return entry;
  };
  const statics = { head: table('head')!, hhea: table('hhea')!, maxp: table('maxp')!, copied: COPIED_TABLES.map((tag) => [tag, table(tag)] as const) };

  const layouts = new Map<string, fontkit.GlyphRun>();
  const wrapped = Object.create(font) as fontkit.Font;
  Object.defineProperties(wrapped, {
    createSubset: { value: () => new GlyphSubset(glyphBytes, statics) },
    layout: {
      value(text: string, features?: unknown, ...rest: unknown[]) {
        if (features !== undefined || rest.length > 0) return (font.layout as (...a: unknown[]) => fontkit.GlyphRun)(text, features, ...rest);
        let run = layouts.get(text);
        if (!run) {
          run = font.layout(text);
          if (layouts.size >= LAYOUT_CACHE_LIMIT) layouts.clear();
          layouts.set(text, run);
        }
        return copyRun(run);
      },
    },
  });
  return wrapped;
}

/** A glyph run pdfkit may scale in place without spoiling the cached one. */
function copyRun(run: fontkit.GlyphRun): fontkit.GlyphRun {
  const positions = run.positions.map((p) => ({ ...p }));
  return {
    glyphs: run.glyphs,
    positions,
    get advanceWidth() {
      return positions.reduce((sum, p) => sum + p.xAdvance, 0);
    },
  } as unknown as fontkit.GlyphRun;
}

class GlyphSubset {
  readonly glyphs: number[] = [];
  private readonly ids = new Map<number, number>();

  constructor(
    private readonly glyphBytes: (gid: number) => GlyphBytes,
    private readonly statics: { head: Uint8Array; hhea: Uint8Array; maxp: Uint8Array; copied: ReadonlyArray<readonly [string, Uint8Array | undefined]> },
  ) {
    this.includeGlyph(0);
  }

  includeGlyph(gid: number): number {
    let id = this.ids.get(gid);
    if (id === undefined) {
      id = this.glyphs.length;
      this.glyphs.push(gid);
      this.ids.set(gid, id);
    }
    return id;
  }

  encode(): Uint8Array {
    const parts: Uint8Array[] = [];
    const metrics: GlyphBytes[] = [];
    // The list grows while we walk it: composites pull in their components.
    for (let i = 0; i < this.glyphs.length; i++) {
      const entry = this.glyphBytes(this.glyphs[i]!);
      let bytes = entry.bytes;
      if (entry.components.length > 0) {
        bytes = Uint8Array.from(bytes);
        const view = new DataView(bytes.buffer);
        for (const c of entry.components) view.setUint16(c.pos, this.includeGlyph(c.gid));
      }
      parts.push(bytes);
      metrics.push(entry);
    }
    const count = parts.length;
    const glyfLength = parts.reduce((sum, p) => sum + p.length, 0);
    const glyfTable = new Uint8Array(glyfLength);
    const loca = new DataView(new ArrayBuffer(4 * (count + 1)));
    let offset = 0;
    parts.forEach((p, i) => {
      loca.setUint32(4 * i, offset);
      glyfTable.set(p, offset);
      offset += p.length;
    });
    loca.setUint32(4 * count, offset);
    const hmtx = new DataView(new ArrayBuffer(4 * count));
    metrics.forEach((m, i) => {
      hmtx.setUint16(4 * i, m.advance);
      hmtx.setInt16(4 * i + 2, m.leftBearing);
    });
    const head = Uint8Array.from(this.statics.head);
    const headView = new DataView(head.buffer);
    headView.setUint32(8, 0); // checkSumAdjustment, filled in below
    headView.setInt16(50, 1); // indexToLocFormat: long offsets
    const hhea = Uint8Array.from(this.statics.hhea);
    new DataView(hhea.buffer).setUint16(34, count); // numberOfHMetrics
    const maxp = Uint8Array.from(this.statics.maxp);
    new DataView(maxp.buffer).setUint16(4, count); // numGlyphs

    const tables: Array<[string, Uint8Array]> = [
      ['glyf', glyfTable], ['head', head], ['hhea', hhea], ['hmtx', new Uint8Array(hmtx.buffer)],
      ['loca', new Uint8Array(loca.buffer)], ['maxp', maxp],
    ];
    for (const [tag, bytes] of this.statics.copied) if (bytes) tables.push([tag, bytes]);
    tables.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const font = sfnt(tables);
    const headOffset = new DataView(font.buffer).getUint32(12 + 16 * tables.findIndex(([tag]) => tag === 'head') + 8);
    new DataView(font.buffer).setUint32(headOffset + 8, (0xb1b0afba - checksum(font)) >>> 0);
    return font;
  }
}

/** An sfnt file: the offset table, the table records (sorted by tag), the tables 4-byte aligned. */
function sfnt(tables: ReadonlyArray<[string, Uint8Array]>): Uint8Array {
  const n = tables.length;
  const headerLength = 12 + 16 * n;
  const padded = (length: number) => (length + 3) & ~3;
  const total = tables.reduce((sum, [, t]) => sum + padded(t.length), headerLength);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const power = 2 ** Math.floor(Math.log2(n));
  view.setUint32(0, 0x00010000);
  view.setUint16(4, n);
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, n * 16 - power * 16);
  let offset = headerLength;
  tables.forEach(([tag, bytes], i) => {
    const record = 12 + 16 * i;
    for (let k = 0; k < 4; k++) view.setUint8(record + k, tag.charCodeAt(k));
    out.set(bytes, offset);
    view.setUint32(record + 4, checksum(out.subarray(offset, offset + padded(bytes.length))));
    view.setUint32(record + 8, offset);
    view.setUint32(record + 12, bytes.length);
    offset += padded(bytes.length);
  });
  return out;
}

/** The sfnt checksum: the sum of big-endian uint32 words, modulo 2³². */
function checksum(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let sum = 0;
  const whole = bytes.byteLength & ~3;
  for (let i = 0; i < whole; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  if (whole < bytes.byteLength) {
    let last = 0;
    for (let i = whole; i < whole + 4; i++) last = (last << 8) | (i < bytes.byteLength ? bytes[i]! : 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}
