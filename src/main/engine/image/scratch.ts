/**
 * Reusable buffers for the per-image temporaries of the filters and feature classes. A phase computes the same
 * classes on ~20 derived images of one ROI; allocating their multi-megabyte temporaries afresh each
 * time made garbage collection a tenth of the extraction. Each call site owns a named slot; the
 * buffer comes back with stale contents (callers initialise what they read) and is valid until the
 * same slot is requested again, so a slot must never be held across a call that may request it.
 */
const float64 = new Map<string, Float64Array>();
const int32 = new Map<string, Int32Array>();
const uint8 = new Map<string, Uint8Array>();

function take<T extends Float64Array | Int32Array | Uint8Array>(pool: Map<string, T>, slot: string, n: number, make: (n: number) => T): T {
  let buffer = pool.get(slot);
  if (!buffer || buffer.length < n) {
    buffer = make(n);
    pool.set(slot, buffer);
  }
  return buffer.subarray(0, n) as T;
}

/** A Float64Array of length n from `slot` (stale contents). */
export function scratchFloat64(slot: string, n: number): Float64Array {
  return take(float64, slot, n, (k) => new Float64Array(k));
}

/** An Int32Array of length n from `slot` (stale contents). */
export function scratchInt32(slot: string, n: number): Int32Array {
  return take(int32, slot, n, (k) => new Int32Array(k));
}

/** A Uint8Array of length n from `slot` (stale contents). */
export function scratchUint8(slot: string, n: number): Uint8Array {
  return take(uint8, slot, n, (k) => new Uint8Array(k));
}
