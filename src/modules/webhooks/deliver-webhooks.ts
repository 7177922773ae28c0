/**
 * The delivery worker: claims due deliveries under a lease, POSTs each signed event, records the
 * attempt, and either marks it Delivered (any 2xx) or schedules the next try (retry-schedule.ts).
 * Delivery is at least once: a receiver that processed an event but whose answer was lost gets
 * it again, with the same event id.
 */
import { writeTransaction } from '../../db/transaction.js';
import type { Job } from '../../jobs.js';
import type { Deps } from '../deps.js';
import { type ClaimedDelivery, claimDue, finishAttempt } from './deliveries.repo.js';
import { afterFailure } from './retry-schedule.js';
import { webhookHeaders } from './signature.js';

export interface DeliveryOptions {
  /** Deliveries claimed per round (sent in parallel: they are the heads of different keys). */
  batch: number;
  /** How long a claim holds: longer than the request timeout, so a live worker never loses it. */
  leaseMs: number;
  timeoutMs: number;
  random?: () => number;
}

export const DEFAULT_DELIVERY: DeliveryOptions = { batch: 20, leaseMs: 30_000, timeoutMs: 10_000 };

export interface RoundResult {
  claimed: number;
  delivered: number;
  failed: number;
}

interface Answer {
  statusCode: number | null;
  error: string | null;
  latencyMs: number;
}

/** One POST; never throws. Redirects are not followed (a 3xx is a failed attempt). */
async function post(d: ClaimedDelivery, at: Date, timeoutMs: number): Promise<Answer> {
  const body = JSON.stringify(d.payload);
  const started = performance.now();
  try {
    const res = await fetch(d.url, {
      method: 'POST',
      headers: webhookHeaders(d.secret, { id: d.payload.Id, type: d.payload.Type }, at, body),
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return { statusCode: res.status, error: ok ? null : `HTTP ${res.status}`, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { statusCode: null, error: describe(err, timeoutMs), latencyMs: Math.round(performance.now() - started) };
  }
}

function describe(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause = e.cause?.code ?? e.cause?.message;
  return (cause ? `${e.message}: ${cause}` : String(e.message ?? err)).slice(0, 500);
}

/** One round: claim, send, record. */
export async function deliverDueWebhooks(deps: Pick<Deps, 'db' | 'dialect' | 'clock'>, options: DeliveryOptions = DEFAULT_DELIVERY): Promise<RoundResult> {
  const now = deps.clock.now();
  const claimed = await claimDue(deps.db, deps.dialect, now.toISOString(), new Date(now.getTime() + options.leaseMs).toISOString(), options.batch);
  const outcomes = await Promise.all(claimed.map(async (d) => {
    const attemptedAt = deps.clock.now();
    const answer = await post(d, attemptedAt, options.timeoutMs);
    const attempt = d.attempts + 1;
    const delivered = answer.error === null;
    const next = delivered ? null : afterFailure(attempt, deps.clock.now(), d.giveUpAt, options.random);
    await writeTransaction(deps.db, deps.dialect, (tx) => finishAttempt(tx, d, {
      attempt,
      attemptedAt: attemptedAt.toISOString(),
      ...answer,
      status: delivered ? 'Delivered' : next!.status,
      nextAttemptAt: next?.status === 'Pending' ? next.nextAttemptAt : null,
    }));
    return delivered ? 'delivered' : next!.status === 'Failed' ? 'failed' : 'retry';
  }));
  return {
    claimed: claimed.length,
    delivered: outcomes.filter((o) => o === 'delivered').length,
    failed: outcomes.filter((o) => o === 'failed').length,
  };
}

/** The in-process job: rounds until one claims less than a full batch (bounded, so it yields). */
export function webhookDeliveryJob(everyMs = 1000, options: DeliveryOptions = DEFAULT_DELIVERY): Job {
  return {
    name: 'webhook-delivery',
    everyMs,
    async run(deps) {
      for (let round = 0; round < 10; round++) {
        if ((await deliverDueWebhooks(deps, options)).claimed < options.batch) return;
      }
    },
  };
}
