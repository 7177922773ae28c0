import { describe, expect, it } from 'vitest';
import { labelRequest, packageLabelRequest } from './label-request.js';

const C = 'EC-000-002-0TT';
const P = 'EP-000-003-1AB';

describe('label URLs (spec §6, §17 #21): an EP- reference is a package, a format name a format, digits a resolution after a format', () => {
  it.each([
    [[C], { parcelReference: null, format: null, dpi: null }],
    [[C, 'pdf'], { parcelReference: null, format: 'PDF', dpi: null }],
    [[C, 'ZplIi'], { parcelReference: null, format: 'ZPLII', dpi: null }],
    [[C, 'zpl', '300'], { parcelReference: null, format: 'ZPL', dpi: 300 }],
    [[C, P.toLowerCase()], { parcelReference: P, format: null, dpi: null }],
    [[C, P, 'png'], { parcelReference: P, format: 'PNG', dpi: null }],
  ] as const)('/labels/%j', (segments, expected) => {
    expect(labelRequest(...(segments as unknown as [string, string?, string?]))).toEqual({ consignmentReference: C, ...expected });
  });

  it.each([
    [[C, '203'], 'InvalidLabelFormat'],
    [[C, 'GIF'], 'InvalidLabelFormat'],
    [[C, 'PDF', '99'], 'ValidationFailed'],
    [[C, 'PDF', '601'], 'ValidationFailed'],
    [[C, 'PDF', '2e2'], 'ValidationFailed'],
    [[C, P, '300'], 'InvalidLabelFormat'],
    [['EP-000-003-1AB'], 'InvalidReference'],
  ] as const)('/labels/%j is refused with %s', (segments, code) => {
    expect(() => labelRequest(...(segments as unknown as [string, string?, string?]))).toThrow(expect.objectContaining({ code }));
  });

  it('reads /labels/package/{c}/{p}/{format}/{resolution}', () => {
    expect(packageLabelRequest(C, P, 'zpl', '600')).toEqual({ consignmentReference: C, parcelReference: P, format: 'ZPL', dpi: 600 });
    expect(() => packageLabelRequest(C, 'BOX-1')).toThrow(expect.objectContaining({ code: 'InvalidReference' }));
  });
});
