import type { Consignment, Shipment } from './consignment.js';
import { consignmentValue, consignmentWeight } from './consignment.js';
import type { Outcome } from './bulk-outcomes.js';
import type { listAudit } from './consignments.repo.js';

/** The Consignment resource of spec §4.1, field for field, nulls explicit. */
export function presentConsignment(c: Consignment, options: { withMetaData?: boolean } = {}) {
  const withMetaData = options.withMetaData ?? true;
  const resource = {
    Reference: c.Reference,
    ConsignmentState: c.ConsignmentState,
    ConsignmentReferenceProvidedByCustomer: c.ConsignmentReferenceProvidedByCustomer,
    CustomerReference: c.CustomerReference,
    DateCreated: c.DateCreated,
    ShippingDate: c.ShippingDate,
    RequestedDeliveryDate: c.RequestedDeliveryDate,
    EarliestDeliveryDate: c.EarliestDeliveryDate,
    LatestDeliveryDate: c.LatestDeliveryDate,
    CollectionDate: c.CollectionDate,
    DateShipped: c.DateShipped,
    DateCollected: c.DateCollected,
    AttemptedDeliveryDate: c.AttemptedDeliveryDate,
    FirstAttemptedDeliveryDate: c.FirstAttemptedDeliveryDate,
    DateDelivered: c.DateDelivered,
    DateReturned: c.DateReturned,
    Weight: consignmentWeight(c),
    Value: consignmentValue(c),
    Source: c.Source,
    Direction: c.Direction,
    Tags: c.Tags,
    MetaData: c.MetaData,
    CustomsDocumentation: c.CustomsDocumentation,
    Addresses: c.Addresses,
    Packages: c.Packages,
    Allocation: c.Allocation,
    FailedAllocation: c.FailedAllocation,
    ConsignmentLegs: c.ConsignmentLegs,
    LabelCount: c.LabelCount,
    LabelsPrinted: c.LabelsPrinted,
    DateLabelsWereFirstPrinted: c.DateLabelsWereFirstPrinted,
    IsLate: c.IsLate,
    LateForCustomer: c.LateForCustomer,
    LocationInformation: c.LocationInformation,
    OrderReference: c.OrderReference,
  };
  if (withMetaData) return resource;
  // getconsignmentonly: MetaData omitted at every level.
  const { MetaData: _m, ...rest } = resource;
  return {
    ...rest,
    Packages: c.Packages.map(({ MetaData: _pm, Items, ...p }) => ({ ...p, Items: Items.map(({ MetaData: _im, ...i }) => i) })),
  };
}

type AuditRow = Awaited<ReturnType<typeof listAudit>>[number];

/** `ConsignmentAuditMessage` (spec §4.14), with who and the states before and after in `Details`. */
export function presentAudit(consignmentReference: string, row: AuditRow) {
  return {
    Id: row.id,
    Timestamp: row.created_at,
    ConsignmentReference: consignmentReference,
    Message: row.message,
    Severity: row.severity,
    Category: row.category,
    Username: row.actor,
    AdditionalData: row.details,
    Details: { Action: row.action, StateBefore: row.state_before, StateAfter: row.state_after },
  };
}

/**
 * `ConsignmentSummary` of Search Consignments (spec §4.5), field for field, nulls explicit. The
 * failed manifest comes from the booking record of a stored consignment (§8.1).
 */
export function presentSummary(c: Consignment & { shipment?: Shipment | null }, href: string) {
  const destination = c.Addresses.find((a) => a.AddressType === 'Destination');
  const allocation = (c.Allocation ?? {}) as Partial<Record<string, unknown>>;
  const failed = (c.FailedAllocation ?? {}) as Partial<Record<string, unknown>>;
  const from = (o: Partial<Record<string, unknown>>, key: string) => (o[key] ?? null) as string | null;
  return {
    Reference: c.Reference,
    ConsignmentReferenceProvidedByCustomer: c.ConsignmentReferenceProvidedByCustomer,
    DateCreated: c.DateCreated,
    State: c.ConsignmentState,
    ShippingDate: c.ShippingDate,
    MpdCarrierReference: from(allocation, 'CarrierReference'),
    MpdCarrierServiceReference: from(allocation, 'MpdCarrierServiceReference'),
    MpdCarrierServiceName: from(allocation, 'MpdCarrierServiceName'),
    MpdCarrierServiceGroupName: from(allocation, 'MpdCarrierServiceGroupName'),
    MpdCarrierServiceGroupReference: from(allocation, 'CarrierServiceGroupReference'),
    AllocationDate: from(allocation, 'AllocationDate'),
    ShippedDate: c.DateShipped,
    Source: c.Source,
    DestinationAddressLine1: destination?.AddressLine1 ?? null,
    DestinationAddressTown: destination?.Town ?? null,
    DestinationAddressPostcode: destination?.Postcode ?? null,
    DestinationAddressCountry: destination?.Country?.IsoCode.TwoLetterCode ?? null,
    DestinationShippingLocationReference: destination?.ShippingLocationReference ?? null,
    RequestedDeliveryDate: c.RequestedDeliveryDate?.Date ?? null,
    RequestedDeliveryDateIsToBeExactlyOnTheDateSpecified: c.RequestedDeliveryDate?.IsToBeExactlyOnTheDateSpecified ?? false,
    LabelsPrinted: c.LabelsPrinted,
    DateLabelsWereFirstPrinted: c.DateLabelsWereFirstPrinted,
    EstimatedDeliveryDate: c.LatestDeliveryDate,
    ShippingTerms: c.CustomsDocumentation?.ShippingTerms ?? null,
    FailedAllocationAttemptedAllocationDate: from(failed, 'AttemptedAllocationDate'),
    FailedAllocationMessage: from(failed, 'Message'),
    FailedAllocationMpdCarrierServiceReference: from(failed, 'MpdCarrierServiceReference'),
    FailedAllocationMpdCarrierServiceGroupName: from(failed, 'MpdCarrierServiceGroupName'),
    FailedAllocationMpdCarrierServiceGroupReference: from(failed, 'CarrierServiceGroupReference'),
    FailedAllocationMpdCarrierServiceName: from(failed, 'MpdCarrierServiceName'),
    IsLate: c.IsLate,
    DeliveryDate: c.DateDelivered,
    CollectionDate: c.CollectionDate,
    AttemptedDeliveryDate: c.AttemptedDeliveryDate,
    Value: consignmentValue(c),
    Weight: consignmentWeight(c),
    ApiLink: { Rel: 'detail', Href: href },
    FailedManifestMessage: c.shipment?.failedManifest?.message ?? null,
    FailedManifestTimeStamp: c.shipment?.failedManifest?.at ?? null,
  };
}

type Href = (reference: string) => string;

/** `WithMessage<string>` of the bulk commands (spec §1.12): the consignment linked when the caller has it. */
export function presentWithMessage(o: Outcome, href: Href) {
  return { IsSuccess: o.ok, Message: o.message, Data: o.reference, ApiLinks: o.found ? [{ Rel: 'detail', Href: href(o.reference) }] : null };
}

/** `DispatchResponse` (spec §4.11). */
export function presentDispatch(o: Outcome, href: Href) {
  return {
    ConsignmentReferenceForAllLegsAssignedByMpd: o.reference,
    Status: o.ok ? 'Success' : o.status === 404 ? 'NotFound' : 'Failed',
    HttpStatusCode: o.status,
    ApiLinks: o.found ? [{ Rel: 'detail', Href: href(o.reference) }] : null,
    Message: o.message,
  };
}
