/**
 * The eligibility pipeline shared by allocation and quotes (spec §5.4), as one pure function per
 * candidate service: capability → dates → the customer's rules → price. Each failure names its
 * stage and a reason a person can act on; `cheapest` makes the §5.4 step-5 choice.
 */
import type { CarrierAdapter, CarrierServiceDefinition, RequiredCustomsData } from '../../carriers/carrier.js';
import { customsDocumentsFor, isInternational } from '../customs/customs-rules.js';
import type { CustomsDocumentKind, Rate } from '../consignments/consignment.js';
import type { DeliveryDate } from '../../shared/wire/model.js';
import type { ConsignmentFacts } from './consignment-facts.js';
import { parseUkPostcode, postcodeExcluded, zipExcluded, zipPrefix } from './location-rules.js';
import { rateFor } from './pricing.js';
import { type DeliveryPromise, promiseFor } from './promise.js';
import type { ServiceProfile } from './service-profile.js';

export interface Candidate {
  carrier: CarrierAdapter;
  service: CarrierServiceDefinition;
  profile: ServiceProfile;
}

/** A7's filters (spec §5.1): narrow the candidates, never bypass a rule. */
export interface ServiceFilters {
  ServiceDirection?: 'Outbound' | 'Inbound';
  IsPickup?: boolean;
  IsDropOff?: boolean;
}

export interface EligibilityInput {
  facts: ConsignmentFacts;
  requestedDelivery: DeliveryDate | null;
  /** Item data customs needs: every item's HS code and origin present? */
  items: readonly { HarmonisationCode: string | null; CountryOfOrigin: unknown }[];
  shippingTerms: string | null;
  /** The consignment is for a shop / pickup point (LocationInformation.ShopReference). */
  toPickupPoint: boolean;
  filters?: ServiceFilters;
  now: Date;
}

export type Stage = 'Capability' | 'Dates' | 'Rules' | 'Price';

export type Verdict =
  | { eligible: true; candidate: Candidate; zone: string; price: Rate; promise: DeliveryPromise; customsDocuments: CustomsDocumentKind[] }
  | { eligible: false; candidate: Candidate; stage: Stage; reason: string };

const fail = (candidate: Candidate, stage: Stage, reason: string): Verdict => ({ eligible: false, candidate, stage, reason });

const sorted = (p: { lengthCm: number; widthCm: number; heightCm: number }) => [p.lengthCm, p.widthCm, p.heightCm].sort((a, b) => b - a) as [number, number, number];
/** Girth from the two shorter sides (spec §1.5). */
export const girthCm = (p: { lengthCm: number; widthCm: number; heightCm: number }) => { const [, b, c] = sorted(p); return 2 * (b + c); };
export const longestCm = (p: { lengthCm: number; widthCm: number; heightCm: number }) => sorted(p)[0];

export function evaluate(candidate: Candidate, input: EligibilityInput): Verdict {
  const { service, profile } = candidate;
  const { facts } = input;
  const route = facts.route;

  // 1. Capability: enabled, serves the route and the direction, the parcels fit, the filters match.
  if (!profile.enabled) return fail(candidate, 'Capability', `${service.name} is not enabled for this account.`);
  if (!service.origins.includes(route.originCountry)) return fail(candidate, 'Capability', `${service.name} does not collect from ${route.originCountry || 'an origin without a country'}.`);
  const zone = service.zoneOf(route);
  if (!zone) return fail(candidate, 'Capability', `${service.name} does not deliver from ${route.originCountry} to ${route.destinationCountry || 'a destination without a country'}${route.destinationCountry === 'GB' ? ` postcode ${route.destinationPostcode}` : ''}.`);
  if (!service.directions.includes(facts.direction)) return fail(candidate, 'Capability', `${service.name} does not carry ${facts.direction} consignments.`);
  const f = input.filters ?? {};
  if (f.ServiceDirection && !service.directions.includes(f.ServiceDirection)) return fail(candidate, 'Capability', `${service.name} does not match the filter ServiceDirection ${f.ServiceDirection}.`);
  if (f.IsPickup !== undefined && service.features.pickUp !== f.IsPickup) return fail(candidate, 'Capability', `${service.name} does not match the filter IsPickup ${f.IsPickup}.`);
  if (f.IsDropOff !== undefined && service.features.dropOff !== f.IsDropOff) return fail(candidate, 'Capability', `${service.name} does not match the filter IsDropOff ${f.IsDropOff}.`);
  if (service.features.pickUp && !input.toPickupPoint) return fail(candidate, 'Capability', `${service.name} delivers to pickup points only, and this consignment has no shop destination.`);
  // A drop-off service needs someone to take the parcel to a counter: returns do; outbound only when asked for.
  if (service.features.dropOff && facts.direction === 'Outbound' && f.IsDropOff !== true) return fail(candidate, 'Capability', `${service.name} is a drop-off service; outbound consignments use it only with the IsDropOff filter.`);
  const limits = service.limits;
  if (limits.maxPackages !== undefined && facts.parcels.length > limits.maxPackages) return fail(candidate, 'Capability', `${service.name} takes at most ${limits.maxPackages} packages; this consignment has ${facts.parcels.length}.`);
  for (const [i, p] of facts.parcels.entries()) {
    if (p.weightKg > limits.maxWeightKg) return fail(candidate, 'Capability', `Package ${i + 1} weighs ${p.weightKg} kg; ${service.name} takes up to ${limits.maxWeightKg} kg.`);
    if (longestCm(p) > limits.maxLengthCm) return fail(candidate, 'Capability', `Package ${i + 1} is ${longestCm(p)} cm long; ${service.name} takes up to ${limits.maxLengthCm} cm.`);
    if (limits.maxCombinedCm !== undefined && longestCm(p) + girthCm(p) > limits.maxCombinedCm) return fail(candidate, 'Capability', `Package ${i + 1} measures ${longestCm(p) + girthCm(p)} cm length + girth; ${service.name} takes up to ${limits.maxCombinedCm} cm.`);
  }

  // 2. Dates: collect on the shipping date; meet the requested delivery date.
  const today = input.now.toISOString().slice(0, 10);
  if (facts.shippingDate && facts.shippingDate.toISOString().slice(0, 10) < today) {
    return fail(candidate, 'Dates', `The shipping date ${facts.shippingDate.toISOString().slice(0, 10)} has passed.`);
  }
  let promise = promiseFor(service.promise, input.now, facts.shippingDate);
  if (facts.shippingDate && day(promise.collectionDate) !== day(facts.shippingDate) && day(facts.shippingDate) >= today) {
    return fail(candidate, 'Dates', `${service.name} cannot collect on ${day(facts.shippingDate)} (next collection ${day(promise.collectionDate)}).`);
  }
  const requested = input.requestedDelivery?.Date ? input.requestedDelivery.Date.slice(0, 10) : null;
  if (requested) {
    if (input.requestedDelivery!.IsToBeExactlyOnTheDateSpecified) {
      const exact = exactDayPromise(service, input.now, facts.shippingDate, requested);
      if (!exact) return fail(candidate, 'Dates', `${service.name} cannot deliver exactly on ${requested} (it delivers ${day(promise.earliestDelivery)}–${day(promise.latestDelivery)} at the earliest).`);
      if (input.requestedDelivery!.DeliveryWindow && !service.features.timed) return fail(candidate, 'Dates', `${service.name} cannot deliver inside a time window.`);
      promise = exact;
    } else if (day(promise.latestDelivery) > requested) {
      return fail(candidate, 'Dates', `${service.name} delivers by ${day(promise.latestDelivery)}, after the requested ${requested}.`);
    }
  }

  // 3. The customer's rules on this service.
  const rules = profile.rules;
  for (const r of rules.DimensionRestrictions) {
    for (const [i, p] of facts.parcels.entries()) {
      const value = r.DimensionType === 'Length' ? longestCm(p) : r.DimensionType === 'Girth' ? girthCm(p)
        : r.DimensionType === 'AbsoluteWeight' ? p.weightKg : longestCm(p) + girthCm(p);
      if ((r.RangeFrom !== null && value < r.RangeFrom) || (r.RangeTo !== null && value > r.RangeTo)) {
        return fail(candidate, 'Rules', `Package ${i + 1}'s ${r.DimensionType} ${value} is outside ${r.RangeFrom ?? '–'}…${r.RangeTo ?? '–'} allowed on ${service.name}.`);
      }
    }
  }
  const max = rules.CompensationAndValue;
  if (max && max.MaxParcelValue !== null && facts.value) {
    if (facts.value.currency !== max.Currency) return fail(candidate, 'Rules', `The consignment's value is in ${facts.value.currency}; ${service.name}'s maximum value is in ${max.Currency} and no exchange rate is configured.`);
    if (facts.value.amount > max.MaxParcelValue) return fail(candidate, 'Rules', `The consignment is worth ${facts.value.amount} ${facts.value.currency}; ${service.name} carries up to ${max.MaxParcelValue}.`);
  }
  if (route.destinationCountry === 'GB' && rules.DomesticLocationRestrictions.length > 0) {
    const postcode = parseUkPostcode(route.destinationPostcode);
    const hit = postcode && rules.DomesticLocationRestrictions.find((r) => postcodeExcluded(r, postcode));
    if (hit) return fail(candidate, 'Rules', `${service.name} is excluded for postcode ${route.destinationPostcode} (rule ${[hit.PostcodeArea, hit.PostcodeDistrict, hit.PostcodeSector, hit.PostcodeUnit].filter(Boolean).join(' ')}).`);
  }
  if (route.destinationCountry === 'US' && rules.ZipCodeRestrictions.length > 0) {
    const prefix = zipPrefix(route.destinationPostcode);
    if (prefix && rules.ZipCodeRestrictions.some((r) => zipExcluded(r, prefix))) return fail(candidate, 'Rules', `${service.name} is excluded for ZIP ${route.destinationPostcode}.`);
  }
  if (rules.ExcludedCountries.includes(route.destinationCountry)) return fail(candidate, 'Rules', `${service.name} is excluded for ${route.destinationCountry}.`);
  const serviceTags = new Set(rules.AllocationFilteringTags.map((t) => t.trim().toLowerCase()));
  const missingTag = facts.tags.find((t) => !serviceTags.has(t.trim().toLowerCase()));
  if (missingTag !== undefined) return fail(candidate, 'Rules', `${service.name} does not carry consignments tagged "${missingTag}".`);
  if (isInternational(route.originCountry, route.destinationCountry, route.destinationPostcode)) {
    const missing = missingCustomsData(service.requiredCustomsData, input, facts.metaData);
    if (missing.length > 0) return fail(candidate, 'Rules', `${service.name} needs customs data this consignment lacks: ${missing.join(', ')}.`);
  }

  // 4. Price.
  const price = rateFor(service, zone, facts.parcels, route.originCountry);
  if (!price) return fail(candidate, 'Price', `${service.name} has no rate for these packages in zone ${zone}.`);
  return { eligible: true, candidate, zone, price, promise, customsDocuments: customsDocumentsFor(service, route, facts.value) };
}

function missingCustomsData(required: readonly RequiredCustomsData[], input: EligibilityInput, metaData: ReadonlyMap<string, string>): string[] {
  const missing: string[] = [];
  for (const field of required) {
    if (field === 'HarmonisationCode' && input.items.some((i) => !i.HarmonisationCode)) missing.push('item HarmonisationCode');
    if (field === 'CountryOfOrigin' && input.items.some((i) => !i.CountryOfOrigin)) missing.push('item CountryOfOrigin');
    if (field === 'ShippersEORI' && !metaData.get('shipperseori')) missing.push('ShippersEORI metadata');
    if (field === 'ShippingTerms' && !input.shippingTerms) missing.push('CustomsDocumentation.ShippingTerms');
  }
  return missing;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Delivery exactly on `requested`: only a service with a fixed transit time can promise a day, by
 * collecting that many working days earlier — no earlier than it could collect anyway.
 */
function exactDayPromise(service: CarrierServiceDefinition, now: Date, shippingDate: Date | null, requested: string): DeliveryPromise | null {
  if (service.promise.minDays !== service.promise.maxDays) return null;
  const earliest = promiseFor(service.promise, now, shippingDate);
  // Walk collection days forward from the earliest one until delivery reaches the requested day.
  for (let i = 0; i < 31; i++) {
    const start = new Date(earliest.collectionDate.getTime() + i * 86_400_000);
    if (shippingDate && i > 0) break; // a fixed shipping date cannot move
    const p = promiseFor(service.promise, now, start);
    if (day(p.earliestDelivery) === requested) return p;
    if (day(p.earliestDelivery) > requested) return null;
  }
  return null;
}

/** §5.4 step 5: cheapest Net, then Gross, then earlier latest delivery, then service reference. */
export function cheapest(verdicts: readonly Verdict[]): Extract<Verdict, { eligible: true }> | undefined {
  const eligible = verdicts.filter((v): v is Extract<Verdict, { eligible: true }> => v.eligible);
  eligible.sort((a, b) => a.price.Net - b.price.Net || a.price.Gross - b.price.Gross
    || a.promise.latestDelivery.getTime() - b.promise.latestDelivery.getTime()
    || a.candidate.service.reference.localeCompare(b.candidate.service.reference));
  return eligible[0];
}

/** Why nothing qualified, for FailedAllocation.Message: every candidate's reason. */
export function noEligibleMessage(verdicts: readonly Verdict[]): string {
  if (verdicts.length === 0) return 'No carrier service is enabled for this account.';
  const reasons = verdicts.filter((v): v is Extract<Verdict, { eligible: false }> => !v.eligible).map((v) => `${v.candidate.service.reference}: ${v.reason}`);
  return `No eligible carrier service. ${reasons.join(' ')}`;
}
