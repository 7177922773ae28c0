/**
 * Customs documents (spec §7). The paths sit under `/consignments/docs/…`; the router prefers the
 * static `docs` segment, so they never reach `/consignments/{take}/{skip}` or
 * `/consignments/{ref}/status`, and those keep working (customs.routes.test.ts checks both).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { consignmentReferenceFromPath } from '../consignments/load-consignment.js';
import { packageReferenceFromPath } from '../consignments/delete-package.js';
import type { Deps } from '../deps.js';
import type { RouteContext } from '../route-context.js';
import { parseCustomsDocumentType } from './customs-files.js';
import { getCustomsDocument, getCustomsDocuments } from './get-customs-documents.js';

const tags = ['Customs documents'];
const KeyedDocuments = Type.Array(Type.Object({ Key: Type.String(), Value: Type.String({ description: 'PDF, base64' }) }));
const Base64Pdf = Type.String({ description: 'The PDF, base64-encoded, as a JSON string' });

/** A JSON string body: Fastify would send a bare string as text/plain. */
const sendBase64 = (reply: FastifyReply, base64: string) => reply.type('application/json; charset=utf-8').send(JSON.stringify(base64));

export function customsRoutes(app: FastifyInstance, deps: Deps, ctx: RouteContext): void {
  app.get('/consignments/docs/:consignmentReference', {
    schema: {
      tags, summary: 'Get Customs Documents (all kinds)',
      params: Type.Object({ consignmentReference: Type.String() }),
      response: { 200: Type.Object({ CommercialInvoiceDocuments: KeyedDocuments, CN22Documents: KeyedDocuments, CN23Documents: KeyedDocuments }) },
    },
  }, async (req) => {
    const { consignmentReference } = req.params as { consignmentReference: string };
    return getCustomsDocuments(deps, ctx.customerOf(req), consignmentReferenceFromPath(consignmentReference));
  });

  app.get('/consignments/docs/commercialinvoice/:consignmentReference', {
    schema: { tags, summary: 'Get Commercial Invoice', params: Type.Object({ consignmentReference: Type.String() }), response: { 200: Base64Pdf } },
  }, async (req, reply) => {
    const { consignmentReference } = req.params as { consignmentReference: string };
    const base64 = await getCustomsDocument(deps, ctx.customerOf(req), consignmentReferenceFromPath(consignmentReference), 'CommercialInvoice', null);
    return sendBase64(reply, base64);
  });

  app.get('/consignments/docs/:customsDocumentType/:consignmentReference/:packageReference', {
    schema: {
      tags, summary: 'Get Customs Document for a package (CN22, CN23 or CommercialInvoice)',
      params: Type.Object({ customsDocumentType: Type.String(), consignmentReference: Type.String(), packageReference: Type.String() }),
      response: { 200: Base64Pdf },
    },
  }, async (req, reply) => {
    const p = req.params as { customsDocumentType: string; consignmentReference: string; packageReference: string };
    const kind = parseCustomsDocumentType(p.customsDocumentType);
    const consignmentReference = consignmentReferenceFromPath(p.consignmentReference);
    const base64 = await getCustomsDocument(deps, ctx.customerOf(req), consignmentReference, kind, packageReferenceFromPath(p.packageReference));
    return sendBase64(reply, base64);
  });
}
