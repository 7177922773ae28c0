/** Shipping locations (spec §11) and package sizes (spec §10): the documented reads plus admin writes. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../shared/errors.js';
import type { Deps } from '../deps.js';
import type { RouteContext } from '../route-context.js';
import { normalisePackageSize, PackageSizeInput } from './package-sizes.js';
import * as sizes from './package-sizes.repo.js';
import { normaliseShippingLocation, ShippingLocationInput } from './shipping-locations.js';
import * as locations from './shipping-locations.repo.js';

const RefParams = Type.Object({ reference: Type.String({ minLength: 1, maxLength: 100 }) });
const tagsLocations = ['Shipping locations'];
const tagsSizes = ['Package sizes'];

export function referenceDataRoutes(app: FastifyInstance, deps: Deps, ctx: RouteContext): void {
  const now = () => deps.clock.now().toISOString();
  const locationView = (customerReference: string) => (l: object) => ({ ...l, CustomerReference: customerReference, LinkedAccounts: [] });
  const locationNotFound = (ref: string) => new AppError('ShippingLocationNotFound', `Shipping location "${ref}" was not found.`, [], 404);
  const sizeNotFound = (ref: string) => new AppError('PackageSizeNotFound', `Package size "${ref}" was not found.`, [], 404);

  app.get('/shippinglocations', { schema: { tags: tagsLocations, summary: 'Get Shipping Locations' } }, async (req) => {
    const c = ctx.customerOf(req);
    return (await locations.listLocations(deps.db, c.id)).map(locationView(c.reference));
  });
  // Packline has no per-user location links: every key of a customer is assigned every location.
  app.get('/shippinglocations/assigned', { schema: { tags: tagsLocations, summary: 'Get Assigned Shipping Locations' } }, async (req) => {
    const c = ctx.customerOf(req);
    return (await locations.listLocations(deps.db, c.id)).map(locationView(c.reference));
  });
  app.get('/shippinglocations/:reference', { schema: { tags: tagsLocations, params: RefParams } }, async (req) => {
    const c = ctx.customerOf(req);
    const { reference } = req.params as { reference: string };
    const l = await locations.findLocation(deps.db, c.id, reference);
    if (!l) throw locationNotFound(reference);
    return locationView(c.reference)(l);
  });
  app.get('/shippinglocations/:reference/available', { schema: { tags: tagsLocations, params: RefParams } }, async (req) => {
    const { reference } = req.params as { reference: string };
    return locations.locationReferenceAvailable(deps.db, ctx.customerOf(req).id, reference);
  });
  app.post('/shippinglocations', { schema: { tags: tagsLocations, body: ShippingLocationInput } }, async (req, reply) => {
    const c = ctx.customerOf(req);
    const location = normaliseShippingLocation(req.body as ShippingLocationInput, null);
    await deps.db.transaction().execute(async (tx) => {
      if (!(await locations.locationReferenceAvailable(tx, c.id, location.Reference))) {
        throw new AppError('ShippingLocationAlreadyExists', `Shipping location reference "${location.Reference}" is already taken (references are never reused).`,
          [{ Code: 'ShippingLocationAlreadyExists', Target: 'Reference', Message: 'Reference already used.' }]);
      }
      await locations.insertLocation(tx, c.id, location, now());
    });
    return reply.code(201).header('location', ctx.href(`/shippinglocations/${encodeURIComponent(location.Reference)}`)).send(locationView(c.reference)(location));
  });
  app.put('/shippinglocations/:reference', { schema: { tags: tagsLocations, params: RefParams, body: ShippingLocationInput } }, async (req) => {
    const c = ctx.customerOf(req);
    const { reference } = req.params as { reference: string };
    const location = normaliseShippingLocation(req.body as ShippingLocationInput, reference);
    if (!(await locations.updateLocation(deps.db, c.id, location, now()))) throw locationNotFound(reference);
    return locationView(c.reference)(location);
  });
  app.delete('/shippinglocations/:reference', { schema: { tags: tagsLocations, params: RefParams } }, async (req, reply) => {
    const { reference } = req.params as { reference: string };
    if (!(await locations.deleteLocation(deps.db, ctx.customerOf(req).id, reference, now()))) throw locationNotFound(reference);
    return reply.code(200).send();
  });

  const sizeView = (customerReference: string) => (s: object) => ({ ...s, CustomerReference: customerReference });
  app.get('/packagesizes', { schema: { tags: tagsSizes, summary: 'Get Package Sizes' } }, async (req) => {
    const c = ctx.customerOf(req);
    return (await sizes.listPackageSizes(deps.db, c.id)).map(sizeView(c.reference));
  });
  app.get('/packagesizes/default', { schema: { tags: tagsSizes } }, async (req) => {
    const c = ctx.customerOf(req);
    const s = await sizes.findDefaultPackageSize(deps.db, c.id);
    if (!s) throw new AppError('PackageSizeNotFound', 'No default package size is set.', [], 404);
    return sizeView(c.reference)(s);
  });
  app.get('/packagesizes/:reference', { schema: { tags: tagsSizes, params: RefParams } }, async (req) => {
    const c = ctx.customerOf(req);
    const { reference } = req.params as { reference: string };
    const s = await sizes.findPackageSize(deps.db, c.id, reference);
    if (!s) throw sizeNotFound(reference);
    return sizeView(c.reference)(s);
  });
  app.post('/packagesizes', { schema: { tags: tagsSizes, body: PackageSizeInput } }, async (req, reply) => {
    const c = ctx.customerOf(req);
    const size = normalisePackageSize(req.body as PackageSizeInput, null);
    await deps.db.transaction().execute(async (tx) => {
      if (await sizes.findPackageSize(tx, c.id, size.Reference)) {
        throw new AppError('PackageSizeAlreadyExists', `Package size "${size.Reference}" already exists.`,
          [{ Code: 'PackageSizeAlreadyExists', Target: 'Reference', Message: 'Reference already used.' }]);
      }
      await sizes.savePackageSize(tx, c.id, size, now(), true);
    });
    return reply.code(201).header('location', ctx.href(`/packagesizes/${encodeURIComponent(size.Reference)}`)).send(sizeView(c.reference)(size));
  });
  app.put('/packagesizes/:reference', { schema: { tags: tagsSizes, params: RefParams, body: PackageSizeInput } }, async (req) => {
    const c = ctx.customerOf(req);
    const { reference } = req.params as { reference: string };
    const size = normalisePackageSize(req.body as PackageSizeInput, reference);
    const saved = await deps.db.transaction().execute((tx) => sizes.savePackageSize(tx, c.id, size, now(), false));
    if (!saved) throw sizeNotFound(reference);
    return sizeView(c.reference)((await sizes.findPackageSize(deps.db, c.id, reference))!);
  });
  app.put('/packagesizes/:reference/default', { schema: { tags: tagsSizes, params: RefParams } }, async (req, reply) => {
    const { reference } = req.params as { reference: string };
    const done = await deps.db.transaction().execute((tx) => sizes.makeDefault(tx, ctx.customerOf(req).id, reference));
    if (!done) throw sizeNotFound(reference);
    return reply.code(200).send();
  });
  app.delete('/packagesizes/:reference', { schema: { tags: tagsSizes, params: RefParams } }, async (req, reply) => {
    const { reference } = req.params as { reference: string };
    if (!(await sizes.deletePackageSize(deps.db, ctx.customerOf(req).id, reference))) throw sizeNotFound(reference);
    return reply.code(200).send();
  });
}
