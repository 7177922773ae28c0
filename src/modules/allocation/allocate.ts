/**
 * The allocation endpoints' use cases (spec §5.1): bulk ones take each consignment in turn, in
 * request order, each in transactions of its own, so one failure never undoes another (§5.2);
 * single ones answer the consignment's outcome or its error.
 */
import { AppError } from '../../shared/errors.js';
import { normaliseReference } from '../../shared/references.js';
import type { Customer, Deps } from '../deps.js';
import { type AllocationOutcome, type Chooser, allocateConsignment } from './allocate-consignment.js';
import { findServiceGroup, findServiceProfile } from './carrier-services.repo.js';
import { cheapestChooser, namedServiceChooser } from './choosers.js';
import type { ServiceFilters } from './eligibility.js';
import type { ServiceGroup } from './service-profile.js';

export async function allocateEach(deps: Deps, customer: Customer, raws: readonly string[], chooser: Chooser): Promise<AllocationOutcome[]> {
  const outcomes: AllocationOutcome[] = [];
  for (const raw of raws) {
    const reference = normaliseReference(raw, 'EC');
    if (!reference) {
      outcomes.push({ ok: false, reference: raw, error: new AppError('InvalidReference', `"${raw}" is not a consignment reference (EC-xxx-xxx-xxx).`) });
      continue;
    }
    outcomes.push(await allocateConsignment(deps, customer, reference, chooser));
  }
  return outcomes;
}

/** A single-consignment endpoint: the one outcome, or its error (404 unknown, 400 state or no service). */
export async function allocateOne(deps: Deps, customer: Customer, reference: string, chooser: Chooser): Promise<AllocationOutcome> {
  const outcome = await allocateConsignment(deps, customer, reference, chooser);
  if (!outcome.ok) throw outcome.error;
  return outcome;
}

export async function serviceGroupOrError(deps: Deps, customer: Customer, reference: string, status: 400 | 404): Promise<ServiceGroup> {
  const group = await findServiceGroup(deps.db, customer.id, reference);
  if (!group || !group.enabled) {
    throw new AppError('ServiceGroupNotFound', `Service group ${reference} was not found${group ? ' (it is disabled)' : ''}.`,
      [{ Code: 'ServiceGroupNotFound', Target: status === 400 ? 'MpdCarrierServiceGroupReference' : 'mpdCarrierServiceGroupReference', Message: `No enabled service group ${reference}.` }], status);
  }
  return group;
}

export const allocateWithDefaultRules = (deps: Deps, customer: Customer, refs: readonly string[]) =>
  allocateEach(deps, customer, refs, cheapestChooser(deps, customer));

export const allocateWithFilters = (deps: Deps, customer: Customer, refs: readonly string[], filters: ServiceFilters) =>
  allocateEach(deps, customer, refs, cheapestChooser(deps, customer, { filters }));

export async function allocateWithServiceGroup(deps: Deps, customer: Customer, refs: readonly string[], groupReference: string) {
  const group = await serviceGroupOrError(deps, customer, groupReference, 400);
  return allocateEach(deps, customer, refs, cheapestChooser(deps, customer, { group }));
}

export async function allocateWithCarrierService(deps: Deps, customer: Customer, refs: readonly string[], serviceReference: string) {
  const known = deps.carriers.service(serviceReference);
  if (!known || !(await findServiceProfile(deps.db, customer.id, serviceReference))) {
    throw new AppError('CarrierServiceNotFound', `Carrier service ${serviceReference} is not available to this account.`,
      [{ Code: 'CarrierServiceNotFound', Target: 'MpdCarrierServiceReference', Message: `Unknown carrier service ${serviceReference}.` }], 400);
  }
  return allocateEach(deps, customer, refs, namedServiceChooser(deps, customer, known.service.reference));
}
