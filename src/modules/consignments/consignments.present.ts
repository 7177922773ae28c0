import type { Consignment } from './consignment.js';
import { consignmentValue, consignmentWeight } from './consignment.js';
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
