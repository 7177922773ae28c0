import type { Address, AddressBody } from '../../shared/wire/model.js';
import type { ShippingLocation } from '../accounts/shipping-locations.js';

const LOCATION_FIELDS = [
  'ShopLocationReference', 'Contact', 'CompanyName', 'CustomerName', 'AddressLine1', 'AddressLine2', 'AddressLine3', 'Town',
  'Region', 'RegionCode', 'Postcode', 'Country', 'SpecialInstructions', 'LatLong', 'CacheDate', 'CacheSource',
] as const satisfies ReadonlyArray<keyof AddressBody>;

/**
 * A consignment keeps a snapshot of each shipping location's address as it was when the
 * consignment was made (spec §1.6): fields the address gives itself win, field by field; the
 * location fills the rest. Addresses without a (known) location are returned as they are.
 */
export function snapshotAddresses(addresses: readonly Address[], locations: ReadonlyMap<string, ShippingLocation>): Address[] {
  return addresses.map((a) => {
    const location = a.ShippingLocationReference ? locations.get(a.ShippingLocationReference) : undefined;
    if (!location) return a;
    const merged: Address = { ...a };
    for (const key of LOCATION_FIELDS) {
      if (merged[key] === null || merged[key] === undefined) (merged as unknown as Record<string, unknown>)[key] = location[key] ?? null;
    }
    return merged;
  });
}

/** GenerateReturn's twin (spec §3.5): Origin and Destination swap; every other address stays. */
export function swapOriginAndDestination(addresses: readonly Address[]): Address[] {
  return addresses.map((a) =>
    a.AddressType === 'Origin' ? { ...a, AddressType: 'Destination' } : a.AddressType === 'Destination' ? { ...a, AddressType: 'Origin' } : a,
  );
}
