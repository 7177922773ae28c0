/**
 * [EXT] `Idempotency-Key` on POST, PUT, PATCH and DELETE (GET and HEAD ignore it). The first
 * request with a key claims it (one row per customer and key), runs, and its response is stored;
 * the same key with the same request then replays that response, with `Idempotent-Replayed: true`,
 * for 24 hours. Requests without the header never touch the store.
 *
 * - Claiming is an INSERT … ON CONFLICT DO NOTHING on (customer_id, key): atomic on SQLite and on
 *   PostgreSQL, so it also holds across several service instances on one PostgreSQL database.
 * - The request is identified by a fingerprint of method, URL (path with params and query) and the
 *   body as canonical JSON (keys sorted), taken before validation rewrites the body. Other headers
 *   (e.g. Packline-Strict-Quantities) are not part of it: a retry is assumed to repeat them.
 * - The key is claimed after schema validation (preHandler): a body the schema rejects never ran,
 *   stores nothing and may be corrected and sent again under the same key (as Stripe does).
 * - What is stored: responses the handler produced with 2xx, or 4xx other than 409 and 429 (rule
 *   failures such as 400/404 answer the same on a retry; replaying them is what makes the key
 *   mean "this request"). 5xx, 409 and 429 are transient, so they release the key instead and a
 *   retry executes again. Status, body, Content-Type and Location are replayed; no other header.
 * - A second request while the first runs polls for up to `waitMs` (5 s), then replays; if the
 *   first released the key it claims it and runs itself; if still running, 409 IdempotencyKeyInUse.
 * - An expired row (past `ttlMs`) is replaced by the next request with its key, whatever its body.
 *   Expired rows are also deleted, at most once every 10 minutes per process.
 *
 * - Pack Order stores its response inside its own write transaction (`storeResponseInTransaction`),
 *   so the consignments and the replay commit together: a process killed after the commit still
 *   replays the 201 to a retry, and a request whose claim was taken over while it ran (it ran past
 *   `abandonAfterMs`) rolls back with 409 instead of packing a second time. Both were real double
 *   packs (idempotency-commit.test.ts failed before); docs/decisions/0006 has the why.
 *
 * Not covered, honestly, for the other endpoints: their response is stored in onSend, after the
 * use case's transaction has committed. If the process dies (or the store write fails) between
 * the two, the row stays InProgress; after `abandonAfterMs` (60 s) it counts as abandoned and the
 * next retry executes the request again. A request that itself runs longer than `abandonAfterMs`
 * can likewise be taken over and run twice; its late result is then not stored (the claim token no
 * longer matches). A use case that must not run twice adopts `storeResponseInTransaction`.
 */
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Selectable } from 'kysely';
import type { DbOrTx, IdempotencyKeysTable } from '../db/schema.js';
import type { Deps } from '../modules/deps.js';
import { AppError } from '../shared/errors.js';
import { carrierOf, customerOf, isPublic } from './auth.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const KEYED_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;
const PURGE_EVERY_MS = 10 * 60_000;

export interface IdempotencyOptions {
  /** How long a key replays its first response. */
  ttlMs: number;
  /** An InProgress claim older than this was left by a crashed process (or a hung request): it is taken over. */
  abandonAfterMs: number;
  /** How long a request waits for another one holding its key before answering 409. */
  waitMs: number;
  pollMs: number;
}

export const DEFAULT_IDEMPOTENCY: IdempotencyOptions = { ttlMs: 24 * 60 * 60_000, abandonAfterMs: 60_000, waitMs: 5_000, pollMs: 50 };

type Row = Selectable<IdempotencyKeysTable>;
interface Held {
  customerId: number;
  key: string;
  claim: string;
  /** The status the request already stored in its own transaction; onSend need not store it again. */
  storedStatus?: number;
}

/** The claim each keyed request holds while it runs (one entry per request object, so module-wide is safe). */
const held = new WeakMap<FastifyRequest, Held>();
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Stores a keyed request's JSON response in the transaction that makes its change, so both commit
 * or neither does. Call it last in the transaction. Without a key it does nothing. When the claim
 * is no longer this request's (it ran so long that a retry took the key over), it throws 409
 * IdempotencyKeyInUse so the transaction rolls back and the change is made once, by the retry.
 * The body is stored as JSON.stringify writes it, which is what Fastify sends for a route without
 * a response schema.
 */
export async function storeResponseInTransaction(
  tx: DbOrTx, request: FastifyRequest, response: { status: number; body: unknown; location?: string },
): Promise<void> {
  const mine = held.get(request);
  if (!mine) return;
  const stored = await tx.updateTable('idempotency_keys')
    .set({ state: 'Done', status: response.status, content_type: JSON_TYPE, location: response.location ?? null, body: JSON.stringify(response.body) })
    .where('customer_id', '=', mine.customerId).where('key', '=', mine.key).where('claim', '=', mine.claim).where('state', '=', 'InProgress')
    .executeTakeFirst();
  if (Number(stored.numUpdatedRows) !== 1) {
    throw new AppError('IdempotencyKeyInUse', `Another request with this ${IDEMPOTENCY_HEADER} took over while this one ran; retry to get its response.`);
  }
  mine.storedStatus = response.status;
}

/** The header's key, or undefined when there is none; 400 when it is not 1–255 visible ASCII characters. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? raw.join(', ') : raw;
  if (VALID_KEY.test(key)) return key;
  const message = `${IDEMPOTENCY_HEADER} must be 1 to 255 visible ASCII characters (no spaces), sent once.`;
  throw new AppError('InvalidIdempotencyKey', message, [{ Code: 'InvalidIdempotencyKey', Target: IDEMPOTENCY_HEADER, Message: message }]);
}

export function requestFingerprint(method: string, url: string, body: unknown): string {
  const canonical = body === undefined ? '' : JSON.stringify(body, (_name, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value);
  return createHash('sha256').update(`${method} ${url}\n`).update(canonical).digest('hex');
}

/** Registers the hooks; call after the other onSend hooks so the stored Content-Type is the final one. */
export function registerIdempotency(app: FastifyInstance, deps: Deps, overrides: Partial<IdempotencyOptions> = {}): void {
  const options = { ...DEFAULT_IDEMPOTENCY, ...overrides };
  const store = idempotencyStore(deps, options);
  const fingerprints = new WeakMap<FastifyRequest, { key: string; fingerprint: string }>();

  // Before validation: the header is checked early, and the body is fingerprinted as sent.
  app.addHook('preValidation', async (request) => {
    // A carrier key has no customer to keep keys for; its event posts are idempotent by themselves.
    if (!KEYED_METHODS.has(request.method) || request.is404 || isPublic(request) || carrierOf(request)) return;
    const key = idempotencyKeyOf(request);
    if (key !== undefined) fingerprints.set(request, { key, fingerprint: requestFingerprint(request.method, request.url, request.body) });
  });

  app.addHook('preHandler', async (request, reply) => {
    const wanted = fingerprints.get(request);
    if (!wanted) return;
    const customerId = customerOf(request).id;
    const outcome = await store.acquire(customerId, wanted.key, wanted.fingerprint, reply);
    if ('claim' in outcome) {
      held.set(request, { customerId, key: wanted.key, claim: outcome.claim });
      return;
    }
    const row = outcome.replay;
    reply.code(row.status ?? 200).header('idempotent-replayed', 'true');
    if (row.content_type) reply.header('content-type', row.content_type);
    if (row.location) reply.header('location', row.location);
    return reply.send(row.body ?? undefined);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const mine = held.get(request);
    if (!mine) return payload;
    held.delete(request);
    if (mine.storedStatus === reply.statusCode) return payload; // committed with the change
    try {
      const body = payload === undefined || payload === null ? null : typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined;
      if (body !== undefined && replayable(reply.statusCode)) {
        const type = reply.getHeader('content-type');
        const location = reply.getHeader('location');
        await store.complete(mine, { status: reply.statusCode, content_type: typeof type === 'string' ? type : null, location: typeof location === 'string' ? location : null, body });
      } else {
        await store.release(mine);
      }
    } catch (err) {
      // The response still goes out; the row stays InProgress until it counts as abandoned.
      request.log.error({ err }, 'could not record the Idempotency-Key outcome');
    }
    return payload;
  });
}

/** 2xx and deterministic 4xx are replayed; 5xx, 409 (busy, concurrent change) and 429 free the key for a retry. */
function replayable(status: number): boolean {
  return (status >= 200 && status < 300) || (status >= 400 && status < 500 && status !== 409 && status !== 429);
}

function idempotencyStore({ db, clock }: Pick<Deps, 'db' | 'clock'>, options: IdempotencyOptions) {
  let nextPurge = 0;
  const byKey = (customerId: number, key: string) => db.selectFrom('idempotency_keys').selectAll().where('customer_id', '=', customerId).where('key', '=', key);

  return {
    /** Claims the key, or returns the stored response to replay; 422 for another request, 409 when still busy. */
    async acquire(customerId: number, key: string, fingerprint: string, reply: FastifyReply): Promise<{ claim: string } | { replay: Row }> {
      const claim = randomUUID();
      await purgeExpired(clock.now());
      const polls = Math.ceil(options.waitMs / options.pollMs);
      for (let attempt = 0; attempt <= polls; attempt++) {
        const now = clock.now();
        const fresh = { fingerprint, claim, state: 'InProgress' as const, status: null, content_type: null, location: null, body: null,
          created_at: now.toISOString(), expires_at: new Date(now.getTime() + options.ttlMs).toISOString() };
        const inserted = await db.insertInto('idempotency_keys').values({ customer_id: customerId, key, ...fresh })
          .onConflict((oc) => oc.columns(['customer_id', 'key']).doNothing()).executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { claim };

        const row = await byKey(customerId, key).executeTakeFirst();
        if (!row) continue; // released between our insert and our read: claim again
        const expired = row.expires_at <= fresh.created_at;
        const abandoned = row.state === 'InProgress' && Date.parse(row.created_at) + options.abandonAfterMs <= now.getTime();
        if (!expired && row.fingerprint !== fingerprint) {
          const message = `This ${IDEMPOTENCY_HEADER} was already used for a different request (method, path or body). Use a new key for a new request.`;
          throw new AppError('IdempotencyKeyReused', message, [{ Code: 'IdempotencyKeyReused', Target: IDEMPOTENCY_HEADER, Message: message }]);
        }
        if (expired || abandoned) {
          // Take over only the row we read: of two requests racing for it, one update matches.
          // The state too: on PostgreSQL an update waiting behind the holder's transaction re-checks
          // its WHERE on the committed row, and a claim that became Done meanwhile must not be taken.
          const taken = await db.updateTable('idempotency_keys').set(fresh)
            .where('customer_id', '=', customerId).where('key', '=', key).where('claim', '=', row.claim).where('state', '=', row.state)
            .executeTakeFirst();
          if (Number(taken.numUpdatedRows) === 1) return { claim };
          continue;
        }
        if (row.state === 'Done') return { replay: row };
        if (attempt < polls) await sleep(options.pollMs);
      }
      reply.header('retry-after', '1');
      throw new AppError('IdempotencyKeyInUse', `A request with this ${IDEMPOTENCY_HEADER} is still being processed; retry shortly to get its response.`);
    },

    async complete(held: Held, response: Pick<Row, 'status' | 'content_type' | 'location' | 'body'>): Promise<void> {
      await db.updateTable('idempotency_keys').set({ state: 'Done', ...response })
        .where('customer_id', '=', held.customerId).where('key', '=', held.key).where('claim', '=', held.claim).execute();
    },

    async release(held: Held): Promise<void> {
      await db.deleteFrom('idempotency_keys')
        .where('customer_id', '=', held.customerId).where('key', '=', held.key).where('claim', '=', held.claim).execute();
    },
  };

  async function purgeExpired(now: Date): Promise<void> {
    if (now.getTime() < nextPurge) return;
    nextPurge = now.getTime() + PURGE_EVERY_MS;
    await db.deleteFrom('idempotency_keys').where('expires_at', '<=', now.toISOString()).execute();
  }
}
