/**
 * CN23 — the UPU customs declaration for postal items worth more than the CN22 limit (spec §7),
 * one per package, on A4: sender and addressee, importer's references, item lines with HS codes
 * and origins, totals and postage, category, comments, attached documents, office of posting and
 * the sender's declaration. Data in, PDF bytes out.
 */
import type { CustomsDeclaration, DeclaredParcel } from '../customs-declaration.js';
import { box, day, type Doc, field, kg, line, money, para, renderPdf, table } from './form-kit.js';
import { categoryBoxes, CN23_DECLARATION, lineRow, partyLines, signatory } from './form-text.js';

const W = 595.28;
const H = 841.89;
const M = 28;
const CW = W - 2 * M;
const LEFT = 310;
const RIGHT = CW - LEFT;
/** Room kept under the item table for totals, category, comments, attachments and the declaration. */
const BOTTOM_BLOCK = 262;

export function renderCn23(d: CustomsDeclaration, parcel: DeclaredParcel): Promise<Buffer> {
  return renderPdf({ size: 'A4', title: `CN23 ${d.consignmentReference} ${parcel.reference}`, createdAt: new Date(d.allocatedAt) }, (doc) => {
    const c = d.customs;
    let y = header(doc, d, parcel, false);

    field(doc, 'From (sender)', partyLines(d.sender).slice(0, 6), M, y, LEFT, 84);
    field(doc, 'No. of item (barcode, if any)', [parcel.trackingNumber || '—'], M + LEFT, y, RIGHT, 28, 11);
    field(doc, 'Consignment · package', [`${d.consignmentReference} · ${parcel.reference}`, `Package ${parcel.index} of ${d.parcelCount}`], M + LEFT, y + 28, RIGHT, 32);
    field(doc, "Sender's customs reference (if any)", [c.ShipperCustomsReference ?? ''], M + LEFT, y + 60, RIGHT, 24);
    y += 84;

    field(doc, 'To (addressee)', [...partyLines(d.addressee).slice(0, 6), contact(d.addressee)].filter(Boolean), M, y, LEFT, 96);
    field(doc, "Importer's reference (tax code / VAT no. / importer code)", [
      c.ImportersTaxCode || c.ReceiversTaxCode ? `Tax code: ${c.ImportersTaxCode ?? c.ReceiversTaxCode}` : '',
      c.ImportersVatNumber || c.ReceiversVatNumber ? `VAT no.: ${c.ImportersVatNumber ?? c.ReceiversVatNumber}` : '',
      d.receiversEori ? `EORI: ${d.receiversEori}` : '',
    ].filter(Boolean), M + LEFT, y, RIGHT, 48);
    field(doc, "Importer's telephone / fax / e-mail (if known)", [
      [c.ImportersTelephone, c.ImportersFax ? `fax ${c.ImportersFax}` : null].filter(Boolean).join(' · '),
      c.ImportersEmail ?? '',
    ].filter(Boolean), M + LEFT, y + 48, RIGHT, 48);
    y += 100;

    y = table(doc, {
      x: M, y, rowHeight: 15, size: 7.5, wrapColumn: 0, bottom: H - M - BOTTOM_BLOCK,
      columns: [
        { title: 'Detailed description of contents', width: 187 },
        { title: 'Quantity', width: 44, align: 'right' },
        { title: 'Net weight (kg)', width: 78, align: 'right' },
        { title: `Value (${d.currency})`, width: 70, align: 'right' },
        { title: 'HS tariff number', width: 86 },
        { title: 'Country of origin', width: 74, align: 'center' },
      ],
      rows: parcel.lines.map((l) => {
        const r = lineRow(l, d.currency);
        return [r.description, r.quantity, r.netWeight, r.value, r.hsCode, r.origin];
      }),
      continueOnNewPage: () => header(doc, d, parcel, true),
    }) + 4;

    const third = CW / 3;
    field(doc, 'Total gross weight (kg)', [kg(parcel.grossWeightKg)], M, y, third, 28, 10);
    field(doc, `Total value (${d.currency})`, [money(parcel.value)], M + third, y, third, 28, 10);
    field(doc, 'Postal charges / fees', [d.postage ? `${money(d.postage.amount)} ${d.postage.currency}` : ''], M + 2 * third, y, third, 28, 10);
    y += 32;

    box(doc, M, y, CW, 34);
    line(doc, 'Category of item', M + 3, y + 2.5, 120, { size: 6, color: '#555555' });
    categoryBoxes(d).forEach((b, i) => b.draw(doc, M + 6 + i * (CW / 5), y + 16, CW / 5 - 18));
    y += 38;

    box(doc, M, y, CW, 40);
    line(doc, 'Comments (e.g. goods subject to quarantine, sanitary/phytosanitary inspection or other restrictions)', M + 3, y + 2.5, CW - 6, { size: 6, color: '#555555' });
    para(doc, c.CN23Comments ?? '', M + 3, y + 12, CW - 6, { size: 8 }, 2);
    y += 44;

    field(doc, 'Licence(s)', [c.ReferencesOfAttachedLicences.join(', ')], M, y, third, 28);
    field(doc, 'Certificate(s)', [c.ReferencesOfAttachedCertificates.join(', ')], M + third, y, third, 28);
    field(doc, 'Invoice(s)', [c.ReferencesOfAttachedInvoices.join(', ')], M + 2 * third, y, third, 28);
    y += 32;

    field(doc, 'Office of origin / Date of posting', [c.OfficeOfPosting ?? '', day(d.declarationDate)], M, y, 170, 78);
    box(doc, M + 170, y, CW - 170, 78);
    para(doc, CN23_DECLARATION, M + 174, y + 4, CW - 178, { size: 7 });
    line(doc, "Date and sender's signature", M + 174, y + 40, 200, { size: 6, color: '#555555' });
    line(doc, `${day(d.declarationDate)}    ${signatory(d)}`, M + 174, y + 52, CW - 178, { size: 10, bold: true });
  });
}

function header(doc: Doc, d: CustomsDeclaration, parcel: DeclaredParcel, continued: boolean): number {
  line(doc, continued ? 'CUSTOMS DECLARATION (continued)' : 'CUSTOMS DECLARATION', M, M, CW - 120, { size: 15, bold: true });
  line(doc, 'CN 23', M + CW - 120, M - 4, 120, { size: 22, bold: true, align: 'right' });
  line(doc, `Designated operator: ${d.carrierName}`, M, M + 21, CW / 2, { size: 8.5 });
  line(doc, continued ? `${d.consignmentReference} · ${parcel.reference}` : 'May be opened officially', M + CW / 2, M + 21, CW / 2, { size: 8.5, align: 'right' });
  return M + 36;
}

const contact = (p: CustomsDeclaration['addressee']) => [p.telephone, p.email].filter(Boolean).join(' · ');
