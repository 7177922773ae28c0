import { AppError } from '../../shared/errors.js';
import { normaliseReference } from '../../shared/references.js';
import type { Customer, Deps } from '../deps.js';
import { changeOrder } from './change-order.js';
import { lookUpReferences } from './create-order.js';
import { applyOrderUpdate } from './normalise-order.js';
import type { UpdateOrderBody } from './orders.schemas.js';

/** Update Order (spec §2.4). The body must name the same order as the path. */
export async function updateOrder(deps: Deps, customer: Customer, reference: string, body: UpdateOrderBody): Promise<void> {
  const bodyReference = body.OrderReference?.trim();
  if (!bodyReference) {
    throw new AppError('ReferenceRequired', 'OrderReference is required.', [
      { Code: 'ReferenceRequired', Target: 'OrderReference', Message: 'OrderReference is required.' },
    ]);
  }
  if (normaliseReference(bodyReference, 'EO') !== reference) {
    throw new AppError('ReferenceMismatch', `OrderReference ${bodyReference} does not match the order in the path, ${reference}.`, [
      { Code: 'ReferenceMismatch', Target: 'OrderReference', Message: 'Must equal the path reference.' },
    ]);
  }
  const known = await lookUpReferences(deps, customer, { Addresses: body.Addresses });
  await changeOrder(deps, customer, reference, (current) => applyOrderUpdate(current, body, known));
}
