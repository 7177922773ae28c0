/**
 * Drawing pieces shared by the customs forms: a pdfkit document collected into bytes, boxed and
 * captioned fields, check boxes, one-line cells that never overflow, and a table that continues
 * on a new page. Text is always fitted or wrapped inside its box, so long names cannot run into
 * the next field.
 */
import PDFDocument from 'pdfkit';
import { registerFonts } from '../../../documents/fonts.js';

export type Doc = PDFKit.PDFDocument;

export const INK = '#000000';
export const GREY = '#555555';
export const RULE = 0.6;

export interface DocOptions {
  size: [number, number] | 'A4';
  title: string;
  /** Fixed creation date, so rendering the same consignment twice gives the same bytes. */
  createdAt: Date;
}

/** Runs `draw` on a fresh document with the fonts registered and resolves with the PDF's bytes. */
export function renderPdf(options: DocOptions, draw: (doc: Doc) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: options.size,
      // No page margins: every form positions its own content, and pdfkit must never break a page by itself.
      margin: 0,
      // No default font: pdfkit would load Helvetica's metrics for every document, and we never use it.
      font: null as unknown as string,
      info: { Title: options.title, Creator: 'Packline', Producer: 'Packline', CreationDate: options.createdAt },
      bufferPages: false,
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      registerFonts(doc);
      draw(doc);
      doc.end();
    } catch (error) {
      reject(error);
    }
  });
}

export interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: string;
  align?: 'left' | 'right' | 'center';
}

function useStyle(doc: Doc, style: TextStyle): void {
  doc.font(style.bold ? 'bold' : 'regular').fontSize(style.size ?? 8).fillColor(style.color ?? INK);
}

/** `text` cut with an ellipsis so it fits `width` in the current font. */
export function fitted(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.widthOfString(`${chars.slice(0, mid).join('')}…`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('').trimEnd()}…`;
}

/** One line of text at (x, y), fitted into `width`. */
export function line(doc: Doc, text: string, x: number, y: number, width: number, style: TextStyle = {}): void {
  useStyle(doc, style);
  doc.text(fitted(doc, text, width), x, y, { width, align: style.align ?? 'left', lineBreak: false });
}

/** Wrapped text inside `width`, at most `maxLines` lines (the last one fitted); returns the height used. */
export function para(doc: Doc, text: string, x: number, y: number, width: number, style: TextStyle = {}, maxLines = 100): number {
  useStyle(doc, style);
  const lineHeight = doc.currentLineHeight(true);
  const lines = wrap(doc, text, width);
  const shown = lines.slice(0, maxLines);
  if (lines.length > maxLines) shown[maxLines - 1] = fitted(doc, `${shown[maxLines - 1]} ${lines.slice(maxLines).join(' ')}`, width);
  shown.forEach((l, i) => doc.text(l, x, y + i * lineHeight, { width, align: style.align ?? 'left', lineBreak: false }));
  return shown.length * lineHeight;
}

/** Greedy word wrap in the current font; a word longer than the line is cut. */
export function wrap(doc: Doc, text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let current = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = current ? `${current} ${word}` : word;
      if (doc.widthOfString(candidate) <= width) current = candidate;
      else {
        if (current) out.push(current);
        current = doc.widthOfString(word) <= width ? word : fitted(doc, word, width);
      }
    }
    out.push(current);
  }
  return out;
}

export function box(doc: Doc, x: number, y: number, w: number, h: number, width = RULE): void {
  doc.lineWidth(width).strokeColor(INK).rect(x, y, w, h).stroke();
}

export function hline(doc: Doc, x: number, y: number, w: number, width = RULE): void {
  doc.lineWidth(width).strokeColor(INK).moveTo(x, y).lineTo(x + w, y).stroke();
}

export function vline(doc: Doc, x: number, y: number, h: number, width = RULE): void {
  doc.lineWidth(width).strokeColor(INK).moveTo(x, y).lineTo(x, y + h).stroke();
}

/** A boxed field: a small grey caption at the top, then the value lines (fitted). */
export function field(doc: Doc, caption: string, values: string[], x: number, y: number, w: number, h: number, valueSize = 8.5): void {
  box(doc, x, y, w, h);
  line(doc, caption, x + 3, y + 2.5, w - 6, { size: 6, color: GREY });
  values.forEach((v, i) => line(doc, v, x + 3, y + 11 + i * (valueSize + 2.5), w - 6, { size: valueSize }));
}

export function checkbox(doc: Doc, label: string, checked: boolean, x: number, y: number, size = 7, labelWidth = 100): void {
  doc.lineWidth(RULE).strokeColor(INK).rect(x, y, size, size).stroke();
  if (checked) {
    doc.lineWidth(1.1).moveTo(x + 1.3, y + size / 2).lineTo(x + size * 0.42, y + size - 1.3).lineTo(x + size - 1.1, y + 1.1).stroke();
  }
  line(doc, label, x + size + 3, y + (size - 7) / 2 - 0.5, labelWidth, { size: 7, bold: checked });
}

export interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

export interface TableOptions {
  x: number;
  y: number;
  columns: Column[];
  rows: string[][];
  rowHeight: number;
  size: number;
  /** The column whose text may wrap onto a second line (item descriptions); the row grows to fit. */
  wrapColumn?: number;
  /** Lowest y a row may reach before the table continues on a new page. */
  bottom: number;
  /** Draws the top of a continuation page and returns where the table starts there. */
  continueOnNewPage: (doc: Doc) => number;
}

const MAX_WRAPPED_LINES = 2;

/** A ruled table with a header row, repeated on every continuation page; returns the y below it. */
export function table(doc: Doc, t: TableOptions): number {
  const width = t.columns.reduce((s, c) => s + c.width, 0);
  const lineStep = t.size + 2.5;
  const header = (y: number) => {
    doc.rect(t.x, y, width, t.rowHeight).fillColor('#e8e8e8').fill();
    box(doc, t.x, y, width, t.rowHeight);
    cells(doc, t, t.columns.map((c) => [c.title]), y, t.rowHeight, true);
    return y + t.rowHeight;
  };
  let y = header(t.y);
  for (const row of t.rows) {
    const texts = row.map((value, i) => {
      if (i !== t.wrapColumn) return [value];
      useStyle(doc, { size: t.size });
      const lines = wrap(doc, value, t.columns[i]!.width - 5);
      return lines.length > MAX_WRAPPED_LINES
        ? [...lines.slice(0, MAX_WRAPPED_LINES - 1), fitted(doc, lines.slice(MAX_WRAPPED_LINES - 1).join(' '), t.columns[i]!.width - 5)]
        : lines;
    });
    const height = t.rowHeight + (Math.max(...texts.map((l) => l.length)) - 1) * lineStep;
    if (y + height > t.bottom) {
      line(doc, 'Continued on the next page', t.x, y + 4, width, { size: t.size, color: GREY, align: 'right' });
      doc.addPage();
      y = header(t.continueOnNewPage(doc));
    }
    cells(doc, t, texts, y, height, false);
    hline(doc, t.x, y + height, width, 0.3);
    y += height;
  }
  return y;
}

function cells(doc: Doc, t: TableOptions, values: string[][], y: number, height: number, bold: boolean): void {
  let x = t.x;
  const size = bold ? t.size - 0.5 : t.size;
  const top = y + (t.rowHeight - size) / 2 - 0.5;
  t.columns.forEach((c, i) => {
    if (i > 0) vline(doc, x, y, height, 0.3);
    (values[i] ?? ['']).forEach((text, n) => line(doc, text, x + 2.5, top + n * (t.size + 2.5), c.width - 5, { size, bold, align: c.align ?? 'left' }));
    x += c.width;
  });
  vline(doc, t.x, y, height, 0.3);
  vline(doc, x, y, height, 0.3);
}

const amount = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const weight = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 3, maximumFractionDigits: 3 });

export const money = (n: number): string => amount.format(n);
export const kg = (n: number): string => weight.format(n);
/** Dates on customs forms: the ISO calendar date, unambiguous in every country. */
export const day = (iso: string): string => (iso ? new Date(iso).toISOString().slice(0, 10) : '');
