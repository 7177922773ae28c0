import { describe, expect, it } from 'vitest';
import { CN22_LIMIT_GBP, customsDocumentsFor, isInternational } from './customs-rules.js';

const postal = { customs: { postalForms: true, commercialInvoice: false } };
const courier = { customs: { postalForms: false, commercialInvoice: true } };
const domesticOnly = { customs: { postalForms: false, commercialInvoice: false } };
const both = { customs: { postalForms: true, commercialInvoice: true } };

const route = (originCountry: string, destinationCountry: string, destinationPostcode = '') => ({ originCountry, destinationCountry, destinationPostcode });
const gbp = (amount: number) => ({ amount, currency: 'GBP' });

describe('isInternational (spec §7): another country, or GB → Northern Ireland', () => {
  it.each([
    ['GB', 'GB', 'LS11AA', false],
    ['GB', 'GB', 'BT11AA', true],
    ['GB', 'GB', 'bt1 1aa', true],
    ['GB', 'FR', '75004', true],
    ['GB', 'US', '10118', true],
    ['FR', 'FR', 'BT11AA', false],
    ['DE', 'FR', '75004', true],
  ] as const)('%s → %s %s: %s', (from, to, postcode, expected) => {
    expect(isInternational(from, to, postcode)).toBe(expected);
  });
});

describe('customsDocumentsFor (spec §7, §17 #40): route, service flags and the £270 CN22 limit', () => {
  it.each([
    ['domestic GB → GB, postal service', postal, route('GB', 'GB', 'LS11AA'), gbp(50), []],
    ['domestic GB → GB, courier', courier, route('GB', 'GB', 'LS11AA'), gbp(5000), []],
    ['GB → Belfast BT postcode, postal', postal, route('GB', 'GB', 'BT11AA'), gbp(50), ['CN22']],
    ['GB → Belfast BT postcode, courier', courier, route('GB', 'GB', 'BT11AA'), gbp(50), ['CommercialInvoice']],
    ['GB → FR postal, £50', postal, route('GB', 'FR'), gbp(50), ['CN22']],
    ['GB → FR postal, exactly £270 (≤ is CN22)', postal, route('GB', 'FR'), gbp(CN22_LIMIT_GBP), ['CN22']],
    ['GB → FR postal, £270.01', postal, route('GB', 'FR'), gbp(270.01), ['CN23']],
    ['GB → US postal, £1,000', postal, route('GB', 'US'), gbp(1000), ['CN23']],
    ['GB → FR courier, any value', courier, route('GB', 'FR'), gbp(10), ['CommercialInvoice']],
    ['GB → FR on a service with neither flag', domesticOnly, route('GB', 'FR'), gbp(10), []],
    ['GB → FR on a service with both: form and invoice', both, route('GB', 'FR'), gbp(300), ['CN23', 'CommercialInvoice']],
    ['no value at all counts as £0', postal, route('GB', 'FR'), null, ['CN22']],
    ['€300 = £255: CN22', postal, route('GB', 'FR'), { amount: 300, currency: 'EUR' }, ['CN22']],
    ['€320 = £272: CN23', postal, route('GB', 'FR'), { amount: 320, currency: 'EUR' }, ['CN23']],
    ['$340 = £268.60: CN22', postal, route('GB', 'US'), { amount: 340, currency: 'USD' }, ['CN22']],
    ['$345 = £272.55: CN23', postal, route('GB', 'US'), { amount: 345, currency: 'USD' }, ['CN23']],
  ] as const)('%s → %j', (_name, service, r, value, expected) => {
    expect(customsDocumentsFor(service, r, value)).toEqual(expected);
  });
});
