/**
 * Update Consignment (spec §4.6): one object or a list, all in one transaction — either every
 * element is applied, in order, or none is. The first element that fails decides the answer;
 * field paths carry its index (`[1].Packages[0].Value`) when the body was a list.
 */
import { allocateReferences } from '../../db/references.js';
import { writeTransaction } from '../../db/transaction.js';
import { AppError, Problems } from '../../shared/errors.js';
import { normaliseReference } from '../../shared/references.js';
import { text } from '../../shared/wire/normalise.js';
import { field, index } from '../../shared/wire/paths.js';
import type { Customer, Deps } from '../deps.js';
import { applyConsignmentUpdate, describeChanges } from './apply-consignment-update.js';
import { bodyError, changeConsignment } from './change-consignment.js';
import { documentOf } from './consignment.js';
import { lookUpReferences } from './consignment-lookups.js';
import type { UpdateConsignmentBody } from './consignments.schemas.js';

export async function updateConsignments(deps: Deps, customer: Customer, bodies: UpdateConsignmentBody[], single: boolean): Promise<string[]> {
  const pathOf = (i: number) => (single ? '' : index('', i));
  const problems = new Problems();
  const references = bodies.map((b, i) => bodyReference(b, problems, field(pathOf(i), 'Reference')));
  if (problems.any) throw bodyError(AppError.validation(problems.list));
  const lookups = await lookUpReferences(deps.db, customer, bodies);

  return writeTransaction(deps.db, deps.dialect, async (tx) => {
    const updated: string[] = [];
    for (const [i, body] of bodies.entries()) {
      const reference = references[i]!;
      await changeConsignment(tx, deps, customer, reference, 'Edit', async (current) => {
        const before = documentOf(current);
        const rules = new Problems();
        const after = applyConsignmentUpdate(before, body, lookups, rules, pathOf(i), deps.ids.hex32);
        if (rules.any) throw bodyError(AppError.validation(rules.list));
        const added = after.Packages.filter((p) => p.Reference === '');
        const packageReferences = await allocateReferences(tx, deps.dialect, 'EP', added.length);
        added.forEach((p, k) => (p.Reference = packageReferences[k]!));
        return { document: after, audit: { action: 'Updated', message: `Consignment ${reference} updated`, details: describeChanges(before, after) }, result: undefined };
      });
      updated.push(reference);
    }
    return updated;
  });
}

function bodyReference(body: UpdateConsignmentBody, problems: Problems, at: string): string | null {
  const raw = text(body.Reference);
  if (!raw) {
    problems.add('ReferenceRequired', at, 'Reference is required: the consignment to update.');
    return null;
  }
  const reference = normaliseReference(raw, 'EC');
  if (!reference) problems.add('InvalidReference', at, `"${raw}" is not a consignment reference (EC-xxx-xxx-xxx).`);
  return reference;
}
