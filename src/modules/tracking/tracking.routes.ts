/**
 * Tracking (spec §9): events out per consignment (nested and flattened), carrier events in (both
 * paths of §17 #38; a carrier-scoped key or the customer's own key), and [EXT] advance on demand.
 */
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConsignmentParams } from '../consignments/consignments.schemas.js';
import { consignmentReferenceFromPath, loadConsignment } from '../consignments/load-consignment.js';
import type { Customer, Deps } from '../deps.js';
import type { RouteContext } from '../route-context.js';
import type { CarrierCaller } from './carrier-keys.js';
import { ingestCarrierEvents } from './ingest-carrier-events.js';
import { advanceTracking } from './poll-tracking.js';
import { listEvents } from './tracking-events.repo.js';
import { presentFlattened, presentTracking } from './tracking.present.js';
import { CarrierEventsBody } from './tracking.schemas.js';

/** The HTTP layer also tells routes taking carrier keys which carrier called. */
export interface TrackingRouteContext extends RouteContext {
  carrierOf(request: FastifyRequest): CarrierCaller | undefined;
}

/** Route config: the route accepts a carrier-scoped key as well as a customer's (http/auth.ts). */
const CARRIER_KEYS = { carrierKeys: true } as FastifyContextConfig;
const tags = ['Tracking'];

export function trackingRoutes(app: FastifyInstance, deps: Deps, ctx: TrackingRouteContext): void {
  const view = async (customer: Customer, rawReference: string) => {
    const c = await loadConsignment(deps, customer, consignmentReferenceFromPath(rawReference));
    return { c, events: await listEvents(deps.db, customer.id, c.id) };
  };
  const pathReference = (req: FastifyRequest) => (req.params as { consignmentReference: string }).consignmentReference;

  app.get('/tracking/:consignmentReference', { schema: { tags, summary: 'Get Tracking Events', params: ConsignmentParams } }, async (req) => {
    const { c, events } = await view(ctx.customerOf(req), pathReference(req));
    return presentTracking(c, events);
  });

  app.get('/tracking/flattened/:consignmentReference', { schema: { tags, summary: 'Get Events Per Package', params: ConsignmentParams } }, async (req) => {
    const { c, events } = await view(ctx.customerOf(req), pathReference(req));
    return presentFlattened(c, events);
  });

  const ingest = async (req: FastifyRequest, reply: FastifyReply) => {
    const carrier = ctx.carrierOf(req);
    await ingestCarrierEvents(deps, carrier ? { carrier } : { customer: ctx.customerOf(req) }, req.body as CarrierEventsBody, req.log);
    return reply.code(202).send();
  };
  const ingestSchema = (summary: string) => ({
    config: CARRIER_KEYS,
    schema: {
      tags,
      summary,
      description: 'Accepts a carrier-scoped key (events for that carrier only) or the customer\'s own key (its own consignments only). 202 with no body; unknown references are ignored.',
      body: CarrierEventsBody,
    },
  });
  app.post('/tracking/carrierevents', ingestSchema('Post Tracking Events'), ingest);
  app.post('/carrierTrackingEvents', ingestSchema('Post Tracking Events (SDK path)'), ingest);

  app.post('/tracking/:consignmentReference/advance', {
    schema: { tags, summary: '[EXT] Advance a simulated journey one step per package', params: ConsignmentParams },
  }, async (req) => {
    const customer = ctx.customerOf(req);
    await advanceTracking(deps, customer, consignmentReferenceFromPath(pathReference(req)));
    const { c, events } = await view(customer, pathReference(req));
    return presentTracking(c, events);
  });
}
