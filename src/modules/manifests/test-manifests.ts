/** Shared pieces of the manifest HTTP tests (excluded from the build by name). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { TestServer } from '../../../test/harness.js';
import { allocateDirectly } from '../allocation/test-allocation.js';
import { create, exampleConsignment } from '../consignments/test-consignments.js';

export const TRACKED48 = 'MPD_SIMPOST_TRACKED48';
export const NEXTDAY = 'MPD_SIMCOURIER_NEXTDAY';

export const failing = (operation: 'Manifest' | 'Cancel') => ({ MetaData: [{ KeyValue: 'SimulateFailure', StringValue: operation }] });

/** A consignment created from `overrides` and allocated (booked with the carrier) to `service`. */
export async function allocated(t: TestServer, service = TRACKED48, overrides: Record<string, unknown> = {}): Promise<string> {
  const reference = await create(t, exampleConsignment(overrides));
  const outcome = await allocateDirectly(t, reference, service);
  expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
  return reference;
}

/** The consignment's Search Consignments summary. */
export async function summary(t: TestServer, reference: string) {
  const r = await t.call('GET', `/consignments/10/0?reference=${reference}`);
  expect(r.status, r.text).toBe(200);
  return r.json.ConsignmentSummaries[0];
}

/** The booking record as stored (internal: not on the wire). */
export async function shipmentOf(t: TestServer, reference: string) {
  const row = await t.deps.db.selectFrom('consignments').select('shipment').where('reference', '=', reference).executeTakeFirstOrThrow();
  return typeof row.shipment === 'string' ? JSON.parse(row.shipment) : row.shipment;
}

/** The text of a PDF, read back with poppler's pdftotext (`-layout` keeps table rows on one line). */
export function pdfText(base64: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
  try {
    const file = join(dir, 'manifest.pdf');
    writeFileSync(file, Buffer.from(base64, 'base64'));
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A test clock that can be moved forward. */
export function movableClock() {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance(ms: number) {
      offsetMs += ms;
    },
  };
}
