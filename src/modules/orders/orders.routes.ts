/** The Orders API (spec §2.2–§2.6). */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import { orderLedger } from '../packing/index.js';
import type { RouteContext } from '../route-context.js';
import { loadOrder, orderReferenceFromPath } from './change-order.js';
import { createOrder } from './create-order.js';
import { addOrderAddress, replaceOrderAddress } from './order-addresses.js';
import { presentOrder } from './orders.present.js';
import { AddressBody, CreateOrderBody, OrderParams, UpdateOrderBody } from './orders.schemas.js';
import { updateOrder } from './update-order.js';
import { orderSearchRoutes } from './order-search.routes.js';

const tags = ['Orders'];

export function ordersRoutes(app: FastifyInstance, deps: Deps, ctx: RouteContext): void {
  const orderLinks = (reference: string) => [{ Rel: 'Order', Href: ctx.href(`/orders/${reference}`) }];
  const pathReference = (req: { params: unknown }) => orderReferenceFromPath((req.params as { orderReference: string }).orderReference);

  app.post('/orders', { schema: { tags, summary: 'Create Order', body: CreateOrderBody } }, async (req, reply) => {
    const reference = await createOrder(deps, ctx.customerOf(req), req.body as CreateOrderBody);
    const links = orderLinks(reference);
    return reply.code(201).header('location', links[0]!.Href).send(links);
  });

  app.get('/orders/:orderReference', { schema: { tags, summary: 'Get Order', params: OrderParams } }, async (req) => {
    const customer = ctx.customerOf(req);
    const order = await loadOrder(deps, customer, pathReference(req));
    return presentOrder(order, await orderLedger(deps.db, customer, order));
  });

  orderSearchRoutes(app, deps, ctx);

  app.put('/orders/:orderReference', { schema: { tags, summary: 'Update Order', params: OrderParams, body: UpdateOrderBody } }, async (req) => {
    const reference = pathReference(req);
    await updateOrder(deps, ctx.customerOf(req), reference, req.body as UpdateOrderBody);
    return orderLinks(reference);
  });

  app.post('/orders/:orderReference/address', { schema: { tags, summary: 'Add Address To Order', params: OrderParams, body: AddressBody } }, async (req, reply) => {
    await addOrderAddress(deps, ctx.customerOf(req), pathReference(req), req.body as AddressBody);
    return reply.code(201).send();
  });

  app.put('/orders/:orderReference/address', { schema: { tags, summary: 'Update Address On Order', params: OrderParams, body: AddressBody } }, async (req, reply) => {
    await replaceOrderAddress(deps, ctx.customerOf(req), pathReference(req), req.body as AddressBody);
    return reply.code(200).send();
  });
}
