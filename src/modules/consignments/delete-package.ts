/**
 * Delete Package (spec §4.8): `DELETE /packages/{EP}` finds the package's consignment; the alias
 * `POST /consignments/{EC}/removepackage/{EP}` names it, and a package not on it is a 400.
 * Never the last package: a consignment always has one.
 */
import { AppError } from '../../shared/errors.js';
import { normaliseReference } from '../../shared/references.js';
import type { Customer, Deps } from '../deps.js';
import { changeOneConsignment } from './change-consignment.js';
import { documentOf } from './consignment.js';
import { findConsignmentReferenceByPackage } from './consignments.repo.js';

export function packageReferenceFromPath(raw: string): string {
  const reference = normaliseReference(raw, 'EP');
  if (!reference) {
    throw new AppError('InvalidReference', `"${raw}" is not a package reference (EP-xxx-xxx-xxx).`, [
      { Code: 'InvalidReference', Target: 'packageReference', Message: 'Expected EP-xxx-xxx-xxx.' },
    ]);
  }
  return reference;
}

const packageNotFound = (reference: string) => new AppError('PackageNotFound', `Package ${reference} was not found.`);

/** `consignmentReference` given (the alias): the package must be on that consignment. */
export async function deletePackage(deps: Deps, customer: Customer, packageReference: string, consignmentReference?: string): Promise<void> {
  const owner = consignmentReference ?? (await findConsignmentReferenceByPackage(deps.db, customer.id, packageReference));
  if (!owner) throw packageNotFound(packageReference);
  await changeOneConsignment(deps, customer, owner, 'Edit', (current) => {
    if (!current.Packages.some((p) => p.Reference === packageReference)) {
      if (!consignmentReference) throw packageNotFound(packageReference); // deleted or moved since it was looked up
      throw new AppError('PackageNotFound', `Package ${packageReference} is not on consignment ${owner}.`, [
        { Code: 'PackageNotFound', Target: 'packageReference', Message: `Not a package of ${owner}.` },
      ], 400);
    }
    if (current.Packages.length === 1) {
      throw new AppError('LastPackageCannotBeDeleted', `Package ${packageReference} is the only package of consignment ${owner}; a consignment needs at least one. Cancel the consignment instead.`);
    }
    return {
      document: { ...documentOf(current), Packages: current.Packages.filter((p) => p.Reference !== packageReference) },
      audit: { action: 'PackageDeleted', message: `Package ${packageReference} deleted from consignment ${owner}`, details: { PackageReference: packageReference } },
      result: undefined,
    };
  });
}
