/** The carrier services a customer may allocate to: its profiles joined with the adapters' definitions. */
import type { CarrierRegistry } from '../../carriers/registry.js';
import type { DbOrTx } from '../../db/schema.js';
import type { ConsignmentDocument } from '../consignments/consignment.js';
import { listServiceProfiles } from './carrier-services.repo.js';
import { consignmentFacts } from './consignment-facts.js';
import type { Candidate, EligibilityInput, ServiceFilters } from './eligibility.js';

export async function loadCandidates(db: DbOrTx, customerId: number, carriers: CarrierRegistry, only?: readonly string[]): Promise<Candidate[]> {
  const wanted = only ? new Set(only.map((r) => r.toUpperCase())) : null;
  const candidates: Candidate[] = [];
  for (const profile of await listServiceProfiles(db, customerId)) {
    if (wanted && !wanted.has(profile.reference.toUpperCase())) continue;
    const found = carriers.service(profile.reference);
    if (found) candidates.push({ ...found, profile });
  }
  return candidates;
}

export function eligibilityInput(doc: ConsignmentDocument, now: Date, filters?: ServiceFilters): EligibilityInput {
  return {
    facts: consignmentFacts(doc),
    requestedDelivery: doc.RequestedDeliveryDate,
    items: doc.Packages.flatMap((p) => p.Items),
    shippingTerms: doc.CustomsDocumentation?.ShippingTerms ?? null,
    toPickupPoint: Boolean(doc.LocationInformation?.ShopReference),
    ...(filters ? { filters } : {}),
    now,
  };
}
