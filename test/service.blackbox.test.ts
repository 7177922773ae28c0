/**
 * The service as a user runs it: `node dist/main.js` on a fresh SQLite file, first-run demo
 * customer, restart on the same data, graceful SIGTERM. Needs `npm run build`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'packline-blackbox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Running {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

async function start(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, [main], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env } });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const port = /"port":(\d+)/.exec(output)?.[1];
    if (port) return { child, port: Number(port), output: () => output, exited };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`service did not start:\n${output}`);
}

const get = (r: Running, path: string, key?: string) =>
  fetch(`http://127.0.0.1:${r.port}${path}`, { headers: key ? { 'ocp-apim-subscription-key': key } : {} });

describe('the service process', () => {
  const database = `sqlite:${join(dir, 'data', 'packline.db')}`;
  let firstKey = '';

  it('on first start creates the demo customer, prints its key, and serves the API with it', async () => {
    const r = await start({ DATABASE_URL: database });
    try {
      firstKey = /API key: (plk_[0-9a-f]{40})/.exec(r.output())?.[1] ?? '';
      expect(firstKey).not.toBe('');
      expect((await get(r, '/health')).status).toBe(200);
      const locations = (await (await get(r, '/shippinglocations', firstKey)).json()) as any[];
      expect(locations.map((l: { Reference: string }) => l.Reference)).toEqual(['WH1']);
      expect(locations[0].Country.IsoCode.TwoLetterCode).toBe('GB');
      const sizes = (await (await get(r, '/packagesizes', firstKey)).json()) as any[];
      expect(sizes.map((s: { Reference: string }) => s.Reference)).toEqual(['L', 'M', 'S']);
      expect((await get(r, '/orders/EO-000-000-001', firstKey)).status).toBe(404);
      expect((await get(r, '/orders/EO-000-000-001')).status).toBe(401);
    } finally {
      r.child.kill('SIGTERM');
      expect(await r.exited).toBe(0);
    }
    expect(r.output()).toContain('stopped');
  });

  it('on a later start reuses the data: no new customer, the first key still works', async () => {
    const r = await start({ DATABASE_URL: database });
    try {
      expect(r.output()).not.toContain('API key:');
      expect((await get(r, '/shippinglocations', firstKey)).status).toBe(200);
    } finally {
      r.child.kill('SIGTERM');
      expect(await r.exited).toBe(0);
    }
  });

  it('gives the first-run demo customer PACKLINE_API_KEY when set', async () => {
    const key = 'my-own-demo-key-0123456789';
    const r = await start({ DATABASE_URL: `sqlite:${join(dir, 'preset.db')}`, PACKLINE_API_KEY: key });
    try {
      expect((await get(r, '/packagesizes', key)).status).toBe(200);
    } finally {
      r.child.kill('SIGTERM');
      await r.exited;
    }
  });

  it('finishes a request already in flight when SIGTERM arrives, then exits 0', async () => {
    const r = await start({ DATABASE_URL: database });
    const body = JSON.stringify({
      Packages: [{ Items: [{ Sku: 'A', Weight: { Value: 1 }, Value: { Amount: 1, Currency: { IsoCode: 'GBP' } } }] }],
      Addresses: [
        { AddressType: 'Origin', ShippingLocationReference: 'WH1' },
        { AddressType: 'Destination', CompanyName: 'X', AddressLine1: '1 Road', Postcode: 'M1 1AA', Country: { IsoCode: { TwoLetterCode: 'GB' } } },
      ],
    });
    const inFlight = Array.from({ length: 40 }, () =>
      fetch(`http://127.0.0.1:${r.port}/orders`, {
        method: 'POST',
        headers: { 'ocp-apim-subscription-key': firstKey, 'content-type': 'application/json' },
        body,
      }).then((res) => res.status, () => 'refused'),
    );
    // Once the first answer is back the server is busy with the rest: stop it then, however
    // slow the machine is today.
    await Promise.race(inFlight);
    r.child.kill('SIGTERM');
    const statuses = await Promise.all(inFlight);
    expect(await r.exited).toBe(0);
    // Requests the server had accepted complete normally; none fails half-way with a 5xx.
    expect(statuses.filter((s) => s !== 201 && s !== 'refused' && s !== 503)).toEqual([]);
    expect(statuses).toContain(201);
  });
});
