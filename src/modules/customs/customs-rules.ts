/**
 * Which customs documents a consignment needs (spec §7): only international routes — origin
 * country ≠ destination country, or GB → Northern Ireland (BT postcodes) — and then, per the
 * service: postal forms CN22 when the consignment is worth ≤ £270 (CN23 above), and/or a
 * commercial invoice. Decided at allocation and kept with the booking.
 */
import type { CarrierServiceDefinition } from '../../carriers/carrier.js';
import type { CustomsDocumentKind } from '../consignments/consignment.js';

/** The CN22 ceiling in GBP (glossary); other currencies are compared at these rough rates. */
export const CN22_LIMIT_GBP = 270;
const GBP_PER_UNIT: Readonly<Record<string, number>> = { GBP: 1, EUR: 0.85, USD: 0.79 };

export function isInternational(originCountry: string, destinationCountry: string, destinationPostcode: string): boolean {
  if (originCountry !== destinationCountry) return true;
  return originCountry === 'GB' && destinationPostcode.toUpperCase().startsWith('BT');
}

export function customsDocumentsFor(
  service: Pick<CarrierServiceDefinition, 'customs'>,
  route: { originCountry: string; destinationCountry: string; destinationPostcode: string },
  value: { amount: number; currency: string } | null,
): CustomsDocumentKind[] {
  if (!isInternational(route.originCountry, route.destinationCountry, route.destinationPostcode)) return [];
  const kinds: CustomsDocumentKind[] = [];
  if (service.customs.postalForms) {
    const gbp = value ? value.amount * (GBP_PER_UNIT[value.currency] ?? 1) : 0;
    kinds.push(gbp <= CN22_LIMIT_GBP ? 'CN22' : 'CN23');
  }
  if (service.customs.commercialInvoice) kinds.push('CommercialInvoice');
  return kinds;
}
