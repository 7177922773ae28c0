/** Shared pieces of the webhook delivery tests (excluded from the build by name). */
import { expect } from 'vitest';
import type { TestServer } from '../../../test/harness.js';
import type { Deps } from '../deps.js';
import { type DeliveryOptions, DEFAULT_DELIVERY, deliverDueWebhooks } from './deliver-webhooks.js';

/** A clock the test moves by hand. */
export function movableClock(start = new Date('2026-12-07T08:00:00.000Z')) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    set: (at: Date | string) => { now = Math.max(now, new Date(at).getTime()); },
    advance: (ms: number) => { now += ms; },
  };
}

/** A repeatable stand-in for Math.random (the jitter), so a failing run can be replayed. */
export function seeded(seed = 42): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export async function subscribe(t: TestServer, url: string, eventTypes: string[] = ['*']): Promise<{ Id: string; Secret: string }> {
  const r = await t.call('POST', '/webhooks', { body: { Url: url, EventTypes: eventTypes } });
  expect(r.status, r.text).toBe(201);
  return r.json;
}

/** The customer's outbox, in order: [key, type, event id]. */
export async function outbox(deps: Pick<Deps, 'db'>) {
  const rows = await deps.db.selectFrom('webhook_events').select(['ordering_key', 'type', 'event_id']).orderBy('id').execute();
  return rows.map((r) => ({ key: r.ordering_key, type: r.type, eventId: r.event_id }));
}

export async function pendingCount(deps: Pick<Deps, 'db'>): Promise<number> {
  const r = await deps.db.selectFrom('webhook_deliveries').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'Pending').executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Runs worker rounds until nothing is Pending (or `until` says stop); when a round finds nothing
 * due, moves the clock to the next scheduled retry (events waiting behind their key's head are
 * due already and go as soon as the head does). Answers the rounds run and attempts made.
 */
export async function drain(
  deps: Pick<Deps, 'db' | 'dialect' | 'clock'>,
  clock: ReturnType<typeof movableClock>,
  options: Partial<DeliveryOptions> & { until?: () => boolean; maxRounds?: number } = {},
): Promise<{ rounds: number; attempts: number }> {
  const opts = { ...DEFAULT_DELIVERY, ...options };
  let rounds = 0;
  let attempts = 0;
  while (rounds < (options.maxRounds ?? 10_000)) {
    if (options.until?.()) break;
    const r = await deliverDueWebhooks(deps, opts);
    rounds++;
    attempts += r.claimed;
    if (r.claimed > 0) continue;
    const next = await deps.db.selectFrom('webhook_deliveries').select((eb) => eb.fn.min('next_attempt_at').as('at'))
      .where('status', '=', 'Pending').where('next_attempt_at', '>', clock.now().toISOString()).executeTakeFirst();
    // Nothing due and nothing scheduled later: drained (or stuck, which the caller's checks show).
    if (!next?.at) break;
    clock.set(String(next.at));
  }
  return { rounds, attempts };
}
