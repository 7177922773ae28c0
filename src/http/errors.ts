/** Every failure becomes the one error body of spec §1.12: `{Code, Message, CorrelationId, Details}`. */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode, type ErrorDetail } from '../shared/errors.js';

export function errorBody(code: ErrorCode, message: string, correlationId: string, details: ErrorDetail[] = []) {
  return { Code: code, Message: message, CorrelationId: correlationId, Details: details };
}

/** Fastify's own 4xx errors (body parsing, limits) in our vocabulary. */
function fromFastify(error: FastifyError): AppError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PayloadTooLarge', 'The request body is larger than 1 MiB.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UnsupportedMediaType', 'Send JSON: Content-Type: application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('MalformedBody', 'The body is empty but Content-Type says JSON.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('MalformedBody', `The body is not valid JSON: ${error.message}`);
  }
  if (error instanceof SyntaxError || error.statusCode === 400) return new AppError('MalformedBody', error.message);
  if (error.statusCode === 404) return new AppError('RouteNotFound', error.message);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('ValidationFailed', error.message, [], error.statusCode);
  }
  return undefined;
}

export function handleError(error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) {
  const known = error instanceof AppError ? error : fromFastify(error as FastifyError);
  if (known) {
    if (known.status >= 500) request.log.error({ err: error }, known.message);
    else request.log.info({ code: known.code, details: known.details.length }, known.message);
    return reply.code(known.status).send(errorBody(known.code, known.message, request.id, known.details));
  }
  request.log.error({ err: error }, 'unexpected error');
  return reply.code(500).send(errorBody('InternalError', 'Something went wrong on our side. Quote the CorrelationId when you report it.', request.id));
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply) {
  return reply.code(404).send(errorBody('RouteNotFound', `No endpoint ${request.method} ${request.url.split('?')[0]}.`, request.id));
}

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses before there is a request (headers
 * over the size limit, a request that is not HTTP, a request timeout) gets the same error body as
 * everything else, with a fresh CorrelationId, instead of Fastify's own `{error, message, statusCode}`.
 */
export function handleClientError(this: FastifyInstance, error: Error & { code?: string }, socket: Socket): void {
  // A reset connection is gone: there is no one to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message]: [number, ErrorCode, string] =
    error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'ValidationFailed', 'The request headers are larger than the server accepts.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'ValidationFailed', 'The request took too long to arrive.']
        : [400, 'MalformedBody', 'The request is not valid HTTP.'];
  const correlationId = randomUUID();
  this.log.info({ err: error, correlationId }, message);
  if (socket.writable) {
    const body = JSON.stringify(errorBody(code, message, correlationId));
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`
      + `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}
