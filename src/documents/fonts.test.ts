import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { registerFonts } from './fonts.js';

function pdf(lines: string[]): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ margin: 0 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    registerFonts(doc);
    lines.forEach((l, i) => doc.font(i % 2 ? 'bold' : 'regular').text(l, 20, 20 + i * 20));
    doc.end();
  });
}

function text(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'fonts-'));
  try {
    writeFileSync(join(dir, 'a.pdf'), bytes);
    return execFileSync('pdftotext', [join(dir, 'a.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ').trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('registerFonts: one parsed DejaVu Sans shared by every document', () => {
  it('keeps every document\'s text extractable, whatever earlier documents printed (composite glyphs share parts)', async () => {
    // Cyrillic е and о are composites of the Latin e and o: embedding them must not spoil later Latin text.
    const documents = [
      ['Иван Петров', 'Иван Петров'],
      ['Hello world', 'Hello world'],
      ['Αλέξανδρος Παπαδόπουλος', 'Ελληνικά'],
      ['Demo Shop Ltd, Rochdale', 'Blue stoneware mug'],
      ['Siobhán Ní Bhriain — Belfast', 'Иван Петров and Hello'],
    ];
    for (const lines of documents) expect(text(await pdf(lines))).toBe(lines.join(' '));
  });
});
