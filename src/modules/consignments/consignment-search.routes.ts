/** Search Consignments, Get Consignments References and Count (spec §4.5). */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import type { RouteContext } from '../route-context.js';
import { presentSummary } from './consignments.present.js';
import { PagingParams } from './consignments.schemas.js';
import { FILTER_NAMES } from './search-filters.js';
import { consignmentCount, consignmentReferences, searchPage } from './search-consignments.js';

const tags = ['Consignments'];
/** The filters, for OpenAPI and a type check; `parseSearchFilters` reads them in any case. */
const Filters = Type.Object(Object.fromEntries(FILTER_NAMES.map((name) => [name, Type.Optional(Type.String())])));
const filtered = (summary: string) => ({ schema: { tags, summary, querystring: Filters } });

export function consignmentSearchRoutes(app: FastifyInstance, deps: Deps, ctx: RouteContext): void {
  app.get('/consignments/:take/:skip', { schema: { tags, summary: 'Search Consignments', params: PagingParams, querystring: Filters } }, async (req) => {
    const { count, consignments } = await searchPage(deps, ctx.customerOf(req), req.params as { take: string; skip: string }, req.query as Record<string, unknown>);
    return { Count: count, ConsignmentSummaries: consignments.map((c) => presentSummary(c, ctx.href(`/consignments/${c.Reference}`))) };
  });

  app.get('/consignments/getConsignmentReferences', filtered('Get Consignments References'), async (req) =>
    consignmentReferences(deps, ctx.customerOf(req), req.query as Record<string, unknown>));

  app.get('/consignments/count', filtered('Count Consignments (by state and any search filter)'), async (req) =>
    consignmentCount(deps, ctx.customerOf(req), req.query as Record<string, unknown>));
}
