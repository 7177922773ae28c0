/** Label marks → a PDF, one 4×6 in page per label; text in embedded DejaVu Sans, bars as vectors. */
import PDFDocument from 'pdfkit';
import { bars, code128, QUIET_ZONE_MODULES } from './barcode.js';
import { labelFonts, measureText } from './label-fonts.js';
import type { LabelDrawing, Mark } from './label-layout.js';

/** The widest module drawn, in points (0.5 mm): wider adds nothing for scanners. */
const MAX_MODULE_PT = 1.42;

export function renderPdf(drawings: readonly LabelDrawing[], info: { title: string }): Promise<Buffer> {
  const fonts = labelFonts();
  // No default font: pdfkit would load Helvetica's metrics for every document.
  const doc = new PDFDocument({ autoFirstPage: false, margin: 0, font: null as unknown as string, info: { Title: info.title, Creator: 'Packline' } });
  doc.registerFont('regular', fonts.regular as unknown as string);
  doc.registerFont('bold', fonts.bold as unknown as string);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const drawing of drawings) {
    doc.addPage({ size: [drawing.width, drawing.height], margin: 0 });
    for (const mark of drawing.marks) drawMark(doc, mark);
  }
  doc.end();
  return done;
}

function drawMark(doc: PDFKit.PDFDocument, mark: Mark): void {
  switch (mark.kind) {
    case 'text': {
      const free = mark.width - measureText(mark.text, mark.size, mark.font);
      const dx = mark.align === 'left' ? 0 : mark.align === 'center' ? free / 2 : free;
      doc.font(mark.font).fontSize(mark.size).fillColor('black').text(mark.text, mark.x + dx, mark.y, { lineBreak: false });
      return;
    }
    case 'rect':
      doc.rect(mark.x, mark.y, mark.width, mark.height).fill('black');
      return;
    case 'barcode': {
      const symbol = code128(mark.data);
      const module = Math.min(MAX_MODULE_PT, mark.width / (symbol.modules + 2 * QUIET_ZONE_MODULES));
      const left = mark.x + (mark.width - symbol.modules * module) / 2;
      for (const [start, width] of bars(symbol)) doc.rect(left + start * module, mark.y, width * module, mark.height);
      doc.fill('black');
    }
  }
}
