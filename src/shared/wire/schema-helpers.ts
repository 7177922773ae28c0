/**
 * TypeBox helpers for SortedPRO input shapes. Inputs are forgiving in the ways the spec asks
 * (§1.2): any property may be null, enum names match in any case and may be sent as numbers.
 * Those conversions happen in `canonicalise()` before the schema is checked.
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox';

/** Marks a schema as also accepting `null` without an `anyOf` (keeps validation messages readable). */
export function Nullable<T extends TSchema>(schema: T) {
  const raw = schema as unknown as Record<string, unknown>;
  const copy: Record<string, unknown> = { ...raw };
  if (typeof raw.type === 'string') copy.type = [raw.type, 'null'];
  if (Array.isArray(raw.enum)) copy.enum = [...raw.enum, null];
  return Type.Unsafe<Static<T> | null>(copy);
}

/** An optional, nullable property. */
export const Opt = <T extends TSchema>(schema: T) => Type.Optional(Nullable(schema));

/**
 * A string enum. `numbers` gives the .NET numeric value of each name, so `"Direction": 1` reads as
 * `"Inbound"`; `flags` marks a flags enum whose value is a comma-separated list of names.
 */
export function StringEnum<const V extends readonly string[]>(
  values: V,
  options: { numbers?: readonly number[]; flags?: boolean; description?: string } = {},
) {
  return Type.Unsafe<V[number]>({
    type: 'string',
    enum: options.flags ? undefined : [...values],
    'x-enum-names': [...values],
    ...(options.numbers ? { 'x-enum-numbers': [...options.numbers] } : {}),
    ...(options.flags ? { 'x-enum-flags': true } : {}),
    ...(options.description ? { description: options.description } : {}),
  });
}

export const Str = (maxLength?: number) => Type.String(maxLength ? { maxLength } : {});
