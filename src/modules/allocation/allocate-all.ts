/**
 * Allocate All (spec §5.1 A8): every Unallocated consignment of the caller due to ship by a date
 * (a consignment without a shipping date is due now), optionally from one shipping location,
 * oldest first, at most ALLOCATE_ALL_LIMIT per call; then as A1, A5 or A3 for each.
 */
import { AppError } from '../../shared/errors.js';
import type { Customer, Deps } from '../deps.js';
import type { AllocationOutcome } from './allocate-consignment.js';
import { allocateEach, allocateWithCarrierService, allocateWithServiceGroup } from './allocate.js';
import { cheapestChooser } from './choosers.js';

export const ALLOCATE_ALL_LIMIT = 1000;

export interface AllocateAllRequest {
  shipByDate: string;
  shippingLocationReference?: string;
  serviceReference?: string;
  groupReference?: string;
}

/** End of the given day (a date) or the instant (a date-time), as an ISO instant; null when unreadable. */
export function shipByInstant(raw: string): string | null {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(raw);
  const t = Date.parse(dateOnly ? `${raw}T23:59:59.999Z` : raw);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export async function allocateAll(deps: Deps, customer: Customer, request: AllocateAllRequest): Promise<AllocationOutcome[]> {
  const by = shipByInstant(request.shipByDate);
  if (!by) throw new AppError('InvalidDate', `ShipByDate "${request.shipByDate}" is not a date.`, [{ Code: 'InvalidDate', Target: 'ShipByDate', Message: 'Expected YYYY-MM-DD or an ISO 8601 date-time.' }]);
  let query = deps.db.selectFrom('consignments').select('reference')
    .where('customer_id', '=', customer.id).where('state', '=', 'Unallocated')
    .where((eb) => eb.or([eb('shipping_date', 'is', null), eb('shipping_date', '<=', by)]));
  if (request.shippingLocationReference) query = query.where('shipping_location_reference', '=', request.shippingLocationReference);
  const references = (await query.orderBy('id').limit(ALLOCATE_ALL_LIMIT).execute()).map((r) => r.reference);
  if (request.serviceReference) return allocateWithCarrierService(deps, customer, references, request.serviceReference);
  if (request.groupReference) return allocateWithServiceGroup(deps, customer, references, request.groupReference);
  return allocateEach(deps, customer, references, cheapestChooser(deps, customer));
}
