import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { customsFiles, fileFor, parseCustomsDocumentType } from './customs-files.js';

const C = 'EC-000-000-001';
const P = ['EP-000-000-001', 'EP-000-000-002'];

describe('customs files of a consignment (spec §7)', () => {
  it.each([
    ['cn22', 'CN22'], ['CN23', 'CN23'], ['Cn23', 'CN23'], ['commercialinvoice', 'CommercialInvoice'], ['COMMERCIALINVOICE', 'CommercialInvoice'],
  ] as const)('reads the document type %s as %s (case-insensitive)', (raw, kind) => {
    expect(parseCustomsDocumentType(raw)).toBe(kind);
  });

  it.each(['CN21', 'invoice', '', 'CN22 ', 'labels'])('refuses the document type %j with 400 InvalidCustomsDocumentType naming the path parameter', (raw) => {
    const error = (() => { try { parseCustomsDocumentType(raw); } catch (e) { return e as AppError; } })();
    expect(error).toBeInstanceOf(AppError);
    expect([error!.status, error!.code, error!.details[0]?.Target]).toEqual([400, 'InvalidCustomsDocumentType', 'customsDocumentType']);
  });

  it.each([
    [[], []],
    [['CN22'], [`CN22_${C}_${P[0]}.pdf`, `CN22_${C}_${P[1]}.pdf`]],
    [['CN23'], [`CN23_${C}_${P[0]}.pdf`, `CN23_${C}_${P[1]}.pdf`]],
    [['CommercialInvoice'], [`CommercialInvoice_${C}.pdf`]],
    [['CN23', 'CommercialInvoice'], [`CommercialInvoice_${C}.pdf`, `CN23_${C}_${P[0]}.pdf`, `CN23_${C}_${P[1]}.pdf`]],
  ] as const)('kinds %j give the files %j: one invoice per consignment, one form per package', (kinds, names) => {
    expect(customsFiles(kinds, C, P).map((f) => f.fileName)).toEqual(names);
  });

  it('answers a package\'s request for the invoice with the consignment\'s invoice', () => {
    expect(fileFor(['CommercialInvoice'], C, 'CommercialInvoice', P[1]!)).toEqual({ kind: 'CommercialInvoice', parcelReference: null, fileName: `CommercialInvoice_${C}.pdf` });
    expect(fileFor(['CN22'], C, 'CN22', P[1]!)).toEqual({ kind: 'CN22', parcelReference: P[1], fileName: `CN22_${C}_${P[1]}.pdf` });
  });

  it.each([
    [[], 'CN22', 'needs no customs documents'],
    [['CN22'], 'CN23', 'it has CN22'],
    [['CN23'], 'CommercialInvoice', 'it has CN23'],
    [['CommercialInvoice'], 'CN22', 'it has CommercialInvoice'],
  ] as const)('with kinds %j a request for %s is 404 CustomsDocumentNotFound saying what it has', (kinds, kind, says) => {
    const error = (() => { try { fileFor(kinds, C, kind, P[0]!); } catch (e) { return e as AppError; } })();
    expect([error!.status, error!.code]).toEqual([404, 'CustomsDocumentNotFound']);
    expect(error!.message).toContain(says);
  });
});
