/**
 * Get Labels (spec §6): a consignment's labels, or one package's, in the asked or the service's
 * native format. Rendering happens off the event loop and outside any transaction; only the
 * first successful fetch writes (LabelsPrinted, DateLabelsWereFirstPrinted), with an audit entry.
 */
import type { LabelFormat } from '../../carriers/carrier.js';
import { AppError } from '../../shared/errors.js';
import type { StoredConsignment } from '../consignments/consignment.js';
import { documentOf } from '../consignments/consignment.js';
import { stateError, isAllowed } from '../consignments/consignment-state.js';
import { changeOneConsignment } from '../consignments/change-consignment.js';
import { loadConsignment } from '../consignments/load-consignment.js';
import type { Customer, Deps } from '../deps.js';
import { labelsFor } from './label-data.js';
import type { LabelRenderer } from './label-pool.js';
import { CONTENT_TYPES, DEFAULT_DPI, type LabelRequest } from './label-request.js';

export interface LabelFile {
  file: Uint8Array;
  contentType: string;
  format: LabelFormat;
}

/**
 * Labels exist from allocation on (the §4.12 Labels column). Other settled states answer 400
 * LabelsNotAvailable, the code §6 gives (not the generic InvalidConsignmentState); the
 * transient ones 409 ConsignmentBusy like every other action.
 */
export function checkLabelsAvailable(consignment: Pick<StoredConsignment, 'Reference' | 'ConsignmentState' | 'shipment'>): void {
  const { Reference: reference, ConsignmentState: state } = consignment;
  if (isAllowed(state, 'Labels') && consignment.shipment) return;
  const error = stateError(reference, state, 'Labels');
  if (error.code === 'ConsignmentBusy') throw error;
  throw new AppError('LabelsNotAvailable', `Consignment ${reference} is ${state}: labels exist once it is allocated.`, [
    { Code: 'LabelsNotAvailable', Target: 'ConsignmentState', Message: `${state} has no labels; allocate the consignment first.` },
  ]);
}

export async function getLabels(deps: Deps, renderer: LabelRenderer, customer: Customer, request: LabelRequest): Promise<LabelFile> {
  const consignment = await loadConsignment(deps, customer, request.consignmentReference);
  checkLabelsAvailable(consignment);
  const shipment = consignment.shipment!;
  const found = deps.carriers.service(shipment.serviceReference);
  const format = request.format ?? found?.service.nativeLabelFormat ?? 'PDF';
  if (found && !found.service.labelFormats.includes(format)) {
    throw unsupported(`${found.service.name} labels come as ${found.service.labelFormats.join(', ')}, not ${format}.`);
  }
  let labels = labelsFor(consignment, {
    carrierName: found?.carrier.name ?? consignment.Allocation?.CarrierName ?? shipment.carrierReference,
    serviceName: found?.service.name ?? consignment.Allocation?.MpdCarrierServiceName ?? shipment.serviceReference,
  });
  if (request.parcelReference) {
    labels = labels.filter((l) => l.parcelReference === request.parcelReference);
    if (labels.length === 0) throw new AppError('PackageNotFound', `Package ${request.parcelReference} is not on consignment ${consignment.Reference}.`);
  }
  if (format === 'PNG' && labels.length > 1) {
    throw unsupported(`A PNG holds one label and ${consignment.Reference} has ${labels.length} packages: ask for each package's label (/labels/package/{consignment}/{package}/PNG), or for PDF or ZPL.`);
  }
  const file = await renderer.render({ format, labels, dpi: request.dpi ?? DEFAULT_DPI, title: `Labels ${consignment.Reference}` });
  if (!consignment.LabelsPrinted) await markPrinted(deps, customer, consignment.Reference, format, labels.length);
  return { file, contentType: CONTENT_TYPES[format], format };
}

const unsupported = (message: string) => new AppError('LabelFormatNotSupported', message, [{ Code: 'LabelFormatNotSupported', Target: 'labelFormat', Message: message }]);

/** The first print: flags and date set once; a fetch racing it finds them set and keeps the first date. */
async function markPrinted(deps: Deps, customer: Customer, reference: string, format: LabelFormat, count: number): Promise<void> {
  try {
    await changeOneConsignment(deps, customer, reference, 'Labels', (current, now) => {
      const document = documentOf(current);
      return {
        document: { ...document, LabelsPrinted: true, DateLabelsWereFirstPrinted: document.DateLabelsWereFirstPrinted ?? now },
        audit: { action: 'LabelsPrinted', category: 'Labels', message: `Labels printed for the first time (${count} ${format}).`, details: { Format: format, Labels: count } },
        result: undefined,
      };
    });
  } catch (error) {
    // Deallocated or cancelled while the labels rendered: the labels answered are already void.
    if (error instanceof AppError && error.code === 'InvalidConsignmentState') throw new AppError('LabelsNotAvailable', error.message, error.details);
    throw error;
  }
}
