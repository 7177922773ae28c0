/**
 * Event → state rules (spec §9.4) as pure functions: which states tracking may move, what state a
 * package and a consignment are in given their events, and which dates the events set.
 */
import { isStateEventCode, type StateEventCode } from '../../carriers/carrier.js';
import type { ConsignmentDocument } from '../consignments/consignment.js';
import type { ConsignmentState } from '../consignments/consignment-state.js';
import { isShipped } from '../consignments/consignment-state.js';

/** One stored event, in the order it was recorded (ties on `at` go to the later-recorded one). */
export interface RecordedEvent {
  /** The package (`EP-…`) it belongs to. */
  parcel: string;
  /** Standard code: a state-bearing one (STATE_EVENT_CODES) or anything else (informational). */
  code: string;
  /** UTC instant, ISO 8601. */
  at: string;
}

/**
 * States tracking events move (spec §9.4): the pre-manifest ones too, because carriers sometimes
 * scan parcels before the manifest arrives. Unallocated, AllocationFailed, the transient states and
 * Cancelled keep their events without any state effect.
 */
const PRE_SHIPPED_TRACKED: ReadonlySet<ConsignmentState> = new Set(['Allocated', 'ReadyToShip', 'Manifested', 'ManifestFailed']);
export const tracksState = (state: ConsignmentState): boolean => PRE_SHIPPED_TRACKED.has(state) || isShipped(state);

/**
 * "Most advanced", least to most, for packages that are neither delivered nor lost, missing or
 * damaged (those have rules of their own). Phases: collection, trunk, last mile; within a phase a
 * trouble state ranks above the normal one, so a consignment shows the package that needs attention.
 */
export const PROGRESS = [
  'Dispatched', 'CarrierUnableToCollect', 'CollectionFailed', 'AtDropOffPoint', 'Collected',
  'InTransit', 'InTransitWaiting', 'Delayed', 'HeldByCarrier', 'AtCustoms', 'ActionRequired',
  'OutForDelivery', 'DeliveryFailedCardLeft', 'AtCollectionPoint', 'DeliveryFailed', 'ExchangeFailed', 'ReturnToSender',
] as const satisfies readonly StateEventCode[];

/** Delivered in some form: all packages → that state; some → PartiallyDelivered. */
export const DELIVERED = ['Delivered', 'DeliveredDamaged'] as const satisfies readonly StateEventCode[];
/** Any of these with nothing delivered → that state; the gravest first when packages differ. */
export const GONE_WRONG = ['Lost', 'Missing', 'Damaged'] as const satisfies readonly StateEventCode[];

const FAILED_ATTEMPTS: ReadonlySet<string> = new Set(['DeliveryFailed', 'DeliveryFailedCardLeft']);
const COLLECTION_PROOF: ReadonlySet<string> = new Set(['Collected', 'InTransit']);

const isIn = <T extends string>(list: readonly T[], code: string | null): code is T => code !== null && (list as readonly string[]).includes(code);
const byTime = (events: readonly RecordedEvent[]) =>
  events.map((e, seq) => ({ e, seq })).sort((a, b) => (a.e.at < b.e.at ? -1 : a.e.at > b.e.at ? 1 : a.seq - b.seq)).map((x) => x.e);

/** A package's state: the code of its latest state-bearing event, or null while it has none. */
export function parcelState(events: readonly RecordedEvent[]): StateEventCode | null {
  const bearing = byTime(events).filter((e) => isStateEventCode(e.code));
  return (bearing.at(-1)?.code as StateEventCode | undefined) ?? null;
}

/**
 * The consignment's state from its packages' states (null = no state-bearing event yet), or null
 * when no package has one.
 */
export function consignmentStateOf(states: readonly (StateEventCode | null)[]): ConsignmentState | null {
  const known = states.filter((s): s is StateEventCode => s !== null);
  if (known.length === 0) return null;
  const delivered = states.filter((s) => isIn(DELIVERED, s));
  if (delivered.length === states.length) return delivered.includes('DeliveredDamaged') ? 'DeliveredDamaged' : 'Delivered';
  if (delivered.length > 0) return 'PartiallyDelivered';
  const gone = GONE_WRONG.find((g) => known.includes(g));
  if (gone) return gone;
  return known.reduce((best, s) => (PROGRESS.indexOf(s as never) > PROGRESS.indexOf(best as never) ? s : best));
}

export type TrackingDates = Pick<
  ConsignmentDocument,
  'DateCollected' | 'DateShipped' | 'FirstAttemptedDeliveryDate' | 'AttemptedDeliveryDate' | 'DateDelivered' | 'DateReturned'
>;

export interface TrackingOutcome {
  state: ConsignmentState;
  dates: TrackingDates;
}

/**
 * Where a consignment stands after its events. `parcels` are its packages (in document order);
 * events of other packages are ignored. A state tracking does not move is returned unchanged.
 */
export function applyTracking(current: TrackingOutcome, parcels: readonly string[], events: readonly RecordedEvent[]): TrackingOutcome {
  if (!tracksState(current.state)) return current;
  const own = byTime(events.filter((e) => parcels.includes(e.parcel)));
  const states = parcels.map((p) => parcelState(own.filter((e) => e.parcel === p)));
  const state = consignmentStateOf(states) ?? current.state;
  const first = (codes: ReadonlySet<string>) => own.find((e) => codes.has(e.code))?.at ?? null;
  const last = (codes: ReadonlySet<string>) => own.findLast((e) => codes.has(e.code))?.at ?? null;

  const d = current.dates;
  const collected = first(COLLECTION_PROOF);
  const lastAttempt = last(FAILED_ATTEMPTS);
  const dates: TrackingDates = {
    // An InTransit scan proves collection too: carriers do not always send a Collected scan.
    DateCollected: d.DateCollected ?? collected,
    DateShipped: d.DateShipped ?? collected,
    FirstAttemptedDeliveryDate: d.FirstAttemptedDeliveryDate ?? first(FAILED_ATTEMPTS),
    AttemptedDeliveryDate: [d.AttemptedDeliveryDate, lastAttempt].filter((x): x is string => x !== null).sort().at(-1) ?? null,
    // When the last package arrived: the latest delivery among the packages.
    DateDelivered: d.DateDelivered ?? (isIn(DELIVERED, state) ? last(new Set(DELIVERED)) : null),
    DateReturned: d.DateReturned ?? first(new Set(['ReturnToSender'])),
  };
  return { state, dates };
}

export function sameOutcome(a: TrackingOutcome, b: TrackingOutcome): boolean {
  return a.state === b.state && (Object.keys(a.dates) as (keyof TrackingDates)[]).every((k) => a.dates[k] === b.dates[k]);
}
