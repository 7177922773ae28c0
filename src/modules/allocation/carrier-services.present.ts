/**
 * A carrier service as SortedPRO's `MpdCarrierService` (spec §12), from the registry's definition
 * and the customer's profile, plus the [EXT] fields a user needs to configure and predict
 * allocation: the profile's rules (in the shape `PUT /carrierservices/{ref}` takes), limits,
 * transit time and label formats.
 */
import type { CarrierServiceDefinition } from '../../carriers/carrier.js';
import type { CatalogueEntry } from './carrier-services.catalogue.js';
import type { ServiceProfile } from './service-profile.js';

/** A .NET flags enum as SortedPRO renders it: names joined by ", " (spec §1.10). */
const flags = (names: string[]) => names.join(', ');

/** `"Inbound, Outbound"`: the doc's own rendering puts Inbound first. */
export const serviceDirection = (s: CarrierServiceDefinition) => flags(['Inbound', 'Outbound'].filter((d) => s.directions.includes(d as never)));

function serviceType(s: CarrierServiceDefinition): string {
  const f = s.features;
  return flags([f.dropOff ? 'DropOff' : 'Scheduled', ...(f.pickUp ? ['PickUp'] : []), ...(f.timed ? ['Timed'] : [])]);
}

export function presentCarrierService({ carrier, service: s }: CatalogueEntry, profile: ServiceProfile) {
  return {
    Reference: s.reference,
    Name: s.name,
    Description: s.description,
    MpdCarrierReference: carrier.reference,
    CarrierName: carrier.name,
    // Self-hosted: the carrier account is always the customer's own (settings per customer and carrier).
    CarrierAccountOwner: 'Customer',
    Status: profile.enabled ? 'Enabled' : 'Disabled',
    Journey: [{
      // One leg from collection to delivery: the simulated carriers have no trunking or hubs.
      JourneyStage: 'Single',
      CarrierService: {
        Reference: s.code,
        Name: s.name,
        CarrierReference: carrier.reference,
        CarrierName: carrier.name,
        IsDropOff: s.features.dropOff,
        IsPickUp: s.features.pickUp,
        IsTimed: s.features.timed,
        IsTracked: s.features.tracked,
        IsSigned: s.features.signed,
        ServiceDirection: serviceDirection(s),
      },
      CarrierAccountReference: carrier.reference,
      DeliveryHub: null,
      CostItems: [],
      VolumetricParcelWeight: null,
      CollectionType: s.features.dropOff ? 'DropOff' : 'Scheduled',
    }],
    Source: 'Internal',
    Type: serviceType(s),
    IsConfigured: true,
    // [EXT] below: what the service does and the customer's rules for it.
    IsEnabled: profile.enabled,
    ServiceDirection: serviceDirection(s),
    Origins: [...s.origins],
    NativeLabelFormat: s.nativeLabelFormat,
    LabelFormats: [...s.labelFormats],
    TransitDays: { Min: s.promise.minDays, Max: s.promise.maxDays },
    CutOffHourUtc: s.promise.cutOffHourUtc,
    SaturdayDelivery: s.promise.saturday ?? false,
    Limits: {
      MaxWeightKg: s.limits.maxWeightKg,
      MaxLengthCm: s.limits.maxLengthCm,
      MaxCombinedCm: s.limits.maxCombinedCm ?? null,
      MaxPackages: s.limits.maxPackages ?? null,
    },
    VolumetricDivisor: s.rates.volumetricDivisor,
    RateCurrency: s.rates.currency,
    CustomsDocuments: { PostalForms: s.customs.postalForms, CommercialInvoice: s.customs.commercialInvoice },
    RequiredCustomsData: [...s.requiredCustomsData],
    ...profile.rules,
  };
}
