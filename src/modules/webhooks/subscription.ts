/** A subscription's URL and event types, checked (pure): what POST and PUT /webhooks accept. */
import type { Problems } from '../../shared/errors.js';
import { ALL_TYPES, EVENT_TYPES } from './webhook-events.js';

const KNOWN = new Map<string, string>([...EVENT_TYPES, ALL_TYPES].map((t) => [t.toLowerCase(), t]));

/**
 * http or https, a host, and no user name or password: the URL is shown in listings and logs, so
 * it must carry no credentials (the signature authenticates us to the receiver instead).
 */
export function checkUrl(raw: string, problems: Problems, target = 'Url'): string | undefined {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problems.add('ValidationFailed', target, 'Url must be an absolute http or https URL.');
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') problems.add('ValidationFailed', target, 'Url must use http or https.');
  else if (!url.hostname) problems.add('ValidationFailed', target, 'Url must name a host.');
  else if (url.username || url.password) problems.add('ValidationFailed', target, 'Url must not contain a user name or password.');
  else return url.href;
  return undefined;
}

/** Event type names in any case → their spelling; at least one; `*` alone means every type. */
export function checkEventTypes(raw: readonly string[], problems: Problems, target = 'EventTypes'): string[] | undefined {
  if (raw.length === 0) {
    problems.add('FieldRequired', target, `EventTypes needs at least one event type (${EVENT_TYPES.join(', ')}) or "*".`);
    return undefined;
  }
  const out: string[] = [];
  let ok = true;
  raw.forEach((name, i) => {
    const known = KNOWN.get(String(name).trim().toLowerCase());
    if (!known) {
      ok = false;
      problems.add('InvalidEnumValue', `${target}[${i}]`, `"${String(name).slice(0, 50)}" is not an event type. Use one of ${EVENT_TYPES.join(', ')}, or "*".`);
    } else if (!out.includes(known)) out.push(known);
  });
  if (!ok) return undefined;
  return out.includes(ALL_TYPES) ? [ALL_TYPES] : out;
}
