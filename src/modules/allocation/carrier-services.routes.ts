/**
 * Carriers and carrier services (spec §12): the documented reads, and the [EXT] admin writes of a
 * customer's service profiles (allocation rules) and carrier account settings. The catalogue of
 * services is the carrier registry (global); what a customer sees is the services it has a profile
 * for, so another customer's configuration never shows.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../shared/errors.js';
import type { Deps } from '../deps.js';
import type { RouteContext } from '../route-context.js';
import { normaliseServiceProfile } from './carrier-services.normalise.js';
import { normaliseCarrierSettings } from './carrier-services.settings.js';
import { customerServices } from './carrier-services.catalogue.js';
import { presentCarrierService } from './carrier-services.present.js';
import * as repo from './carrier-services.repo.js';
import { CarrierSettingsInput, ServiceProfileInput } from './carrier-services.schemas.js';

const ServiceParams = Type.Object({ serviceReference: Type.String({ minLength: 1, maxLength: 100 }) });
const CarrierParams = Type.Object({ carrierReference: Type.String({ minLength: 1, maxLength: 100 }) });
const tags = ['Carrier services'];

const serviceNotFound = (reference: string) =>
  new AppError('CarrierServiceNotFound', `Carrier service "${reference}" was not found.`, [], 404);
const carrierNotFound = (reference: string) => new AppError('CarrierNotFound', `Carrier "${reference}" was not found.`, [], 404);

export function carrierServicesRoutes(app: FastifyInstance, deps: Deps, ctx: RouteContext): void {
  const now = () => deps.clock.now().toISOString();
  const list = async (customerId: number) => ({
    Success: true,
    ErrorMessage: null,
    MpdCarrierServices: (await customerServices(deps, deps.db, customerId)).map((s) => presentCarrierService(s, s.profile)),
  });

  app.get('/carrierservices', { schema: { tags, summary: 'Get Available MPD Carrier Services' } }, async (req) => list(ctx.customerOf(req).id));
  app.get('/carriers', { schema: { tags, summary: 'MPD carrier services for subscription' } }, async (req) => list(ctx.customerOf(req).id));

  app.get('/carriers/getcarriers', { schema: { tags, summary: 'Carriers the customer has a service of' } }, async (req) => {
    const carriers = new Map((await customerServices(deps, deps.db, ctx.customerOf(req).id)).map((s) => [s.carrier.reference, s.carrier.name]));
    return [...carriers].map(([Reference, Name]) => ({ Reference, Name }));
  });

  app.get('/carrierservices/:serviceReference', { schema: { tags, params: ServiceParams, summary: '[EXT] One carrier service' } }, async (req) => {
    const { serviceReference } = req.params as { serviceReference: string };
    const entry = deps.carriers.service(serviceReference);
    const profile = entry && (await repo.findServiceProfile(deps.db, ctx.customerOf(req).id, entry.service.reference));
    if (!entry || !profile) throw serviceNotFound(serviceReference);
    return presentCarrierService(entry, profile);
  });

  app.put('/carrierservices/:serviceReference', {
    schema: { tags, params: ServiceParams, body: ServiceProfileInput, summary: '[EXT] Create or update the customer\'s profile (allocation rules) of a service' },
  }, async (req, reply) => {
    const { serviceReference } = req.params as { serviceReference: string };
    const entry = deps.carriers.service(serviceReference);
    if (!entry) throw serviceNotFound(serviceReference);
    const customer = ctx.customerOf(req);
    const { profile, created } = await deps.db.transaction().execute(async (tx) => {
      const current = await repo.findServiceProfile(tx, customer.id, entry.service.reference);
      const next = normaliseServiceProfile(req.body as ServiceProfileInput, entry.service.reference, current);
      await repo.saveServiceProfile(tx, customer.id, next, now());
      return { profile: next, created: !current };
    });
    if (created) reply.code(201).header('location', ctx.href(`/carrierservices/${encodeURIComponent(entry.service.reference)}`));
    return presentCarrierService(entry, profile);
  });

  app.get('/carriers/:carrierReference/settings', { schema: { tags, params: CarrierParams, summary: '[EXT] The customer\'s account settings for a carrier' } }, async (req) => {
    const { carrierReference } = req.params as { carrierReference: string };
    const carrier = deps.carriers.carrier(carrierReference);
    if (!carrier) throw carrierNotFound(carrierReference);
    return repo.carrierSettings(deps.db, ctx.customerOf(req).id, carrier.reference);
  });

  app.put('/carriers/:carrierReference/settings', {
    schema: { tags, params: CarrierParams, body: CarrierSettingsInput, summary: '[EXT] Replace the customer\'s account settings for a carrier' },
  }, async (req) => {
    const { carrierReference } = req.params as { carrierReference: string };
    const carrier = deps.carriers.carrier(carrierReference);
    if (!carrier) throw carrierNotFound(carrierReference);
    const settings = normaliseCarrierSettings(req.body as CarrierSettingsInput);
    await repo.saveCarrierSettings(deps.db, ctx.customerOf(req).id, carrier.reference, settings, now());
    return settings;
  });
}
