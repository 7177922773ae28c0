/**
 * Request validation for every route: the body is first brought into the schema's spelling
 * (case-insensitive names, enum names and numbers, spec §1.2), then checked by ajv with every
 * error collected, and the errors become the one error body with field paths.
 */
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';
import { AppError, type ErrorCode, type ErrorDetail } from '../shared/errors.js';
import { canonicalise, unknownFlagNames } from '../shared/wire/canonicalise.js';

// ajv is CommonJS: under NodeNext its class is the default export's `default`.
const Ajv = AjvModule.default;
const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, coerceTypes: false, useDefaults: false });
const coercing = new Ajv({ allErrors: true, verbose: true, strict: false, coerceTypes: true, useDefaults: true });
for (const a of [ajv, coercing]) {
  a.addKeyword({
    keyword: 'x-enum-flags',
    schemaType: 'boolean',
    validate: function flags(this: unknown, on: boolean, data: unknown, parent?: Record<string, unknown>) {
      if (!on || typeof data !== 'string') return true;
      return unknownFlagNames(data, (parent?.['x-enum-names'] as string[]) ?? []).length === 0;
    },
  });
}

/** `/Packages/0/Items/1` → `Packages[0].Items[1]` */
export function toFieldPath(pointer: string, child?: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out = /^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part;
  }
  return child ? (out ? `${out}.${child}` : child) : out;
}

const REQUIRED_CODES: Record<string, ErrorCode> = {
  Packages: 'PackagesRequired',
  Items: 'PackageItemsRequired',
  Addresses: 'AddressesRequired',
  AddressType: 'AddressTypeRequired',
  OrderReference: 'ReferenceRequired',
};

/** ajv's errors as one detail per field; `null`-or-type pairs are merged into one message. */
export function toDetails(errors: ErrorObject[], root: string): ErrorDetail[] {
  const details = new Map<string, ErrorDetail>();
  const types = new Map<string, Set<string>>();
  for (const e of errors) {
    const target = toFieldPath(e.instancePath);
    const label = target || root;
    switch (e.keyword) {
      case 'required': {
        const name = String((e.params as { missingProperty: string }).missingProperty);
        const at = toFieldPath(e.instancePath, name);
        details.set(at, { Code: REQUIRED_CODES[name] ?? 'FieldRequired', Target: at, Message: `${name} is required.` });
        break;
      }
      case 'type': {
        const names = e.parentSchema?.['x-enum-names'] as string[] | undefined;
        if (names) {
          // A number that names no member of a (numeric-capable) enum.
          details.set(label, { Code: 'InvalidEnumValue', Target: label, Message: `${label} must be one of: ${names.join(', ')}.` });
          break;
        }
        const set = types.get(label) ?? new Set<string>();
        for (const t of String((e.params as { type: string }).type).split(',')) set.add(t);
        types.set(label, set);
        break;
      }
      case 'enum':
      case 'x-enum-flags': {
        const names = (e.parentSchema?.['x-enum-names'] as string[] | undefined) ?? (Array.isArray(e.schema) ? e.schema.filter((v) => v !== null) : []);
        const code: ErrorCode = label.endsWith('Unit') ? 'InvalidUnit' : 'InvalidEnumValue';
        details.set(label, { Code: code, Target: label, Message: `${label} must be one of: ${names.join(', ')}.` });
        break;
      }
      case 'maxLength':
        details.set(label, { Code: 'FieldTooLong', Target: label, Message: `${label} must be at most ${(e.params as { limit: number }).limit} characters.` });
        break;
      case 'minItems':
        details.set(label, {
          Code: REQUIRED_CODES[label.replace(/.*\./, '').replace(/\[\d+\]$/, '')] ?? 'ValidationFailed',
          Target: label,
          Message: `${label} must have at least ${(e.params as { limit: number }).limit} entr${(e.params as { limit: number }).limit === 1 ? 'y' : 'ies'}.`,
        });
        break;
      default:
        details.set(label, { Code: 'ValidationFailed', Target: label, Message: `${label} ${e.message ?? 'is invalid'}.` });
    }
  }
  for (const [label, set] of types) {
    const expected = [...set].filter((t) => t !== 'null');
    const word = expected.map((t) => (t === 'integer' ? 'a whole number' : t === 'object' ? 'an object' : t === 'array' ? 'an array' : `a ${t}`)).join(' or ');
    details.set(label, { Code: 'InvalidType', Target: label, Message: `${label} must be ${word || 'null'}.` });
  }
  return [...details.values()];
}

/** Fastify's validator compiler: bodies are canonicalised and checked strictly; paths and query strings are coerced. */
export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  if (httpPart !== 'body') {
    const check = coercing.compile(schema as object);
    return (data: unknown) => (check(data) ? { value: data } : { error: AppError.validation(toDetails(check.errors ?? [], httpPart ?? 'request')) });
  }
  const check: ValidateFunction = ajv.compile(schema as object);
  return (data: unknown) => {
    const value = canonicalise(data, schema as never);
    if (check(value)) return { value };
    return { error: AppError.validation(toDetails(check.errors ?? [], 'body')) };
  };
};
