/**
 * The carrier set-up of the first-run demo customer: every simulated service enabled, with a few
 * allocation rules to show them off, and two service groups.
 */
import type { DbOrTx } from '../../db/schema.js';
import type { CarrierRegistry } from '../../carriers/registry.js';
import { saveServiceGroup, saveServiceProfile } from './carrier-services.repo.js';
import { NO_RULES, type ServiceRules } from './service-profile.js';

const DEMO_RULES: Readonly<Record<string, Partial<ServiceRules>>> = {
  // The postal 48 h service does not take parcels over 61 cm or 20 kg, nor to the Channel Islands.
  MPD_SIMPOST_TRACKED48: {
    DimensionRestrictions: [{ DimensionType: 'Length', RangeFrom: null, RangeTo: 61 }, { DimensionType: 'AbsoluteWeight', RangeFrom: null, RangeTo: 20 }],
    DomesticLocationRestrictions: [{ PostcodeArea: 'GY', PostcodeDistrict: null, PostcodeSector: null, PostcodeUnit: null }, { PostcodeArea: 'JE', PostcodeDistrict: null, PostcodeSector: null, PostcodeUnit: null }],
  },
  MPD_SIMCOURIER_NEXTDAY: { CompensationAndValue: { MaxParcelValue: 2500, Currency: 'GBP' } },
};

export async function seedDemoCarrierServices(db: DbOrTx, customerId: number, carriers: CarrierRegistry, now: string): Promise<void> {
  for (const carrier of carriers.carriers) {
    for (const service of carrier.services) {
      await saveServiceProfile(db, customerId, { reference: service.reference, enabled: true, rules: { ...NO_RULES, ...DEMO_RULES[service.reference] } }, now);
    }
  }
  await saveServiceGroup(db, customerId, { reference: 'NEXTDAY', name: 'Next day', enabled: true, members: ['MPD_SIMPOST_SIGNED24', 'MPD_SIMCOURIER_NEXTDAY'] }, now);
  await saveServiceGroup(db, customerId, { reference: 'ECONOMY', name: 'Economy', enabled: true, members: ['MPD_SIMPOST_TRACKED48', 'MPD_SIMPOST_RETURNS', 'MPD_SIMPOST_INTLTRACKED'] }, now);
}
