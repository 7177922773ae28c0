/**
 * Bulk commands (cancel list, set (not) ready to ship, dispatch) answer per reference, in request
 * order, with HTTP 200 even when some failed (spec §1.12). Each reference is its own transaction,
 * so one failure never undoes another's success.
 */
import { AppError } from '../../shared/errors.js';
import { normaliseReference } from '../../shared/references.js';

export interface Outcome {
  /** The stored reference, or the text as sent when it is not a consignment reference. */
  reference: string;
  ok: boolean;
  /** 200 on success, else the status the single-consignment endpoint would have answered. */
  status: number;
  message: string;
  /** The caller has this consignment (it is linked in the answer). */
  found: boolean;
}

export async function forEachReference(raws: readonly string[], act: (reference: string) => Promise<string>): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const raw of raws) {
    const reference = normaliseReference(raw, 'EC');
    if (!reference) {
      outcomes.push({ reference: raw, ok: false, status: 400, message: `"${raw}" is not a consignment reference (EC-xxx-xxx-xxx).`, found: false });
      continue;
    }
    try {
      outcomes.push({ reference, ok: true, status: 200, message: await act(reference), found: true });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes.push({ reference, ok: false, status: error.status, message: error.message, found: error.code !== 'ConsignmentNotFound' });
    }
  }
  return outcomes;
}
