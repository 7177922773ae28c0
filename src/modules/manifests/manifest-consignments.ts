/**
 * Manifest Consignments (spec §8.1) — synchronous [DECIDE]: claim each listed consignment, send
 * each (shipping location, carrier) group to its carrier, finish, and answer one outcome per
 * listed reference in request order. A reference listed twice gets its first listing's answer.
 * 404 only when no listed reference is the caller's consignment.
 */
import { AppError } from '../../shared/errors.js';
import { normaliseReference } from '../../shared/references.js';
import { type Outcome, forEachReference } from '../consignments/bulk-outcomes.js';
import type { Customer, Deps } from '../deps.js';
import type { ClaimedConsignment } from './manifest.js';
import { claimForManifest, completeManifestRun } from './manifest-run.js';

export async function manifestConsignments(deps: Deps, customer: Customer, raws: readonly string[]): Promise<Outcome[]> {
  const keyOf = (raw: string) => normaliseReference(raw, 'EC') ?? raw;
  const unique = [...new Map(raws.map((raw) => [keyOf(raw), raw])).values()];
  const run = deps.ids.hex32();
  const claims: ClaimedConsignment[] = [];
  const claimed = await forEachReference(unique, async (reference) => {
    claims.push(await claimForManifest(deps, customer, reference, 'Running', run));
    return '';
  });

  if (claimed.every((o) => !o.found)) {
    const first = new Map(claimed.map((o) => [o.reference, o]));
    throw new AppError(
      'ConsignmentNotFound',
      unique.length === 1 ? claimed[0]!.message : `None of the ${unique.length} consignments was found.`,
      raws.map((raw, i) => ({ Code: 'ConsignmentNotFound', Target: `ConsignmentReferences[${i}]`, Message: first.get(keyOf(raw))!.message })),
    );
  }

  const results = await completeManifestRun(deps, customer, claims);
  const byKey = new Map<string, Outcome>();
  for (const o of claimed) {
    const result = o.ok ? results.get(o.reference) : undefined;
    byKey.set(o.reference, result ? { ...o, ok: result.ok, status: result.ok ? 200 : 400, message: result.message } : o);
  }
  return raws.map((raw) => byKey.get(keyOf(raw))!);
}
