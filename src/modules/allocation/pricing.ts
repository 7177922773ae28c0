/**
 * Rate-card pricing (spec §5.4 step 4): each package is charged by its chargeable weight —
 * max(actual, volumetric = L×W×H / divisor) — from its zone's weight bands; the consignment's net
 * price is the sum. Domestic routes carry VAT at the card's rate; exports are zero-rated.
 */
import type { CarrierServiceDefinition } from '../../carriers/carrier.js';
import { isDomesticZone } from '../../carriers/simulated/zones.js';
import { findCurrency } from '../../shared/iso.js';
import { round } from '../../shared/units.js';
import type { Rate } from '../consignments/consignment.js';

export interface PricedParcel {
  weightKg: number;
  lengthCm: number;
  widthCm: number;
  heightCm: number;
}

export function chargeableWeightKg(parcel: PricedParcel, divisor: number): number {
  const volumetric = (parcel.lengthCm * parcel.widthCm * parcel.heightCm) / divisor;
  return Math.max(parcel.weightKg, volumetric);
}

/** The price of carrying `parcels` in `zone`, or null when a parcel is heavier than every band. */
export function rateFor(service: CarrierServiceDefinition, zone: string, parcels: readonly PricedParcel[], originCountry: string): Rate | null {
  const bands = service.rates.zones[zone];
  if (!bands || bands.length === 0) return null;
  let net = 0;
  for (const parcel of parcels) {
    const weight = chargeableWeightKg(parcel, service.rates.volumetricDivisor);
    const band = bands.find((b) => weight <= b.upToKg + 1e-9);
    if (!band) return null;
    net += band.net;
  }
  return rate(round(net, 2), isDomesticZone(zone) ? service.rates.domesticTaxRate : 0, service.rates.currency, originCountry);
}

export function rate(net: number, taxRate: number, currency: string, countryIsoCode: string): Rate {
  const vat = round(net * taxRate, 2);
  return {
    Net: net,
    Gross: round(net + vat, 2),
    TaxRate: { Reference: taxRate > 0 ? `${countryIsoCode}-STD` : `${countryIsoCode}-ZERO`, CountryIsoCode: countryIsoCode, Type: taxRate > 0 ? 'Standard' : 'Zero', Rate: taxRate },
    VatAmount: vat,
    Currency: { IsoCode: currency, Name: findCurrency(currency)?.Name ?? currency },
  };
}
