/** Per-customer carrier accounts, service profiles and service groups (spec §12). */
import { type DbOrTx, readJson } from '../../db/schema.js';
import { NO_RULES, type ServiceGroup, type ServiceProfile, type ServiceRules } from './service-profile.js';

export async function carrierSettings(db: DbOrTx, customerId: number, carrierReference: string): Promise<Record<string, unknown>> {
  const row = await db.selectFrom('carrier_accounts').select('settings')
    .where('customer_id', '=', customerId).where('carrier_reference', '=', carrierReference.toUpperCase()).executeTakeFirst();
  return row ? readJson<Record<string, unknown>>(row.settings) : {};
}

export async function saveCarrierSettings(db: DbOrTx, customerId: number, carrierReference: string, settings: Record<string, unknown>, now: string): Promise<void> {
  await db.insertInto('carrier_accounts')
    .values({ customer_id: customerId, carrier_reference: carrierReference.toUpperCase(), settings: JSON.stringify(settings), created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['customer_id', 'carrier_reference']).doUpdateSet({ settings: JSON.stringify(settings), updated_at: now }))
    .execute();
}

const toProfile = (row: { reference: string; enabled: number; rules: unknown }): ServiceProfile => ({
  reference: row.reference,
  enabled: Number(row.enabled) === 1,
  rules: { ...NO_RULES, ...readJson<Partial<ServiceRules>>(row.rules) },
});

/** The customer's service profiles (enabled or not), by reference. */
export async function listServiceProfiles(db: DbOrTx, customerId: number): Promise<ServiceProfile[]> {
  const rows = await db.selectFrom('carrier_services').select(['reference', 'enabled', 'rules']).where('customer_id', '=', customerId).orderBy('reference').execute();
  return rows.map(toProfile);
}

export async function findServiceProfile(db: DbOrTx, customerId: number, reference: string): Promise<ServiceProfile | undefined> {
  const row = await db.selectFrom('carrier_services').select(['reference', 'enabled', 'rules'])
    .where('customer_id', '=', customerId).where('reference', '=', reference.toUpperCase()).executeTakeFirst();
  return row && toProfile(row);
}

export async function saveServiceProfile(db: DbOrTx, customerId: number, profile: ServiceProfile, now: string): Promise<void> {
  const rules = JSON.stringify(profile.rules);
  const enabled = profile.enabled ? 1 : 0;
  await db.insertInto('carrier_services')
    .values({ customer_id: customerId, reference: profile.reference.toUpperCase(), enabled, rules, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['customer_id', 'reference']).doUpdateSet({ enabled, rules, updated_at: now }))
    .execute();
}

const toGroup = (row: { reference: string; name: string; enabled: number; members: unknown }): ServiceGroup => ({
  reference: row.reference,
  name: row.name,
  enabled: Number(row.enabled) === 1,
  members: readJson<string[]>(row.members),
});

export async function listServiceGroups(db: DbOrTx, customerId: number): Promise<ServiceGroup[]> {
  const rows = await db.selectFrom('service_groups').select(['reference', 'name', 'enabled', 'members']).where('customer_id', '=', customerId).orderBy('reference').execute();
  return rows.map(toGroup);
}

/** Group references are matched case-insensitively (SortedPRO's "Service Group Code"). */
export async function findServiceGroup(db: DbOrTx, customerId: number, reference: string): Promise<ServiceGroup | undefined> {
  const groups = await listServiceGroups(db, customerId);
  return groups.find((g) => g.reference.toLowerCase() === reference.toLowerCase());
}

export async function saveServiceGroup(db: DbOrTx, customerId: number, group: ServiceGroup, now: string): Promise<void> {
  const members = JSON.stringify(group.members);
  const enabled = group.enabled ? 1 : 0;
  await db.insertInto('service_groups')
    .values({ customer_id: customerId, reference: group.reference, name: group.name, enabled, members, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['customer_id', 'reference']).doUpdateSet({ name: group.name, enabled, members, updated_at: now }))
    .execute();
}

export async function deleteServiceGroup(db: DbOrTx, customerId: number, reference: string): Promise<boolean> {
  const result = await db.deleteFrom('service_groups').where('customer_id', '=', customerId).where('reference', '=', reference).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Adds a group; false when the customer already has one with this exact reference (a racing create). */
export async function insertServiceGroup(db: DbOrTx, customerId: number, group: ServiceGroup, now: string): Promise<boolean> {
  const result = await db.insertInto('service_groups')
    .values({ customer_id: customerId, reference: group.reference, name: group.name, enabled: group.enabled ? 1 : 0, members: JSON.stringify(group.members), created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['customer_id', 'reference']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
