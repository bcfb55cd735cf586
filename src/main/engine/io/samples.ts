import type { VoxelArray } from '../image/volume';

/** Scalar pixel types the engine stores natively (ITK component types that map onto a JS typed array). */
export type ScalarType = 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'float32' | 'float64';

const BYTES: Record<ScalarType, number> = {
  int8: 1,
  uint8: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  float32: 4,
  float64: 8,
};

/** Bytes per sample of a scalar type. */
export function bytesPerSample(type: ScalarType): number {
  return BYTES[type];
}

/** A zero-filled typed array of `type` with `n` samples. */
export function allocate(type: ScalarType, n: number): VoxelArray {
  switch (type) {
    case 'int8':
      return new Int8Array(n);
    case 'uint8':
      return new Uint8Array(n);
    case 'int16':
      return new Int16Array(n);
    case 'uint16':
      return new Uint16Array(n);
    case 'int32':
      return new Int32Array(n);
    case 'uint32':
      return new Uint32Array(n);
    case 'float32':
      return new Float32Array(n);
    case 'float64':
      return new Float64Array(n);
  }
}

/** The scalar type a typed array stores. */
export function scalarTypeOf(data: VoxelArray): ScalarType {
  if (data instanceof Int8Array) return 'int8';
  if (data instanceof Uint8Array) return 'uint8';
  if (data instanceof Int16Array) return 'int16';
  if (data instanceof Uint16Array) return 'uint16';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Uint32Array) return 'uint32';
  if (data instanceof Float32Array) return 'float32';
  return 'float64';
}

/**
 * Decode `n` binary samples of `type` starting at `offset` of `bytes`, honouring the byte order.
 * The returned array owns its memory (it never aliases `bytes`).
 */
export function decodeSamples(
  bytes: Uint8Array,
  offset: number,
  type: ScalarType,
  n: number,
  littleEndian: boolean,
): VoxelArray {
  const out = allocate(type, n);
  const width = BYTES[type];
  const dst = new Uint8Array(out.buffer);
  dst.set(bytes.subarray(offset, offset + n * width));
  if (width > 1 && littleEndian !== isHostLittleEndian()) {
    for (let i = 0; i < dst.length; i += width) {
      for (let a = i, b = i + width - 1; a < b; a++, b--) {
        const t = dst[a];
        dst[a] = dst[b];
        dst[b] = t;
      }
    }
  }
  return out;
}

function isHostLittleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}
