/**
 * Modality LUT of CT-like images (PS3.3 C.11.1): value = RescaleSlope · stored + RescaleIntercept
 * (e.g. Hounsfield units), and the voxel type that holds the result.
 */
import type { VoxelArray } from '../../image/volume';
import type { ScalarType } from '../samples';
import type { PixelFormat, StoredArray } from './pixels';
import { storedValueRange } from './pixels';


export interface Rescale {
  slope: number;
  intercept: number;
}

/**
 * Voxel type for a series, following GDCM's rule (gdcm::Rescaler, used by ITK/SimpleITK's
 * GDCMImageIO, which pyradiomics reads DICOM through): when every slope and intercept is an
 * integer, the smallest integer type holding slope·[storedMin, storedMax] + intercept, where the
 * stored range comes from BitsStored and PixelRepresentation (unsigned types when the minimum is
 * ≥ 0). Typical CT (12-bit stored, intercept −1000 or −1024) gives int16; 16-bit stored with an
 * intercept gives int32. With a non-integer slope or intercept we use float32 (current GDCM
 * chooses float64; float32 represents CT values to better than 1e-4 HU). Without any rescale
 * (slope 1, intercept 0 everywhere) the stored type is kept, from BitsAllocated and
 * PixelRepresentation, as GDCMImageIO does.
 */
export function modalityPixelType(slices: { format: PixelFormat; rescale: Rescale }[]): ScalarType {
  if (slices.every(({ rescale: r }) => r.slope === 1 && r.intercept === 0)) {
    const widest = Math.max(...slices.map((s) => s.format.bitsAllocated));
    const signed = slices.some((s) => s.format.signed);
    const base = widest <= 8 ? 8 : widest <= 16 ? 16 : 32;
    return `${signed ? 'int' : 'uint'}${base}` as ScalarType;
  }
  if (slices.some(({ rescale: r }) => !Number.isInteger(r.slope) || !Number.isInteger(r.intercept))) return 'float32';
  let min = Infinity;
  let max = -Infinity;
  for (const { format, rescale: r } of slices) {
    const [sMin, sMax] = storedValueRange(format);
    const a = r.slope * sMin + r.intercept;
    const b = r.slope * sMax + r.intercept;
    min = Math.min(min, a, b);
    max = Math.max(max, a, b);
  }
  if (min >= 0) {
    if (max <= 0xff) return 'uint8';
    if (max <= 0xffff) return 'uint16';
    if (max <= 0xffffffff) return 'uint32';
    return 'float32';
  }
  if (min >= -0x80 && max <= 0x7f) return 'int8';
  if (min >= -0x8000 && max <= 0x7fff) return 'int16';
  if (min >= -0x80000000 && max <= 0x7fffffff) return 'int32';
  return 'float32';
}

/** Writes slope · stored[i] + intercept into out[offset + i]. */
export function writeRescaled(stored: StoredArray | ArrayLike<number>, r: Rescale, out: VoxelArray, offset: number): void {
  const n = stored.length;
  if (r.slope === 1 && r.intercept === 0 && ArrayBuffer.isView(stored)) {
    out.set(stored as StoredArray, offset);
    return;
  }
  const { slope, intercept } = r;
  for (let i = 0; i < n; i++) out[offset + i] = slope * stored[i] + intercept;
}
