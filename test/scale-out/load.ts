/**
 * The scale-out load: many clients, each with its own seeded random stream, sending a mix of Pack
 * Order, allocate, cancel, deallocate, ready to ship, manifest and reads to the service instances,
 * all on the same orders and consignments. Every answer is recorded; a request that does not
 * answer within the client timeout is recorded as a timeout (status 0), never waited on for ever.
 */
import type { Instance } from './services.js';
import { prng } from '../../src/cartonization/budget.js';

export interface Answer {
  kind: string;
  instance: string;
  /** HTTP status; 0 = timed out or the connection failed. */
  status: number;
  ms: number;
  /** The error body's Code (4xx/5xx). */
  code?: string;
  /** Per-item outcomes of a bulk answer: the StatusCode, or ok/failed. */
  items?: string[];
  detail?: string;
}

export interface SeededOrder {
  reference: string;
  strict: boolean;
  /** Sku → ordered quantity. */
  lines: Map<string, number>;
}

/** A pack that answered 201: what the client asked for, to check the ledger against. */
export interface Pack {
  order: string;
  reference: string;
  returnReference: string | null;
  strict: boolean;
  units: Map<string, number>;
}

export interface LoadOptions {
  instances: Instance[];
  key: string;
  orders: SeededOrder[];
  clients: number;
  opsPerClient: number;
  seed: number;
  requestTimeoutMs: number;
}

export interface LoadResult {
  answers: Answer[];
  packs: Pack[];
  consignments: string[];
  elapsedMs: number;
}

/** The packer's seeded PRNG (mulberry32): one implementation for the project. */
export const random: (seed: number) => () => number = prng;

/** Well-formed, never issued: the 404 path. */
export const UNKNOWN_CONSIGNMENT = 'EC-ZZZ-ZZZ-ZZY';

const MIX: Array<[string, number]> = [
  ['pack', 26], ['allocate', 13], ['allocateBulk', 7], ['cancel', 8], ['cancelList', 2], ['deallocate', 6], ['deallocateList', 2],
  ['readyToShip', 8], ['notReadyToShip', 3], ['manifest', 7], ['manifestFromQuery', 1], ['dispatch', 2], ['labels', 4], ['read', 10],
];
const MIX_TOTAL = MIX.reduce((s, [, w]) => s + w, 0);

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const answers: Answer[] = [];
  const packs: Pack[] = [];
  const consignments: string[] = [];
  const started = Date.now();

  async function call(instance: Instance, kind: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const t0 = performance.now();
    try {
      const res = await fetch(`${instance.base}${path}`, {
        method,
        headers: { 'ocp-apim-subscription-key': o.key, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(o.requestTimeoutMs),
      });
      const text = await res.text();
      const ms = performance.now() - t0;
      let json: any;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      const answer: Answer = { kind, instance: instance.name, status: res.status, ms };
      if (res.status >= 400) {
        answer.code = json?.Code;
        answer.detail = json?.Message ?? text.slice(0, 300);
      }
      answers.push(answer);
      return { answer, json };
    } catch (error) {
      const answer: Answer = { kind, instance: instance.name, status: 0, ms: performance.now() - t0, detail: `${method} ${path}: ${(error as Error).message}` };
      answers.push(answer);
      return { answer, json: undefined };
    }
  }

  async function client(index: number) {
    const rng = random(o.seed * 1000 + index);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
    const ref = () => {
      if (consignments.length === 0 || rng() < 0.03) return UNKNOWN_CONSIGNMENT;
      // Half the time one of the newest: many clients then act on the same few consignments at once.
      return rng() < 0.5 ? pick(consignments.slice(-24)) : pick(consignments);
    };
    const refs = (max: number) => [...new Set(Array.from({ length: 1 + Math.floor(rng() * max) }, ref))];
    const kindOf = () => {
      let r = rng() * MIX_TOTAL;
      for (const [kind, weight] of MIX) if ((r -= weight) < 0) return kind;
      return 'read';
    };

    for (let op = 0; op < o.opsPerClient; op++) {
      // Clients are split across the instances; one in five requests goes to another instance.
      const instance = rng() < 0.8 ? o.instances[index % o.instances.length]! : pick(o.instances);
      const kind = consignments.length < 8 ? 'pack' : kindOf();
      switch (kind) {
        case 'pack': {
          const order = pick(o.orders);
          const skus = [...order.lines.keys()].sort(() => rng() - 0.5).slice(0, 1 + Math.floor(rng() * 3));
          const units = new Map(skus.map((sku) => [sku, 1 + Math.floor(rng() * 2)]));
          const strict = order.strict || rng() < 0.5;
          const generateReturn = rng() < 0.2;
          const body = {
            GenerateReturn: generateReturn,
            Packages: [{ PackageSizeReference: 'S', Items: [...units].map(([Sku, Quantity]) => ({ Sku, Quantity })) }],
          };
          const { answer, json } = await call(instance, strict ? 'pack (strict)' : 'pack', 'POST', `/orders/${order.reference}/pack`, body,
            strict ? { 'Packline-Strict-Quantities': 'true' } : {});
          if (answer.status === 201) {
            const results = json.Results as Array<{ Result: string; Data: string }>;
            const reference = results.find((r) => r.Result === 'ConsignmentCreated')!.Data;
            const returnReference = results.find((r) => r.Result === 'ReturnConsignmentCreated')?.Data ?? null;
            packs.push({ order: order.reference, reference, returnReference, strict, units });
            consignments.push(reference, ...(returnReference ? [returnReference] : []));
          }
          break;
        }
        case 'allocate':
          await call(instance, kind, 'PUT', `/allocation/${ref()}/allocatewithcheapestquote`);
          break;
        case 'allocateBulk': {
          const { answer, json } = await call(instance, kind, 'PUT', '/allocation/allocate', { ConsignmentReferences: refs(4) });
          if (answer.status === 200) answer.items = (json as Array<{ StatusCode: number }>).map((a) => String(a.StatusCode));
          break;
        }
        case 'cancel':
          await call(instance, kind, 'PUT', `/consignments/${ref()}/cancel`);
          break;
        case 'deallocate':
          await call(instance, kind, 'PUT', `/consignments/${ref()}/deallocate`);
          break;
        case 'cancelList':
        case 'deallocateList':
        case 'readyToShip':
        case 'notReadyToShip':
        case 'manifest':
        case 'dispatch': {
          const path = {
            cancelList: '/consignments/cancellist', deallocateList: '/consignments/deallocatelist', readyToShip: '/consignments/setreadytoship',
            notReadyToShip: '/consignments/setnotreadytoship', manifest: '/consignments/manifest', dispatch: '/consignments/Dispatch',
          }[kind];
          const list = refs(3);
          const body = kind === 'manifest' || kind === 'dispatch' ? { ConsignmentReferences: list } : list;
          const { answer, json } = await call(instance, kind, 'PUT', path, body);
          if (answer.status === 200) {
            answer.items = (json as Array<{ IsSuccess?: boolean; Status?: string }>).map((r) => (r.IsSuccess ?? r.Status === 'Success') ? 'ok' : 'failed');
          }
          break;
        }
        case 'manifestFromQuery':
          await call(instance, kind, 'POST', '/consignments/manifestFromQuery', { States: ['ReadyToShip'] });
          break;
        case 'labels':
          // A read that writes: the first print sets LabelsPrinted through the state machine.
          await call(instance, kind, 'GET', `/labels/${ref()}/zpl`);
          break;
        default: {
          const which = rng();
          if (which < 0.4) await call(instance, 'read', 'GET', `/consignments/${ref()}`);
          else if (which < 0.6) await call(instance, 'read', 'GET', `/consignments/${ref()}/audit`);
          else await call(instance, 'read', 'GET', `/orders/${pick(o.orders).reference}`);
        }
      }
    }
  }

  await Promise.all(Array.from({ length: o.clients }, (_, i) => client(i)));
  return { answers, packs, consignments, elapsedMs: Date.now() - started };
}
