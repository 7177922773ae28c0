/** Manifesting (spec §8): manifest by references, from a query, and the customer manifests with their PDFs. */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../shared/errors.js';
import { presentWithMessage } from '../consignments/consignments.present.js';
import type { Deps } from '../deps.js';
import type { RouteContext } from '../route-context.js';
import { manifestConsignments } from './manifest-consignments.js';
import { manifestFromQuery } from './manifest-from-query.js';
import { renderManifestPdf } from './manifest-pdf.js';
import { findManifest, listManifests } from './manifests.repo.js';
import { presentManifest, presentQueuedManifest } from './manifests.present.js';
import { ManifestBody, ManifestFromQueryBody, ManifestParams, ManifestsQuery } from './manifests.schemas.js';

const tags = ['Manifests'];

/** [DECIDE] Get Customer Manifests answers the newest this many (the help shape has no paging). */
export const MAX_MANIFESTS_LISTED = 1000;

const manifestNotFound = (reference: string) => new AppError('ManifestNotFound', `Manifest ${reference} was not found.`);

export function manifestsRoutes(app: FastifyInstance, deps: Deps, ctx: RouteContext): void {
  const link = (reference: string) => ctx.href(`/consignments/${reference}`);

  app.put('/consignments/manifest', { schema: { tags, summary: 'Manifest Consignments', body: ManifestBody } }, async (req) => {
    const outcomes = await manifestConsignments(deps, ctx.customerOf(req), (req.body as ManifestBody).ConsignmentReferences);
    return outcomes.map((o) => presentWithMessage(o, link));
  });

  // POST per the help page, SDK and REF; PUT per the flow include (§17 #24).
  for (const method of ['POST', 'PUT'] as const) {
    app.route({
      method,
      url: '/consignments/manifestFromQuery',
      schema: { tags, summary: 'Manifest Consignments From Query (queued)', body: ManifestFromQueryBody },
      attachValidation: true,
      handler: async (req) => {
        // Every problem with the query is InvalidManifestQuery (Appendix B); Details keep the field codes.
        if (req.validationError) {
          const e: Error = req.validationError;
          throw new AppError('InvalidManifestQuery', e.message, e instanceof AppError ? e.details : []);
        }
        return presentQueuedManifest(await manifestFromQuery(deps, ctx.customerOf(req), req.body as ManifestFromQueryBody));
      },
    });
  }

  app.get('/consignments/customer/manifests', { schema: { tags, summary: 'Get Customer Manifests (newest first)', querystring: ManifestsQuery } }, async (req) => {
    // Query parameter names match in any case, as the search filters do.
    const query = req.query as Record<string, string | undefined>;
    const location = Object.entries(query).find(([name]) => name.toLowerCase() === 'shippinglocationreference')?.[1];
    const manifests = await listManifests(deps.db, ctx.customerOf(req).id, { shippingLocationReference: location || undefined, limit: MAX_MANIFESTS_LISTED });
    return manifests.map(presentManifest);
  });

  app.get('/consignments/customer/manifest/:manifestReference', {
    schema: { tags, summary: 'Get Customer Manifest (base64 PDF)', params: ManifestParams },
  }, async (req, reply) => {
    const raw = (req.params as { manifestReference: string }).manifestReference;
    const reference = raw.trim().toLowerCase();
    const manifest = /^[0-9a-f]{32}$/.test(reference) ? await findManifest(deps.db, ctx.customerOf(req).id, reference) : undefined;
    if (!manifest) throw manifestNotFound(raw);
    const pdf = await renderManifestPdf(manifest);
    return reply.type('application/json').send(JSON.stringify(pdf.toString('base64')));
  });
}
