import { allocateReferences } from '../../db/references.js';
import { writeTransaction } from '../../db/transaction.js';
import { existingPackageSizeReferences } from '../accounts/package-sizes.repo.js';
import { existingLocationReferences } from '../accounts/shipping-locations.repo.js';
import type { Customer, Deps } from '../deps.js';
import { writeOrderEvent } from '../webhooks/index.js';
import type { KnownReferences } from './normalise-order.js';
import { namedReferences, normaliseNewOrder } from './normalise-order.js';
import type { CreateOrderBody } from './orders.schemas.js';
import { insertOrder } from './orders.repo.js';

/** The caller's shipping locations and package sizes that a body names. */
export async function lookUpReferences(deps: Deps, customer: Customer, body: Parameters<typeof namedReferences>[0]): Promise<KnownReferences> {
  const named = namedReferences(body);
  const [shippingLocations, packageSizes] = await Promise.all([
    existingLocationReferences(deps.db, customer.id, named.shippingLocations),
    existingPackageSizeReferences(deps.db, customer.id, named.packageSizes),
  ]);
  return { shippingLocations, packageSizes };
}

/** Create Order (spec §2.2): validate everything, then write the order and its items in one transaction. */
export async function createOrder(deps: Deps, customer: Customer, body: CreateOrderBody): Promise<string> {
  const known = await lookUpReferences(deps, customer, body);
  const document = normaliseNewOrder(body, known, deps.ids.hex32);
  const createdAt = deps.clock.now().toISOString();
  return writeTransaction(deps.db, deps.dialect, async (tx) => {
    const [reference] = await allocateReferences(tx, deps.dialect, 'EO', 1);
    const packageReferences = await allocateReferences(tx, deps.dialect, 'EP', document.Packages.length);
    document.Packages.forEach((p, i) => (p.Reference = packageReferences[i]!));
    await insertOrder(tx, customer.id, { reference: reference!, createdAt, document });
    await writeOrderEvent(tx, customer.id, 'OrderCreated', {
      reference: reference!, at: createdAt, customerReference: document.OrderReferenceProvidedByCustomer, shippingDate: document.ShippingDate,
    });
    return reference!;
  });
}
