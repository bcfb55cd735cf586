/**
 * Exact text encoding of stage outputs for the stage cache: plain JSON where possible, typed arrays as
 * base64 of their bytes (`{"$f64": "..."}`, `{"$i32": ...}`, `{"$u8": ...}`), and the numbers JSON cannot
 * hold (NaN, ±Infinity, −0) as `{"$num": "NaN" | "Infinity" | "-Infinity" | "-0"}`. Decoding gives back
 * bit-identical values, so a stage read from the cache feeds its successors exactly what a fresh run would.
 */

const TAGS = ['$f64', '$i32', '$u8', '$num'] as const;

function bytesOf(a: Float64Array | Int32Array | Uint8Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

function encodeValue(v: unknown): unknown {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return { $num: 'NaN' };
    if (v === Infinity) return { $num: 'Infinity' };
    if (v === -Infinity) return { $num: '-Infinity' };
    if (Object.is(v, -0)) return { $num: '-0' };
    return v;
  }
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v === undefined) return null;
  if (v instanceof Float64Array) return { $f64: bytesOf(v) };
  if (v instanceof Int32Array) return { $i32: bytesOf(v) };
  if (v instanceof Uint8Array) return { $u8: bytesOf(v) };
  if (Array.isArray(v)) return v.map(encodeValue);
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) throw new Error(`stage output: cannot encode a ${(v as object).constructor?.name ?? 'object'}`);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if ((TAGS as readonly string[]).includes(k)) throw new Error(`stage output: key "${k}" is reserved by the codec`);
      if (x !== undefined) out[k] = encodeValue(x);
    }
    return out;
  }
  throw new Error(`stage output: cannot encode a ${typeof v}`);
}

function typed<T>(b64: string, make: (buf: ArrayBuffer) => T): T {
  const bytes = Buffer.from(b64, 'base64');
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return make(copy);
}

function decodeValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeValue);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.$f64 === 'string') return typed(o.$f64, (b) => new Float64Array(b));
    if (typeof o.$i32 === 'string') return typed(o.$i32, (b) => new Int32Array(b));
    if (typeof o.$u8 === 'string') return typed(o.$u8, (b) => new Uint8Array(b));
    if (typeof o.$num === 'string') return o.$num === '-0' ? -0 : Number(o.$num);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decodeValue(x)]));
  }
  return v;
}

/** Encodes a stage output (plain objects, arrays, numbers, strings, booleans, null, typed arrays). */
export function encodeStageOutput(value: unknown): string {
  return JSON.stringify(encodeValue(value));
}

/** Inverse of {@link encodeStageOutput}. */
export function decodeStageOutput<T>(text: string): T {
  return decodeValue(JSON.parse(text)) as T;
}
