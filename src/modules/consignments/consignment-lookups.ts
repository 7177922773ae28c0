import type { DbOrTx } from '../../db/schema.js';
import { findPackageSizes } from '../accounts/package-sizes.repo.js';
import { findLocations } from '../accounts/shipping-locations.repo.js';
import type { Customer } from '../deps.js';
import type { ConsignmentPackageInput } from './consignments.schemas.js';
import { type ConsignmentLookups, namedLookups } from './normalise-consignment.js';

type Named = { Addresses?: Array<{ ShippingLocationReference?: string | null }> | null; Packages?: ConsignmentPackageInput[] | null };

/** The caller's shipping locations and package sizes that any of `bodies` names (one query each). */
export async function lookUpReferences(db: DbOrTx, customer: Customer, bodies: readonly Named[]): Promise<ConsignmentLookups> {
  const named = bodies.map(namedLookups);
  const [locations, packageSizes] = await Promise.all([
    findLocations(db, customer.id, [...new Set(named.flatMap((x) => x.locations))]),
    findPackageSizes(db, customer.id, [...new Set(named.flatMap((x) => x.packageSizes))]),
  ]);
  return { locations, packageSizes };
}
