/** The HTTP client carrier adapters get: fetch with a timeout, nothing else. */
import type { HttpClient } from './carrier.js';

export const fetchHttpClient: HttpClient = {
  async request(url, init) {
    const response = await fetch(url, {
      method: init.method,
      ...(init.headers ? { headers: init.headers } : {}),
      ...(init.body !== undefined ? { body: init.body } : {}),
      signal: AbortSignal.timeout(init.timeoutMs ?? 30_000),
    });
    return { status: response.status, body: await response.text() };
  },
};
