/**
 * SIMCOURIER — a simulated parcel courier: next-day domestic (signed), a pallet/heavy freight
 * service, and international express with a commercial invoice. Native labels are ZPL; waybill
 * numbers SCW…, parcel numbers SC + 14 digits; numeric native event codes.
 */
import type { CarrierServiceDefinition } from '../carrier.js';
import { simulatedCarrier } from './simulated-carrier.js';
import { simCourierParcelNumber, simCourierWaybill } from './tracking-numbers.js';
import { isDomesticZone, zoneFromGb } from './zones.js';

const common = {
  origins: ['GB'],
  nativeLabelFormat: 'ZPL',
  labelFormats: ['PDF', 'PNG', 'ZPL', 'ZPLII'],
} as const;
const rates = (zones: CarrierServiceDefinition['rates']['zones'], volumetricDivisor = 5000) => ({ currency: 'GBP', zones, domesticTaxRate: 0.2, volumetricDivisor });

export const SIMCOURIER_SERVICES: readonly CarrierServiceDefinition[] = [
  {
    ...common,
    reference: 'MPD_SIMCOURIER_NEXTDAY',
    code: 'ND12',
    name: 'SimCourier Next Day',
    description: 'Domestic next working day, signature on delivery',
    directions: ['Outbound', 'Inbound'],
    zoneOf: (route) => {
      const zone = zoneFromGb(route);
      return zone === 'UK' || zone === 'UK_REMOTE' ? zone : null;
    },
    limits: { maxWeightKg: 30, maxLengthCm: 120, maxCombinedCm: 300 },
    rates: rates({
      UK: [{ upToKg: 2, net: 5.2 }, { upToKg: 5, net: 5.9 }, { upToKg: 10, net: 7.1 }, { upToKg: 20, net: 9.5 }, { upToKg: 30, net: 12.9 }],
      UK_REMOTE: [{ upToKg: 10, net: 14.5 }, { upToKg: 30, net: 21.0 }],
    }),
    promise: { minDays: 1, maxDays: 1, cutOffHourUtc: 18 },
    customs: { postalForms: false, commercialInvoice: false },
    requiredCustomsData: [],
    features: { tracked: true, signed: true, pickUp: false, dropOff: false, timed: false },
  },
  {
    ...common,
    reference: 'MPD_SIMCOURIER_PALLET',
    code: 'PAL48',
    name: 'SimCourier Pallet 48',
    description: 'Heavy goods and pallets up to 1,000 kg, 2 working days',
    directions: ['Outbound'],
    zoneOf: (route) => {
      const zone = zoneFromGb(route);
      return zone === 'UK' ? zone : null;
    },
    limits: { maxWeightKg: 1000, maxLengthCm: 240, maxPackages: 4 },
    rates: rates({
      UK: [{ upToKg: 50, net: 29 }, { upToKg: 150, net: 45 }, { upToKg: 300, net: 62 }, { upToKg: 600, net: 85 }, { upToKg: 1000, net: 119 }],
    }, 3000),
    promise: { minDays: 2, maxDays: 2, cutOffHourUtc: 14 },
    customs: { postalForms: false, commercialInvoice: false },
    requiredCustomsData: [],
    features: { tracked: true, signed: true, pickUp: false, dropOff: false, timed: true },
  },
  {
    ...common,
    reference: 'MPD_SIMCOURIER_INTLEXPRESS',
    code: 'IEX',
    name: 'SimCourier International Express',
    description: 'International express, duties and taxes declared on a commercial invoice',
    directions: ['Outbound', 'Inbound'],
    zoneOf: (route) => {
      const zone = zoneFromGb(route);
      return zone === 'EU' || zone === 'ROW' || zone === 'NI' ? zone : null;
    },
    limits: { maxWeightKg: 70, maxLengthCm: 120, maxCombinedCm: 300 },
    rates: rates({
      NI: [{ upToKg: 5, net: 12.9 }, { upToKg: 30, net: 24.0 }],
      EU: [{ upToKg: 1, net: 14.5 }, { upToKg: 5, net: 19.9 }, { upToKg: 10, net: 28.5 }, { upToKg: 30, net: 49 }, { upToKg: 70, net: 95 }],
      ROW: [{ upToKg: 1, net: 24.9 }, { upToKg: 5, net: 36.5 }, { upToKg: 10, net: 52 }, { upToKg: 30, net: 98 }, { upToKg: 70, net: 185 }],
    }),
    promise: { minDays: 1, maxDays: 3, cutOffHourUtc: 16 },
    customs: { postalForms: false, commercialInvoice: true },
    requiredCustomsData: ['ShippersEORI', 'HarmonisationCode'],
    features: { tracked: true, signed: true, pickUp: false, dropOff: false, timed: false },
  },
];

export const simCourier = simulatedCarrier({
  reference: 'SIMCOURIER',
  name: 'SimCourier',
  services: SIMCOURIER_SERVICES,
  parcelNumber: simCourierParcelNumber,
  consignmentNumber: (reference) => simCourierWaybill(reference),
  nativeCodes: {
    Collected: '10', InTransit: '20', AtCustoms: '35', OutForDelivery: '40', Delivered: '50', DeliveryFailedCardLeft: '60',
    DeliveryFailed: '61', ReturnToSender: '70', Lost: '80', Damaged: '90',
  },
  depot: 'SimCourier Hub, Daventry',
});
