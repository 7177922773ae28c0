/**
 * Hostile input (issue 6): property-based fuzzing of every write endpoint of the route table
 * (POST, PUT, DELETE; the path filled with the caller's real references) with generated bodies —
 * valid bodies mutated (fields dropped, replaced, added, wrapped), arbitrary JSON, huge strings
 * and numbers, deep nesting, unicode (lone surrogates, RTL, emoji), injection strings, broken JSON
 * — and hostile headers (Content-Type, Accept, electio-api-version, Idempotency-Key, huge values).
 *
 * Every reply: status below 500; a non-2xx one is the documented error body with known codes; and
 * a rejected request writes no row of any table (counted by test-only triggers, see
 * db-fingerprint.ts; Idempotency-Key rows aside: the service stores 4xx answers under a key by
 * design). After a request that did write, the next run gets fresh references.
 *
 * FUZZ_RUNS (default 150) runs per endpoint per database; FUZZ_SEED (default fixed, `random` for a
 * new one) seeds the run — a failure prints the seed and the shrunk counterexample;
 * FUZZ_DIALECTS=sqlite limits the databases. `npm run test:fuzz` runs 10,000 per endpoint on SQLite.
 * Requests go in-process (`inject`); a few header cases that only a real socket shows run over HTTP.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../src/db/test-db.js';
import type { DialectName } from '../src/db/schema.js';
import { fingerprintDiff, fingerprinter, type Fingerprint, type Fingerprinter } from './db-fingerprint.js';
import { startTestServer, type TestServer } from './harness.js';
import { bodyFor, cannotCall, describeEndpoint, type Endpoint, errorShapeProblems, fillPath, type Refs, routeTable, seedCustomer } from './route-table.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = !process.env.FUZZ_SEED ? 20260507 : process.env.FUZZ_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED);
const FUZZ_DIALECTS = (process.env.FUZZ_DIALECTS?.split(',') as DialectName[] | undefined) ?? DIALECTS;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * Refusals that are not about bad input but a recorded business outcome: a single-consignment
 * allocation that finds no service or is refused by the carrier leaves the consignment
 * AllocationFailed with the reason (spec §5.2, §5.3) — a write by design.
 */
const RECORDED_OUTCOMES = new Set(['NoEligibleService', 'CarrierBookingFailed']);
const codeOf = (body: string): string | undefined => { try { return JSON.parse(body).Code; } catch { return undefined; } };

const endpoints = await routeTable();
const writes = endpoints.filter((e) => WRITES.has(e.method) && !e.public);

// ---------------------------------------------------------------------------------------------
// Generators

const SPECIAL = [
  "'; drop table orders; --", '" OR 1=1 --', "' OR '1'='1", '{{7*7}}', '${7*7}', '#{7*7}', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>',
  '\u202Eevil\u202C', 'مرحبا بالعالم', 'שלום', '😀👨‍👩‍👧‍👦🏳️‍🌈', 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇', '\uD800', '\uDFFFx', 'a\uD83D', '\uFEFF', '\u0000', 'a\u0000b', '\u2028\u2029',
  '1e308', '-1e308', '-0', 'NaN', 'Infinity', '-Infinity', '-1', '0', '1.5', '0x10', '1e-400', 'true', 'null', 'undefined', '', ' ', '\t\r\n',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '../../../etc/passwd', '%00', '%s%n%x', '\\', '"', '\'',
  'EO-000-000-001', 'ec-000-000-001', 'EP-ZZZ-ZZZ-ZZZ', 'EO-', 'EC-000-000-00', 'WH1', 'M', 'S', 'GBP', 'XXX', 'Kg', 'G', 'Lb', 'Cm', 'Origin', 'Destination', 'Return',
  '2026-12-07T09:00:00Z', '2026-02-30', '0000-00-00', '9999-12-31T23:59:59.999Z', '1970-01-01', '2026-12-07T25:61:00+99:00',
];
const FIELD_NAMES = [
  'Packages', 'Items', 'Addresses', 'Reference', 'OrderReference', 'Quantity', 'Weight', 'Value', 'Dimensions', 'Sku', 'AddressType', 'ShippingLocationReference',
  'PackageSizeReference', 'MetaData', 'Tags', 'Country', 'IsoCode', 'Currency', 'Amount', 'Unit', 'ShippingDate', 'Direction', 'AutoPack', 'GenerateReturn',
  'ConsignmentReferences', 'OrderReferences', 'Objective', 'IsDefault', 'TimeZone', 'Length', 'Width', 'Height', '__proto__', 'constructor',
];
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const text = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 3, arbitrary: fc.string({ unit: anyCodeUnit, maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: 65, max: 200_000 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...SPECIAL), fc.integer({ min: 2, max: 5000 })).map(([s, n]) => s.repeat(n)) },
);
const number = fc.oneof(
  fc.constantFrom(1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, -0, 0, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), 2 ** 64, -1, 0.1, 1e21, 1e-7, 0.0000001, 1, 1000),
  fc.double(),
  fc.integer(),
);
const scalar = fc.oneof(text, number, fc.boolean(), fc.constant(null));
const key = fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.constantFrom(...SPECIAL), fc.string({ maxLength: 12 }));
const json: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(key, tie('v'), { maxKeys: 5 }),
  ),
})).v;

/** Raw bodies: broken JSON, JSON of the wrong kind, and nesting deeper than any schema. */
const raw = fc.oneof(
  fc.constantFrom(
    '{', '{"a":', '[1,2', 'nul', 'undefined', "{'a':1}", '{"a":1,}', '{"a":1}{"b":2}', '{"a":1} x', '\u0000', '{"a":"\\u0000"}', '{"a":"\\ud800"}', '\uFEFF{}',
    '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '{"Packages":1,"Packages":[]}', '', ' ', '"a string"', '42', '-0', '1e309', 'true', 'null', '[]', '{}',
    '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[', '{"a":NaN}', '{"a":Infinity}', '{"a":01}', '{"a":.5}', '{"a":"\t"}', '\n\n\n', '{"Items":[{"Quantity":1e400}]}',
  ),
  fc.integer({ min: 10, max: 400_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 10, max: 100_000 }).map((n) => '{"Packages":'.repeat(n) + '1' + '}'.repeat(n)),
  fc.integer({ min: 10, max: 50_000 }).map((n) => `{"Packages":[${'{"Items":['.repeat(n)}${']}'.repeat(n)}]}`),
  fc.constant('x'.repeat(1024 * 1024 + 10)),
  fc.string({ unit: anyCodeUnit, maxLength: 50 }),
);

/** A change to a valid body: `at` picks the place (modulo the number of places), `value` and `key` the new content. */
const mutation = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('delete', 'replace', 'replace', 'add', 'wrapInArray', 'emptyArray', 'emptyObject', 'null', 'repeat', 'stringify'),
  value: json,
  key,
  times: fc.integer({ min: 2, max: 1200 }),
});
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

type BodyRecipe =
  | { kind: 'mutated'; mutations: Mutation[] }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; text: string }
  | { kind: 'none' };

const bodyRecipe: fc.Arbitrary<BodyRecipe> = fc.oneof(
  { weight: 6, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 4 }).map((mutations) => ({ kind: 'mutated' as const, mutations })) },
  { weight: 3, arbitrary: json.map((value) => ({ kind: 'json' as const, value })) },
  { weight: 2, arbitrary: raw.map((t) => ({ kind: 'raw' as const, text: t })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
);

const sometimes = <T>(hostile: fc.Arbitrary<T>, usual: T, weight = 8) =>
  fc.oneof({ weight, arbitrary: fc.constant(usual) }, { weight: 2, arbitrary: hostile });
const headerRecipe = fc.record({
  contentType: sometimes(fc.constantFrom<string | undefined>(
    undefined, '', 'text/plain', 'application/xml', 'application/json; charset=utf-16', 'application/json;charset=latin1', 'APPLICATION/JSON', 'application/json ; q=1',
    'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', 'application/vnd.api+json', '*/*', 'application/json, text/plain',
    `application/json; x=${'a'.repeat(10_000)}`,
  ), 'application/json' as string | undefined),
  accept: sometimes(fc.constantFrom<string | undefined>(
    'application/json', '*/*', 'text/html', 'application/xml', 'application/json;q=0', 'image/*', '', ',,,;q=', 'application/*;q=0.5', `text/${'a'.repeat(10_000)}`,
  ), undefined),
  version: sometimes(fc.constantFrom<string | undefined>('1.1', '1.0', '2', '', ' ', '1.1.1', '1.1, 1.1', 'x'.repeat(10_000), '１.１'), undefined),
  idempotencyKey: sometimes(fc.oneof(
    fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 16 }),
    fc.constantFrom('', ' ', 'a b', 'kl\u00fc', 'x'.repeat(255), 'x'.repeat(256), '\t', 'k\u007f', 'x'.repeat(20_000)),
  ), undefined as string | undefined),
  strict: sometimes(fc.constantFrom<string | undefined>('true', 'false', 'yes', '', 'TRUE', '2'), undefined as string | undefined, 9),
  filler: sometimes(fc.constant(true), false, 9),
});
type HeaderRecipe = typeof headerRecipe extends fc.Arbitrary<infer T> ? T : never;

// ---------------------------------------------------------------------------------------------
// Applying a recipe

/** Places in a JSON value (a container and the key or index in it), the first `limit` of them in document order. */
function places(root: { body: unknown }, limit = 5000): Array<[Record<string, unknown> | unknown[], string | number]> {
  const out: Array<[Record<string, unknown> | unknown[], string | number]> = [];
  const walk = (container: Record<string, unknown> | unknown[], k: string | number) => {
    if (out.length >= limit) return;
    out.push([container, k]);
    const v = (container as Record<string | number, unknown>)[k];
    if (Array.isArray(v)) v.forEach((_x, i) => walk(v, i));
    else if (v && typeof v === 'object') for (const kk of Object.keys(v)) walk(v as Record<string, unknown>, kk);
  };
  walk(root as unknown as Record<string, unknown>, 'body');
  return out;
}

/** A body may grow past the 1 MiB limit (to exercise 413), not without bound. */
const MAX_BODY_TEXT = 1_500_000;
const REPEAT_BUDGET = 1_200_000;

/**
 * The base body with the mutations applied, as JSON text. Each mutation works on a fresh parse of
 * the text so far (no shared subtrees); one that would grow the body past MAX_BODY_TEXT is skipped.
 */
function mutate(base: unknown, mutations: Mutation[]): string {
  let text = JSON.stringify(base ?? {});
  for (const m of mutations) {
    const root = { body: JSON.parse(text) as unknown };
    const all = places(root);
    const [container, k] = all[m.at % all.length]!;
    const c = container as Record<string | number, unknown>;
    switch (m.op) {
      case 'delete':
        if (Array.isArray(container) && typeof k === 'number') container.splice(k, 1);
        else if (container !== (root as unknown)) delete c[k];
        break;
      case 'replace': c[k] = m.value; break;
      case 'add': {
        const v = c[k];
        if (Array.isArray(v)) v.push(m.value);
        else if (v && typeof v === 'object') (v as Record<string, unknown>)[m.key] = m.value;
        else c[k] = { [m.key]: m.value };
        break;
      }
      case 'wrapInArray': c[k] = [c[k]]; break;
      case 'emptyArray': c[k] = []; break;
      case 'emptyObject': c[k] = {}; break;
      case 'null': c[k] = null; break;
      case 'repeat': {
        const size = (JSON.stringify(c[k]) ?? 'null').length + 1;
        c[k] = Array.from({ length: Math.max(2, Math.min(m.times, Math.floor(REPEAT_BUDGET / size))) }, () => c[k]);
        break;
      }
      case 'stringify': c[k] = JSON.stringify(c[k]) ?? 'undefined'; break;
    }
    const next = JSON.stringify(root.body) ?? 'null';
    if (next.length <= MAX_BODY_TEXT) text = next;
  }
  return text;
}

function payloadOf(recipe: BodyRecipe, base: unknown): string | undefined {
  switch (recipe.kind) {
    case 'mutated': return mutate(base, recipe.mutations);
    case 'json': return JSON.stringify(recipe.value) ?? 'null';
    case 'raw': return recipe.text;
    case 'none': return undefined;
  }
}

function headersOf(recipe: HeaderRecipe, apiKey: string): Record<string, string> {
  const h: Record<string, string> = { 'ocp-apim-subscription-key': apiKey };
  if (recipe.contentType !== undefined) h['content-type'] = recipe.contentType;
  if (recipe.accept !== undefined) h.accept = recipe.accept;
  if (recipe.version !== undefined) h['electio-api-version'] = recipe.version;
  if (recipe.idempotencyKey !== undefined) h['idempotency-key'] = recipe.idempotencyKey;
  if (recipe.strict !== undefined) h['packline-strict-quantities'] = recipe.strict;
  if (recipe.filler) h['x-filler'] = 'f'.repeat(60_000);
  return h;
}

const short = (s: string | undefined, n = 300) => (s === undefined ? '(none)' : s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

// ---------------------------------------------------------------------------------------------

describe('hostile input: the route table', () => {
  it('has write endpoints, and the fuzzer knows how to call every one of them', () => {
    expect(writes.length).toBeGreaterThanOrEqual(20);
    expect(writes.map((e) => [describeEndpoint(e), cannotCall(e)]).filter(([, why]) => why)).toEqual([]);
  });
});

describe.each(FUZZ_DIALECTS)('hostile input on %s', (dialect) => {
  let t: TestServer;
  let fingerprint: Fingerprinter;
  let refs: Refs;
  let baseline: Fingerprint;
  let stale = false;
  const tally = { requests: 0, byStatus: new Map<number, number>() };

  beforeAll(async () => {
    t = await startTestServer(dialect);
    fingerprint = await fingerprinter(t.deps.db);
    refs = await seedCustomer(t, t.key);
    baseline = await fingerprint();
  }, 120_000);
  afterAll(async () => {
    if (process.env.FUZZ_REPORT) {
      const statuses = [...tally.byStatus].sort(([x], [y]) => x - y).map(([s, n]) => `${s}×${n}`).join(' ');
      console.log(`hostile input on ${dialect}: ${tally.requests} requests, seed ${SEED}, ${RUNS} runs per endpoint; statuses ${statuses}`);
    }
    await t?.close();
  });

  it.each(writes.map((e, i) => [describeEndpoint(e), e, i] as const))('%s', async (_name, endpoint: Endpoint, i: number) => {
    const property = fc.asyncProperty(bodyRecipe, headerRecipe, async (bodyR, headerR) => {
      if (stale) {
        // A request succeeded and changed the data: fresh references, so later runs reach deep rules again.
        refs = await seedCustomer(t, t.key);
        baseline = await fingerprint();
        stale = false;
      }
      const url = fillPath(endpoint, refs);
      const payload = payloadOf(bodyR, bodyFor(endpoint, refs) ?? {});
      const headers = headersOf(headerR, t.key);
      const res = await t.server.inject({ method: endpoint.method as 'POST', url, headers, ...(payload !== undefined ? { payload } : {}) });
      tally.requests++;
      tally.byStatus.set(res.statusCode, (tally.byStatus.get(res.statusCode) ?? 0) + 1);
      const after = await fingerprint();
      const problems: string[] = [];
      if (res.statusCode >= 500) problems.push(`status ${res.statusCode}`);
      const ok = res.statusCode >= 200 && res.statusCode < 300;
      if (!ok && RECORDED_OUTCOMES.has(codeOf(res.body) ?? '')) {
        problems.push(...errorShapeProblems(res.statusCode, res.headers['content-type'] as string | undefined, res.body));
        stale = true;
      } else if (!ok) {
        problems.push(...errorShapeProblems(res.statusCode, res.headers['content-type'] as string | undefined, res.body));
        const changed = fingerprintDiff(baseline, after).filter((d) => !(headers['idempotency-key'] !== undefined && d.startsWith('idempotency_keys:')));
        if (changed.length) problems.push(`a rejected request changed the database: ${changed.join('; ')}`);
      } else if (fingerprintDiff(baseline, after).some((d) => !d.startsWith('idempotency_keys:'))) {
        stale = true;
      }
      baseline = after;
      if (problems.length) {
        throw new Error(`${endpoint.method} ${url} → ${res.statusCode} ${short(res.body)}\n  problems: ${problems.join('\n    ')}\n  headers: ${short(JSON.stringify(headers), 500)}\n  body: ${short(payload, 500)}`);
      }
    });
    const result = await fc.check(property, { numRuns: RUNS, seed: SEED + i, endOnFailure: RUNS > 1000 });
    if (result.failed) {
      const error = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
      throw new Error(`fuzzing ${describeEndpoint(endpoint)} on ${dialect} failed after ${result.numRuns} runs, shrunk ${result.numShrinks} times `
        + `(FUZZ_SEED=${SEED}: seed ${SEED + i}, path ${result.counterexamplePath}):\n${error}\n  counterexample: ${short(JSON.stringify(result.counterexample), 1500)}`);
    }
  }, Math.max(60_000, RUNS * 400));

  it('answers hostile headers that only a real socket carries in the error shape', async () => {
    const cases: Array<[string, Record<string, string>]> = [
      ['a header over the size limit', { 'x-filler': 'f'.repeat(20_000) }],
      ['Content-Type text/plain', { 'content-type': 'text/plain' }],
      ['a bad Accept', { accept: 'text/html', 'content-type': 'application/json' }],
      ['a bad API version', { 'electio-api-version': '9', 'content-type': 'application/json' }],
    ];
    const failures: string[] = [];
    for (const [what, headers] of cases) {
      const r = await t.call('POST', '/orders', { raw: '{}', headers });
      const problems = errorShapeProblems(r.status, r.headers.get('content-type') ?? undefined, r.text);
      if (problems.length || r.status < 400) failures.push(`${what}: ${r.status} ${short(r.text)}: ${problems.join('; ')}`);
    }
    expect(failures).toEqual([]);
    expect(await fingerprint()).toEqual(baseline);
  });
});
