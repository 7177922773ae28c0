/**
 * The part of autocannon@8's API the benches use. autocannon ships no types and @types/autocannon
 * is not a dependency; `tsconfig.json` type-checks bench/, so this keeps `npm run typecheck` clean.
 */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    /** One request as autocannon builds it; `setupRequest` gets a copy merged with the defaults. */
    interface RequestParams {
      method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      path?: string;
      headers?: Record<string, string>;
      body?: string;
    }

    interface Request extends RequestParams {
      /** Called before every send of this request; return the request to send (falsy restarts the sequence). */
      setupRequest?: (request: RequestParams, context: Record<string, unknown>) => RequestParams | null | undefined;
    }

    interface Options {
      url: string;
      method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      headers?: Record<string, string>;
      body?: string;
      connections?: number;
      pipelining?: number;
      /** Seconds. */
      duration?: number;
      /** Seconds before a request counts as timed out. */
      timeout?: number;
      /** Requests each connection sends in turn, round and round (default: one built from the options above). */
      requests?: Request[];
    }

    /** Percentile summary of one histogram (hdr-histogram-percentiles-obj). */
    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      p50: number;
      p90: number;
      p99: number;
    }

    interface Result {
      /** Seconds actually run. */
      duration: number;
      /** Socket errors, timeouts included. */
      errors: number;
      timeouts: number;
      resets: number;
      non2xx: number;
      '2xx': number;
      statusCodeStats: Record<string, { count: number }>;
      /** Completed requests per one-second sample. */
      requests: Histogram & { sent: number };
      /** Milliseconds, 2xx responses only, integer resolution. */
      latency: Histogram & { totalCount: number };
    }

    /** The running load: an event emitter that is also a promise of the result. */
    interface Instance extends EventEmitter, PromiseLike<Result> {
      on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTimeMs: number) => void): this;
      on(event: string, listener: (...args: unknown[]) => void): this;
      /** Ends the run at autocannon's next one-second sample; the promise then resolves as usual. */
      stop(): void;
    }
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;
  export = autocannon;
}
