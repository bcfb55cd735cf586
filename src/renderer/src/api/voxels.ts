import type { PixelType } from '../../../shared/ipc/imaging';
import { PIXEL_TYPE_ARRAYS } from '../../../shared/domain/pixelTypes';

export type VoxelArray = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

const CTORS = PIXEL_TYPE_ARRAYS;

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
