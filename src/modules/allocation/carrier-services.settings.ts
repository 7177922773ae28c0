/** A carrier account's settings as the admin endpoint takes them (Packline extension to spec §12). */
import { Problems } from '../../shared/errors.js';

/** Keys the simulated carriers read (simulated-carrier.ts); spelt as the adapter expects whatever case was sent. */
const SWITCHES = ['failBooking', 'failManifest', 'failCancel'];

/**
 * Carrier account settings: a flat object of scalars, handed to the adapter as they are. The
 * failure switches must be a boolean or a message (anything else would fail every call).
 */
export function normaliseCarrierSettings(input: Record<string, unknown>): Record<string, unknown> {
  const problems = new Problems();
  const out: Record<string, unknown> = Object.create(null);
  for (const [rawKey, value] of Object.entries(input)) {
    const key = SWITCHES.find((s) => s.toLowerCase() === rawKey.trim().toLowerCase()) ?? rawKey.trim();
    if (!key || key.length > 100) {
      problems.add('ValidationFailed', rawKey.trim().slice(0, 100) || '(empty name)', 'Setting names must be 1 to 100 characters.');
    } else if (Object.hasOwn(out, key)) {
      problems.add('ValidationFailed', key, `"${key}" is given twice.`);
    } else if (SWITCHES.includes(key) && typeof value !== 'boolean' && typeof value !== 'string') {
      problems.add('InvalidType', key, `${key} must be true, false or a failure message.`);
    } else if (!(value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.length <= 1000))) {
      problems.add('InvalidType', key, `${key} must be a string of at most 1000 characters, a number, a boolean or null.`);
    } else {
      out[key] = value;
    }
  }
  problems.throwIfAny();
  return out;
}
