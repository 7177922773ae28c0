/**
 * A real webhook receiver for tests (node:http on a local port) that can be down (connection
 * refused: nothing listens on its port), failing (answers 503 without processing), or up. It
 * verifies every signature itself — an implementation independent of signature.ts.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  eventId: string;
  type: string;
  timestamp: number;
  body: string;
  payload: { Id: string; Type: string; CreatedAt: string; Data: Record<string, any> };
  signatureValid: boolean;
  /** What the receiver answered. */
  status: number;
}

export type Mode = 'down' | 'failing' | 'up';

export interface Receiver {
  url: string;
  /** Every request that reached the receiver, in arrival order. */
  requests: Received[];
  /** Requests processed (the receiver acted on them), in order; an answer may still have failed. */
  processed: Received[];
  /** Event ids that were being handled twice at the same moment (must stay empty). */
  overlaps: string[];
  setMode(mode: Mode): Promise<void>;
  /** Answer this status after processing a request (a lost acknowledgement: at-least-once). */
  answer: (n: number) => number;
  /** Delay before answering, to widen race windows. */
  delayMs: number;
  close(): Promise<void>;
}

/** The check a subscriber runs (docs/api.md): HMAC-SHA256 over "<timestamp>.<body>", compared in constant time. */
export function verifySignature(secret: string, timestamp: string, body: string, header: string): boolean {
  const expected = Buffer.from(createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex'), 'utf8');
  return header.split(',').map((p) => p.trim()).filter((p) => p.startsWith('v1=')).some((p) => {
    const given = Buffer.from(p.slice(3), 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

export async function startReceiver(secretOf: () => string, initial: Mode = 'up'): Promise<Receiver> {
  let mode: Mode = initial;
  let server: Server | null = null;
  const inFlight = new Set<string>();
  const receiver: Receiver = {
    url: '',
    requests: [],
    processed: [],
    overlaps: [],
    answer: () => 200,
    delayMs: 0,
    async setMode(next) {
      if (next === 'down' && server) await stop();
      if (next !== 'down' && !server) await listen();
      mode = next;
    },
    async close() {
      await stop();
    },
  };
  let port = 0;

  const handler = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const eventId = String(req.headers['packline-event-id']);
      if (inFlight.has(eventId)) receiver.overlaps.push(eventId);
      inFlight.add(eventId);
      if (receiver.delayMs) await new Promise((r) => setTimeout(r, receiver.delayMs));
      const timestamp = String(req.headers['packline-timestamp']);
      const received: Received = {
        eventId,
        type: String(req.headers['packline-event-type']),
        timestamp: Number(timestamp),
        body,
        payload: JSON.parse(body),
        signatureValid: verifySignature(secretOf(), timestamp, body, String(req.headers['packline-signature'] ?? '')),
        status: 0,
      };
      if (mode === 'failing') received.status = 503;
      else {
        receiver.processed.push(received);
        received.status = receiver.answer(receiver.processed.length);
      }
      receiver.requests.push(received);
      inFlight.delete(eventId);
      res.writeHead(received.status, { 'content-type': 'text/plain' }).end(received.status < 300 ? 'ok' : 'try later');
    });
  });

  async function listen() {
    server = handler;
    await new Promise<void>((resolve, reject) => {
      handler.once('error', reject);
      handler.listen(port, '127.0.0.1', () => { handler.off('error', reject); resolve(); });
    });
    port = (handler.address() as AddressInfo).port;
    receiver.url = `http://127.0.0.1:${port}/hooks/packline`;
  }
  async function stop() {
    if (!server) return;
    const s = server;
    server = null;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  // Take a port even when starting down, so the URL is known; then let go of it.
  await listen();
  if (initial === 'down') await stop();
  return receiver;
}
