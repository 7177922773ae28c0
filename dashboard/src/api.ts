/**
 * The dashboard's one door to the Packline API: the generated typed client (`packline/client`,
 * src/client), made per call with the signed-in key, so every path, parameter and body is checked
 * against openapi.json at build time. Every error it throws (`PacklineError`, or a network failure)
 * is turned into words a packer understands, with the field it concerns. Response bodies are untyped
 * in the spec: each call site names the type it reads (`call<Order>(…)`).
 */
import { createPacklineClient, PacklineError, type PacklineClient } from '../../src/client/index.js';

const KEY = 'packline.apiKey';

export const apiKey = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (key: string) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};

interface ErrorBody {
  Code?: string;
  Message?: string;
  CorrelationId?: string;
  Details?: Array<{ Code?: string; Target?: string | null; Message?: string }>;
}

/** An API answer that was not 2xx (status 0: the service could not be reached). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** What happened and what to do, in a packer's words. */
    readonly words: string,
    /** The field the error is about, in words ("Box 2, item 1"), if it names one. */
    readonly field: string | null,
    readonly correlationId: string | null,
    readonly body: ErrorBody | null,
  ) {
    super(words);
  }
}

/** `Packages[1].Items[0].Quantity` → "Box 2, item 1, Quantity": people count from one. */
export function fieldInWords(target: string | undefined | null): string | null {
  if (!target) return null;
  const parts = target.split('.').map((part) => {
    const m = /^(\w+)\[(\d+)\]$/.exec(part);
    if (!m) return part;
    const n = Number(m[2]) + 1;
    const name = m[1] === 'Packages' ? 'Box' : m[1] === 'Items' ? 'item' : m[1] === 'ConsignmentReferences' ? 'consignment' : m[1];
    return `${name} ${n}`;
  });
  return parts.join(', ');
}

/** Error code → what a packer should read (PACKING-STATION.md §8). The server's message is kept as the detail. */
const WORDS: Record<string, (b: ErrorBody) => string> = {
  InvalidApiKey: () => 'You are signed out. Sign in again — your boxes are kept.',
  OrderNotFound: () => 'No such order. Check the packing slip or type the number.',
  ConsignmentNotFound: () => 'No such consignment here.',
  ItemNotFoundOnOrder: (b) => `${b.Message ?? 'An item is not on this order.'} Take it out of the box.`,
  QuantityExceedsOutstanding: (b) => `Too many units: ${b.Message ?? ''} Take the extra ones out.`,
  PackageMeasurementsRequired: () => 'A box has no usable size. Pick one.',
  PackageSizeNotFound: () => 'That box size is not set up. Pick another.',
  ItemFitsNoPackageSize: (b) => `${b.Message ?? 'An item fits none of our boxes.'} Ask a supervisor.`,
  ItemMeasurementsRequired: () => 'An item has no measurements, so no box can be suggested. Pick a box yourself.',
  NoEligibleService: (b) => `No carrier will take it: ${b.Message ?? ''} It is packed — leave it for a supervisor.`,
  AllocationFailed: (b) => `No carrier will take it: ${b.Message ?? ''} It is packed — leave it for a supervisor.`,
  LabelsNotAvailable: () => 'No label yet: the consignment has no carrier.',
  ConsignmentBusy: () => 'The consignment is busy. Try again in a moment.',
  ConcurrentModification: () => 'Someone else changed it at the same moment. Try again.',
  IdempotencyKeyReused: () => 'The boxes changed while saving. Press Pack again.',
  IdempotencyKeyInUse: () => 'Still saving the first attempt. Wait a moment.',
  InvalidConsignmentState: (b) => b.Details?.[0]?.Message ?? b.Message ?? 'That is not allowed in this state.',
  RateLimited: () => 'Packline is busy. Try again in a few seconds.',
};

function toError(status: number, body: ErrorBody | null): ApiError {
  const code = body?.Code ?? (status === 0 ? 'Unreachable' : `Http${status}`);
  let words: string;
  if (status === 0) words = "Can't reach Packline. Check the network — nothing was lost.";
  else if (status >= 500 || status === 429) words = 'Packline is busy or having trouble. Try again in a few seconds.';
  else words = WORDS[code]?.(body ?? {}) ?? body?.Message ?? `The request failed (${status}).`;
  const detail = body?.Details?.[0];
  const field = fieldInWords(detail?.Target);
  if (field && body?.Details && body.Details.length > 1 && !WORDS[code]) {
    words = body.Details.map((d) => `${fieldInWords(d.Target) ?? ''}: ${d.Message ?? ''}`).join(' ');
  }
  return new ApiError(status, code, words, field, body?.CorrelationId ?? null, body);
}

/** The generated client (typed by openapi.json's `paths`) for the key given, else the signed-in one. */
export const client = (key?: string): PacklineClient['api'] =>
  createPacklineClient({ baseUrl: window.location.origin, apiKey: key ?? apiKey.get() ?? '' }).api;

/**
 * One typed request: `call<Order>((api) => api.GET('/orders/{orderReference}', { params: { path: { orderReference } } }))`.
 * The 2xx body comes back as `T`; anything else is thrown as an `ApiError` (a 401 also signs the tab out).
 * `key`: sign-in checks a key before keeping it.
 */
export async function call<T = unknown>(request: (api: PacklineClient['api']) => Promise<{ data?: unknown }>, key?: string): Promise<T> {
  try {
    return (await request(client(key))).data as T;
  } catch (e) {
    if (!(e instanceof PacklineError)) throw toError(0, null); // fetch itself failed: the service could not be reached
    if (e.status === 401) window.dispatchEvent(new Event('packline:signed-out'));
    throw toError(e.status, { Code: e.Code, Message: e.Message, Details: e.Details, CorrelationId: e.CorrelationId ?? undefined });
  }
}

/** A fresh key for one write attempt; retries of that attempt reuse it. (randomUUID needs HTTPS; a tablet on plain HTTP has only getRandomValues.) */
export const newIdempotencyKey = () => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');

/** The filled-in fields only, as query parameters (an empty filter is left out, not sent empty). */
export function filled<T extends Record<string, string | undefined | null>>(params: T): Partial<Record<keyof T, string>> {
  return Object.fromEntries(Object.entries(params).filter((e) => typeof e[1] === 'string' && e[1].trim() !== '')) as Partial<Record<keyof T, string>>;
}
