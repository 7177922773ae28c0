import { type DbOrTx, readJson } from '../../db/schema.js';
import { type PackageSize, withPackerFields } from './package-sizes.js';

const withFlag = (document: unknown, isDefault: number): PackageSize => withPackerFields({ ...readJson<PackageSize>(document), IsDefault: isDefault === 1 });

export async function listPackageSizes(db: DbOrTx, customerId: number): Promise<PackageSize[]> {
  const rows = await db.selectFrom('package_sizes').select(['document', 'is_default']).where('customer_id', '=', customerId).orderBy('reference').execute();
  return rows.map((r) => withFlag(r.document, Number(r.is_default)));
}

export async function findPackageSize(db: DbOrTx, customerId: number, reference: string): Promise<PackageSize | undefined> {
  const row = await db
    .selectFrom('package_sizes')
    .select(['document', 'is_default'])
    .where('customer_id', '=', customerId)
    .where('reference', '=', reference)
    .executeTakeFirst();
  return row && withFlag(row.document, Number(row.is_default));
}

export async function findDefaultPackageSize(db: DbOrTx, customerId: number): Promise<PackageSize | undefined> {
  const row = await db
    .selectFrom('package_sizes')
    .select(['document', 'is_default'])
    .where('customer_id', '=', customerId)
    .where('is_default', '=', 1)
    .executeTakeFirst();
  return row && withFlag(row.document, 1);
}

export async function existingPackageSizeReferences(db: DbOrTx, customerId: number, references: string[]): Promise<Set<string>> {
  if (references.length === 0) return new Set();
  const rows = await db
    .selectFrom('package_sizes')
    .select('reference')
    .where('customer_id', '=', customerId)
    .where('reference', 'in', references)
    .execute();
  return new Set(rows.map((r) => r.reference));
}

export async function savePackageSize(db: DbOrTx, customerId: number, size: PackageSize, now: string, insert: boolean): Promise<boolean> {
  const { IsDefault, ...document } = size;
  if (insert) {
    await db
      .insertInto('package_sizes')
      .values({ customer_id: customerId, reference: size.Reference, is_default: 0, document: JSON.stringify(document), created_at: now, updated_at: now })
      .execute();
  } else {
    const r = await db
      .updateTable('package_sizes')
      .set({ document: JSON.stringify(document), updated_at: now })
      .where('customer_id', '=', customerId)
      .where('reference', '=', size.Reference)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false;
  }
  if (IsDefault) await makeDefault(db, customerId, size.Reference);
  return true;
}

/** Exactly one default per customer: clear the others in the same transaction. */
export async function makeDefault(db: DbOrTx, customerId: number, reference: string): Promise<boolean> {
  const r = await db
    .updateTable('package_sizes')
    .set({ is_default: 1 })
    .where('customer_id', '=', customerId)
    .where('reference', '=', reference)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return false;
  await db.updateTable('package_sizes').set({ is_default: 0 }).where('customer_id', '=', customerId).where('reference', '!=', reference).where('is_default', '=', 1).execute();
  return true;
}

export async function deletePackageSize(db: DbOrTx, customerId: number, reference: string): Promise<boolean> {
  const r = await db.deleteFrom('package_sizes').where('customer_id', '=', customerId).where('reference', '=', reference).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The customer's package sizes among `references`, by reference. */
export async function findPackageSizes(db: DbOrTx, customerId: number, references: readonly string[]): Promise<Map<string, PackageSize>> {
  if (references.length === 0) return new Map();
  const rows = await db
    .selectFrom('package_sizes')
    .select(['reference', 'document', 'is_default'])
    .where('customer_id', '=', customerId)
    .where('reference', 'in', [...references])
    .execute();
  return new Map(rows.map((r) => [r.reference, withFlag(r.document, Number(r.is_default))]));
}
