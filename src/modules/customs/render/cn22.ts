/**
 * CN22 — the UPU customs declaration for a low-value postal item (spec §7), one per package, on
 * the 4×6 in label stock so the same printer prints it. Data in, PDF bytes out.
 */
import type { CustomsDeclaration, DeclaredParcel } from '../customs-declaration.js';
import { categoryBoxes, lineRow, signatory, SENDER_DECLARATION } from './form-text.js';
import { box, day, type Doc, field, kg, line, money, para, renderPdf, table } from './form-kit.js';

const W = 288;
const H = 432;
const M = 10;
const CW = W - 2 * M;
/** Room kept under the item table for totals, declaration, signature and references. */
const BOTTOM_BLOCK = 150;

export function renderCn22(d: CustomsDeclaration, parcel: DeclaredParcel): Promise<Buffer> {
  return renderPdf({ size: [W, H], title: `CN22 ${d.consignmentReference} ${parcel.reference}`, createdAt: new Date(d.allocatedAt) }, (doc) => {
    let y = header(doc, d, parcel, false);

    // Category of item: two columns of check boxes; Other carries its explanation.
    const boxes = categoryBoxes(d);
    const catTop = y;
    box(doc, M, catTop, CW, 42);
    boxes.forEach((b, i) => b.draw(doc, M + 5 + (i % 2) * (CW / 2), catTop + 5 + Math.floor(i / 2) * 12, CW / 2 - 20));
    y = catTop + 46;

    y = table(doc, {
      x: M, y, rowHeight: 12, size: 6.5, wrapColumn: 1, bottom: H - M - BOTTOM_BLOCK,
      columns: [
        { title: 'Qty', width: 18, align: 'right' },
        { title: 'Description of contents', width: 92 },
        { title: 'HS tariff no.', width: 48 },
        { title: 'Origin', width: 28, align: 'center' },
        { title: 'Net kg', width: 34, align: 'right' },
        { title: `Value ${d.currency}`, width: 48, align: 'right' },
      ],
      rows: parcel.lines.map((l) => {
        const r = lineRow(l, d.currency);
        return [r.quantity, r.description, r.hsCode, r.origin, r.netWeight, r.value];
      }),
      continueOnNewPage: () => header(doc, d, parcel, true),
    }) + 4;

    field(doc, 'Total gross weight (kg)', [kg(parcel.grossWeightKg)], M, y, CW / 2, 24);
    field(doc, `Total value (${d.currency})`, [money(parcel.value)], M + CW / 2, y, CW / 2, 24);
    y += 28;

    const declarationHeight = para(doc, SENDER_DECLARATION, M, y, CW, { size: 5.8 });
    y += declarationHeight + 4;
    field(doc, "Date and sender's signature", [`${day(d.declarationDate)}   ${signatory(d)}`], M, y, CW, 24);
    y += 28;

    line(doc, `From: ${oneLine(d.sender)}`, M, y, CW, { size: 6.5 });
    line(doc, `To: ${oneLine(d.addressee)}`, M, y + 9, CW, { size: 6.5 });
    line(doc, `${d.consignmentReference} · ${parcel.reference} · package ${parcel.index} of ${d.parcelCount}`, M, y + 18, CW, { size: 6.5 });
    if (parcel.trackingNumber) line(doc, `Item no. ${parcel.trackingNumber}`, M, y + 27, CW, { size: 6.5, bold: true });
  });
}

function header(doc: Doc, d: CustomsDeclaration, parcel: DeclaredParcel, continued: boolean): number {
  line(doc, continued ? 'CUSTOMS DECLARATION (continued)' : 'CUSTOMS DECLARATION', M, M, CW - 60, { size: 11, bold: true });
  line(doc, 'CN 22', M + CW - 60, M - 2, 60, { size: 16, bold: true, align: 'right' });
  line(doc, `Designated operator: ${d.carrierName}`, M, M + 15, CW - 95, { size: 7 });
  line(doc, 'May be opened officially', M + CW - 95, M + 15, 95, { size: 7, align: 'right' });
  if (continued) line(doc, `${d.consignmentReference} · ${parcel.reference}`, M, M + 25, CW, { size: 7 });
  return M + (continued ? 36 : 27);
}

const oneLine = (p: CustomsDeclaration['sender']) => [p.company, p.name, p.lines.at(-1)].filter(Boolean).join(', ');
