/** Every carrier adapter Packline knows, by carrier reference. Real carriers are added here. */
import type { CarrierAdapter, CarrierServiceDefinition } from './carrier.js';
import { simCourier } from './simulated/sim-courier.js';
import { simPost } from './simulated/sim-post.js';

export interface CarrierRegistry {
  carriers: readonly CarrierAdapter[];
  carrier(reference: string): CarrierAdapter | undefined;
  /** A service definition and its carrier, by the customer-facing service reference. */
  service(reference: string): { carrier: CarrierAdapter; service: CarrierServiceDefinition } | undefined;
}

export function carrierRegistry(carriers: readonly CarrierAdapter[] = [simPost, simCourier]): CarrierRegistry {
  const byRef = new Map(carriers.map((c) => [c.reference.toUpperCase(), c]));
  const services = new Map(carriers.flatMap((carrier) => carrier.services.map((service) => [service.reference.toUpperCase(), { carrier, service }] as const)));
  return {
    carriers,
    carrier: (reference) => byRef.get(reference.toUpperCase()),
    service: (reference) => services.get(reference.toUpperCase()),
  };
}
