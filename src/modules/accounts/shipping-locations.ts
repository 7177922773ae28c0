/** Shipping locations (spec §11): the customer's warehouses and stores, referenced by code from addresses. */
import { type Static, Type } from '@sinclair/typebox';
import { Problems } from '../../shared/errors.js';
import type { AddressBody } from '../../shared/wire/model.js';
import { addressBody, text } from '../../shared/wire/normalise.js';
import { Opt, Str, StringEnum } from '../../shared/wire/schema-helpers.js';
import { AddressFields } from '../../shared/wire/types.js';

export const LOCATION_TYPES = ['DistributionCentre', 'Office', 'Store', 'Warehouse'] as const;

const { ShippingLocationReference: _ignored, ...locationAddressFields } = AddressFields;
export const ShippingLocationInput = Type.Object({
  Reference: Opt(Str(100)),
  Name: Opt(Str(255)),
  ShippingLocationType: Opt(StringEnum(LOCATION_TYPES, { numbers: [0, 1, 2, 3] })),
  DefaultLocationForReturns: Opt(Type.Boolean()),
  Notes: Opt(Str(2000)),
  TimeZone: Opt(Str(64)),
  ...locationAddressFields,
});
export type ShippingLocationInput = Static<typeof ShippingLocationInput>;

export interface ShippingLocation extends Omit<AddressBody, 'ShippingLocationReference'> {
  Reference: string;
  Name: string | null;
  ShippingLocationType: (typeof LOCATION_TYPES)[number];
  DefaultLocationForReturns: boolean;
  Notes: string | null;
  /** IANA zone, for cut-offs and "same day" rules later. */
  TimeZone: string;
}

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A location's own address must be complete: it is what consignments copy. */
export function normaliseShippingLocation(input: ShippingLocationInput, reference: string | null): ShippingLocation {
  const problems = new Problems();
  const ref = reference ?? text(input.Reference);
  if (!ref) problems.add('ReferenceRequired', 'Reference', 'Reference is required.');
  const { ShippingLocationReference: _none, ...address } = addressBody(input, problems, '');
  const zone = text(input.TimeZone) ?? 'Europe/London';
  if (!validTimeZone(zone)) problems.add('ValidationFailed', 'TimeZone', `"${zone}" is not an IANA time zone.`);
  problems.throwIfAny();
  return {
    Reference: ref!,
    Name: text(input.Name),
    ShippingLocationType: input.ShippingLocationType ?? 'Warehouse',
    DefaultLocationForReturns: input.DefaultLocationForReturns ?? false,
    Notes: text(input.Notes),
    TimeZone: zone,
    ...address,
  };
}
