/** The customer's carrier services: its profiles joined to the carrier registry's definitions (spec §12). */
import type { CarrierAdapter, CarrierServiceDefinition } from '../../carriers/carrier.js';
import type { DbOrTx } from '../../db/schema.js';
import type { Deps } from '../deps.js';
import { listServiceProfiles } from './carrier-services.repo.js';
import type { ServiceProfile } from './service-profile.js';

export interface CatalogueEntry {
  carrier: CarrierAdapter;
  service: CarrierServiceDefinition;
}

export type CustomerService = CatalogueEntry & { profile: ServiceProfile };

/** Every profile of the customer, by reference; a profile whose adapter is no longer registered is left out. */
export async function customerServices(deps: Pick<Deps, 'carriers'>, db: DbOrTx, customerId: number): Promise<CustomerService[]> {
  const profiles = await listServiceProfiles(db, customerId);
  return profiles.flatMap((profile) => {
    const entry = deps.carriers.service(profile.reference);
    return entry ? [{ ...entry, profile }] : [];
  });
}
