import type { PixelType } from '../../../shared/ipc/imaging';

export type VoxelArray = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

const CTORS = {
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  float32: Float32Array,
  float64: Float64Array,
} as const;

/**
 * Fetch raw voxels from a URL the main process handed out (the Electron volume protocol or the
 * test bridge's route); the renderer never builds these URLs itself.
 */
export async function fetchVoxels(url: string, pixelType: PixelType, count: number): Promise<VoxelArray> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`voxel fetch failed (${res.status}): ${await res.text()}`);
  const buf = await res.arrayBuffer();
  const Ctor = CTORS[pixelType];
  if (buf.byteLength !== count * Ctor.BYTES_PER_ELEMENT) {
    throw new Error(`voxel fetch: got ${buf.byteLength} bytes, expected ${count} ${pixelType} voxels`);
  }
  return new Ctor(buf);
}
