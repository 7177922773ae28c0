/**
 * The label fonts, loaded once per thread and shared by every label it renders: parsing
 * DejaVu Sans (≈ 750 kB) for each document would cost more than drawing the label. The same font
 * files measure text for the layout, embed in PDFs and draw PNGs, so all three agree on widths.
 */
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { FONT_FILES, type FontName } from '../../documents/fonts.js';
import { pdfFont } from '../../documents/pdf-fonts.js';

export type { FontName };

let loaded: Record<FontName, fontkit.Font> | undefined;

export function labelFonts(): Record<FontName, fontkit.Font> {
  loaded ??= {
    regular: pdfFont(fontkit.create(readFileSync(FONT_FILES.regular)) as fontkit.Font),
    bold: pdfFont(fontkit.create(readFileSync(FONT_FILES.bold)) as fontkit.Font),
  };
  return loaded;
}

/** Width of `text` in points at `size`. */
export type Measure = (text: string, size: number, font: FontName) => number;

const widthCache = new Map<string, number>();

export const measureText: Measure = (text, size, font) => {
  const key = `${font}\u0000${text}`;
  let units = widthCache.get(key);
  if (units === undefined) {
    const f = labelFonts()[font];
    units = f.layout(text).advanceWidth / f.unitsPerEm;
    if (widthCache.size > 10_000) widthCache.clear();
    widthCache.set(key, units);
  }
  return units * size;
};
