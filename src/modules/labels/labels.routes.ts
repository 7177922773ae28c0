/** Labels (spec §6): every documented URL shape, answered as `{ File: base64, ContentType }`. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import type { RouteContext } from '../route-context.js';
import { getLabels } from './get-labels.js';
import { type LabelRenderer, sharedLabelPool } from './label-pool.js';
import { type LabelRequest, labelRequest, packageLabelRequest } from './label-request.js';

const tags = ['Labels'];
const LabelFileBody = Type.Object({
  File: Type.String({ description: 'The label file, base64' }),
  ContentType: Type.String({ description: 'application/pdf, image/png or text/plain (ZPL)' }),
});
const response = { 200: LabelFileBody };
const Segment = Type.String({ maxLength: 64 });

type Params = Record<string, string>;

export function labelsRoutes(app: FastifyInstance, deps: Deps, ctx: RouteContext, renderer: () => LabelRenderer = sharedLabelPool): void {
  const answer = async (req: { params: unknown }, parse: (p: Params) => LabelRequest, customerOf: () => ReturnType<RouteContext['customerOf']>) => {
    const request = parse(req.params as Params);
    const label = await getLabels(deps, renderer(), customerOf(), request);
    return { File: Buffer.from(label.file.buffer, label.file.byteOffset, label.file.byteLength).toString('base64'), ContentType: label.contentType };
  };
  const route = (url: string, summary: string, names: string[], parse: (p: Params) => LabelRequest) => {
    const params = Type.Object(Object.fromEntries(names.map((n) => [n, Segment])));
    app.get(url, { schema: { tags, summary, params, response } }, (req) => answer(req, parse, () => ctx.customerOf(req)));
  };

  route('/labels/:consignmentReference', 'Get Labels', ['consignmentReference'], (p) => labelRequest(p.consignmentReference!));
  route('/labels/:consignmentReference/:labelFormat', 'Get Labels in Format (or, as the docs\' examples write it, Get Package Label: /labels/{c}/{EP-…})',
    ['consignmentReference', 'labelFormat'], (p) => labelRequest(p.consignmentReference!, p.labelFormat));
  route('/labels/:consignmentReference/:labelFormat/:resolution', 'Get Labels in Format at a resolution (or Get Package Label in Format: /labels/{c}/{EP-…}/{format})',
    ['consignmentReference', 'labelFormat', 'resolution'], (p) => labelRequest(p.consignmentReference!, p.labelFormat, p.resolution));
  route('/labels/package/:consignmentReference/:packageReference', 'Get Package Label', ['consignmentReference', 'packageReference'],
    (p) => packageLabelRequest(p.consignmentReference!, p.packageReference!));
  route('/labels/package/:consignmentReference/:packageReference/:labelFormat', 'Get Package Label in Format',
    ['consignmentReference', 'packageReference', 'labelFormat'], (p) => packageLabelRequest(p.consignmentReference!, p.packageReference!, p.labelFormat));
  route('/labels/package/:consignmentReference/:packageReference/:labelFormat/:resolution', 'Get Package Label in Format at a resolution',
    ['consignmentReference', 'packageReference', 'labelFormat', 'resolution'],
    (p) => packageLabelRequest(p.consignmentReference!, p.packageReference!, p.labelFormat, p.resolution));
}
