/**
 * Test helper (excluded from the build by name): allocates a consignment to a named service
 * without the eligibility rules, through the real claim → book → finish path, so tests of labels,
 * customs documents, manifests and tracking can start from an allocated consignment.
 */
import type { TestServer } from '../../../test/harness.js';
import { customsDocumentsFor } from '../customs/customs-rules.js';
import type { Customer } from '../deps.js';
import { allocateConsignment, type AllocationOutcome } from './allocate-consignment.js';
import { consignmentFacts } from './consignment-facts.js';
import { documentOf } from '../consignments/consignment.js';
import { rateFor } from './pricing.js';
import { promiseFor } from './promise.js';

/** The demo customer of a test server (the one `t.key` belongs to). */
export async function demoCustomer(t: TestServer): Promise<Customer> {
  const row = await t.deps.db.selectFrom('customers').select(['id', 'reference', 'name']).where('name', '=', 'Demo Shop').executeTakeFirstOrThrow();
  return { id: Number(row.id), reference: row.reference, name: row.name, actor: 'test' };
}

export async function allocateDirectly(t: TestServer, reference: string, serviceReference = 'MPD_SIMPOST_TRACKED48'): Promise<AllocationOutcome> {
  const customer = await demoCustomer(t);
  const found = t.deps.carriers.service(serviceReference);
  if (!found) throw new Error(`no such service ${serviceReference}`);
  return allocateConsignment(t.deps, customer, reference, async (consignment) => {
    const facts = consignmentFacts(documentOf(consignment));
    const zone = found.service.zoneOf(facts.route) ?? Object.keys(found.service.rates.zones)[0]!;
    const price = rateFor(found.service, zone, facts.parcels, facts.route.originCountry);
    if (!price) return { failure: `${found.service.name} has no rate for these parcels` };
    return {
      carrier: found.carrier,
      service: found.service,
      group: null,
      price,
      promise: promiseFor(found.service.promise, t.deps.clock.now(), facts.shippingDate),
      customsDocuments: customsDocumentsFor(found.service, facts.route, facts.value),
      quoteReference: null,
    };
  });
}
