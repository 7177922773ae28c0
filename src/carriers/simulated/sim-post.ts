/**
 * SIMPOST — a simulated national postal operator: tracked 48 h and signed 24 h domestic parcels,
 * an international tracked service with postal customs forms (CN22/CN23), and a returns service.
 * Native labels are PDF; S10 tracking numbers (SP…GB).
 */
import type { CarrierServiceDefinition, Route } from '../carrier.js';
import { simulatedCarrier } from './simulated-carrier.js';
import { simPostNumber } from './tracking-numbers.js';
import { isDomesticZone, zoneFromGb } from './zones.js';

const domestic = (route: Route) => {
  const zone = zoneFromGb(route);
  return zone && isDomesticZone(zone) ? zone : null;
};
const common = {
  origins: ['GB'],
  nativeLabelFormat: 'PDF',
  labelFormats: ['PDF', 'PNG', 'ZPL', 'ZPLII'],
  requiredCustomsData: [],
} as const;
const noCustoms = { postalForms: false, commercialInvoice: false };
const rates = (zones: CarrierServiceDefinition['rates']['zones']) => ({ currency: 'GBP', zones, domesticTaxRate: 0.2, volumetricDivisor: 5000 });

export const SIMPOST_SERVICES: readonly CarrierServiceDefinition[] = [
  {
    ...common,
    reference: 'MPD_SIMPOST_TRACKED48',
    code: 'TPS48',
    name: 'SimPost Tracked 48',
    description: 'Domestic tracked parcel, delivery in 2–3 working days',
    directions: ['Outbound'],
    zoneOf: domestic,
    limits: { maxWeightKg: 20, maxLengthCm: 61, maxCombinedCm: 200 },
    rates: rates({
      UK: [{ upToKg: 1, net: 3.1 }, { upToKg: 2, net: 3.6 }, { upToKg: 5, net: 4.6 }, { upToKg: 10, net: 6.2 }, { upToKg: 20, net: 9.4 }],
      UK_REMOTE: [{ upToKg: 2, net: 4.9 }, { upToKg: 10, net: 8.1 }, { upToKg: 20, net: 12.5 }],
      NI: [{ upToKg: 2, net: 4.4 }, { upToKg: 10, net: 7.3 }, { upToKg: 20, net: 11.0 }],
    }),
    promise: { minDays: 2, maxDays: 3, cutOffHourUtc: 17 },
    customs: noCustoms,
    features: { tracked: true, signed: false, pickUp: false, dropOff: false, timed: false },
  },
  {
    ...common,
    reference: 'MPD_SIMPOST_SIGNED24',
    code: 'TPS24S',
    name: 'SimPost Tracked 24 Signed',
    description: 'Domestic tracked and signed-for parcel, next working day',
    directions: ['Outbound'],
    zoneOf: domestic,
    limits: { maxWeightKg: 20, maxLengthCm: 61, maxCombinedCm: 200 },
    rates: rates({
      UK: [{ upToKg: 1, net: 4.4 }, { upToKg: 2, net: 4.9 }, { upToKg: 5, net: 6.1 }, { upToKg: 10, net: 7.9 }, { upToKg: 20, net: 11.6 }],
      NI: [{ upToKg: 2, net: 5.9 }, { upToKg: 10, net: 9.2 }, { upToKg: 20, net: 13.4 }],
    }),
    promise: { minDays: 1, maxDays: 1, cutOffHourUtc: 16 },
    customs: noCustoms,
    features: { tracked: true, signed: true, pickUp: false, dropOff: false, timed: false },
  },
  {
    ...common,
    reference: 'MPD_SIMPOST_INTLTRACKED',
    code: 'ITR',
    name: 'SimPost International Tracked',
    description: 'Tracked international parcel with postal customs forms',
    directions: ['Outbound'],
    zoneOf: (route) => {
      const zone = zoneFromGb(route);
      // Northern Ireland needs customs data too (spec §7), so the international service takes it.
      return zone === 'EU' || zone === 'ROW' || zone === 'NI' ? zone : null;
    },
    limits: { maxWeightKg: 5, maxLengthCm: 60, maxCombinedCm: 180 },
    rates: rates({
      NI: [{ upToKg: 1, net: 7.5 }, { upToKg: 5, net: 11.5 }],
      EU: [{ upToKg: 0.5, net: 8.9 }, { upToKg: 1, net: 10.4 }, { upToKg: 2, net: 13.2 }, { upToKg: 5, net: 21.7 }],
      ROW: [{ upToKg: 0.5, net: 11.6 }, { upToKg: 1, net: 14.3 }, { upToKg: 2, net: 19.8 }, { upToKg: 5, net: 34.5 }],
    }),
    promise: { minDays: 3, maxDays: 7, cutOffHourUtc: 15 },
    customs: { postalForms: true, commercialInvoice: false },
    requiredCustomsData: ['HarmonisationCode', 'CountryOfOrigin'],
    features: { tracked: true, signed: false, pickUp: false, dropOff: false, timed: false },
  },
  {
    ...common,
    reference: 'MPD_SIMPOST_RETURNS',
    code: 'RTN48',
    name: 'SimPost Tracked Returns 48',
    description: 'Domestic returns: the customer drops the parcel at a post office',
    directions: ['Inbound'],
    zoneOf: domestic,
    limits: { maxWeightKg: 20, maxLengthCm: 61, maxCombinedCm: 200 },
    rates: rates({
      UK: [{ upToKg: 2, net: 3.3 }, { upToKg: 10, net: 5.9 }, { upToKg: 20, net: 8.8 }],
      UK_REMOTE: [{ upToKg: 20, net: 10.9 }],
      NI: [{ upToKg: 20, net: 9.9 }],
    }),
    promise: { minDays: 2, maxDays: 4, cutOffHourUtc: 17 },
    customs: noCustoms,
    features: { tracked: true, signed: false, pickUp: false, dropOff: true, timed: false },
  },
];

export const simPost = simulatedCarrier({
  reference: 'SIMPOST',
  name: 'SimPost',
  services: SIMPOST_SERVICES,
  parcelNumber: simPostNumber,
  // A postal operator numbers parcels, not consignments: the consignment's number is its first parcel's.
  consignmentNumber: (_reference, parcels) => parcels[0]!,
  nativeCodes: {
    Collected: 'ACC', InTransit: 'TRN', OutForDelivery: 'OFD', Delivered: 'DLV', DeliveryFailedCardLeft: 'ATT',
    DeliveryFailed: 'UND', ReturnToSender: 'RTS', Lost: 'LST', Damaged: 'DMG', AtCustoms: 'CUS',
  },
  depot: 'SimPost Mail Centre',
});
