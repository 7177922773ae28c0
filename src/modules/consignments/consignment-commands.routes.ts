/** Consignment commands (spec §4.2, §4.6–§4.11): create, update, packages, cancel, ready to ship, dispatch. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors.js';
import type { Deps } from '../deps.js';
import type { RouteContext } from '../route-context.js';
import { addPackage } from './add-package.js';
import { cancelConsignment, cancelConsignments } from './cancel-consignment.js';
import { createConsignment } from './create-consignment.js';
import { deletePackage, packageReferenceFromPath } from './delete-package.js';
import { dispatchConsignments } from './dispatch-consignments.js';
import { consignmentReferenceFromPath } from './load-consignment.js';
import { presentDispatch, presentWithMessage } from './consignments.present.js';
import {
  ConsignmentPackageInput, ConsignmentPackageParams, ConsignmentParams, CreateConsignmentBody, DispatchBody, PackageParams, ReferenceListBody,
  type UpdateConsignmentBody, UpdateConsignmentsBody,
} from './consignments.schemas.js';
import { setReadyToShip } from './ready-to-ship.js';
import { updateConsignments } from './update-consignment.js';

const tags = ['Consignments'];

/** Update Consignment bodies sent as one object, so their field paths can leave out the `[0]`. */
const singleObjectBodies = new WeakSet<FastifyRequest>();

/** `[0].Packages[1].Value` → `Packages[1].Value` for a body that was one object. */
function withoutIndex(error: Error): Error {
  if (!(error instanceof AppError)) return error;
  const strip = (s: string) => s.replace(/^\[0\]\.?/, '');
  const details = error.details.map((d) => ({ ...d, Target: d.Target === null ? null : strip(d.Target) || 'body', Message: strip(d.Message) }));
  return new AppError(error.code, strip(error.message), details, error.status);
}

export function consignmentCommandRoutes(app: FastifyInstance, deps: Deps, ctx: RouteContext): void {
  const link = (reference: string) => ctx.href(`/consignments/${reference}`);
  const pathReference = (req: { params: unknown }) => consignmentReferenceFromPath((req.params as { consignmentReference: string }).consignmentReference);

  app.post('/consignments', { schema: { tags, summary: 'Create Consignment', body: CreateConsignmentBody } }, async (req, reply) => {
    const reference = await createConsignment(deps, ctx.customerOf(req), req.body as CreateConsignmentBody);
    const links = [{ Rel: 'Link', Href: link(reference) }];
    return reply.code(201).header('location', links[0]!.Href).send(links);
  });

  app.put('/consignments', {
    schema: { tags, summary: 'Update Consignment (one object or an array)', body: UpdateConsignmentsBody },
    attachValidation: true,
    preValidation: async (req) => {
      if (req.body !== null && typeof req.body === 'object' && !Array.isArray(req.body)) {
        singleObjectBodies.add(req);
        req.body = [req.body];
      }
    },
  }, async (req) => {
    const single = singleObjectBodies.has(req);
    if (req.validationError) throw single ? withoutIndex(req.validationError) : req.validationError;
    const references = await updateConsignments(deps, ctx.customerOf(req), req.body as UpdateConsignmentBody[], single);
    return references.map((r) => ({ Rel: 'Link', Href: link(r) }));
  });

  app.post('/consignments/:consignmentReference/addpackage', {
    schema: { tags, summary: 'Add Package', params: ConsignmentParams, body: ConsignmentPackageInput },
  }, async (req, reply) => {
    const parcel = await addPackage(deps, ctx.customerOf(req), pathReference(req), req.body as ConsignmentPackageInput);
    return reply.code(201).send(parcel);
  });

  app.delete('/packages/:packageReference', { schema: { tags, summary: 'Delete Package', params: PackageParams } }, async (req, reply) => {
    await deletePackage(deps, ctx.customerOf(req), packageReferenceFromPath((req.params as { packageReference: string }).packageReference));
    return reply.code(200).send();
  });

  app.post('/consignments/:consignmentReference/removepackage/:packageReference', {
    schema: { tags, summary: 'Delete Package (SDK alias)', params: ConsignmentPackageParams },
  }, async (req, reply) => {
    const consignmentReference = pathReference(req);
    const packageReference = packageReferenceFromPath((req.params as { packageReference: string }).packageReference);
    await deletePackage(deps, ctx.customerOf(req), packageReference, consignmentReference);
    return reply.code(200).send();
  });

  app.put('/consignments/:consignmentReference/cancel', { schema: { tags, summary: 'Cancel Consignment', params: ConsignmentParams } }, async (req, reply) => {
    await cancelConsignment(deps, ctx.customerOf(req), pathReference(req));
    return reply.code(200).send();
  });

  app.put('/consignments/cancellist', { schema: { tags, summary: 'Cancel Consignments', body: ReferenceListBody } }, async (req) => {
    const outcomes = await cancelConsignments(deps, ctx.customerOf(req), req.body as ReferenceListBody);
    return outcomes.map((o) => presentWithMessage(o, link));
  });

  for (const [path, ready] of [['/consignments/setreadytoship', true], ['/consignments/setnotreadytoship', false]] as const) {
    app.put(path, { schema: { tags, summary: ready ? 'Set Ready To Ship' : 'Set Not Ready To Ship', body: ReferenceListBody } }, async (req) => {
      const outcomes = await setReadyToShip(deps, ctx.customerOf(req), req.body as ReferenceListBody, ready);
      return outcomes.map((o) => presentWithMessage(o, link));
    });
  }

  app.put('/consignments/Dispatch', { schema: { tags, summary: 'Dispatch Consignments', body: DispatchBody } }, async (req) => {
    const outcomes = await dispatchConsignments(deps, ctx.customerOf(req), (req.body as DispatchBody).ConsignmentReferences);
    return outcomes.map((o) => presentDispatch(o, link));
  });
}
