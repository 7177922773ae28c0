import { AppError, Problems } from '../../shared/errors.js';
import * as n from '../../shared/wire/normalise.js';
import type { Address } from '../../shared/wire/model.js';
import { existingLocationReferences } from '../accounts/shipping-locations.repo.js';
import type { Customer, Deps } from '../deps.js';
import { changeOrder } from './change-order.js';
import type { AddressBody } from './orders.schemas.js';

async function checkedAddress(deps: Deps, customer: Customer, body: AddressBody, problems: Problems): Promise<Address | null> {
  const known = await existingLocationReferences(deps.db, customer.id, n.locationReferences([body]));
  const address = n.address(body, problems, '');
  if (address?.ShippingLocationReference && !known.has(address.ShippingLocationReference)) {
    problems.add('ShippingLocationNotFound', 'ShippingLocationReference', `Shipping location "${address.ShippingLocationReference}" was not found.`);
  }
  return address;
}

/** Add Address To Order (spec §2.5): only for an address type the order does not have yet. */
export async function addOrderAddress(deps: Deps, customer: Customer, reference: string, body: AddressBody): Promise<void> {
  const problems = new Problems();
  const address = await checkedAddress(deps, customer, body, problems);
  problems.throwIfAny();
  await changeOrder(deps, customer, reference, (order) => {
    if (order.Addresses.some((a) => a.AddressType === address!.AddressType)) {
      throw new AppError('AddressTypeAlreadyExists', `Order ${reference} already has a ${address!.AddressType} address; use PUT to replace it.`, [
        { Code: 'AddressTypeAlreadyExists', Target: 'AddressType', Message: 'Address type already present.' },
      ]);
    }
    return { ...order, Addresses: [...order.Addresses, address!] };
  });
}

/** Update Address On Order (spec §2.6): replaces the address of that type, which must exist. */
export async function replaceOrderAddress(deps: Deps, customer: Customer, reference: string, body: AddressBody): Promise<void> {
  const problems = new Problems();
  const address = await checkedAddress(deps, customer, body, problems);
  problems.throwIfAny();
  await changeOrder(deps, customer, reference, (order) => {
    if (!order.Addresses.some((a) => a.AddressType === address!.AddressType)) {
      throw new AppError('AddressTypeNotFound', `Order ${reference} has no ${address!.AddressType} address; use POST to add one.`, [
        { Code: 'AddressTypeNotFound', Target: 'AddressType', Message: 'No address of this type on the order.' },
      ]);
    }
    const addresses = order.Addresses.map((a) => (a.AddressType === address!.AddressType ? address! : a));
    const after = new Problems();
    n.checkAddressSet(addresses, after, 'Addresses');
    after.throwIfAny();
    return { ...order, Addresses: addresses };
  });
}
