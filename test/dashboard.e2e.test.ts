/**
 * The dashboard's packing journey in a real browser (playwright-core driving Debian's chromium)
 * against the service as a user runs it (`node dist/main.js`, which serves the built dashboard at
 * /app), on SQLite: sign in → scan an order → scan items (and a wrong one) → take the suggested box
 * → pack (double click: one consignment) → allocate and print → label shown → the consignment in
 * the list. Each step saves a screenshot to e2e/screenshots/ for a person to look at.
 * Needs `npm run build` and /usr/bin/chromium (.ci/run installs it).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/db/test-db.js';
import { exampleOrder } from './harness.js';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const SHOTS = fileURLToPath(new URL('../e2e/screenshots/', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';

async function startService(databaseUrl: string): Promise<{ child: ChildProcess; base: string; key: string }> {
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DATABASE_URL: databaseUrl, PACKLINE_TRACKING_POLL_SECONDS: '3600' },
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const port = /"port":(\d+)/.exec(output)?.[1];
    const key = /API key: (\S+)/.exec(output)?.[1];
    if (port && key) return { child, base: `http://127.0.0.1:${port}`, key };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`service did not start:\n${output}`);
}

describe('the dashboard: the packing journey in Chromium against a running service on SQLite', () => {
  let database: TestDatabase;
  let service: Awaited<ReturnType<typeof startService>>;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  let order: string;
  let step = 0;
  const shot = async (name: string) => page.screenshot({ path: join(SHOTS, `${String(++step).padStart(2, '0')}-${name}.png`) });
  const call = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${service.base}${path}`, {
      method,
      headers: { 'ocp-apim-subscription-key': service.key, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: r.status, json: (await r.json().catch(() => undefined)) as any };
  };
  /** A scanner: the code typed fast, then Enter. */
  const scan = async (code: string) => {
    await page.locator('#scan').focus();
    await page.keyboard.type(code, { delay: 5 });
    await page.keyboard.press('Enter');
  };
  const banner = () => page.getByTestId('banner');

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
    mkdirSync(SHOTS, { recursive: true });
    database = await createTestDatabase('sqlite');
    service = await startService(database.url);
    // No shipping date: a fixed one would be in the past on a later day, and allocation refuses those.
    const base = exampleOrder({ OrderReferenceProvidedByCustomer: 'WEB-1001', Tags: [], ShippingDate: undefined });
    const [box] = base.Packages;
    // Every item measured, so the server can suggest a box for it.
    box!.Items[1] = { ...box!.Items[1]!, Dimensions: { Unit: 'Cm', Width: 8, Length: 12, Height: 6 } } as never;
    const created = await call('POST', '/orders', base);
    expect(created.status).toBe(201);
    order = String(created.json[0].Href).split('/').pop()!;
    profile = mkdtempSync(join(tmpdir(), 'packline-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
      viewport: { width: 1366, height: 768 },
    });
    page = context.pages()[0] ?? await context.newPage();
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    service?.child.kill('SIGTERM');
    await database?.close();
  });

  it('packs an order from scan to label, and refuses an item that is not on it', async () => {
    // Sign in: a wrong key is refused in words, the right one opens the station.
    await page.goto(`${service.base}/app/`);
    await page.getByLabel('API key').fill('not-a-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not accepted');
    await shot('sign-in-wrong-key');
    await page.getByLabel('API key').fill(service.key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#scan').waitFor();
    await shot('station-empty');

    // An item before any order: "scan the order first".
    await scan('SKU093434');
    await expect.poll(() => banner().textContent()).toContain('Scan the order first');

    // The order, by the customer's own reference (as printed on a packing slip).
    await scan('WEB-1001');
    await expect.poll(() => banner().textContent()).toContain(`${order} loaded: 3 unit(s) to pack`);
    await shot('order-loaded');

    // Items: "left" falls with each scan.
    await scan('SKU093434');
    await expect.poll(() => page.getByTestId('left-SKU093434').textContent()).toBe('1');
    await scan('SKU093434');
    await expect.poll(() => page.getByTestId('left-SKU093434').textContent()).toBe('0');
    await shot('items-scanned');

    // The error path: a SKU not on the order is refused in words and nothing is added.
    await scan('SKU-999');
    await expect.poll(() => banner().textContent()).toContain(`SKU-999 is not on ${order}. Do not pack it`);
    expect(await banner().getAttribute('role')).toBe('alert');
    await shot('error-item-not-on-order');
    // And one scan too many is a "check", not an add.
    await scan('SKU093434');
    await expect.poll(() => banner().textContent()).toContain('already in boxes. Not added');
    expect(await page.getByTestId('left-SKU093434').textContent()).toBe('0');

    await scan('TEA-500');
    await expect.poll(() => banner().textContent()).toContain('Everything scanned');
    expect(await page.getByTestId('left-TEA-500').textContent()).toBe('0');

    // The suggested box, taken with one click.
    const suggested = page.getByTestId('suggested');
    await expect.poll(() => suggested.textContent(), { timeout: 10_000 }).toMatch(/^[SML]$/);
    const size = (await suggested.textContent())!;
    // The packer picks another size first, then goes back to the suggestion.
    const other = size === 'L' ? 'M' : 'L';
    await page.locator('#box-size').selectOption(other);
    await expect.poll(() => banner().textContent()).toContain(`Box is size ${other}`);
    await page.getByRole('button', { name: `Use ${size}` }).click();
    await expect.poll(() => page.locator('#box-size').inputValue()).toBe(size);
    expect(await page.locator('#scan').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await shot('suggested-box-taken');

    // Pack, clicked twice: one consignment.
    await page.getByRole('button', { name: /^Pack/ }).dblclick();
    await expect.poll(() => banner().textContent(), { timeout: 15_000 }).toMatch(/Packed as EC-/);
    const consignment = /EC-[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}/.exec((await banner().textContent())!)![0];
    await shot('packed');
    const cut = await call('GET', `/orders/${order}/consignments`);
    expect(cut.json.Consignments.map((c: { ConsignmentReference: string }) => c.ConsignmentReference)).toEqual([consignment]);
    expect(cut.json.PackingStatus).toBe('Packed');
    const packed = await call('GET', `/consignments/${consignment}`);
    expect(packed.json.Packages).toHaveLength(1);
    expect(packed.json.Packages[0].PackageSizeReference).toBe(size);

    // Allocate & print: the label's preview and its PDF, ready to print.
    await page.getByRole('button', { name: /Allocate & print/ }).click();
    await expect.poll(() => banner().textContent(), { timeout: 20_000 }).toMatch(/Label ready|Not labelled/);
    expect(await banner().textContent()).toContain(`Label ready for ${consignment}`);
    await page.getByRole('img', { name: /Label 1 of 1/ }).waitFor();
    expect(await page.locator('#label-frame').getAttribute('src')).toMatch(/^blob:/);
    await shot('label-shown');
    expect((await call('GET', `/consignments/${consignment}`)).json.ConsignmentState).toBe('Allocated');

    // The consignment in the list, allocated.
    await page.getByRole('link', { name: 'Consignments' }).click();
    const row = page.getByRole('row', { name: new RegExp(consignment) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Allocated');
    await shot('consignments-list');
    await row.getByRole('link', { name: consignment }).click();
    await page.getByRole('heading', { name: new RegExp(consignment) }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: /^Allocate \(cheapest\)/ }).isDisabled()).toBe(true);
    await shot('consignment-detail');

    // The order, packed, in the orders list.
    await page.getByRole('link', { name: 'Orders' }).click();
    const orderRow = page.getByRole('row', { name: new RegExp(order) });
    await orderRow.waitFor();
    expect(await orderRow.textContent()).toContain('Packed');
    await shot('orders-list');

    // A deep link loads the app (the service answers index.html under /app/…).
    await page.goto(`${service.base}/app/orders/${order}`);
    await page.getByRole('heading', { name: new RegExp(order) }).waitFor();
    await shot('order-detail');
    await page.goto(`${service.base}/app/manifests`);
    await page.getByRole('heading', { name: 'Ready to ship' }).waitFor();
    await page.getByRole('button', { name: /^Manifest 1/ }).waitFor();
    await shot('manifests');
    // A 10-inch tablet held upright.
    await page.setViewportSize({ width: 800, height: 1280 });
    await page.goto(`${service.base}/app/station`);
    await page.locator('#scan').waitFor();
    await shot('station-tablet-portrait');
  }, 120_000);
});
