/**
 * Dates (spec §1.11): any ISO 8601 date-time, with or without an offset (none = UTC), or a date
 * alone (midnight UTC). Stored and emitted as a UTC instant with milliseconds.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

export function parseInstant(raw: string): string | null {
  const m = ISO.exec(raw.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  // A day that does not exist in its month (2021-02-30) would roll over in Date: reject it.
  const lastDay = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
  if (Number(d) > lastDay) return null;
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const ms = (frac + '000').slice(0, 3);
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** `hh:mm` or `hh:mm:ss`, as in a delivery window. */
export function parseTimeOfDay(raw: string): string | null {
  const m = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(raw.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) return null;
  return `${m[1]}:${m[2]}:${m[3] ?? '00'}`;
}

export function parseUtcOffset(raw: string): string | null {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(raw.trim());
  if (!m || Number(m[2]) > 14 || Number(m[3]) > 59) return null;
  return `${m[1]}${m[2]}:${m[3]}`;
}
