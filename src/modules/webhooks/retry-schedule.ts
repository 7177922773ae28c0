/**
 * When to try a failed delivery again: exponential back-off with full jitter (a random delay
 * between 0 and 10 s × 2^(n-1), capped at one hour), so receivers coming back from an outage are
 * not hit by every sender at the same instant. Retries go on until the delivery's give-up time
 * (24 hours after it was queued), then it is Failed.
 */
export const BASE_DELAY_MS = 10_000;
export const MAX_DELAY_MS = 60 * 60 * 1000;
/** Never retry sooner than this, whatever the dice say: a zero delay would spin on a dead host. */
export const MIN_DELAY_MS = 1_000;

/** The delay after failed attempt number `attempt` (1-based); `random` in [0, 1). */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(attempt - 1, 30));
  return Math.max(MIN_DELAY_MS, Math.floor(random() * ceiling));
}

export type AfterFailure = { status: 'Pending'; nextAttemptAt: string } | { status: 'Failed' };

export function afterFailure(attempt: number, now: Date, giveUpAt: string, random?: () => number): AfterFailure {
  if (now.toISOString() >= giveUpAt) return { status: 'Failed' };
  return { status: 'Pending', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempt, random)).toISOString() };
}
