/**
 * `Packline-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`: the timestamp is
 * signed with the body so a captured request cannot be replayed later with a fresh timestamp.
 * `v1=` leaves room for a second scheme (or a rotated secret) beside it.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const newSecret = () => `whsec_${randomBytes(32).toString('hex')}`;

export function sign(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The headers of one delivery attempt. */
export function webhookHeaders(secret: string, event: { id: string; type: string }, at: Date, body: string): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    'content-type': 'application/json',
    'user-agent': 'Packline-Webhooks/1',
    'packline-event-id': event.id,
    'packline-event-type': event.type,
    'packline-timestamp': String(timestamp),
    'packline-signature': sign(secret, timestamp, body),
  };
}
