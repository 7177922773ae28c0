/** Environment → typed configuration. The only reader of process.env in the service. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  /** Base of every Href; undefined = http://localhost:<the port actually bound>. */
  publicBaseUrl: string | undefined;
  demoApiKey: string | undefined;
  logLevel: string;
  /** Background jobs (manifest queue, tracking polls, recovery); PACKLINE_JOBS=off disables them. */
  jobs: boolean;
  /** How often simulated (and polling) carriers' tracking is fetched; PACKLINE_TRACKING_POLL_SECONDS. */
  trackingPollMs: number;
  /** An Idempotency-Key claim older than this was left by a crashed process; PACKLINE_IDEMPOTENCY_ABANDON_SECONDS (60). */
  idempotencyAbandonMs: number;
  /** Requests per API key (or carrier key) per window, per instance; undefined = no limit (PACKLINE_RATE_LIMIT=off). */
  rateLimit: RateLimit | undefined;
  /** Slow clients are cut off: PACKLINE_HEADERS_TIMEOUT_SECONDS, PACKLINE_REQUEST_TIMEOUT_SECONDS. */
  timeouts: Timeouts;
}

export interface RateLimit {
  max: number;
  windowMs: number;
}

export interface Timeouts {
  /** Time a client has to send the request line and headers. */
  headersMs: number;
  /** Time a client has to send the whole request, body included. */
  requestMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { max: 6000, windowMs: 60_000 };
export const DEFAULT_TIMEOUTS: Timeouts = { headersMs: 10_000, requestMs: 30_000 };

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0–65535 (got "${env.PORT}")`);
  const logLevel = (env.LOG_LEVEL ?? 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const base = env.PUBLIC_BASE_URL?.trim();
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl: env.DATABASE_URL?.trim() || 'sqlite:./data/packline.db',
    publicBaseUrl: base ? base.replace(/\/+$/, '') : undefined,
    demoApiKey: env.PACKLINE_API_KEY?.trim() || undefined,
    logLevel,
    jobs: !['off', 'false', '0', 'no'].includes((env.PACKLINE_JOBS ?? 'on').trim().toLowerCase()),
    trackingPollMs: seconds(env.PACKLINE_TRACKING_POLL_SECONDS, 60, 'PACKLINE_TRACKING_POLL_SECONDS') * 1000,
    idempotencyAbandonMs: seconds(env.PACKLINE_IDEMPOTENCY_ABANDON_SECONDS, 60, 'PACKLINE_IDEMPOTENCY_ABANDON_SECONDS') * 1000,
    rateLimit: rateLimit(env),
    timeouts: timeouts(env),
  };
}

function rateLimit(env: NodeJS.ProcessEnv): RateLimit | undefined {
  const raw = env.PACKLINE_RATE_LIMIT?.trim().toLowerCase();
  const windowMs = seconds(env.PACKLINE_RATE_LIMIT_WINDOW_SECONDS, DEFAULT_RATE_LIMIT.windowMs / 1000, 'PACKLINE_RATE_LIMIT_WINDOW_SECONDS') * 1000;
  if (raw === undefined || raw === '') return { ...DEFAULT_RATE_LIMIT, windowMs };
  if (['off', '0', 'false', 'no'].includes(raw)) return undefined;
  const max = Number(raw);
  if (!Number.isInteger(max) || max < 1) throw new Error(`PACKLINE_RATE_LIMIT must be a whole number of requests or "off" (got "${env.PACKLINE_RATE_LIMIT}")`);
  return { max, windowMs };
}

function timeouts(env: NodeJS.ProcessEnv): Timeouts {
  const headersMs = seconds(env.PACKLINE_HEADERS_TIMEOUT_SECONDS, DEFAULT_TIMEOUTS.headersMs / 1000, 'PACKLINE_HEADERS_TIMEOUT_SECONDS') * 1000;
  const requestMs = seconds(env.PACKLINE_REQUEST_TIMEOUT_SECONDS, DEFAULT_TIMEOUTS.requestMs / 1000, 'PACKLINE_REQUEST_TIMEOUT_SECONDS') * 1000;
  // Node refuses a headers timeout longer than the request timeout (the headers are part of the request).
  if (headersMs > requestMs) throw new Error('PACKLINE_HEADERS_TIMEOUT_SECONDS must not exceed PACKLINE_REQUEST_TIMEOUT_SECONDS');
  return { headersMs, requestMs };
}

function seconds(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of seconds (got "${raw}")`);
  return value;
}

/** Where the client commands (`packline import`, `packline export`) find a running service, unless given as options. */
export interface RemoteConfig {
  /** PACKLINE_URL, e.g. http://localhost:8080. */
  url: string | undefined;
  /** PACKLINE_API_KEY: the same variable that names the demo customer's key for `npm start`. */
  apiKey: string | undefined;
}

export function loadRemoteConfig(env: NodeJS.ProcessEnv = process.env): RemoteConfig {
  return { url: env.PACKLINE_URL?.trim() || undefined, apiKey: env.PACKLINE_API_KEY?.trim() || undefined };
}
