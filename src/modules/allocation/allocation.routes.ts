/** Allocation and deallocation over HTTP (spec §5.1, §5.3, §5.8). */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../shared/errors.js';
import { presentWithMessage } from '../consignments/consignments.present.js';
import { consignmentReferenceFromPath } from '../consignments/load-consignment.js';
import type { ReferenceListBody } from '../consignments/consignments.schemas.js';
import { ReferenceListBody as ReferenceList } from '../consignments/consignments.schemas.js';
import type { Deps } from '../deps.js';
import type { RouteContext } from '../route-context.js';
import {
  allocateOne, allocateWithCarrierService, allocateWithDefaultRules, allocateWithFilters, allocateWithServiceGroup, serviceGroupOrError,
} from './allocate.js';
import { presentAllocationSummary } from './allocation.present.js';
import {
  AllocateAllBody, AllocateBody, AllocateWithCarrierServiceBody, AllocateWithFiltersBody, AllocateWithServiceGroupBody, ConsignmentParams, GroupParams, QuoteParams,
  ShipByParams,
} from './allocation.schemas.js';
import { allocateAll } from './allocate-all.js';
import { cheapestChooser, quoteChooser } from './choosers.js';
import { deallocateConsignment, deallocateConsignments } from './deallocate.js';

const tags = ['Allocation'];

export function allocationRoutes(app: FastifyInstance, deps: Deps, ctx: RouteContext): void {
  const summary = (o: Parameters<typeof presentAllocationSummary>[0]) => presentAllocationSummary(o, ctx.href);
  const pathRef = (params: unknown) => consignmentReferenceFromPath((params as { consignmentReference: string }).consignmentReference);

  app.put('/allocation/allocate', { schema: { tags, summary: 'Allocate Using Default Rules', body: AllocateBody } }, async (req) => {
    const body = req.body as AllocateBody;
    return (await allocateWithDefaultRules(deps, ctx.customerOf(req), body.ConsignmentReferences)).map(summary);
  });

  app.put('/allocation/:consignmentReference/allocatewithcheapestquote', { schema: { tags, summary: 'Allocate Consignment (cheapest)', params: ConsignmentParams } }, async (req) => {
    const customer = ctx.customerOf(req);
    return [summary(await allocateOne(deps, customer, pathRef(req.params), cheapestChooser(deps, customer)))];
  });

  app.put('/allocation/:consignmentReference/allocatewithservicegroup/:mpdCarrierServiceGroupReference', {
    schema: { tags, summary: 'Allocate With Service Group', params: GroupParams },
  }, async (req) => {
    const customer = ctx.customerOf(req);
    const reference = pathRef(req.params);
    const group = await serviceGroupOrError(deps, customer, (req.params as { mpdCarrierServiceGroupReference: string }).mpdCarrierServiceGroupReference, 404);
    return [summary(await allocateOne(deps, customer, reference, cheapestChooser(deps, customer, { group })))];
  });

  app.put('/allocation/allocatewithservicegroup', { schema: { tags, summary: 'Allocate With Service Group (bulk)', body: AllocateWithServiceGroupBody } }, async (req) => {
    const body = req.body as AllocateWithServiceGroupBody;
    return (await allocateWithServiceGroup(deps, ctx.customerOf(req), body.ConsignmentReferences, body.MpdCarrierServiceGroupReference)).map(summary);
  });

  app.put('/allocation/allocatewithcarrierservice', { schema: { tags, summary: 'Allocate With Carrier Service', body: AllocateWithCarrierServiceBody } }, async (req) => {
    const body = req.body as AllocateWithCarrierServiceBody;
    return (await allocateWithCarrierService(deps, ctx.customerOf(req), body.ConsignmentReferences, body.MpdCarrierServiceReference)).map(summary);
  });

  app.put('/allocation/:consignmentReference/allocatewithquote/:quoteReference', { schema: { tags, summary: 'Allocate With Quote', params: QuoteParams } }, async (req) => {
    const customer = ctx.customerOf(req);
    const reference = pathRef(req.params);
    const chooser = await quoteChooser(deps, customer, reference, (req.params as { quoteReference: string }).quoteReference);
    return [summary(await allocateOne(deps, customer, reference, chooser))];
  });

  app.put('/allocation/allocateConsignmentsWithServiceFilters', {
    schema: { tags, summary: 'Allocate With Service Filters', body: AllocateWithFiltersBody },
  }, async (req) => {
    const body = req.body as AllocateWithFiltersBody;
    return (await allocateWithFilters(deps, ctx.customerOf(req), body.ConsignmentReferences, body.Filters ?? {})).map(summary);
  });

  // A8 Allocate All: the path's date wins over the body's ShipByDate; the variant's target must be in the body.
  for (const [path, target] of [['/allocation/allocate/:shipByDate', null], ['/allocation/allocatewithcarrierservice/:shipByDate', 'MpdCarrierServiceReference'],
    ['/allocation/allocatewithservicegroup/:shipByDate', 'MpdCarrierServiceGroupReference']] as const) {
    app.put(path, { schema: { tags, summary: `Allocate All${target ? ` (${target})` : ''}`, params: ShipByParams, body: AllocateAllBody } }, async (req) => {
      const body = req.body as AllocateAllBody;
      if (target && !body[target]) throw new AppError('FieldRequired', `${target} is required.`, [{ Code: 'FieldRequired', Target: target, Message: `${target} is required.` }]);
      const outcomes = await allocateAll(deps, ctx.customerOf(req), {
        shipByDate: (req.params as { shipByDate: string }).shipByDate,
        ...(body.ShippingLocationReference ? { shippingLocationReference: body.ShippingLocationReference } : {}),
        ...(target === 'MpdCarrierServiceReference' ? { serviceReference: body.MpdCarrierServiceReference! } : {}),
        ...(target === 'MpdCarrierServiceGroupReference' ? { groupReference: body.MpdCarrierServiceGroupReference! } : {}),
      });
      return outcomes.map(summary);
    });
  }

  app.put('/consignments/:consignmentReference/deallocate', { schema: { tags, summary: 'Deallocate Consignment', params: ConsignmentParams } }, async (req, reply) => {
    await deallocateConsignment(deps, ctx.customerOf(req), pathRef(req.params));
    return reply.code(200).send();
  });

  app.put('/consignments/deallocatelist', { schema: { tags, summary: 'Deallocate Consignments', body: ReferenceList } }, async (req) => {
    const outcomes = await deallocateConsignments(deps, ctx.customerOf(req), req.body as ReferenceListBody);
    return outcomes.map((o) => presentWithMessage(o, (r) => ctx.href(`/consignments/${r}`)));
  });
}
