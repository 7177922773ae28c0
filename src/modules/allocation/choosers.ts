/**
 * How each allocation variant (spec §5.1) picks its service, as `Chooser`s for
 * allocateConsignment: cheapest of all enabled services (A1/A2), of a group (A3/A4), matching
 * filters (A7), one named service (A5), or a quote's service at the quoted price (A6).
 */
import { AppError } from '../../shared/errors.js';
import { documentOf } from '../consignments/consignment.js';
import type { Customer, Deps } from '../deps.js';
import type { Chooser, NoChoice, ServiceChoice } from './allocate-consignment.js';
import { eligibilityInput, loadCandidates } from './candidates.js';
import { cheapest, evaluate, noEligibleMessage, type ServiceFilters, type Verdict } from './eligibility.js';
import type { ServiceGroup } from './service-profile.js';
import { findQuote } from '../quotes/quotes.repo.js';

const toChoice = (v: Extract<Verdict, { eligible: true }>, group: ServiceGroup | null, quoteReference: string | null = null): ServiceChoice => ({
  carrier: v.candidate.carrier,
  service: v.candidate.service,
  group: group ? { reference: group.reference, name: group.name } : null,
  price: v.price,
  promise: v.promise,
  customsDocuments: v.customsDocuments,
  quoteReference,
});

export function cheapestChooser(deps: Deps, customer: Customer, options: { group?: ServiceGroup; filters?: ServiceFilters } = {}): Chooser {
  return async (consignment, tx) => {
    const group = options.group ?? null;
    const candidates = await loadCandidates(tx, customer.id, deps.carriers, group?.members);
    const input = eligibilityInput(documentOf(consignment), deps.clock.now(), options.filters);
    const verdicts = candidates.map((c) => evaluate(c, input));
    const best = cheapest(verdicts);
    if (best) return toChoice(best, group);
    const groupRef = group ? { reference: group.reference, name: group.name } : null;
    const message = group && candidates.length === 0 ? `Service group ${group.reference} has no services enabled for this account.` : noEligibleMessage(verdicts);
    return { failure: message, group: groupRef } satisfies NoChoice;
  };
}

export function namedServiceChooser(deps: Deps, customer: Customer, serviceReference: string): Chooser {
  return async (consignment, tx) => {
    const [candidate] = await loadCandidates(tx, customer.id, deps.carriers, [serviceReference]);
    if (!candidate) throw new AppError('CarrierServiceNotFound', `Carrier service ${serviceReference} is not available to this account.`);
    const verdict = evaluate(candidate, eligibilityInput(documentOf(consignment), deps.clock.now()));
    const named = { reference: candidate.service.reference, name: candidate.service.name };
    return verdict.eligible ? toChoice(verdict, null) : { failure: verdict.reason, service: named };
  };
}

/**
 * A6 (spec §13 rules): the quote must be the caller's, unexpired, and unbound or bound to this
 * consignment; its service is re-checked against the consignment as it is now, and the quoted
 * price is what the allocation records.
 */
export async function quoteChooser(deps: Deps, customer: Customer, consignmentReference: string, quoteReference: string): Promise<Chooser> {
  const stored = await findQuote(deps.db, customer.id, quoteReference);
  if (!stored) throw new AppError('QuoteNotFound', `Quote ${quoteReference} was not found.`, [], 404);
  if (stored.expiresAt < deps.clock.now().toISOString()) {
    throw new AppError('QuoteExpired', `Quote ${quoteReference} expired at ${stored.expiresAt}; ask for a new quote.`);
  }
  if (stored.consignmentReference !== null && stored.consignmentReference !== consignmentReference) {
    throw new AppError('QuoteConsignmentMismatch', `Quote ${quoteReference} was made for consignment ${stored.consignmentReference}, not ${consignmentReference}.`);
  }
  const serviceReference = stored.quote.MpdCarrierServiceReference;
  return async (consignment, tx) => {
    const [candidate] = await loadCandidates(tx, customer.id, deps.carriers, [serviceReference]);
    const named = { reference: serviceReference, name: stored.quote.MpdCarrierService };
    if (!candidate) return { failure: `Carrier service ${serviceReference} of quote ${quoteReference} is no longer available to this account.`, service: named };
    const verdict = evaluate(candidate, eligibilityInput(documentOf(consignment), deps.clock.now()));
    if (!verdict.eligible) return { failure: verdict.reason, service: named };
    return { ...toChoice(verdict, null, stored.quote.QuoteReference), price: stored.quote.Price };
  };
}
