/**
 * Fonts embedded in every PDF Packline renders (labels, customs documents, manifests). PDF's
 * standard fonts only cover Latin-1, so names and addresses in Greek, Cyrillic, Hebrew… would
 * print as garbage; DejaVu Sans covers them and is embedded (subset) in each document.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);

export const FONT_FILES = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
} as const;

export type FontName = keyof typeof FONT_FILES;

interface Glyph { codePoints: number[] }
interface FontkitFont { getGlyph(id: number, codePoints?: number[]): Glyph | null }

/** fontkit as pdfkit itself resolves it (pdfkit's dependency, not ours). */
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(buffer: Uint8Array): FontkitFont };

/**
 * A fontkit font safe to share between documents. fontkit caches glyph objects with the code
 * points of their first lookup, and subsetting looks up a composite glyph's parts by id alone
 * (DejaVu's Cyrillic "е" is built from the Latin "e"), caching them with no code points; pdfkit
 * writes a glyph's code points into the PDF's ToUnicode map, so every later document would print
 * an "e" that copies and searches as nothing. A lookup that knows the code points fills them in.
 */
function shareable(font: FontkitFont): FontkitFont {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id, codePoints = []) => {
    const glyph = getGlyph(id, codePoints);
    if (glyph && glyph.codePoints.length === 0 && codePoints.length > 0) glyph.codePoints = codePoints;
    return glyph;
  };
  return font;
}

let parsed: Record<FontName, FontkitFont> | undefined;

/**
 * Parsed once per process and shared by every document: given a file name, pdfkit would parse
 * DejaVu Sans (≈ 750 kB) again for each document, ≈ 25 ms a face — more than drawing an A4 form.
 * pdfkit 0.20 takes a parsed fontkit font as well as a file; each document still gets its own subset.
 */
function fonts(): Record<FontName, FontkitFont> {
  parsed ??= {
    regular: shareable(fontkit.create(readFileSync(FONT_FILES.regular))),
    bold: shareable(fontkit.create(readFileSync(FONT_FILES.bold))),
  };
  return parsed;
}

/** Registers the fonts on a document and makes the regular one current. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const [name, font] of Object.entries(fonts())) doc.registerFont(name, font as unknown as string);
  doc.font('regular');
}

export type { PDFDocument };
