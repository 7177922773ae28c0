/** Service groups on the wire: the full `MpdCarrierServiceGroup` (spec §12) and a summary. */
import type { CustomerService } from './carrier-services.catalogue.js';
import type { ServiceGroup } from './service-profile.js';

/** Members are shown with the customer's current rules for them; one whose adapter is gone is left out. */
export function presentServiceGroup(group: ServiceGroup, customerReference: string, services: readonly CustomerService[]) {
  const byRef = new Map(services.map((s) => [s.service.reference, s]));
  return {
    Reference: group.reference,
    Name: group.name,
    CustomerReference: customerReference,
    IsEnabled: group.enabled,
    MpdCarrierServiceProfiles: group.members.flatMap((ref) => {
      const s = byRef.get(ref);
      return s ? [{
        Reference: s.service.reference,
        Name: s.service.name,
        MpdCarrierReference: s.carrier.reference,
        CarrierName: s.carrier.name,
        IsEnabled: s.profile.enabled,
        ...s.profile.rules,
      }] : [];
    }),
    // [EXT] the member list in the shape POST/PUT take.
    MpdCarrierServiceReferences: [...group.members],
  };
}

export function presentServiceGroupSummary(group: ServiceGroup) {
  return {
    Reference: group.reference,
    Name: group.name,
    IsEnabled: group.enabled,
    MpdCarrierServiceCount: group.members.length,
    MpdCarrierServiceReferences: [...group.members],
  };
}
