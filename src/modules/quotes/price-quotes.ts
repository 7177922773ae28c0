/**
 * Quotes (spec §13): every enabled service run through the eligibility pipeline (§5.4); the ones
 * that qualify become quotes (stored, so Allocate With Quote can use them until they expire), the
 * others are listed as `UnqualifiedServices` with the reason.
 */
import { AppError, Problems } from '../../shared/errors.js';
import { eligibilityInput, loadCandidates } from '../allocation/candidates.js';
import { type Verdict, evaluate } from '../allocation/eligibility.js';
import { listServiceGroups } from '../allocation/carrier-services.repo.js';
import { bodyError } from '../consignments/change-consignment.js';
import { type ConsignmentDocument, documentOf } from '../consignments/consignment.js';
import { lookUpReferences } from '../consignments/consignment-lookups.js';
import type { CreateConsignmentBody } from '../consignments/consignments.schemas.js';
import { findConsignment } from '../consignments/consignments.repo.js';
import { consignmentNotFound } from '../consignments/load-consignment.js';
import { normaliseNewConsignment } from '../consignments/normalise-consignment.js';
import type { Customer, Deps } from '../deps.js';
import { type Quote, insertQuotes } from './quotes.repo.js';

export interface UnqualifiedService {
  Available: boolean;
  Rates: unknown[];
  MpdCarrierService: string;
  CarrierReference: string;
  MpdCarrierServiceReference: string;
  ExclusionReason: string;
}

export interface QuoteResult {
  QuoteRequestReference: string;
  Quotes: Quote[];
  Message: string;
  UnqualifiedServices: UnqualifiedService[];
}

/** A quote is good until the end of its collection day (UTC): the docs' example expires at the next midnight. */
function expiryOf(collectionDate: Date): string {
  return new Date(Date.UTC(collectionDate.getUTCFullYear(), collectionDate.getUTCMonth(), collectionDate.getUTCDate() + 1) - 1).toISOString();
}

function quoteOf(deps: Deps, customer: Customer, v: Extract<Verdict, { eligible: true }>, doc: ConsignmentDocument, consignmentReference: string, now: string): Quote {
  const { carrier, service } = v.candidate;
  return {
    QuoteReference: deps.ids.uuid(),
    CreationDate: now,
    ExpiryDate: expiryOf(v.promise.collectionDate),
    Requestor: customer.actor ?? null,
    ConsignmentReference: consignmentReference,
    ConsignmentReferenceProvidedByCustomer: doc.ConsignmentReferenceProvidedByCustomer,
    MpdCarrierServiceReference: service.reference,
    MpdCarrierService: service.name,
    MpdCarrierServiceSource: 'Internal',
    CarrierReference: carrier.reference,
    OriginAddress: doc.Addresses.find((a) => a.AddressType === 'Origin') ?? null,
    DestinationAddress: doc.Addresses.find((a) => a.AddressType === 'Destination') ?? null,
    CollectionDate: v.promise.collectionDate.toISOString(),
    EarliestDeliveryDate: v.promise.earliestDelivery.toISOString(),
    LatestDeliveryDate: v.promise.latestDelivery.toISOString(),
    BasePrice: v.price,
    Price: v.price,
    Surcharges: [],
    Legs: [{ Leg: 1, CarrierReference: carrier.reference, CarrierName: carrier.name, CarrierServiceReference: service.code, CarrierServiceName: service.name }],
    CarrierAccountOwner: 'Customer',
    IsElectioService: false,
    ServiceDirection: service.directions.join(', '),
  };
}

/** Prices `doc` against `only` (all enabled services when absent); stores the quotes. */
async function price(deps: Deps, customer: Customer, doc: ConsignmentDocument, consignmentReference: string, only?: readonly string[]): Promise<QuoteResult> {
  const now = deps.clock.now();
  const candidates = (await loadCandidates(deps.db, customer.id, deps.carriers, only)).filter((c) => c.profile.enabled);
  const input = eligibilityInput(doc, now);
  const verdicts = candidates.map((c) => evaluate(c, input));
  const quotes = verdicts
    .filter((v): v is Extract<Verdict, { eligible: true }> => v.eligible)
    .sort((a, b) => a.price.Net - b.price.Net || a.candidate.service.reference.localeCompare(b.candidate.service.reference))
    .map((v) => quoteOf(deps, customer, v, doc, consignmentReference, now.toISOString()));
  const unqualified = verdicts.filter((v): v is Extract<Verdict, { eligible: false }> => !v.eligible).map((v) => ({
    Available: v.stage !== 'Capability',
    Rates: [],
    MpdCarrierService: v.candidate.service.name,
    CarrierReference: v.candidate.carrier.reference,
    MpdCarrierServiceReference: v.candidate.service.reference,
    ExclusionReason: v.reason,
  }));
  const requestReference = deps.ids.uuid();
  await insertQuotes(deps.db, customer.id, requestReference, consignmentReference || null, quotes);
  const message = quotes.length > 0
    ? `${quotes.length} quote(s) found; ${unqualified.length} service(s) did not qualify.`
    : candidates.length === 0 ? 'No carrier service is enabled for this account.' : `No service qualified; ${unqualified.length} service(s) did not qualify.`;
  return { QuoteRequestReference: requestReference, Quotes: quotes, Message: message, UnqualifiedServices: unqualified };
}

/** A consignment body as Create Consignment takes it, checked the same way, never stored. */
async function documentFromBody(deps: Deps, customer: Customer, body: CreateConsignmentBody): Promise<ConsignmentDocument> {
  const lookups = await lookUpReferences(deps.db, customer, [body]);
  const problems = new Problems();
  const doc = normaliseNewConsignment(body, lookups, problems, deps.ids.hex32);
  if (problems.any) throw bodyError(AppError.validation(problems.list));
  return doc;
}

export async function quoteConsignmentBody(deps: Deps, customer: Customer, body: CreateConsignmentBody): Promise<QuoteResult> {
  return price(deps, customer, await documentFromBody(deps, customer, body), '');
}

export async function quoteStoredConsignment(deps: Deps, customer: Customer, reference: string): Promise<QuoteResult> {
  const consignment = await findConsignment(deps.db, customer, reference);
  if (!consignment) throw consignmentNotFound(reference);
  return price(deps, customer, documentOf(consignment), consignment.Reference);
}

/** `POST /quotes/serviceGroups`: one result per enabled group, with its cheapest quote. */
export async function quoteServiceGroups(deps: Deps, customer: Customer, body: CreateConsignmentBody) {
  const doc = await documentFromBody(deps, customer, body);
  const groups = (await listServiceGroups(deps.db, customer.id)).filter((g) => g.enabled);
  const results = [];
  for (const group of groups) {
    const result = await price(deps, customer, doc, '', group.members);
    results.push({
      Reference: group.reference,
      Name: group.name,
      CheapestQuote: result.Quotes[0] ?? null,
      QuoteRequestReference: result.QuoteRequestReference,
      Quotes: result.Quotes,
      Message: result.Message,
      UnqualifiedServices: result.UnqualifiedServices,
    });
  }
  return results;
}
