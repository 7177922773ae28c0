/**
 * Label marks → a ZPL II program for a thermal printer. Text uses the printer's scalable font 0
 * with ^CI28 (UTF-8) and ^FB blocks that clip to the same boxes as the PDF; the barcode is the
 * printer's own Code 128 (^BC) of the tracking number, so it prints at the printer's resolution.
 * Printer font 0 has no Greek, Cyrillic or CJK glyphs on many printers: such a name prints only
 * where the printer has a Unicode font loaded (documented in docs/api.md).
 */
import { code128, QUIET_ZONE_MODULES } from './barcode.js';
import type { LabelDrawing, Mark } from './label-layout.js';

/** ZPL text fields: ^ and ~ are command prefixes; ^FH turns _XX into the hex byte instead. */
export function zplText(text: string): string {
  return text.replace(/[_^~\\]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export function renderZpl(drawing: LabelDrawing, dpi: number): string {
  const dots = (pt: number) => Math.round((pt * dpi) / 72);
  const lines = ['^XA', '^CI28', `^PW${dots(drawing.width)}`, `^LL${dots(drawing.height)}`, '^LH0,0'];
  for (const mark of drawing.marks) lines.push(zplMark(mark, dots));
  lines.push('^XZ');
  return `${lines.join('\n')}\n`;
}

function zplMark(mark: Mark, dots: (pt: number) => number): string {
  switch (mark.kind) {
    case 'text': {
      const justify = mark.align === 'left' ? 'L' : mark.align === 'center' ? 'C' : 'R';
      const height = dots(mark.size);
      return `^FO${dots(mark.x)},${dots(mark.y)}^A0N,${height},${height}^FB${dots(mark.width)},1,0,${justify}^FH^FD${zplText(mark.text)}^FS`;
    }
    case 'rect': {
      const thickness = Math.max(1, Math.min(dots(mark.width), dots(mark.height)));
      return `^FO${dots(mark.x)},${dots(mark.y)}^GB${dots(mark.width)},${dots(mark.height)},${thickness}^FS`;
    }
    case 'barcode': {
      const symbol = code128(mark.data);
      const area = dots(mark.width);
      const module = Math.max(1, Math.min(10, Math.floor(area / (symbol.modules + 2 * QUIET_ZONE_MODULES))));
      const left = dots(mark.x) + Math.max(0, Math.round((area - symbol.modules * module) / 2));
      // ^BC: normal orientation, height, no interpretation line (printed separately), mode A (automatic code sets).
      return `^BY${module},3^FO${left},${dots(mark.y)}^BCN,${dots(mark.height)},N,N,N,A^FH^FD${zplText(mark.data)}^FS`;
    }
  }
}
