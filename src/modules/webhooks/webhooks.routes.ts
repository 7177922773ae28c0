/**
 * Webhooks [EXT]: subscriptions (the secret is shown once, on creation), their deliveries with
 * every attempt, and redelivery of one event. Ids are opaque (`wh_` + hex); another customer's
 * id answers 404 exactly like an unknown one.
 */
import type { FastifyInstance } from 'fastify';
import { AppError, Problems } from '../../shared/errors.js';
import type { Deps } from '../deps.js';
import type { RouteContext } from '../route-context.js';
import { findSubscriptionEvent, insertDelivery, listDeliveries } from './deliveries.repo.js';
import { giveUpAt } from './outbox.js';
import { newSecret } from './signature.js';
import { checkEventTypes, checkUrl } from './subscription.js';
import * as repo from './subscriptions.repo.js';
import { CreateWebhookBody, DeliveriesQuery, DeliveryParams, UpdateWebhookBody, WebhookParams } from './webhooks.schemas.js';
import { presentDelivery, presentSubscription } from './webhooks.present.js';

const tags = ['Webhooks'];
export const MAX_SUBSCRIPTIONS = 25;
const notFound = () => new AppError('WebhookNotFound', 'Webhook subscription was not found.');
const eventNotFound = () => new AppError('WebhookEventNotFound', 'No event with this id was queued for this webhook subscription.');

export function webhooksRoutes(app: FastifyInstance, deps: Deps, ctx: RouteContext): void {
  const now = () => deps.clock.now().toISOString();
  const find = async (customerId: number, id: string) => {
    const s = await repo.findSubscription(deps.db, customerId, id);
    if (!s) throw notFound();
    return s;
  };

  app.post('/webhooks', { schema: { tags, summary: 'Subscribe to events; the answer carries the signing secret, shown only this once', body: CreateWebhookBody } }, async (req, reply) => {
    const c = ctx.customerOf(req);
    const body = req.body as CreateWebhookBody;
    const problems = new Problems();
    const url = checkUrl(body.Url, problems);
    const eventTypes = checkEventTypes(body.EventTypes, problems);
    problems.throwIfAny();
    // Every change fans out to every subscription: a bound keeps one change's writes bounded.
    if ((await repo.countSubscriptions(deps.db, c.id)) >= MAX_SUBSCRIPTIONS) {
      throw new AppError('ValidationFailed', `A customer may have at most ${MAX_SUBSCRIPTIONS} webhook subscriptions; delete one first.`);
    }
    const at = now();
    const subscription = {
      reference: `wh_${deps.ids.hex32()}`, url: url!, eventTypes: eventTypes!, description: body.Description?.trim() || null,
      secret: newSecret(), isEnabled: body.IsEnabled ?? true, createdAt: at, updatedAt: at,
    };
    await repo.insertSubscription(deps.db, c.id, subscription);
    return reply.code(201).header('location', ctx.href(`/webhooks/${subscription.reference}`))
      .send({ ...presentSubscription({ id: 0, ...subscription }), Secret: subscription.secret });
  });

  app.get('/webhooks', { schema: { tags, summary: 'Webhook subscriptions (without secrets)' } }, async (req) =>
    (await repo.listSubscriptions(deps.db, ctx.customerOf(req).id)).map(presentSubscription));

  app.get('/webhooks/:id', { schema: { tags, params: WebhookParams } }, async (req) =>
    presentSubscription(await find(ctx.customerOf(req).id, (req.params as { id: string }).id)));

  app.put('/webhooks/:id', { schema: { tags, summary: 'Change the URL, event types, description or IsEnabled (fields left out stay)', params: WebhookParams, body: UpdateWebhookBody } }, async (req) => {
    const c = ctx.customerOf(req);
    const current = await find(c.id, (req.params as { id: string }).id);
    const body = req.body as UpdateWebhookBody;
    const problems = new Problems();
    const url = body.Url == null ? current.url : checkUrl(body.Url, problems);
    const eventTypes = body.EventTypes == null ? current.eventTypes : checkEventTypes(body.EventTypes, problems);
    problems.throwIfAny();
    const next = {
      ...current, url: url!, eventTypes: eventTypes!, updatedAt: now(),
      description: body.Description === undefined ? current.description : body.Description?.trim() || null,
      isEnabled: body.IsEnabled ?? current.isEnabled,
    };
    if (!(await repo.saveSubscription(deps.db, c.id, next))) throw notFound();
    return presentSubscription(next);
  });

  app.delete('/webhooks/:id', { schema: { tags, summary: 'Unsubscribe; pending deliveries are dropped', params: WebhookParams } }, async (req, reply) => {
    const c = ctx.customerOf(req);
    const s = await find(c.id, (req.params as { id: string }).id);
    const deleted = await deps.db.transaction().execute((tx) => repo.deleteSubscription(tx, c.id, s.id));
    if (!deleted) throw notFound();
    return reply.code(204).send();
  });

  app.get('/webhooks/:id/deliveries', { schema: { tags, summary: 'Deliveries, newest first, with every attempt', params: WebhookParams, querystring: DeliveriesQuery } }, async (req) => {
    const c = ctx.customerOf(req);
    const s = await find(c.id, (req.params as { id: string }).id);
    const { take = 20, skip = 0 } = req.query as { take?: number; skip?: number };
    const page = await listDeliveries(deps.db, c.id, s.id, { take, skip });
    return { Total: page.total, Take: take, Skip: skip, Deliveries: page.deliveries.map(presentDelivery) };
  });

  app.post('/webhooks/:id/deliveries/:eventId/redeliver', { schema: { tags, summary: 'Queue the event again, due now (after earlier pending events of its key)', params: DeliveryParams } }, async (req, reply) => {
    const c = ctx.customerOf(req);
    const params = req.params as { id: string; eventId: string };
    const s = await find(c.id, params.id);
    const event = await findSubscriptionEvent(deps.db, c.id, s.id, params.eventId);
    if (!event) throw eventNotFound();
    const at = now();
    await insertDelivery(deps.db, { customerId: c.id, subscriptionId: s.id, eventId: Number(event.id), orderingKey: event.ordering_key, at, giveUpAt: giveUpAt(at) });
    return reply.code(202).send({ EventId: params.eventId, Status: 'Pending' });
  });
}
