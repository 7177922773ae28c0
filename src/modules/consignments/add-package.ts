/** Add Package (spec §4.7): one more package on an editable consignment; answers the package as stored. */
import { allocateReferences } from '../../db/references.js';
import { AppError, Problems } from '../../shared/errors.js';
import type { Customer, Deps } from '../deps.js';
import { bodyError, changeOneConsignment } from './change-consignment.js';
import { type ConsignmentPackage, documentOf } from './consignment.js';
import { lookUpReferences } from './consignment-lookups.js';
import type { ConsignmentPackageInput } from './consignments.schemas.js';
import { newPackage, normalisePackage } from './normalise-consignment.js';

export async function addPackage(deps: Deps, customer: Customer, reference: string, input: ConsignmentPackageInput): Promise<ConsignmentPackage> {
  const lookups = await lookUpReferences(deps.db, customer, [{ Packages: [input] }]);
  const problems = new Problems();
  // `Reference` is ignored: the server assigns package references.
  const parcel = normalisePackage(input, lookups, problems, '', newPackage(deps.ids.hex32));
  if (!parcel || problems.any) throw bodyError(AppError.validation(problems.list));
  return changeOneConsignment(deps, customer, reference, 'Edit', async (current, _now, tx) => {
    const [packageReference] = await allocateReferences(tx, deps.dialect, 'EP', 1);
    parcel.Reference = packageReference!;
    return {
      document: { ...documentOf(current), Packages: [...current.Packages, parcel] },
      audit: { action: 'PackageAdded', message: `Package ${packageReference} added to consignment ${current.Reference}`, details: { PackageReference: packageReference } },
      result: parcel,
    };
  });
}
