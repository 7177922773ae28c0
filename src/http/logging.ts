/**
 * Logger settings for the service. Keys must never reach a log: Fastify's request serializer logs
 * method, URL and addresses only, and nothing here logs headers — the redaction below is the
 * safety net should anyone log a request's headers (or a whole request) later.
 */
import type { FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';

const SECRET_HEADERS = ['ocp-apim-subscription-key', 'idempotency-key', 'authorization', 'cookie'];

export const REDACTED_PATHS = SECRET_HEADERS.flatMap((h) => [
  `req.headers["${h}"]`,
  `request.headers["${h}"]`,
  `headers["${h}"]`,
]);

export function loggerOptions(level: string, stream?: DestinationStream): FastifyServerOptions['logger'] {
  return { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, ...(stream ? { stream } : {}) };
}
