import { existsSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { afterAll, describe, expect, it } from 'vitest';
import { measureText, labelFonts } from './label-fonts.js';
import { fitText, humanReadable, layoutLabel, PAGE } from './label-layout.js';
import { labelPool, workerEntry } from './label-pool.js';
import { renderLabels } from './render-labels.js';
import { pdfInfo, pdfPages, parseZpl, scanPdfPages, scanPng } from './test-decode.js';
import { exampleLabel } from './test-labels.js';

const first = exampleLabel();
const second = exampleLabel({ parcelNumber: 2, trackingNumber: 'SP000000013GB', parcelReference: 'EP-000-003-1AC', parcelCustomerReference: 'BOX-2' });

describe('PDF labels, read back with Poppler and ZBar', () => {
  it('puts one 4×6 in page per package in one document, each with its own scannable tracking number', async () => {
    const pdf = await renderLabels({ format: 'PDF', labels: [first, second], dpi: 203, title: 't' });
    expect(pdfInfo(pdf)).toEqual({ pages: 2, size: '288 x 432 pts' });
    expect(scanPdfPages(pdf)).toEqual([['SP123456785GB'], ['SP000000013GB']]);
  });

  it('prints sender, recipient in Greek and Cyrillic, carrier, service, package n of m, weight and references', async () => {
    const [page1, page2] = pdfPages(await renderLabels({ format: 'PDF', labels: [first, second], dpi: 203, title: 't' }));
    for (const expected of [
      'Demo Shop Ltd', 'Unit 4, Riverside Estate', 'Manchester M1 1AA', // sender
      'Αλέξανδρος Παπαδόπουλος', 'ООО «Ромашка»', '1 High Street', 'Leeds, West Yorkshire', 'LS1 1AA', 'United Kingdom', // recipient
      'SimPost', 'SimPost Tracked 48', '1 of 2', '1.2 kg', '2026-12-07',
      'EC-000-002-0TT', 'MyConsignmentRef', 'EP-000-003-1AB', 'BOX-1', 'SP 123 456 785 GB',
    ]) expect(page1).toContain(expected);
    expect(page2).toContain('2 of 2');
    expect(page2).toContain('SP 000 000 013 GB');
  });

  it('cuts a name too long for the label with an ellipsis instead of running off the page', async () => {
    const long = exampleLabel({ recipient: { ...first.recipient, name: 'Maximilian Alexander Konstantin von Hohenzollern-Sigmaringen und Weiteres' } });
    const [page] = pdfPages(await renderLabels({ format: 'PDF', labels: [long], dpi: 203, title: 't' }));
    expect(page).toMatch(/Maximilian Alexander.*…/);
  });
});

describe('PNG labels', () => {
  it('is a 4×6 in image at the asked resolution whose barcode ZBar reads', async () => {
    for (const dpi of [203, 300]) {
      const png = Buffer.from(await renderLabels({ format: 'PNG', labels: [first], dpi, title: 't' }));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Math.round(4 * dpi), Math.round(6 * dpi)]);
      expect(scanPng(png)).toEqual(['SP123456785GB']);
    }
  });
});

describe('ZPL labels', () => {
  it('is one ^XA…^XZ program per package in UTF-8 with a ^BC Code 128 of the tracking number and the same fields', async () => {
    const zpl = Buffer.from(await renderLabels({ format: 'ZPL', labels: [first, second], dpi: 203, title: 't' })).toString('utf8');
    const programs = parseZpl(zpl);
    expect(programs).toHaveLength(2);
    expect(programs.map((p) => p.code128)).toEqual([['SP123456785GB'], ['SP000000013GB']]);
    expect(programs[0]!.charset).toBe('28');
    expect(programs[0]!.texts).toEqual(expect.arrayContaining([
      'SimPost', 'SimPost Tracked 48', '1 of 2', 'Αλέξανδρος Παπαδόπουλος', 'LS1 1AA', 'Flat_2 ^~', '1.2 kg', 'EC-000-002-0TT', 'SP 123 456 785 GB',
    ]));
    expect(zpl).toMatch(/^\^XA\n\^CI28\n\^PW812\n\^LL1218\n/);
  });

  it('never lets text close a field early: ^ and ~ in data travel as ^FH hex escapes', async () => {
    const zpl = Buffer.from(await renderLabels({ format: 'ZPLII', labels: [first], dpi: 203, title: 't' })).toString('utf8');
    expect(zpl).toContain('^FDFlat_5F2 _5E_7E^FS');
  });
});

describe('layout rules', () => {
  it.each([
    ['SP123456785GB', 'SP 123 456 785 GB'],
    ['SC0001234567', 'SC0001234567'],
  ])('prints tracking number %s as %s', (number, shown) => expect(humanReadable(number)).toBe(shown));

  it('shrinks text to fit before cutting it, and never below 70 % of its size', () => {
    const width = measureText('Leeds', 20, 'bold');
    expect(fitText(measureText, 'Leeds', 20, 'bold', width)).toEqual({ text: 'Leeds', size: 20 });
    expect(fitText(measureText, 'Leeds', 20, 'bold', width * 0.9).size).toBeLessThan(20);
    const cut = fitText(measureText, 'Leeds Leeds Leeds', 20, 'bold', width);
    expect(cut.text.endsWith('…')).toBe(true);
    expect(cut.size).toBe(14);
    expect(measureText(cut.text, cut.size, 'bold')).toBeLessThanOrEqual(width);
  });

  it('keeps every mark on the page', () => {
    const drawing = layoutLabel(exampleLabel({ recipient: { ...first.recipient, lines: ['a', 'b', 'c'] } }), measureText);
    for (const m of drawing.marks) {
      const height = m.kind === 'text' ? m.size : m.height;
      expect(m.x).toBeGreaterThanOrEqual(0);
      expect(m.x + m.width).toBeLessThanOrEqual(PAGE.width);
      expect(m.y + height).toBeLessThanOrEqual(PAGE.height);
    }
  });
});

describe('the fast font subset (documents/pdf-fonts.ts)', () => {
  it('is a valid TrueType font with the used glyphs, composites and their components included', () => {
    const font = labelFonts().regular;
    const subset = font.createSubset();
    for (const glyph of font.layout('Aé Ω ж').glyphs) (subset as unknown as { includeGlyph(gid: number): number }).includeGlyph(glyph.id);
    const parsed = fontkit.create(Buffer.from(subset.encode())) as fontkit.Font;
    expect(parsed.numGlyphs).toBeGreaterThanOrEqual(6);
    expect(parsed.getGlyph(1).path.commands.length).toBeGreaterThan(0);
  });
});

describe('render workers', () => {
  const pool = labelPool({ threads: 1 });
  afterAll(() => pool.close());

  it('render in a worker thread from the TypeScript sources (vitest, tsx)', async () => {
    expect(workerEntry().filename).toMatch(/render-worker\.ts$/);
    const pdf = await pool.render({ format: 'PDF', labels: [first], dpi: 203, title: 't' });
    expect(scanPdfPages(pdf)).toEqual([['SP123456785GB']]);
  });

  it('load the compiled worker without tsx when running from dist/', () => {
    expect(workerEntry('file:///srv/packline/dist/modules/labels/label-pool.js')).toEqual({
      filename: 'file:///srv/packline/dist/modules/labels/render-worker.js',
      execArgv: [],
    });
  });

  const dist = new URL('../../../dist/modules/labels/label-pool.js', import.meta.url);
  it.skipIf(!existsSync(dist))('render from the build in dist/ (npm test builds first)', async () => {
    const compiled = (await import(dist.href)) as typeof import('./label-pool.js');
    const built = compiled.labelPool({ threads: 1 });
    try {
      const zpl = Buffer.from(await built.render({ format: 'ZPL', labels: [first], dpi: 203, title: 't' })).toString();
      expect(parseZpl(zpl)[0]!.code128).toEqual(['SP123456785GB']);
    } finally {
      await built.close();
    }
  });
});
