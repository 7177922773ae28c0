/** Route zones shared by the simulated carriers' rate cards. */
import type { Route } from '../carrier.js';

export const EU_COUNTRIES: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT',
  'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
]);

/** Scottish islands and highlands a mainland price does not reach. */
const REMOTE_AREAS = /^(HS|ZE|KW1[5-7]|IV4[0-9]|IV5[1-6]|PA[2-4][0-9]|PA[6-7][0-9]|PH4[1-4])/;

/** The zone of a route from GB: UK, UK_REMOTE, NI (Northern Ireland, BT), EU or ROW. */
export function zoneFromGb(route: Route): 'UK' | 'UK_REMOTE' | 'NI' | 'EU' | 'ROW' | null {
  if (route.originCountry !== 'GB') return null;
  if (route.destinationCountry === 'GB') {
    if (route.destinationPostcode.startsWith('BT')) return 'NI';
    return REMOTE_AREAS.test(route.destinationPostcode) ? 'UK_REMOTE' : 'UK';
  }
  return EU_COUNTRIES.has(route.destinationCountry) ? 'EU' : 'ROW';
}

export const isDomesticZone = (zone: string): boolean => zone === 'UK' || zone === 'UK_REMOTE' || zone === 'NI';
