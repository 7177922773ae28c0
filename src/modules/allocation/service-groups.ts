/**
 * Service groups (spec §12 `MpdCarrierServiceGroup`): a named set of the customer's carrier
 * services that allocation by group (A3/A4) chooses among. The body rules are here; the wire
 * shapes are in service-groups.present.ts.
 */
import { AppError, Problems } from '../../shared/errors.js';
import { text } from '../../shared/wire/normalise.js';
import { index } from '../../shared/wire/paths.js';
import type { ServiceGroupInput } from './carrier-services.schemas.js';
import type { ServiceGroup } from './service-profile.js';

/**
 * Group references ("Service Group Code", e.g. `valuableGoods`) are sent in paths and allocation
 * bodies, so they are kept URL-safe: a letter or digit, then letters, digits, `_`, `-` or `.`, at
 * most 50 in all. `summaries` is taken by `GET /servicegroups/summaries`.
 */
const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,49}$/;
const RESERVED = new Set(['summaries']);

export function isGroupReference(reference: string): boolean {
  return REFERENCE.test(reference) && !RESERVED.has(reference.toLowerCase());
}

/**
 * The group a create (`pathReference` null) or an update sends. `services` maps the customer's
 * service references, upper-cased, to their spelling; members outside it are refused.
 */
export function normaliseServiceGroup(input: ServiceGroupInput, pathReference: string | null, services: ReadonlyMap<string, string>): ServiceGroup {
  const problems = new Problems();
  const sent = text(input.Reference);
  let reference = pathReference ?? sent ?? '';
  if (pathReference === null) {
    if (!sent) problems.add('ReferenceRequired', 'Reference', 'Reference is required.');
    else if (!isGroupReference(sent)) {
      problems.add('InvalidReference', 'Reference', `Reference "${sent}" must be 1 to 50 letters, digits, "_", "-" or "." starting with a letter or digit (and not "summaries").`);
    }
  } else if (sent && sent.toLowerCase() !== pathReference.toLowerCase()) {
    problems.add('ReferenceMismatch', 'Reference', `Reference "${sent}" does not match the path's "${pathReference}"; a group cannot be renamed.`);
    reference = pathReference;
  }
  const name = text(input.Name);
  if (!name) problems.add('FieldRequired', 'Name', 'Name is required.');
  const members: string[] = [];
  const refs = input.MpdCarrierServiceReferences;
  if (!refs || refs.length === 0) problems.add('FieldRequired', 'MpdCarrierServiceReferences', 'A group needs at least one carrier service.');
  refs?.forEach((raw, i) => {
    const ref = text(raw);
    const known = ref ? services.get(ref.toUpperCase()) : undefined;
    if (!known) {
      problems.add('CarrierServiceNotFound', index('MpdCarrierServiceReferences', i),
        ref ? `Carrier service "${ref}" is not one of yours (see GET /carrierservices).` : 'A carrier service reference is required.');
    } else if (!members.includes(known)) {
      members.push(known);
    }
  });
  if (problems.any) {
    // A service named in the body that the customer lacks is a bad body (400), not a missing resource (404).
    const error = AppError.validation(problems.list);
    throw new AppError(error.code, error.message, error.details, 400);
  }
  return { reference, name: name!, enabled: input.IsEnabled ?? true, members };
}
