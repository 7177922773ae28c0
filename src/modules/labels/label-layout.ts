/**
 * The shipping label's layout: LabelData in, a list of marks (text, rules, the barcode) out, in
 * points on a 4×6 in page (288×432 pt, the thermal-printer standard). Pure: the PDF, PNG and ZPL
 * renderers draw the same marks, so the three formats show the same fields in the same places.
 */
import type { LabelAddress, LabelData } from './label-data.js';
import type { FontName, Measure } from './label-fonts.js';

export const PAGE = { width: 288, height: 432 } as const;
const MARGIN = 12;
const INNER = PAGE.width - 2 * MARGIN;

export type Align = 'left' | 'center' | 'right';

export type Mark =
  | { kind: 'text'; x: number; y: number; width: number; size: number; font: FontName; text: string; align: Align }
  /** A filled black rectangle: rules and boxes. */
  | { kind: 'rect'; x: number; y: number; width: number; height: number }
  /** Code 128 of `data`, centred in the area with its quiet zones. */
  | { kind: 'barcode'; x: number; y: number; width: number; height: number; data: string };

export interface LabelDrawing {
  width: number;
  height: number;
  marks: Mark[];
}

/** `text` at the largest size from `size` down to 70 % of it that fits `width`, else cut with an ellipsis. */
export function fitText(measure: Measure, text: string, size: number, font: FontName, width: number): { text: string; size: number } {
  const minSize = Math.max(5, Math.floor(size * 0.7));
  for (let s = size; s >= minSize; s -= 1) {
    if (measure(text, s, font) <= width) return { text, size: s };
  }
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  // The longest prefix that fits with the ellipsis (binary search: measuring is the cost).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(`${chars.slice(0, mid).join('')}…`, minSize, font) <= width) lo = mid;
    else hi = mid - 1;
  }
  return { text: `${chars.slice(0, lo).join('').trimEnd()}…`, size: minSize };
}

/** Tracking numbers read more easily in groups: SP123456789GB → SP 123 456 789 GB. */
export function humanReadable(trackingNumber: string): string {
  const s10 = /^([A-Z]{2})(\d{3})(\d{3})(\d{3})([A-Z]{2})$/.exec(trackingNumber);
  return s10 ? s10.slice(1).join(' ') : trackingNumber;
}

const kg = (weight: number) => `${Number(weight.toFixed(3))} kg`;

export function layoutLabel(label: LabelData, measure: Measure): LabelDrawing {
  const marks: Mark[] = [];
  let y = MARGIN;
  const text = (value: string, size: number, font: FontName, x = MARGIN, width = INNER, align: Align = 'left') => {
    if (!value) return;
    const fitted = fitText(measure, value, size, font, width);
    marks.push({ kind: 'text', x, y, width, size: fitted.size, font, text: fitted.text, align });
  };
  const line = (value: string, size: number, font: FontName = 'regular', gap = 1.25) => {
    if (!value) return;
    text(value, size, font);
    y += size * gap;
  };
  const rule = (weight = 1.5) => {
    marks.push({ kind: 'rect', x: MARGIN, y, width: INNER, height: weight });
    y += weight + 6;
  };

  // Carrier and service, with the package count where a sorter looks first.
  const countBox = 78;
  text(label.carrierName, 16, 'bold', MARGIN, INNER - countBox - 6);
  text(`${label.parcelNumber} of ${label.parcelCount}`, 16, 'bold', PAGE.width - MARGIN - countBox, countBox, 'right');
  y += 20;
  text(label.serviceName, 11, 'regular', MARGIN, INNER - countBox - 6);
  text('PACKAGE', 7, 'bold', PAGE.width - MARGIN - countBox, countBox, 'right');
  y += 16;
  rule(2);

  // Sender, small: the carrier returns to it, nobody sorts on it.
  line('FROM', 7, 'bold');
  for (const row of addressRows(label.sender, true)) line(row, 8);
  y = Math.max(y, 112) + 2;
  rule();

  // Recipient, large: the part read at every depot.
  line('DELIVER TO', 7, 'bold', 1.5);
  const to = label.recipient;
  line(to.name, 15, 'bold');
  line(to.company, 11);
  for (const row of to.lines) line(row, 11);
  line([to.town, to.region].filter(Boolean).join(', '), 11, 'bold');
  line(to.postcode, 20, 'bold', 1.2);
  line(to.country || to.countryCode, 11, 'bold');
  y = Math.max(y, 262) + 2;
  rule();

  // Weight, date and count in three columns.
  const col = INNER / 3;
  const cells: Array<[string, string]> = [
    ['WEIGHT', kg(label.weightKg)],
    ['SHIP DATE', label.shippingDate || '—'],
    ['PACKAGE', `${label.parcelNumber} of ${label.parcelCount}`],
  ];
  cells.forEach(([caption], i) => {
    text(caption, 6.5, 'bold', MARGIN + i * col, col - 4);
  });
  y += 9;
  cells.forEach(([, value], i) => {
    text(value, 10, 'bold', MARGIN + i * col, col - 4);
  });
  y += 15;
  rule();

  // The tracking barcode, then its number for people.
  marks.push({ kind: 'barcode', x: MARGIN, y, width: INNER, height: 62, data: label.trackingNumber });
  y += 66;
  text(humanReadable(label.trackingNumber), 12, 'bold', MARGIN, INNER, 'center');
  y += 19;
  rule();

  // References for the warehouse and customer service.
  const refs: Array<[string, string]> = [
    ['Consignment', label.consignmentReference],
    ['Your ref', label.customerReference],
    ['Package', [label.parcelReference, label.parcelCustomerReference].filter(Boolean).join('  ·  ')],
  ];
  for (const [caption, value] of refs) {
    if (!value) continue;
    text(caption.toUpperCase(), 6.5, 'bold', MARGIN, 62);
    text(value, 8.5, 'regular', MARGIN + 62, INNER - 62);
    y += 11;
  }
  return { width: PAGE.width, height: PAGE.height, marks };
}

/** An address as printed rows: name, company, street lines, town and postcode, country. */
function addressRows(a: LabelAddress, compact: boolean): string[] {
  const townLine = compact ? [a.town, a.postcode].filter(Boolean).join(' ') : a.town;
  return [a.name, a.company, ...a.lines, townLine, a.country || a.countryCode].filter(Boolean);
}
