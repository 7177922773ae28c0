/**
 * The behaviour both simulated carriers share: bookings, manifests and cancels that succeed unless
 * a switch says otherwise, and tracking journeys that advance one step per poll. Each carrier
 * supplies its services, its tracking-number scheme and its native event codes.
 */
import {
  type Booking, type CarrierAdapter, type CarrierContext, CarrierError, type CarrierEvent, type CarrierServiceDefinition,
  type StandardEventCode, type StateEventCode, isStateEventCode,
} from '../carrier.js';
import { FAILURE_METADATA_KEY, STEP_DESCRIPTIONS, journeyOf } from './journeys.js';

export interface SimulatedCarrierSpec {
  reference: string;
  name: string;
  services: readonly CarrierServiceDefinition[];
  parcelNumber(packageReference: string): string;
  consignmentNumber(consignmentReference: string, parcelNumbers: readonly string[]): string;
  /** Standard code → the carrier's native code. */
  nativeCodes: Readonly<Partial<Record<StateEventCode, string>>>;
  depot: string;
}

/** Settings of a simulated carrier account: switches that make calls fail, for tests and demos. */
export interface SimulatedSettings {
  failBooking?: boolean | string;
  failManifest?: boolean | string;
  failCancel?: boolean | string;
}

type Operation = 'Booking' | 'Manifest' | 'Cancel';

function failure(settings: Readonly<Record<string, unknown>>, metaData: ReadonlyMap<string, string>, operation: Operation, carrier: string): string | null {
  const key = `fail${operation}`;
  const switched = settings[key];
  const perConsignment = metaData.get(FAILURE_METADATA_KEY.toLowerCase())?.split(',').map((s) => s.trim().toLowerCase()) ?? [];
  if (switched === undefined || switched === false) {
    if (!perConsignment.includes(operation.toLowerCase())) return null;
  }
  if (typeof switched === 'string' && switched.length > 0) return switched;
  return operation === 'Booking'
    ? `Could not be booked with courier: ${carrier} refused the booking (simulated failure).`
    : `${carrier} refused the ${operation.toLowerCase()} (simulated failure).`;
}

export function simulatedCarrier(spec: SimulatedCarrierSpec): CarrierAdapter {
  const toStandard = new Map<string, StateEventCode>(
    Object.entries(spec.nativeCodes).map(([standard, native]) => [native!, standard as StateEventCode]),
  );
  return {
    reference: spec.reference,
    name: spec.name,
    services: spec.services,

    normaliseEvent(code: string): StandardEventCode {
      const standard = toStandard.get(code.toUpperCase()) ?? (isStateEventCode(code) ? code : undefined);
      return standard ?? 'Information';
    },

    async book(request, ctx: CarrierContext): Promise<Booking> {
      const refused = failure(ctx.settings, request.metaData, 'Booking', spec.name);
      if (refused) throw new CarrierError(refused);
      const parcels = request.parcels.map((p) => ({ reference: p.reference, trackingNumber: spec.parcelNumber(p.reference) }));
      const trackingNumber = spec.consignmentNumber(request.consignmentReference, parcels.map((p) => p.trackingNumber));
      return { trackingNumber, parcels, carrierBookingId: `${spec.reference}-${request.consignmentReference}` };
    },

    async cancel(booking, ctx) {
      const refused = failure(ctx.settings, booking.metaData, 'Cancel', spec.name);
      if (refused) throw new CarrierError(refused);
    },

    async manifest(request, ctx) {
      const rejected = request.consignments
        .map((c) => ({ reference: c.reference, message: failure(ctx.settings, c.metaData, 'Manifest', spec.name) }))
        .filter((r): r is { reference: string; message: string } => r.message !== null);
      const day = ctx.now().toISOString().slice(0, 10).replaceAll('-', '');
      return { carrierManifestId: `${spec.reference}-${request.shippingLocationReference}-${day}-${request.consignments.length}`, rejected };
    },

    async track(request, ctx): Promise<CarrierEvent[]> {
      const events: CarrierEvent[] = [];
      const at = new Date(ctx.now().getTime());
      for (const parcel of request.parcels) {
        const journey = journeyOf(parcel.metaData);
        const done = request.recorded.get(parcel.trackingNumber) ?? 0;
        const step = journey[done];
        if (!step) continue;
        events.push({
          trackingNumber: parcel.trackingNumber,
          code: spec.nativeCodes[step] ?? step,
          description: STEP_DESCRIPTIONS[step] ?? step,
          timestamp: at.toISOString(),
          location: step === 'Collected' ? 'Sender' : spec.depot,
          ...(step === 'Delivered' ? { signedBy: 'J. SMITH' } : {}),
        });
      }
      return events;
    },
  };
}
