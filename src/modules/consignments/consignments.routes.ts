/** The Consignments API (spec §4): reading one consignment, its status and its audit trail; then search and the commands. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import type { RouteContext } from '../route-context.js';
import { consignmentCommandRoutes } from './consignment-commands.routes.js';
import { consignmentSearchRoutes } from './consignment-search.routes.js';
import { listAudit } from './consignments.repo.js';
import { presentAudit, presentConsignment } from './consignments.present.js';
import { ConsignmentParams } from './consignments.schemas.js';
import { consignmentReferenceFromPath, loadConsignment } from './load-consignment.js';

const tags = ['Consignments'];

export function consignmentsRoutes(app: FastifyInstance, deps: Deps, ctx: RouteContext): void {
  const load = (req: { params: unknown }, customer = ctx.customerOf(req as never)) =>
    loadConsignment(deps, customer, consignmentReferenceFromPath((req.params as { consignmentReference: string }).consignmentReference));
  const schema = (summary: string) => ({ schema: { tags, summary, params: ConsignmentParams } });

  app.get('/consignments/:consignmentReference', schema('Get Consignment'), async (req) => presentConsignment(await load(req)));
  app.get('/consignments/getconsignmentwithmetadata/:consignmentReference', schema('Get Consignment (with metadata)'),
    async (req) => presentConsignment(await load(req)));
  app.get('/consignments/getconsignmentonly/:consignmentReference', schema('Get Consignment (without metadata)'),
    async (req) => presentConsignment(await load(req), { withMetaData: false }));

  app.get('/consignments/:consignmentReference/status', schema('Get Consignment Status'), async (req) => {
    const c = await load(req);
    return {
      ConsignmentReferenceForAllLegsAssignedByMpd: c.Reference,
      Status: c.ConsignmentState,
      ExpectedDeliveryDate: c.LatestDeliveryDate,
      ApiLink: { Rel: 'Link', Href: ctx.href(`/consignments/${c.Reference}`) },
    };
  });

  app.get('/consignments/:consignmentReference/audit', schema('Consignment audit trail'), async (req) => {
    const customer = ctx.customerOf(req);
    const c = await load(req, customer);
    return (await listAudit(deps.db, customer.id, c.id)).map((row) => presentAudit(c.Reference, row));
  });

  consignmentSearchRoutes(app, deps, ctx);
  consignmentCommandRoutes(app, deps, ctx);
}
