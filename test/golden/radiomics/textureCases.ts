import type { Vec3 } from '../../../src/main/engine/image/volume';
import { readImage } from '../../../src/main/engine/io/readImage';
import { oraclePath } from '../../support/oracle';

/** A pyradiomics test case cropped to the ROI bounding box without padding (algorithms.md §1.4). */
export interface CroppedCase {
  image: Float64Array;
  mask: Uint8Array;
  size: Vec3;
  spacing: Vec3;
}

/** Loads `<case>_image.nrrd` / `<case>_label.nrrd` and crops both to the label-1 bounding box. */
export function loadCroppedCase(name: string): CroppedCase {
  const img = readImage(oraclePath('pyradiomics', 'data', `${name}_image.nrrd`));
  const lab = readImage(oraclePath('pyradiomics', 'data', `${name}_label.nrrd`));
  const label = 1;
  const [nx, ny, nz] = img.size;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-1, -1, -1];
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (lab.data[i] !== label) continue;
        const c = [x, y, z];
        for (let k = 0; k < 3; k++) {
          lo[k] = Math.min(lo[k]!, c[k]!);
          hi[k] = Math.max(hi[k]!, c[k]!);
        }
      }
    }
  }
  const size: Vec3 = [hi[0]! - lo[0]! + 1, hi[1]! - lo[1]! + 1, hi[2]! - lo[2]! + 1];
  const image = new Float64Array(size[0] * size[1] * size[2]);
  const mask = new Uint8Array(image.length);
  for (let z = 0, o = 0; z < size[2]; z++) {
    for (let y = 0; y < size[1]; y++) {
      for (let x = 0; x < size[0]; x++, o++) {
        const i = x + lo[0]! + nx * (y + lo[1]! + ny * (z + lo[2]!));
        image[o] = img.data[i]!;
        mask[o] = lab.data[i] === label ? 1 : 0;
      }
    }
  }
  return { image, mask, size, spacing: [...img.spacing] as Vec3 };
}

