/**
 * Service groups (spec §12, admin OPT): reads, and create/update/delete. References match in any
 * case (SortedPRO's "Service Group Code") and keep the spelling they were created with.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../shared/errors.js';
import type { Deps } from '../deps.js';
import type { RouteContext } from '../route-context.js';
import { type CustomerService, customerServices } from './carrier-services.catalogue.js';
import * as repo from './carrier-services.repo.js';
import { ServiceGroupInput } from './carrier-services.schemas.js';
import { isGroupReference, normaliseServiceGroup } from './service-groups.js';
import { presentServiceGroup, presentServiceGroupSummary } from './service-groups.present.js';

const GroupParams = Type.Object({ serviceGroupReference: Type.String({ minLength: 1, maxLength: 100 }) });
const tags = ['Service groups'];

const groupNotFound = (reference: string) => new AppError('ServiceGroupNotFound', `Service group "${reference}" was not found.`, [], 404);
const alreadyExists = (reference: string) => new AppError('ServiceGroupAlreadyExists', `Service group "${reference}" already exists.`,
  [{ Code: 'ServiceGroupAlreadyExists', Target: 'Reference', Message: 'Reference already used (references match in any case).' }]);

const byReference = (services: readonly CustomerService[]) => new Map(services.map((s) => [s.service.reference.toUpperCase(), s.service.reference]));

export function serviceGroupsRoutes(app: FastifyInstance, deps: Deps, ctx: RouteContext): void {
  const now = () => deps.clock.now().toISOString();
  const paramOf = (req: { params: unknown }) => (req.params as { serviceGroupReference: string }).serviceGroupReference;
  /** A malformed reference cannot name a group: the same 404 as an unknown one. */
  const find = async (customerId: number, reference: string) => {
    const group = isGroupReference(reference) ? await repo.findServiceGroup(deps.db, customerId, reference) : undefined;
    if (!group) throw groupNotFound(reference);
    return group;
  };

  app.get('/servicegroups', { schema: { tags, summary: 'Service groups with their member services' } }, async (req) => {
    const c = ctx.customerOf(req);
    const services = await customerServices(deps, deps.db, c.id);
    return (await repo.listServiceGroups(deps.db, c.id)).map((g) => presentServiceGroup(g, c.reference, services));
  });
  app.get('/servicegroups/summaries', { schema: { tags, summary: 'Service group summaries' } }, async (req) =>
    (await repo.listServiceGroups(deps.db, ctx.customerOf(req).id)).map(presentServiceGroupSummary));

  app.get('/servicegroups/:serviceGroupReference', { schema: { tags, params: GroupParams } }, async (req) => {
    const c = ctx.customerOf(req);
    const group = await find(c.id, paramOf(req));
    return presentServiceGroup(group, c.reference, await customerServices(deps, deps.db, c.id));
  });
  app.get('/servicegroups/summary/:serviceGroupReference', { schema: { tags, params: GroupParams } }, async (req) =>
    presentServiceGroupSummary(await find(ctx.customerOf(req).id, paramOf(req))));
  app.get('/servicegroups/:serviceGroupReference/available', { schema: { tags, params: GroupParams, summary: 'Whether the reference is free for a new group' } }, async (req) => {
    const reference = paramOf(req);
    if (!isGroupReference(reference)) {
      throw new AppError('InvalidReference', `"${reference}" cannot be a service group reference: 1 to 50 letters, digits, "_", "-" or ".", starting with a letter or digit (and not "summaries").`);
    }
    return !(await repo.findServiceGroup(deps.db, ctx.customerOf(req).id, reference));
  });

  app.post('/servicegroups', { schema: { tags, body: ServiceGroupInput } }, async (req, reply) => {
    const c = ctx.customerOf(req);
    const services = await customerServices(deps, deps.db, c.id);
    const group = normaliseServiceGroup(req.body as ServiceGroupInput, null, byReference(services));
    await deps.db.transaction().execute(async (tx) => {
      if (await repo.findServiceGroup(tx, c.id, group.reference)) throw alreadyExists(group.reference);
      if (!(await repo.insertServiceGroup(tx, c.id, group, now()))) throw alreadyExists(group.reference);
    });
    return reply.code(201).header('location', ctx.href(`/servicegroups/${encodeURIComponent(group.reference)}`))
      .send(presentServiceGroup(group, c.reference, services));
  });

  app.put('/servicegroups/:serviceGroupReference', { schema: { tags, params: GroupParams, body: ServiceGroupInput } }, async (req) => {
    const c = ctx.customerOf(req);
    const current = await find(c.id, paramOf(req));
    const services = await customerServices(deps, deps.db, c.id);
    const group = normaliseServiceGroup(req.body as ServiceGroupInput, current.reference, byReference(services));
    await deps.db.transaction().execute(async (tx) => {
      // Deleted meanwhile: do not bring it back.
      if (!(await repo.findServiceGroup(tx, c.id, current.reference))) throw groupNotFound(paramOf(req));
      await repo.saveServiceGroup(tx, c.id, group, now());
    });
    return presentServiceGroup(group, c.reference, services);
  });

  app.delete('/servicegroups/:serviceGroupReference', { schema: { tags, params: GroupParams } }, async (req, reply) => {
    const c = ctx.customerOf(req);
    const group = await find(c.id, paramOf(req));
    if (!(await repo.deleteServiceGroup(deps.db, c.id, group.reference))) throw groupNotFound(paramOf(req));
    return reply.code(200).send();
  });
}
