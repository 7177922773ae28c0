/** Quotes over HTTP (spec §13); 200 for all of them (§17 #37): nothing is created from the caller's view. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../shared/errors.js';
import { CreateConsignmentBody } from '../consignments/consignments.schemas.js';
import { consignmentReferenceFromPath } from '../consignments/load-consignment.js';
import type { Deps } from '../deps.js';
import type { RouteContext } from '../route-context.js';
import { quoteConsignmentBody, quoteServiceGroups, quoteStoredConsignment } from './price-quotes.js';
import { listQuotesOfRequest } from './quotes.repo.js';

const tags = ['Quotes'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function quotesRoutes(app: FastifyInstance, deps: Deps, ctx: RouteContext): void {
  app.post('/quotes', { schema: { tags, summary: 'Get Quotes', body: CreateConsignmentBody } }, async (req) =>
    quoteConsignmentBody(deps, ctx.customerOf(req), req.body as CreateConsignmentBody));

  app.post('/quotes/serviceGroups', { schema: { tags, summary: 'Get Service Group Quotes', body: CreateConsignmentBody } }, async (req) =>
    quoteServiceGroups(deps, ctx.customerOf(req), req.body as CreateConsignmentBody));

  app.get('/quotes/consignment/:consignmentReference', {
    schema: { tags, summary: 'Get Quotes For Consignment', params: Type.Object({ consignmentReference: Type.String({ maxLength: 64 }) }) },
  }, async (req) => quoteStoredConsignment(deps, ctx.customerOf(req), consignmentReferenceFromPath((req.params as { consignmentReference: string }).consignmentReference)));

  app.get('/quotes/:quoteRequestReference', {
    schema: { tags, summary: 'Get Quote Request (re-read)', params: Type.Object({ quoteRequestReference: Type.String({ maxLength: 64 }) }) },
  }, async (req) => {
    const reference = (req.params as { quoteRequestReference: string }).quoteRequestReference;
    const quotes = GUID.test(reference) ? await listQuotesOfRequest(deps.db, ctx.customerOf(req).id, reference) : [];
    if (quotes.length === 0) throw new AppError('QuoteNotFound', `Quote request ${reference} was not found.`);
    return { QuoteRequestReference: reference.toLowerCase(), Quotes: quotes, Message: `${quotes.length} quote(s).`, UnqualifiedServices: [] };
  });
}
