/**
 * The commercial invoice (spec §7), one per consignment, on A4: exporter and receiver with their
 * EORI and VAT numbers (the shipper's EORI printed as "EORI Number", as PRO does), invoice number
 * and date, shipment references, terms, the item table with HS codes and origins, totals and the
 * signed declaration. Data in, PDF bytes out.
 */
import type { CustomsDeclaration, CustomsParty } from '../customs-declaration.js';
import { day, type Doc, field, hline, kg, line, money, para, renderPdf, table } from './form-kit.js';
import { INVOICE_DECLARATION, lineRow, partyLines, signatory } from './form-text.js';

const W = 595.28;
const H = 841.89;
const M = 28;
const CW = W - 2 * M;
const HALF = CW / 2;
/** Room kept under the item table for totals and the declaration. */
const BOTTOM_BLOCK = 170;

export function renderCommercialInvoice(d: CustomsDeclaration): Promise<Buffer> {
  return renderPdf({ size: 'A4', title: `Commercial invoice ${d.consignmentReference}`, createdAt: new Date(d.allocatedAt) }, (doc) => {
    const c = d.customs;
    let y = header(doc, d, false);

    const exporter = partyBlock(d.exporter, [
      d.shippersEori ? `EORI Number: ${d.shippersEori}` : '',
      c.ShippersVatNumber ? `VAT Number: ${c.ShippersVatNumber}` : '',
    ]);
    const receiver = partyBlock(d.addressee, [
      d.receiversEori ? `EORI Number: ${d.receiversEori}` : '',
      c.ReceiversVatNumber ? `VAT Number: ${c.ReceiversVatNumber}` : '',
      c.ReceiversTaxCode ? `Tax code: ${c.ReceiversTaxCode}` : '',
    ]);
    const partyHeight = 15 + Math.max(exporter.length, receiver.length, 4) * 11;
    field(doc, 'Exporter / shipper', exporter, M, y, HALF, partyHeight);
    field(doc, 'Receiver / consignee', receiver, M + HALF, y, HALF, partyHeight);
    y += partyHeight;

    if (d.importer) {
      const importer = [...partyLines(d.importer)].join(', ');
      field(doc, 'Importer of record', [importer, [c.ImportersVatNumber ? `VAT Number: ${c.ImportersVatNumber}` : '', c.ImportersTaxCode ? `Tax code: ${c.ImportersTaxCode}` : ''].filter(Boolean).join(' · ')], M, y, CW, 36);
      y += 36;
    }

    // Shipment details: four fields, then carrier/service across two with terms and reason beside it.
    const quarter = CW / 4;
    const details: [string, string][] = [
      ['Consignment reference', d.consignmentReference],
      ['Your reference', d.customerReference],
      ['Tracking number', d.trackingNumber],
      ['Currency', d.currency],
    ];
    details.forEach(([caption, value], i) => field(doc, caption, [value], M + i * quarter, y, quarter, 26));
    const service = d.serviceName.startsWith(d.carrierName) ? d.serviceName : [d.carrierName, d.serviceName].filter(Boolean).join(' — ');
    field(doc, 'Carrier / service', [service], M, y + 26, HALF, 26);
    field(doc, 'Shipping terms (Incoterms)', [c.ShippingTerms && c.ShippingTerms !== 'None' ? c.ShippingTerms : ''], M + HALF, y + 26, quarter, 26);
    field(doc, 'Reason for export', [c.ReasonForExport ?? ''], M + HALF + quarter, y + 26, quarter, 26);
    y += 56;

    let n = 0;
    y = table(doc, {
      x: M, y, rowHeight: 15, size: 7.5, wrapColumn: 1, bottom: H - M - BOTTOM_BLOCK,
      columns: [
        { title: '#', width: 18, align: 'right' },
        { title: 'Description of goods', width: 182 },
        { title: 'HS code', width: 66 },
        { title: 'Origin', width: 38, align: 'center' },
        { title: 'Qty', width: 34, align: 'right' },
        { title: 'Unit value', width: 64, align: 'right' },
        { title: 'Line total', width: 74, align: 'right' },
        { title: 'Net kg', width: 63, align: 'right' },
      ],
      rows: d.parcels.flatMap((p) => p.lines).map((l) => {
        const r = lineRow(l, d.currency);
        return [String(++n), r.description, r.hsCode, r.origin, r.quantity, r.unitValue, r.value, r.netWeight];
      }),
      continueOnNewPage: () => header(doc, d, true),
    }) + 8;

    // Weights on the left, money on the right.
    const weights: [string, string][] = [
      ['Total net weight', `${kg(d.totalNetWeightKg)} kg`],
      ['Total gross weight', `${kg(d.totalGrossWeightKg)} kg`],
      ['Number of packages', `${d.parcelCount}`],
    ];
    weights.forEach(([label, value], i) => {
      line(doc, label, M, y + i * 13, 110, { size: 8.5, color: '#555555' });
      line(doc, value, M + 110, y + i * 13, 90, { size: 8.5 });
    });
    const sums: [string, string][] = [[`Subtotal (${d.currency})`, money(d.totalValue)]];
    const postageInCurrency = d.postage && d.postage.currency === d.currency;
    if (d.postage) sums.push([`Shipping (${d.postage.currency})`, money(d.postage.amount)]);
    const total = d.totalValue + (postageInCurrency ? d.postage!.amount : 0);
    const sx = M + CW - 270;
    sums.forEach(([label, value], i) => {
      line(doc, label, sx, y + i * 13, 180, { size: 8.5, color: '#555555' });
      line(doc, value, sx + 180, y + i * 13, 90, { size: 8.5, align: 'right' });
    });
    const ty = y + sums.length * 13 + 3;
    hline(doc, sx, ty, 270, 1);
    line(doc, `Total invoice value (${d.currency})`, sx, ty + 5, 180, { size: 10, bold: true });
    line(doc, money(total), sx + 180, ty + 5, 90, { size: 10, bold: true, align: 'right' });
    y = Math.max(y + weights.length * 13, ty + 20) + 14;

    para(doc, INVOICE_DECLARATION, M, y, CW, { size: 8 });
    y += 30;
    field(doc, 'Signature', [signatory(d)], M, y, CW * 0.45, 34, 11);
    field(doc, 'Name and position', [[c.DesignatedPersonResponsible ?? d.exporter.name, d.exporter.company].filter(Boolean).join(', ')], M + CW * 0.45, y, CW * 0.35, 34);
    field(doc, 'Date', [day(d.invoiceDate)], M + CW * 0.8, y, CW * 0.2, 34);
  });
}

function header(doc: Doc, d: CustomsDeclaration, continued: boolean): number {
  line(doc, continued ? 'COMMERCIAL INVOICE (continued)' : 'COMMERCIAL INVOICE', M, M, CW - 200, { size: 18, bold: true });
  line(doc, `Invoice number: ${d.consignmentReference}`, M + CW - 200, M, 200, { size: 9, bold: true, align: 'right' });
  line(doc, `Invoice date: ${day(d.invoiceDate)}`, M + CW - 200, M + 12, 200, { size: 9, align: 'right' });
  hline(doc, M, M + 28, CW, 1.2);
  return M + 34;
}

/** A party's lines followed by its identifiers (blank ones dropped). */
const partyBlock = (p: CustomsParty, ids: string[]): string[] => [...partyLines(p), p.telephone || p.email ? [p.telephone, p.email].filter(Boolean).join(' · ') : '', ...ids].filter(Boolean);
