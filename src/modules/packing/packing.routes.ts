/** Pack Order (spec §3) and the order ↔ consignment views (§2.7, [EXT] ledger). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { storeResponseInTransaction } from '../../http/idempotency.js';
import { AppError } from '../../shared/errors.js';
import { normaliseReference } from '../../shared/references.js';
import { listOrderConsignments } from '../consignments/consignments.repo.js';
import type { Customer, Deps } from '../deps.js';
import { loadOrder, orderReferenceFromPath } from '../orders/change-order.js';
import { OrderParams } from '../orders/orders.schemas.js';
import { findOrder } from '../orders/orders.repo.js';
import type { RouteContext } from '../route-context.js';
import { orderLedger } from './order-ledger.js';
import { type PackResult, packOrder } from './pack-order.js';
import { requireEverythingPacked, suggestBoxes } from './box-selection.js';
import { OrderReferencesBody, PackOrderBody, SuggestBoxesBody } from './packing.schemas.js';

const tags = ['Pack Order'];
export const STRICT_HEADER = 'packline-strict-quantities';

/** `Packline-Strict-Quantities: true|false` [EXT]; absent → the customer's setting. */
export function strictQuantities(request: FastifyRequest, customer: Customer): boolean {
  const raw = request.headers[STRICT_HEADER];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim().toLowerCase();
  if (value === undefined || value === '') return customer.strictPackQuantities ?? false;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new AppError('InvalidEnumValue', 'Packline-Strict-Quantities must be true or false.', [
    { Code: 'InvalidEnumValue', Target: 'Packline-Strict-Quantities', Message: 'Expected true or false.' },
  ]);
}

export function packingRoutes(app: FastifyInstance, deps: Deps, ctx: RouteContext): void {
  const consignmentLinks = (reference: string) => [{ Rel: 'Consignment', Href: ctx.href(`/consignments/${reference}`) }];
  const pathReference = (req: { params: unknown }) => orderReferenceFromPath((req.params as { orderReference: string }).orderReference);

  app.post('/orders/:orderReference/pack', { schema: { tags, summary: 'Pack Order', params: OrderParams, body: PackOrderBody } }, async (req, reply) => {
    const customer = ctx.customerOf(req);
    const reference = pathReference(req);
    const strict = strictQuantities(req, customer);
    const sent = req.body as PackOrderBody;
    const request = sent.AutoPack ? await withChosenBoxes(deps, customer, reference, sent) : sent;
    const created = (results: PackResult[]) => {
      const body = { Results: results.map((r) => ({ ...r, ApiLinks: consignmentLinks(r.Data) })) };
      return { status: 201, body, location: body.Results[0]!.ApiLinks[0]!.Href };
    };
    // The Idempotency-Key response commits with the consignments: a crash after the commit still
    // replays this 201 to a retry instead of packing again (see http/idempotency.ts).
    const results = await packOrder(deps, customer, reference, request, {
      strictQuantities: strict,
      beforeCommit: (tx, packed) => storeResponseInTransaction(tx, req, created(packed)),
    });
    const response = created(results);
    return reply.code(response.status).header('location', response.location).send(response.body);
  });

  app.post('/orders/:orderReference/pack/suggest', {
    schema: { tags, summary: '[EXT] Suggest boxes for an order\'s items (nothing is written)', params: OrderParams, body: SuggestBoxesBody },
  }, async (req) => suggestBoxes(deps, ctx.customerOf(req), pathReference(req), req.body as SuggestBoxesBody));

  // The seed page's prose says GET; the endpoint is POST (spec §17 #1). Say so instead of a bare 404.
  app.get('/orders/:orderReference/pack', { schema: { hide: true } }, async (_req, reply) => {
    reply.header('allow', 'POST');
    throw new AppError('MethodNotAllowed', 'Pack Order is POST /orders/{orderReference}/pack; GET is not supported.');
  });

  app.get('/orders/:orderReference/consignments', {
    schema: { tags, summary: '[EXT] Consignments cut from an order, with the order\'s packing status', params: OrderParams },
  }, async (req) => {
    const customer = ctx.customerOf(req);
    const order = await loadOrder(deps, customer, pathReference(req));
    const [consignments, ledger] = await Promise.all([listOrderConsignments(deps.db, customer, order.id), orderLedger(deps.db, customer, order)]);
    return {
      OrderReference: order.OrderReference,
      PackingStatus: ledger.status,
      Consignments: consignments.map((c) => ({
        ConsignmentReference: c.Reference,
        ConsignmentState: c.ConsignmentState,
        Direction: c.Direction,
        IsReturn: c.isReturn,
        ReturnOf: c.returnOf,
        DateCreated: c.DateCreated,
        ApiLinks: consignmentLinks(c.Reference),
      })),
    };
  });

  // SDK `PUT /orders/consignments` (spec §2.7): each order's consignments, returns paired with their outbound.
  app.put('/orders/consignments', { schema: { tags, summary: 'Consignments packed from orders', body: OrderReferencesBody } }, async (req) => {
    const customer = ctx.customerOf(req);
    const references = (req.body as OrderReferencesBody).OrderReferences ?? [];
    if (references.length === 0) {
      throw new AppError('FieldRequired', 'Give at least one order reference in OrderReferences.', [
        { Code: 'FieldRequired', Target: 'OrderReferences', Message: 'At least one order reference is required.' },
      ]);
    }
    const results = [];
    for (const raw of references) {
      const reference = normaliseReference(raw, 'EO');
      const order = reference ? await findOrder(deps.db, customer.id, reference) : undefined;
      if (!order) {
        results.push({ OrderReference: raw, Status: 404, Message: `Order ${raw} was not found.`, Consignments: [] });
        continue;
      }
      const consignments = await listOrderConsignments(deps.db, customer, order.id);
      const returns = new Map(consignments.filter((c) => c.returnOf).map((c) => [c.returnOf!, c.Reference]));
      results.push({
        OrderReference: order.OrderReference,
        Status: 200,
        Message: `${consignments.filter((c) => !c.isReturn).length} consignment(s) packed from order ${order.OrderReference}.`,
        Consignments: consignments
          .filter((c) => !c.isReturn)
          .map((c) => ({ ConsignmentReference: c.Reference, ReturnConsignmentReference: returns.get(c.Reference) ?? null })),
      });
    }
    return { OrderConsignmentsResults: results };
  });
}

/**
 * [EXT] AutoPack: the packer chooses the boxes, then the ordinary Pack Order rules run on the
 * packages it made, so the answer is the usual 201 (spec §3.10: a SortedPRO client sees no change).
 */
async function withChosenBoxes(deps: Deps, customer: Customer, orderReference: string, body: PackOrderBody): Promise<PackOrderBody> {
  if (body.Packages && body.Packages.length > 0) {
    throw new AppError('ValidationFailed', 'Send either Packages or AutoPack: true, not both.', [
      { Code: 'ValidationFailed', Target: 'Packages', Message: 'With AutoPack the boxes are chosen for you; leave Packages out.' },
    ]);
  }
  const suggestion = await suggestBoxes(deps, customer, orderReference, body);
  requireEverythingPacked(suggestion);
  if (suggestion.Packages.length === 0) {
    throw new AppError('PackagesRequired', 'Nothing is left to pack on this order; name the Items to pack.', [
      { Code: 'PackagesRequired', Target: 'Items', Message: 'Every unit of the order is already packed.' },
    ]);
  }
  return {
    ...body,
    Packages: suggestion.Packages.map((p) => ({
      PackageSizeReference: p.PackageSizeReference,
      Dimensions: p.Dimensions,
      Weight: p.Weight,
      Items: p.Items.map((i) => ({ Reference: i.Reference, Quantity: i.Quantity })),
    })),
  };
}
