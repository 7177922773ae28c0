/**
 * Get customs documents (spec §7). The documents are rendered on request from the allocated
 * consignment rather than stored: an allocated consignment cannot be edited (§4.12), deallocation
 * takes it back to a state without documents, and rendering is deterministic (fixed creation
 * date), so every fetch returns the bytes a pre-generated file would have held.
 */
import { AppError } from '../../shared/errors.js';
import type { CustomsDocumentKind, StoredConsignment } from '../consignments/consignment.js';
import { isAllowed, stateError } from '../consignments/consignment-state.js';
import { loadConsignment } from '../consignments/load-consignment.js';
import type { Customer, Deps } from '../deps.js';
import { customsDeclaration, type CustomsDeclaration } from './customs-declaration.js';
import { type CustomsFile, customsFiles, fileFor } from './customs-files.js';
import { renderCn22 } from './render/cn22.js';
import { renderCn23 } from './render/cn23.js';
import { renderCommercialInvoice } from './render/commercial-invoice.js';

export interface KeyedDocument { Key: string; Value: string }

export interface CustomsDocumentsView {
  CommercialInvoiceDocuments: KeyedDocument[];
  CN22Documents: KeyedDocument[];
  CN23Documents: KeyedDocument[];
}

const PROPERTY: Record<CustomsDocumentKind, keyof CustomsDocumentsView> = {
  CommercialInvoice: 'CommercialInvoiceDocuments',
  CN22: 'CN22Documents',
  CN23: 'CN23Documents',
};

/** The caller's consignment in a state with documents (§4.12 "Labels & customs docs" ✓), and the kinds it has. */
async function allocated(deps: Pick<Deps, 'db'>, customer: Customer, reference: string) {
  const consignment = await loadConsignment(deps, customer, reference);
  const state = consignment.ConsignmentState;
  if (!isAllowed(state, 'Labels') || !consignment.shipment) {
    // A consignment mid-allocation, mid-manifest or mid-cancel answers 409 like every other action (§4.12).
    const busy = stateError(reference, state, 'Labels');
    if (busy.code === 'ConsignmentBusy') throw busy;
    throw new AppError('CustomsDocumentsNotAvailable', `Consignment ${reference} is ${state}: customs documents exist only once it is allocated.`, [
      { Code: 'CustomsDocumentsNotAvailable', Target: 'ConsignmentState', Message: `${state} has no customs documents; allocate the consignment first.` },
    ]);
  }
  return { consignment, kinds: consignment.shipment.customsDocuments };
}

function render(file: CustomsFile, declaration: CustomsDeclaration): Promise<Buffer> {
  if (file.kind === 'CommercialInvoice') return renderCommercialInvoice(declaration);
  const parcel = declaration.parcels.find((p) => p.reference === file.parcelReference);
  if (!parcel) throw new Error(`no package ${file.parcelReference} in the declaration`);
  return file.kind === 'CN22' ? renderCn22(declaration, parcel) : renderCn23(declaration, parcel);
}

/** Every document of the consignment, by kind; 404 when it has none (e.g. a domestic route). */
export async function getCustomsDocuments(deps: Pick<Deps, 'db'>, customer: Customer, reference: string): Promise<CustomsDocumentsView> {
  const { consignment, kinds } = await allocated(deps, customer, reference);
  const files = customsFiles(kinds, consignment.Reference, consignment.Packages.map((p) => p.Reference));
  if (files.length === 0) throw noDocuments(consignment);
  const declaration = customsDeclaration(consignment);
  const view: CustomsDocumentsView = { CommercialInvoiceDocuments: [], CN22Documents: [], CN23Documents: [] };
  for (const file of files) view[PROPERTY[file.kind]].push({ Key: file.fileName, Value: (await render(file, declaration)).toString('base64') });
  return view;
}

/** One document as base64: the consignment's invoice (`parcelReference` null) or a package's form. */
export async function getCustomsDocument(
  deps: Pick<Deps, 'db'>, customer: Customer, reference: string, kind: CustomsDocumentKind, parcelReference: string | null,
): Promise<string> {
  const { consignment, kinds } = await allocated(deps, customer, reference);
  if (parcelReference !== null && !consignment.Packages.some((p) => p.Reference === parcelReference)) {
    throw new AppError('PackageNotFound', `Package ${parcelReference} is not on consignment ${consignment.Reference}.`);
  }
  const file = fileFor(kinds, consignment.Reference, kind, parcelReference);
  return (await render(file, customsDeclaration(consignment))).toString('base64');
}

const noDocuments = (c: StoredConsignment) =>
  new AppError('CustomsDocumentNotFound', `Consignment ${c.Reference} has no customs documents: its route or service needs none.`);
