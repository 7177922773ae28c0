/**
 * Test helper (excluded from the build by name): reads labels back the way a depot would, with
 * Poppler (pdftoppm, pdftotext) and ZBar (zbarimg) — Debian poppler-utils and zbar-tools.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function inTempDir<T>(run: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'packline-label-'));
  try {
    return run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every Code 128 symbol zbarimg finds in a PNG, as its data. */
export function scanPng(png: Uint8Array): string[] {
  return inTempDir((dir) => {
    const file = join(dir, 'label.png');
    writeFileSync(file, png);
    return scanFile(file);
  });
}

function scanFile(file: string): string[] {
  // zbarimg exits 4 when it finds no symbol: that is an empty list, not an error.
  try {
    const out = execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Scode128.enable', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return out.split('\n').filter(Boolean);
  } catch (error) {
    if ((error as { status?: number }).status === 4) return [];
    throw error;
  }
}

/** Each page of a PDF rasterised at 203 dpi (a thermal printer's), and the barcodes found on it. */
export function scanPdfPages(pdf: Uint8Array): string[][] {
  return inTempDir((dir) => {
    const file = join(dir, 'labels.pdf');
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-r', '203', '-png', file, join(dir, 'page')], { stdio: 'ignore' });
    return readdirSync(dir).filter((f) => f.startsWith('page')).sort().map((f) => scanFile(join(dir, f)));
  });
}

/** The text of each page. */
export function pdfPages(pdf: Uint8Array): string[] {
  return inTempDir((dir) => {
    const file = join(dir, 'labels.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim() !== '');
  });
}

/** Page count and size from pdfinfo. */
export function pdfInfo(pdf: Uint8Array): { pages: number; size: string } {
  return inTempDir((dir) => {
    const file = join(dir, 'labels.pdf');
    writeFileSync(file, pdf);
    const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return { pages: Number(/Pages:\s+(\d+)/.exec(out)?.[1]), size: /Page size:\s+([\d.]+ x [\d.]+ pts)/.exec(out)?.[1] ?? '' };
  });
}

export interface ZplLabel {
  /** ^FD data of text fields, in order. */
  texts: string[];
  /** ^FD data of ^BC Code 128 fields. */
  code128: string[];
  /** ^CI code page. */
  charset: string | undefined;
}

/** Splits a ZPL stream into its ^XA…^XZ programs and pulls out the field data. */
export function parseZpl(zpl: string): ZplLabel[] {
  const programs = [...zpl.matchAll(/\^XA([\s\S]*?)\^XZ/g)].map((m) => m[1]!);
  return programs.map((body) => {
    const fields = body.split('^FS');
    // ^FH escapes: the writer escapes only ASCII (_ ^ ~ \\) this way.
    const unhex = (s: string) => s.replace(/_([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    const data = (f: string) => {
      const raw = /\^FD([\s\S]*)$/.exec(f)?.[1] ?? '';
      return f.includes('^FH') ? unhex(raw) : raw;
    };
    return {
      texts: fields.filter((f) => /\^A0/.test(f) && f.includes('^FD')).map(data),
      code128: fields.filter((f) => /\^BC/.test(f)).map(data),
      charset: /\^CI(\d+)/.exec(body)?.[1],
    };
  });
}
