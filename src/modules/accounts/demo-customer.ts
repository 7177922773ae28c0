import { seedDemoCarrierServices } from '../allocation/demo-services.js';
import type { Customer, Deps } from '../deps.js';
import { countCustomers } from './accounts.repo.js';
import { createCustomer } from './manage-accounts.js';
import { normalisePackageSize } from './package-sizes.js';
import { savePackageSize } from './package-sizes.repo.js';
import { normaliseShippingLocation } from './shipping-locations.js';
import { insertLocation } from './shipping-locations.repo.js';

/**
 * First run on an empty database: a demo customer with warehouse WH1, three box sizes, every
 * simulated carrier service and two service groups, so the API can be tried at once. Returns
 * undefined when any customer already exists.
 */
export async function ensureDemoCustomer(deps: Deps, presetKey?: string): Promise<{ customer: Customer; apiKey: string } | undefined> {
  if ((await countCustomers(deps.db)) > 0) return undefined;
  const created = await createCustomer(deps, { name: 'Demo Shop', ...(presetKey ? { apiKey: presetKey } : {}) });
  const now = deps.clock.now().toISOString();
  const id = created.customer.id;
  await deps.db.transaction().execute(async (tx) => {
    await insertLocation(tx, id, normaliseShippingLocation({
      Reference: 'WH1',
      Name: 'Demo warehouse',
      ShippingLocationType: 'Warehouse',
      CompanyName: 'Demo Shop Ltd',
      Contact: { FirstName: 'Sam', LastName: 'Picker', Telephone: '01632 960000', Email: 'warehouse@demo.example' },
      AddressLine1: 'Unit 4, Kingsway Business Park',
      Town: 'Rochdale',
      Region: 'Greater Manchester',
      Postcode: 'OL16 4NW',
      Country: { IsoCode: { TwoLetterCode: 'GB' } },
      TimeZone: 'Europe/London',
    }, null), now);
    const sizes = [
      { Reference: 'S', Description: 'Small box', Length: 25, Width: 20, Height: 10, Weight: 2, IsDefault: true,
        InnerLength: 24.4, InnerWidth: 19.4, InnerHeight: 9.4, EmptyWeight: 0.15, MaxWeight: 10, Cost: { Amount: 0.35, Currency: { IsoCode: 'GBP' } } },
      { Reference: 'M', Description: 'Medium box', Length: 40, Width: 30, Height: 20, Weight: 10, IsDefault: false,
        InnerLength: 39.4, InnerWidth: 29.4, InnerHeight: 19.4, EmptyWeight: 0.35, MaxWeight: 20, Cost: { Amount: 0.7, Currency: { IsoCode: 'GBP' } } },
      { Reference: 'L', Description: 'Large box', Length: 60, Width: 40, Height: 40, Weight: 25, IsDefault: false,
        InnerLength: 59.2, InnerWidth: 39.2, InnerHeight: 39.2, EmptyWeight: 0.8, MaxWeight: 30, Cost: { Amount: 1.2, Currency: { IsoCode: 'GBP' } } },
    ];
    for (const s of sizes) await savePackageSize(tx, id, normalisePackageSize(s, null), now, true);
    await seedDemoCarrierServices(tx, id, deps.carriers, now);
  });
  return created;
}
