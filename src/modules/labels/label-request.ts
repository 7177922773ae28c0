/**
 * What a label URL asks for (spec §6, §17 #21). The docs define `/labels/package/{c}/{p}[/{fmt}]`
 * but their examples drop `/package/`, which collides with `/labels/{c}/{fmt}/{resolution}`; both
 * are served, told apart by the segment's shape: an `EP-` reference is a package, a format name is
 * a format, digits are a resolution — only after a format.
 */
import { LABEL_FORMATS, type LabelFormat } from '../../carriers/carrier.js';
import { AppError } from '../../shared/errors.js';
import { normaliseReference } from '../../shared/references.js';
import { consignmentReferenceFromPath } from '../consignments/load-consignment.js';
import { packageReferenceFromPath } from '../consignments/delete-package.js';

export interface LabelRequest {
  consignmentReference: string;
  /** One package's label, or null for the whole consignment. */
  parcelReference: string | null;
  /** Null: the service's native format. */
  format: LabelFormat | null;
  /** Dots per inch for PNG and ZPL; null: the default. */
  dpi: number | null;
}

export const DEFAULT_DPI = 203;
export const MIN_DPI = 100;
export const MAX_DPI = 600;

export const CONTENT_TYPES: Record<LabelFormat, string> = {
  PDF: 'application/pdf',
  PNG: 'image/png',
  ZPL: 'text/plain',
  ZPLII: 'text/plain',
};

const asFormat = (raw: string): LabelFormat | undefined => LABEL_FORMATS.find((f) => f === raw.trim().toUpperCase());

export function parseLabelFormat(raw: string): LabelFormat {
  const format = asFormat(raw);
  if (!format) {
    throw new AppError('InvalidLabelFormat', `"${raw}" is not a label format; use one of ${LABEL_FORMATS.join(', ')}.`, [
      { Code: 'InvalidLabelFormat', Target: 'labelFormat', Message: `Expected one of ${LABEL_FORMATS.join(', ')}.` },
    ]);
  }
  return format;
}

export function parseResolution(raw: string): number {
  const dpi = /^\d{1,4}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!(dpi >= MIN_DPI && dpi <= MAX_DPI)) {
    throw new AppError('ValidationFailed', `"${raw}" is not a label resolution; give dots per inch from ${MIN_DPI} to ${MAX_DPI} (e.g. 203 or 300).`, [
      { Code: 'ValidationFailed', Target: 'resolution', Message: `Expected a whole number of dots per inch from ${MIN_DPI} to ${MAX_DPI}.` },
    ]);
  }
  return dpi;
}

/** `/labels/package/{c}/{p}[/{fmt}[/{resolution}]]`. */
export function packageLabelRequest(c: string, p: string, format?: string, resolution?: string): LabelRequest {
  return {
    consignmentReference: consignmentReferenceFromPath(c),
    parcelReference: packageReferenceFromPath(p),
    format: format === undefined ? null : parseLabelFormat(format),
    dpi: resolution === undefined ? null : parseResolution(resolution),
  };
}

/** `/labels/{c}[/{b}[/{c2}]]`, where `b` is a package reference or a format (see the file comment). */
export function labelRequest(c: string, b?: string, c2?: string): LabelRequest {
  if (b !== undefined && normaliseReference(b, 'EP')) return packageLabelRequest(c, b, c2);
  return {
    consignmentReference: consignmentReferenceFromPath(c),
    parcelReference: null,
    format: b === undefined ? null : parseLabelFormat(b),
    dpi: c2 === undefined ? null : parseResolution(c2),
  };
}
