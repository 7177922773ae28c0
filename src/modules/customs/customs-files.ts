/**
 * Which customs files an allocated consignment has, and what they are called (spec §7): a
 * commercial invoice per consignment, a CN22 or CN23 per package — the kinds allocation decided
 * and stored in `shipment.customsDocuments`. Pure.
 */
import { AppError } from '../../shared/errors.js';
import type { CustomsDocumentKind } from '../consignments/consignment.js';

export const CUSTOMS_DOCUMENT_KINDS: readonly CustomsDocumentKind[] = ['CN22', 'CN23', 'CommercialInvoice'];

export interface CustomsFile {
  kind: CustomsDocumentKind;
  /** The package a CN22/CN23 is for; null for the consignment's invoice. */
  parcelReference: string | null;
  fileName: string;
}

/** The path's `{customsDocumentType}`, in any case (SDK enum `CustomsDocType`). */
export function parseCustomsDocumentType(raw: string): CustomsDocumentKind {
  const kind = CUSTOMS_DOCUMENT_KINDS.find((k) => k.toLowerCase() === raw.toLowerCase());
  if (!kind) {
    throw new AppError('InvalidCustomsDocumentType', `"${raw}" is not a customs document type: use ${CUSTOMS_DOCUMENT_KINDS.join(', ')}.`, [
      { Code: 'InvalidCustomsDocumentType', Target: 'customsDocumentType', Message: `Expected one of ${CUSTOMS_DOCUMENT_KINDS.join(', ')}.` },
    ]);
  }
  return kind;
}

export function fileName(kind: CustomsDocumentKind, consignmentReference: string, parcelReference: string | null): string {
  return kind === 'CommercialInvoice' || parcelReference === null
    ? `${kind}_${consignmentReference}.pdf`
    : `${kind}_${consignmentReference}_${parcelReference}.pdf`;
}

/** Every file, invoice first, then the postal forms in package order. */
export function customsFiles(kinds: readonly CustomsDocumentKind[], consignmentReference: string, parcelReferences: readonly string[]): CustomsFile[] {
  const files: CustomsFile[] = [];
  if (kinds.includes('CommercialInvoice')) files.push({ kind: 'CommercialInvoice', parcelReference: null, fileName: fileName('CommercialInvoice', consignmentReference, null) });
  for (const kind of ['CN22', 'CN23'] as const) {
    if (!kinds.includes(kind)) continue;
    for (const p of parcelReferences) files.push({ kind, parcelReference: p, fileName: fileName(kind, consignmentReference, p) });
  }
  return files;
}

/**
 * The file for one package and kind. The invoice covers the whole consignment, so asking for it
 * through a package answers the consignment's invoice.
 */
export function fileFor(kinds: readonly CustomsDocumentKind[], consignmentReference: string, kind: CustomsDocumentKind, parcelReference: string | null): CustomsFile {
  if (!kinds.includes(kind)) {
    const has = kinds.length > 0 ? `it has ${kinds.join(', ')}` : 'it needs no customs documents (not an international route, or a service without them)';
    throw new AppError('CustomsDocumentNotFound', `Consignment ${consignmentReference} has no ${kind}: ${has}.`);
  }
  const forParcel = kind === 'CommercialInvoice' ? null : parcelReference;
  return { kind, parcelReference: forParcel, fileName: fileName(kind, consignmentReference, forParcel) };
}
