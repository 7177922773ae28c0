/**
 * Manifest From Query's body (spec §8.2) → a typed query, or 400 `InvalidManifestQuery` naming
 * every bad field. Pure; the repository turns the query into SQL on the consignment search columns.
 */
import { AppError, Problems } from '../../shared/errors.js';
import { parseInstant } from '../../shared/wire/dates.js';
import { parseState } from '../consignments/consignment-state.js';

/** The states a query may select: the states Manifest accepts (§8.1, §17 #23). */
export const MANIFESTABLE_STATES = ['Allocated', 'ManifestFailed', 'ReadyToShip'] as const;
export type ManifestableState = (typeof MANIFESTABLE_STATES)[number];

export interface ManifestQueryBody {
  States?: string[] | null;
  ShippingLocationReferences?: string[] | null;
  /** The help page's singular spelling (§17 #24): one reference or a list. */
  ShippingLocationReference?: string | string[] | null;
  Carriers?: string[] | null;
  LabelsPrinted?: boolean | null;
  ShippingDate?: string | null;
  ShippingDateRanges?: { StartDate?: string | null; EndDate?: string | null } | null;
}

export interface ManifestQuery {
  states: ManifestableState[];
  /** null = any location. */
  shippingLocations: string[] | null;
  /** Carrier references, upper case; null = any carrier. */
  carriers: string[] | null;
  labelsPrinted: boolean | null;
  /** Inclusive bounds on the shipping date (UTC instants), all of which must hold. */
  shippingDate: { from: string; to: string }[];
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** The whole calendar day `raw` falls on, in the offset it was written with (none = UTC). */
export function dayOf(raw: string): { from: string; to: string } | null {
  const instant = parseInstant(raw);
  if (!instant) return null;
  const zone = /(Z|[+-]\d{2}:?\d{2})$/i.exec(raw.trim())?.[1] ?? 'Z';
  const from = DATE_ONLY.test(raw.trim()) ? instant : parseInstant(`${raw.trim().slice(0, 10)}T00:00:00${zone}`);
  if (!from) return null;
  return { from, to: new Date(Date.parse(from) + DAY_MS - 1).toISOString() };
}

export function parseManifestQuery(body: ManifestQueryBody): ManifestQuery {
  const problems = new Problems();
  const bad = (target: string, message: string) => problems.add('InvalidManifestQuery', target, message);

  const states: ManifestableState[] = [];
  if (!body.States || body.States.length === 0) {
    bad('States', `States is required: one or more of ${MANIFESTABLE_STATES.join(', ')}.`);
  } else {
    body.States.forEach((raw, i) => {
      const state = parseState(raw);
      if (state && (MANIFESTABLE_STATES as readonly string[]).includes(state)) {
        if (!states.includes(state as ManifestableState)) states.push(state as ManifestableState);
      } else bad(`States[${i}]`, `"${raw}" cannot be manifested; States may hold ${MANIFESTABLE_STATES.join(', ')}.`);
    });
  }

  const singular = body.ShippingLocationReference;
  const locations = [...(body.ShippingLocationReferences ?? []), ...(singular === null || singular === undefined ? [] : [singular].flat())]
    .map((s) => s.trim()).filter(Boolean);
  const carriers = (body.Carriers ?? []).map((s) => s.trim().toUpperCase()).filter(Boolean);

  const shippingDate: ManifestQuery['shippingDate'] = [];
  if (body.ShippingDate) {
    const day = dayOf(body.ShippingDate);
    if (day) shippingDate.push(day);
    else bad('ShippingDate', 'Expected an ISO 8601 date or date-time, such as 2026-12-07.');
  }
  const range = body.ShippingDateRanges;
  if (range && (range.StartDate || range.EndDate)) {
    const from = range.StartDate ? parseInstant(range.StartDate) : new Date(0).toISOString();
    // An end given as a date alone takes in that whole day (inclusive, as the search filters do).
    const to = range.EndDate ? (DATE_ONLY.test(range.EndDate.trim()) ? dayOf(range.EndDate)?.to ?? null : parseInstant(range.EndDate)) : '9999-12-31T23:59:59.999Z';
    if (!from) bad('ShippingDateRanges.StartDate', 'Expected an ISO 8601 date or date-time, such as 2026-12-07.');
    if (!to) bad('ShippingDateRanges.EndDate', 'Expected an ISO 8601 date or date-time, such as 2026-12-08.');
    if (from && to) {
      if (from > to) bad('ShippingDateRanges', 'StartDate is after EndDate.');
      else shippingDate.push({ from, to });
    }
  }
  if (problems.any) {
    const first = problems.list[0]!;
    const message = problems.list.length === 1 ? first.Message : `The manifest query has ${problems.list.length} problems; see Details.`;
    throw new AppError('InvalidManifestQuery', message, problems.list);
  }
  return {
    states,
    shippingLocations: locations.length > 0 ? [...new Set(locations)] : null,
    carriers: carriers.length > 0 ? [...new Set(carriers)] : null,
    labelsPrinted: typeof body.LabelsPrinted === 'boolean' ? body.LabelsPrinted : null,
    shippingDate,
  };
}
