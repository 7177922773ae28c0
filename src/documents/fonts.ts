/**
 * Fonts embedded in every PDF Packline renders (labels, customs documents, manifests). PDF's
 * standard fonts only cover Latin-1, so names and addresses in Greek, Cyrillic, Hebrew… would
 * print as garbage; DejaVu Sans covers them and is embedded (subset) in each document.
 */
import { createRequire } from 'node:module';
import type PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);

export const FONT_FILES = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
} as const;

export type FontName = keyof typeof FONT_FILES;

/** Registers the fonts on a document and makes the regular one current. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const [name, file] of Object.entries(FONT_FILES)) doc.registerFont(name, file);
  doc.font('regular');
}

export type { PDFDocument };
