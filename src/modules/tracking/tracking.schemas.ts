/** The tracking wire shapes (spec §9.1–§9.3) as TypeBox schemas. */
import { type Static, Type } from '@sinclair/typebox';
import { Opt, Str } from '../../shared/wire/schema-helpers.js';

/** One post names at most this many consignments, packages per consignment and events per package. */
export const MAX_CONSIGNMENTS = 1000;
export const MAX_PACKAGES = 100;
export const MAX_EVENTS = 100;

export const TrackingEventInput = Type.Object({
  TimeStamp: Type.String({ maxLength: 40, description: 'ISO 8601 date-time; no offset = UTC' }),
  Code: Type.String({ minLength: 1, maxLength: 100, description: "The carrier's event code; normalised by the carrier's adapter" }),
  Description: Str(1000),
  SignedBy: Opt(Str(200)),
  Location: Opt(Str(200)),
});
export type TrackingEventInput = Static<typeof TrackingEventInput>;

export const PackageTrackingEventsInput = Type.Object({
  PackageReference: Type.String({ minLength: 1, maxLength: 64, description: 'EP- reference or the package tracking number' }),
  TrackingEvents: Type.Array(TrackingEventInput, { maxItems: MAX_EVENTS }),
});

export const ConsignmentTrackingEventsInput = Type.Object({
  ConsignmentTrackingReference: Type.String({ minLength: 1, maxLength: 64, description: 'EC- reference or a tracking number' }),
  PackageTrackingEvents: Type.Array(PackageTrackingEventsInput, { maxItems: MAX_PACKAGES }),
});

export const CarrierEventsBody = Type.Object({
  CarrierReference: Type.String({ minLength: 1, maxLength: 64 }),
  ConsignmentTrackingEvents: Type.Array(ConsignmentTrackingEventsInput, { maxItems: MAX_CONSIGNMENTS }),
});
export type CarrierEventsBody = Static<typeof CarrierEventsBody>;
