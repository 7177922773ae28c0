/**
 * Slow and oversized clients over raw TCP: a client that dribbles its headers or its body is cut
 * off with 408 in the error shape, others are served meanwhile; a body over 1 MiB is 413.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { DIALECTS } from '../db/test-db.js';

const TIMEOUTS = { headersMs: 1_000, requestMs: 2_000 };
/** How long a test keeps dribbling before it declares the server never cut it off. */
const GIVE_UP_MS = 15_000;

interface Dribble {
  /** Everything the server wrote back. */
  answer: Promise<string>;
  /** Bytes the client managed to send before the server closed the connection. */
  sent(): number;
}

/** Opens a socket, writes `head` at once, then one byte of `rest` every `everyMs` until the server closes. */
function dribble(port: number, head: string, rest: string, everyMs = 100): Dribble {
  const socket: Socket = connect(port, '127.0.0.1');
  let sent = 0;
  let timer: NodeJS.Timeout | undefined;
  const chunks: Buffer[] = [];
  const answer = new Promise<string>((resolve, reject) => {
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept a dribbling client for ${GIVE_UP_MS} ms`));
    }, GIVE_UP_MS);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => { /* a reset after the answer is the server closing, which is the point */ });
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
  socket.on('connect', () => {
    socket.write(head);
    timer = setInterval(() => {
      if (socket.destroyed || !socket.writable) return;
      socket.write(rest[sent % rest.length]!);
      sent++;
    }, everyMs);
  });
  return { answer, sent: () => sent };
}

function parseAnswer(raw: string) {
  const [head, body] = raw.split('\r\n\r\n');
  return { statusLine: head?.split('\r\n')[0] ?? '', json: body ? JSON.parse(body) : undefined };
}

function expectTimedOut(raw: string) {
  const answer = parseAnswer(raw);
  expect(answer.statusLine).toBe('HTTP/1.1 408 Request Timeout');
  expect(answer.json).toMatchObject({ Code: 'ValidationFailed', Message: 'The request took too long to arrive.', Details: [] });
  expect(answer.json.CorrelationId).toEqual(expect.any(String));
}

describe.each(DIALECTS)('slow and large requests on %s', (dialect) => {
  let t: TestServer;
  let port: number;
  beforeAll(async () => {
    t = await startTestServer(dialect, { server: { timeouts: TIMEOUTS } });
    port = Number(new URL(t.baseUrl).port);
  });
  afterAll(async () => t?.close());

  it('cuts off a client that dribbles its headers (slowloris) with 408 in the error shape, serving others meanwhile', async () => {
    const slow = dribble(port, `GET /packagesizes HTTP/1.1\r\nHost: x\r\nocp-apim-subscription-key: ${t.key}\r\n`, 'X-Slow: a\r\n');
    // While it dribbles, other clients get their answers.
    for (let i = 0; i < 5; i++) expect((await t.call('GET', '/packagesizes')).status).toBe(200);
    expectTimedOut(await slow.answer);
    expect(slow.sent()).toBeGreaterThan(0);
  });

  it('cuts off a client that sends its headers and then dribbles the body', async () => {
    const body = JSON.stringify({ OrderReferenceProvidedByCustomer: 'SLOW', padding: 'x'.repeat(400) });
    const slow = dribble(port,
      `POST /orders HTTP/1.1\r\nHost: x\r\nocp-apim-subscription-key: ${t.key}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`,
      body);
    expect((await t.call('GET', '/packagesizes')).status).toBe(200);
    expectTimedOut(await slow.answer);
    // The server gave up before the body was complete.
    expect(slow.sent()).toBeLessThan(body.length);
    // Nothing was created from the half body.
    expect((await t.call('GET', '/orders?pageSize=10')).text).not.toContain('SLOW');
  });

  it('keeps an idle keep-alive connection open past the header timeout: the limits apply to a request being sent, not to waiting', async () => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => { received += chunk.toString(); });
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    await new Promise<void>((done) => socket.once('connect', () => done()));
    const request = `GET /packagesizes HTTP/1.1\r\nHost: x\r\nocp-apim-subscription-key: ${t.key}\r\n\r\n`;
    const answers = () => received.split('HTTP/1.1 200 OK').length - 1;
    const waitFor = async (n: number) => { while (answers() < n && !socket.destroyed) await new Promise((r) => setTimeout(r, 20)); };
    socket.write(request);
    await waitFor(1);
    // Idle for three header timeouts, then a second request on the same connection.
    await new Promise((r) => setTimeout(r, TIMEOUTS.headersMs * 3));
    expect(socket.destroyed).toBe(false);
    socket.write(request);
    await waitFor(2);
    expect(answers()).toBe(2);
    socket.end();
    await closed;
  });

  it('answers 413 PayloadTooLarge to a body over 1 MiB, with Content-Length or chunked', async () => {
    const big = JSON.stringify({ OrderReferenceProvidedByCustomer: 'BIG', padding: 'x'.repeat(1024 * 1024) });
    const sized = await t.call('POST', '/orders', { raw: big, headers: { 'content-type': 'application/json' } });
    expect(sized.status).toBe(413);
    expect(sized.json).toMatchObject({ Code: 'PayloadTooLarge', Details: [] });

    // No Content-Length: the limit is enforced while reading the stream.
    const stream = new ReadableStream({
      start(controller) {
        const bytes = new TextEncoder().encode(big);
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
        controller.close();
      },
    });
    const res = await fetch(`${t.baseUrl}/orders`, {
      method: 'POST', body: stream, duplex: 'half',
      headers: { 'content-type': 'application/json', 'ocp-apim-subscription-key': t.key },
    } as RequestInit);
    expect(res.headers.get('content-length')).not.toBeNull();
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ Code: 'PayloadTooLarge' });

    // A body just under the limit is read (and judged on its content).
    const fits = JSON.stringify({ padding: 'x'.repeat(1024 * 1024 - 100) });
    expect((await t.call('POST', '/orders', { raw: fits, headers: { 'content-type': 'application/json' } })).status).toBe(400);
  });
});
