/** The request headers of spec §1.1: API version, Content-Type and Accept. */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.js';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Does an Accept header allow JSON? Absent means JSON. */
export function acceptsJson(accept: string | undefined): boolean {
  if (!accept || !accept.trim()) return true;
  return accept.split(',').some((range) => {
    const [type = '', ...params] = range.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) return false;
    return type === '*/*' || type === 'application/*' || type === 'application/json' || type.endsWith('+json');
  });
}

export function checkHeaders(request: FastifyRequest): void {
  const version = request.headers['electio-api-version'];
  if (version !== undefined && String(version).trim() !== '1.1') {
    throw new AppError('UnsupportedApiVersion', `electio-api-version "${version}" is not supported; use 1.1 or leave it out.`);
  }
  if (!acceptsJson(request.headers.accept)) {
    throw new AppError('NotAcceptable', 'This API answers in JSON only (Accept: application/json).');
  }
  if (BODY_METHODS.has(request.method) && hasBody(request)) {
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new AppError('UnsupportedMediaType', `Content-Type "${type || '(none)'}" is not supported; send application/json.`);
    }
  }
}
