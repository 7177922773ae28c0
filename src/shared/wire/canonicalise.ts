/**
 * Brings a client's JSON into the schema's own spelling before it is checked (spec §1.2):
 * property names match case-insensitively, unknown properties are dropped, enum names match in
 * any case, and numeric enum values become names. Anything it cannot map is left for the schema
 * check to report.
 */
type Json = unknown;
interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  'x-enum-names'?: string[];
  'x-enum-numbers'?: number[];
  'x-enum-flags'?: boolean;
}

const keyMaps = new WeakMap<object, Map<string, string>>();
function keyMap(properties: Record<string, SchemaNode>): Map<string, string> {
  let map = keyMaps.get(properties);
  if (!map) {
    map = new Map(Object.keys(properties).map((k) => [k.toLowerCase(), k]));
    keyMaps.set(properties, map);
  }
  return map;
}

export function canonicalise(value: Json, schema: SchemaNode): Json {
  if (value === null || value === undefined) return value;
  const names = schema['x-enum-names'];
  if (names) return canonicalEnum(value, names, schema['x-enum-numbers'], schema['x-enum-flags'] === true);
  if (schema.properties && typeof value === 'object' && !Array.isArray(value)) {
    const map = keyMap(schema.properties);
    const out: Record<string, Json> = {};
    for (const [key, v] of Object.entries(value as Record<string, Json>)) {
      const canonical = map.get(key.toLowerCase());
      // The first spelling wins when a client sends both `MetaData` and `Metadata`.
      if (canonical !== undefined && !(canonical in out)) out[canonical] = canonicalise(v, schema.properties[canonical]!);
    }
    return out;
  }
  if (schema.items && Array.isArray(value)) return value.map((v) => canonicalise(v, schema.items!));
  return value;
}

function canonicalEnum(value: Json, names: string[], numbers: number[] | undefined, flags: boolean): Json {
  const byName = (s: string) => names.find((n) => n.toLowerCase() === s.trim().toLowerCase());
  if (typeof value === 'number' && numbers) {
    if (!flags) {
      const i = numbers.indexOf(value);
      return i >= 0 ? names[i] : value;
    }
    if (!Number.isInteger(value) || value < 0) return value;
    if (value === 0) return names[numbers.indexOf(0)] ?? value;
    const known = numbers.reduce((all, n) => all | n, 0);
    // A bit that names no member is an error for the schema check to report, not something to drop.
    if ((value & ~known) !== 0) return value;
    return names.filter((_, i) => numbers[i]! !== 0 && (value & numbers[i]!) === numbers[i]).join(', ');
  }
  if (typeof value !== 'string') return value;
  if (!flags) return byName(value) ?? value;
  const parts = value.split(',').map((p) => byName(p));
  if (!parts.every((p) => p !== undefined)) return value;
  // One spelling per set of flags: members in declaration order, each once.
  return names.filter((n) => parts.includes(n)).join(', ');
}

/** For flags enums: the names that are not members (a schema `enum` cannot check a list). */
export function unknownFlagNames(value: string, names: readonly string[]): string[] {
  return value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => !names.includes(p));
}
