import type { BinaryGrid } from './padMask';

/**
 * The part of a 3-D mask inside its bounding box (values 1 inside, 0 outside), the frame in which
 * pyradiomics meshes the ROI: `shape.py` receives the mask cropped to the ROI bounding box
 * (`imageoperations.cropToTumorMask` without padding), and every such crop touches all six faces of
 * its box. The frame matters because the marching-cubes mesh can be open (see `meshSurfaceAndVolume`),
 * which makes the signed volume depend on the coordinate origin; cropping here makes the result
 * independent of any margin the caller leaves. Returns an empty 0×0×0 grid for an empty mask.
 *
 * @param mask nonzero = inside, numpy order (z, y, x), x fastest.
 * @param shape (z, y, x) sizes.
 */
export function cropToBoundingBox(mask: ArrayLike<number>, shape: readonly [number, number, number]): BinaryGrid {
  const [nz, ny, nx] = shape;
  const lo = [nz, ny, nx];
  const hi = [-1, -1, -1];
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (!mask[i]) continue;
        if (z < lo[0]!) lo[0] = z;
        if (z > hi[0]!) hi[0] = z;
        if (y < lo[1]!) lo[1] = y;
        if (y > hi[1]!) hi[1] = y;
        if (x < lo[2]!) lo[2] = x;
        if (x > hi[2]!) hi[2] = x;
      }
    }
  }
  if (hi[0]! < 0) return { data: new Uint8Array(0), shape: [0, 0, 0] };
  const size = [0, 1, 2].map((d) => hi[d]! - lo[d]! + 1) as [number, number, number];
  const out = new Uint8Array(size[0] * size[1] * size[2]);
  for (let z = 0, o = 0; z < size[0]; z++) {
    for (let y = 0; y < size[1]; y++) {
      const row = ((z + lo[0]!) * ny + y + lo[1]!) * nx + lo[2]!;
      for (let x = 0; x < size[2]; x++, o++) out[o] = mask[row + x] ? 1 : 0;
    }
  }
  return { data: out, shape: size };
}
