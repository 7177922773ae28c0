/**
 * One render job: labels in, the file out. Runs in a render worker (label-pool.ts) and, for
 * benchmarks and tests, on the calling thread.
 */
import type { LabelFormat } from '../../carriers/carrier.js';
import type { LabelData } from './label-data.js';
import { measureText } from './label-fonts.js';
import { layoutLabel } from './label-layout.js';
import { renderPdf } from './render-pdf.js';
import { renderPng } from './render-png.js';
import { renderZpl } from './render-zpl.js';

export interface RenderJob {
  format: LabelFormat;
  labels: LabelData[];
  /** Dots per inch for PNG and ZPL (a PDF is vector and ignores it). */
  dpi: number;
  title: string;
}

export async function renderLabels(job: RenderJob): Promise<Uint8Array> {
  const drawings = job.labels.map((label) => layoutLabel(label, measureText));
  switch (job.format) {
    case 'PDF':
      return renderPdf(drawings, { title: job.title });
    case 'PNG': {
      // The caller allows PNG for one label only (a PNG holds one image).
      if (drawings.length !== 1) throw new Error(`a PNG holds one label, not ${drawings.length}`);
      return renderPng(drawings[0]!, job.dpi);
    }
    case 'ZPL':
    case 'ZPLII':
      return Buffer.from(drawings.map((d) => renderZpl(d, job.dpi)).join(''), 'utf8');
  }
}
