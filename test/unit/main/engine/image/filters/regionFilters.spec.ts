/**
 * Filters computed on a region only (the ROI bounding box the extractor crops to) must give, inside the
 * region, exactly the values of the whole-image filter: LoG, wavelet (last level), gradient and the
 * pointwise transforms.
 */
import { describe, expect, it } from 'vitest';
import { gradientMagnitude } from '../../../../../../src/main/engine/image/filters/gradient';
import type { Region } from '../../../../../../src/main/engine/image/filters/grid';
import { laplacianRecursiveGaussian } from '../../../../../../src/main/engine/image/filters/log';
import { exponentialImage, logarithmImage, squareImage, squareRootImage } from '../../../../../../src/main/engine/image/filters/simple';
import { waveletImages } from '../../../../../../src/main/engine/image/filters/wavelet';
import type { Vec3, VoxelArray } from '../../../../../../src/main/engine/image/volume';

const size: Vec3 = [23, 18, 13];
const spacing: Vec3 = [0.8, 0.9, 2.5];
const count = size[0] * size[1] * size[2];
let seed = 11;
const values = Float64Array.from({ length: count }, (_, i) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return Math.round(60 * Math.sin(i / 17) + (seed / 2147483648) * 200 - 100);
});
const regions: Region[] = [
  { lo: [5, 4, 3], hi: [17, 12, 9] }, // interior
  { lo: [0, 6, 1], hi: [23, 18, 12] }, // touching edges (wavelet support wraps)
  { lo: [11, 9, 6], hi: [12, 10, 7] }, // one voxel
];

/** Every voxel of `region` equal (Object.is) in both arrays. */
function sameInRegion(a: ArrayLike<number>, b: ArrayLike<number>, region: Region): boolean {
  for (let z = region.lo[2]; z < region.hi[2]; z++) {
    for (let y = region.lo[1]; y < region.hi[1]; y++) {
      for (let x = region.lo[0]; x < region.hi[0]; x++) {
        const i = x + size[0] * (y + size[1] * z);
        if (!Object.is(a[i], b[i])) return false;
      }
    }
  }
  return true;
}

describe('filters restricted to a region give the whole-image values inside it', () => {
  const inputs: [string, VoxelArray][] = [
    ['int16', Int16Array.from(values)],
    ['float32', Float32Array.from(values, (v) => v / 3)],
  ];

  it('LoG (ITK recursive Gaussian)', () => {
    for (const [, data] of inputs) {
      const image = { data, size, spacing };
      for (const sigma of [1, 2.5]) {
        const whole = laplacianRecursiveGaussian(image, sigma);
        for (const region of regions) expect(sameInRegion(whole, laplacianRecursiveGaussian(image, sigma, true, region), region)).toBe(true);
      }
    }
  });

  it('wavelet (pywt swtn, odd axes wrap-padded), level 1 and 2, 3-D and 2-D', () => {
    for (const [, data] of inputs) {
      const image = { data, size, spacing };
      for (const settings of [
        { wavelet: 'coif1', level: 1, startLevel: 0, axes: [0, 1, 2] as const },
        { wavelet: 'haar', level: 2, startLevel: 1, axes: [0, 1] as const },
      ]) {
        const s = { ...settings, axes: [...settings.axes] };
        const whole = [...waveletImages(image, s)];
        for (const region of regions) {
          const part = [...waveletImages(image, s, undefined, region)];
          expect(part.map((b) => b.name)).toEqual(whole.map((b) => b.name));
          part.forEach((band, k) => expect(sameInRegion(whole[k]!.data, band.data, region)).toBe(true));
        }
      }
    }
  });

  it('gradient magnitude and the pointwise transforms (whole-image M kept)', () => {
    for (const [, data] of inputs) {
      const image = { data, size, spacing };
      for (const region of regions) {
        expect(sameInRegion(gradientMagnitude(image), gradientMagnitude(image, true, region), region)).toBe(true);
        for (const f of [squareImage, squareRootImage, logarithmImage, exponentialImage]) {
          const part = f(data, { size, region });
          expect(sameInRegion(f(data), part, region)).toBe(true);
          expect(part[0]).toBe(region.lo.every((v) => v === 0) ? f(data)[0] : 0);
        }
      }
    }
  });
});
