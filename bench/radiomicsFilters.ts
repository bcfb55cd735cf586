/**
 * Timing of the radiomics image filters on a 256 × 256 × 40 float32 image (0.7 × 0.7 × 2.5 mm):
 * LoG σ = 1 … 5 mm (ITK recursive: cost should not grow with σ), the 8 coif1 wavelet bands, gradient
 * magnitude, LBP2D, and LBP3D over a central ellipsoidal ROI. Prints milliseconds per filter.
 *
 *   node --import tsx bench/radiomicsFilters.ts
 */
import { loadavg } from 'node:os';
import { gradientMagnitude } from '../src/main/engine/image/filters/gradient';
import { lbp2DImage } from '../src/main/engine/image/filters/lbp2D';
import { lbp3DImages } from '../src/main/engine/image/filters/lbp3D';
import { laplacianRecursiveGaussian } from '../src/main/engine/image/filters/log';
import { waveletImages } from '../src/main/engine/image/filters/wavelet';
import type { Vec3 } from '../src/main/engine/image/volume';

const size: Vec3 = [256, 256, 40];
const spacing: Vec3 = [0.7, 0.7, 2.5];
const count = size[0] * size[1] * size[2];
const data = new Float32Array(count);
const mask = new Uint8Array(count);
let seed = 12345;
for (let z = 0, i = 0; z < size[2]; z++) {
  for (let y = 0; y < size[1]; y++) {
    for (let x = 0; x < size[0]; x++, i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      data[i] = 40 * Math.sin(x / 9) * Math.cos(y / 13) + 10 * Math.sin(z / 3) + (seed / 2147483648) * 20 - 10;
      const r = ((x - 128) / 40) ** 2 + ((y - 128) / 40) ** 2 + ((z - 20) / 10) ** 2;
      mask[i] = r <= 1 ? 1 : 0;
    }
  }
}
const image = { data, size, spacing };
const roiVoxels = mask.reduce((a, b) => a + b, 0);

function time(label: string, run: () => void): void {
  const t0 = performance.now();
  run();
  console.log(`${label.padEnd(44)} ${(performance.now() - t0).toFixed(0).padStart(7)} ms`);
}

console.log(`image ${size.join(' × ')} float32 (${count} voxels); LBP3D ROI ${roiVoxels} voxels`);
console.log(`load average ${loadavg().map((v) => v.toFixed(2)).join(' ')} (timings scale with machine load)`);
for (const sigma of [1, 2, 3, 4, 5]) time(`LoG σ = ${sigma} mm`, () => laplacianRecursiveGaussian(image, sigma));
time('wavelet coif1 level 1 (8 bands, float32)', () => {
  for (const band of waveletImages(image, { wavelet: 'coif1', level: 1, startLevel: 0, axes: [0, 1, 2] })) void band;
});
time('gradient magnitude', () => gradientMagnitude(image));
time('LBP2D (R 1, P 8, uniform)', () => lbp2DImage(image, { radius: 1, samples: 8, method: 'uniform', force2Ddimension: 0 }));
time('LBP3D (2 levels, 42 directions, ROI)', () => {
  for (const level of lbp3DImages(image, mask, { levels: 2, icosphereRadius: 1, icosphereSubdivision: 1 })) void level;
});
