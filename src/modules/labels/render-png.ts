/**
 * Label marks → a PNG at the printer's resolution (203 dpi unless asked), drawn with Skia
 * (@napi-rs/canvas, prebuilt, no system libraries) in the same DejaVu Sans as the PDF. Bars land
 * on whole pixels with equal-width modules, so the image scans as well as a thermal print.
 */
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { FONT_FILES } from '../../documents/fonts.js';
import { bars, code128, QUIET_ZONE_MODULES } from './barcode.js';
import { labelFonts } from './label-fonts.js';
import type { LabelDrawing, Mark } from './label-layout.js';

const FAMILY = 'Packline Label';
let registered = false;

function registerOnce(): void {
  if (registered) return;
  GlobalFonts.registerFromPath(FONT_FILES.regular, FAMILY);
  GlobalFonts.registerFromPath(FONT_FILES.bold, FAMILY);
  registered = true;
}

export function renderPng(drawing: LabelDrawing, dpi: number): Buffer {
  registerOnce();
  const scale = dpi / 72;
  const canvas = createCanvas(Math.round(drawing.width * scale), Math.round(drawing.height * scale));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = 'black';
  const fonts = labelFonts();
  // pdfkit puts a line's top at y and its baseline one ascent lower; do the same.
  const ascent = { regular: fonts.regular.ascent / fonts.regular.unitsPerEm, bold: fonts.bold.ascent / fonts.bold.unitsPerEm };
  for (const mark of drawing.marks) drawMark(ctx, mark, scale, ascent);
  return canvas.toBuffer('image/png');
}

function drawMark(ctx: SKRSContext2D, mark: Mark, scale: number, ascent: { regular: number; bold: number }): void {
  switch (mark.kind) {
    case 'text': {
      ctx.font = `${mark.font === 'bold' ? 'bold ' : ''}${mark.size * scale}px "${FAMILY}"`;
      ctx.textAlign = mark.align;
      ctx.textBaseline = 'alphabetic';
      const x = mark.align === 'left' ? mark.x : mark.align === 'center' ? mark.x + mark.width / 2 : mark.x + mark.width;
      ctx.fillText(mark.text, x * scale, (mark.y + mark.size * ascent[mark.font]) * scale);
      return;
    }
    case 'rect':
      ctx.fillRect(Math.round(mark.x * scale), Math.round(mark.y * scale), Math.max(1, Math.round(mark.width * scale)), Math.max(1, Math.round(mark.height * scale)));
      return;
    case 'barcode': {
      const symbol = code128(mark.data);
      const area = Math.floor(mark.width * scale);
      const module = Math.max(1, Math.floor(area / (symbol.modules + 2 * QUIET_ZONE_MODULES)));
      const left = Math.round(mark.x * scale + (area - symbol.modules * module) / 2);
      const top = Math.round(mark.y * scale);
      const height = Math.round(mark.height * scale);
      for (const [start, width] of bars(symbol)) ctx.fillRect(left + start * module, top, width * module, height);
    }
  }
}
