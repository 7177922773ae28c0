/** Test helper (excluded from the build by name): a label's data with a Greek recipient. */
import type { LabelData } from './label-data.js';

export function exampleLabel(overrides: Partial<LabelData> = {}): LabelData {
  return {
    carrierName: 'SimPost',
    serviceName: 'SimPost Tracked 48',
    trackingNumber: 'SP123456785GB',
    parcelNumber: 1,
    parcelCount: 2,
    weightKg: 1.2,
    sender: { name: 'Demo Shop', company: 'Demo Shop Ltd', lines: ['Unit 4, Riverside Estate'], town: 'Manchester', region: '', postcode: 'M1 1AA', country: 'United Kingdom', countryCode: 'GB' },
    recipient: {
      name: 'Αλέξανδρος Παπαδόπουλος', company: 'ООО «Ромашка»', lines: ['1 High Street', 'Flat_2 ^~'], town: 'Leeds', region: 'West Yorkshire',
      postcode: 'LS1 1AA', country: 'United Kingdom', countryCode: 'GB',
    },
    consignmentReference: 'EC-000-002-0TT',
    customerReference: 'MyConsignmentRef',
    parcelReference: 'EP-000-003-1AB',
    parcelCustomerReference: 'BOX-1',
    shippingDate: '2026-12-07',
    ...overrides,
  };
}
