/**
 * The customer manifest as a PDF (spec §8.3): a header (location, carrier, date, counts) and one
 * row per consignment the carrier accepted — what a driver signs for at collection. Rendered on
 * request from the record's file items; a few pages of text take milliseconds, so it is drawn on
 * the request thread (labels, which come in bulk, use worker threads).
 */
import PDFDocument from 'pdfkit';
import { registerFonts } from '../../documents/fonts.js';
import type { ManifestRecord } from './manifest.js';

const COLUMNS = [
  { title: 'Consignment', width: 88 },
  { title: 'Customer ref.', width: 80 },
  { title: 'Shipping date', width: 62 },
  { title: 'Est. delivery', width: 62 },
  { title: 'Service', width: 90 },
  { title: 'Destination', width: 200 },
  { title: 'Parcels and tracking numbers', width: 190 },
] as const;

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

export function renderManifestPdf(record: ManifestRecord): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 36,
    // Dated by the manifest, not the clock: the same manifest is the same bytes every time it is fetched.
    info: { Title: record.FileName, Author: 'Packline', CreationDate: new Date(record.createdAt) },
  });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const parcels = record.Items.reduce((n, i) => n + i.Parcels.length, 0);

  doc.font('bold').fontSize(16).text(`Manifest — ${record.CarrierName}`, left, 36);
  doc.font('regular').fontSize(9);
  const location = record.ShippingLocationName ? `${record.shippingLocationReference} (${record.ShippingLocationName})` : record.shippingLocationReference || '—';
  doc.text(`Shipping location: ${location}    Carrier: ${record.CarrierName} (${record.carrierReference})    Date: ${record.createdAt.slice(0, 16).replace('T', ' ')} UTC`);
  doc.text(`Consignments: ${record.Items.length}    Parcels: ${parcels}    Manifest: ${record.reference}    Carrier manifest: ${record.carrierManifestId ?? '—'}`);
  doc.moveDown(0.8);

  const header = () => {
    let x = left;
    const y = doc.y;
    doc.font('bold').fontSize(8);
    for (const c of COLUMNS) {
      doc.text(c.title, x, y, { width: c.width - 6 });
      x += c.width;
    }
    doc.moveTo(left, doc.y + 2).lineTo(left + COLUMNS.reduce((w, c) => w + c.width, 0), doc.y + 2).stroke();
    doc.y += 6;
    doc.font('regular');
  };
  header();

  for (const item of record.Items) {
    const cells = [
      item.Reference,
      item.CustomerReference || '—',
      day(item.ShippingDate),
      day(item.EstimatedDelivery),
      item.ServiceName ?? '—',
      item.Destination || '—',
      item.Parcels.map((p) => `${p.Reference}  ${p.TrackingNumber}`).join('\n'),
    ];
    const height = Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: COLUMNS[i]!.width - 6 })));
    if (doc.y + height > bottom()) {
      doc.addPage();
      doc.y = doc.page.margins.top;
      header();
    }
    const y = doc.y;
    let x = left;
    cells.forEach((text, i) => {
      doc.text(text, x, y, { width: COLUMNS[i]!.width - 6 });
      x += COLUMNS[i]!.width;
    });
    doc.y = y + height + 5;
  }
  doc.end();
  return done;
}
