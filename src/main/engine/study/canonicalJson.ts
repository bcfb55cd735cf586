/**
 * Canonical JSON and SHA-256 digests: the identity of a study definition and of every pipeline stage's
 * settings. Canonical form = JSON with object keys sorted by UTF-16 code unit at every depth, no
 * whitespace, numbers in ECMAScript's shortest round-trip form (`JSON.stringify`), `undefined` members
 * dropped. Two values with the same canonical text are the same settings.
 */
import { createHash } from 'node:crypto';

/**
 * Canonical JSON text of a plain value (objects, arrays, strings, finite numbers, booleans, null).
 * @throws Error for non-finite numbers, typed arrays, Maps and other non-plain values, which have no
 *   canonical JSON form (use the stage codec for those).
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`canonicalJson: non-finite number ${value}`);
      return JSON.stringify(Object.is(value, -0) ? 0 : value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new Error('canonicalJson: only plain objects and arrays are allowed');
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    default:
      throw new Error(`canonicalJson: cannot encode a ${typeof value}`);
  }
}

/** Lower-case hex SHA-256 of a string (UTF-8) or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 of the canonical JSON of a value: the stored hash of a study definition or stage key. */
export function canonicalHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
