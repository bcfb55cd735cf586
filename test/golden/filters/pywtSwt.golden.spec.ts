/**
 * Wavelet image type against PyWavelets: fixtures written by test/golden/generate/pywtSwtFixtures.py
 * (pywt.swtn wrapped in pyradiomics' `_swt3` padding / level / axis conventions) on small seeded random
 * volumes with odd axes. Every voxel of every band must agree to 1e-9 relative (float64 results are in
 * fact expected bit-identical, the summation order being pywt's); the float32 case must agree exactly
 * in float32 (pywt computes float32 input in float32).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Vec3, VoxelArray } from '../../../src/main/engine/image/volume';
import { waveletAxes, waveletImageName, waveletImages } from '../../../src/main/engine/image/filters/wavelet';

interface Band {
  levelIndex: number;
  key: string;
  dtype: string;
  values: number[];
}
interface Case {
  name: string;
  wavelet: string;
  level: number;
  startLevel: number;
  force2Ddimension: 0 | 1 | 2 | null;
  dtype: 'int16' | 'float64' | 'float32';
  sizeXYZ: Vec3;
  input: number[];
  bands: Band[];
}

const fixture = JSON.parse(
  readFileSync(fileURLToPath(new URL('./fixtures/pywt-swt.json', import.meta.url)), 'utf8'),
) as { cases: Case[] };

function inputArray(c: Case): VoxelArray {
  if (c.dtype === 'int16') return Int16Array.from(c.input);
  if (c.dtype === 'float32') return Float32Array.from(c.input);
  return Float64Array.from(c.input);
}

describe('wavelet image type vs PyWavelets swtn (pyradiomics _swt3 conventions)', () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const image = { data: inputArray(c), size: c.sizeXYZ, spacing: [1, 1, 1] as Vec3 };
      const force2D = c.force2Ddimension !== null;
      const axes = waveletAxes(force2D, c.force2Ddimension ?? 0);
      const ours = [...waveletImages(image, { wavelet: c.wavelet, level: c.level, startLevel: c.startLevel, axes })];
      const expectedNames = c.bands.map((b) => waveletImageName(b.levelIndex, b.key.replaceAll('a', 'L').replaceAll('d', 'H')));
      expect(ours.map((o) => o.name)).toEqual(expectedNames);
      let worst = 0;
      ours.forEach((o, k) => {
        const band = c.bands[k]!;
        expect(o.data).toBeInstanceOf(band.dtype === 'float32' ? Float32Array : Float64Array);
        const scale = Math.max(...band.values.map(Math.abs));
        band.values.forEach((v, i) => {
          const d = Math.abs(o.data[i]! - v);
          worst = Math.max(worst, d / Math.max(Math.abs(v), 1e-300));
          if (band.dtype === 'float32') expect(o.data[i]).toBe(v);
          else expect(d).toBeLessThanOrEqual(1e-9 * Math.abs(v) + 1e-15 * scale);
        });
      });
      expect(worst).toBeLessThanOrEqual(1e-9);
    });
  }
});
