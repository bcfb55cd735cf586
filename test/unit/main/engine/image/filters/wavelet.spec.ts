/** Wavelet image type plumbing: axes, names, dtypes, filter table, IBSI rotation set. */
import { describe, expect, it } from 'vitest';
import { rightAngleRotations, waveletAxes, waveletImageName, waveletImages, wrapPadToEven } from '../../../../../../src/main/engine/image/filters/wavelet';
import { waveletFilterBank, waveletNames } from '../../../../../../src/main/engine/image/filters/waveletFilters';
import type { Vec3 } from '../../../../../../src/main/engine/image/volume';

describe('wavelet image type', () => {
  it('transforms x, y, z (numpy 2, 1, 0); force2D drops numpy axis force2Ddimension', () => {
    expect(waveletAxes(false, 0)).toEqual([0, 1, 2]);
    expect(waveletAxes(true, 0)).toEqual([0, 1]);
    expect(waveletAxes(true, 1)).toEqual([0, 2]);
    expect(waveletAxes(true, 2)).toEqual([1, 2]);
  });

  it('yields pyradiomics names in pywt order, approximation last, with the wavelet<k>- prefix from level 2', () => {
    const image = { data: new Int16Array(4 * 4 * 4), size: [4, 4, 4] as Vec3, spacing: [1, 1, 1] as Vec3 };
    const names = [...waveletImages(image, { wavelet: 'haar', level: 2, startLevel: 0, axes: [0, 1, 2] })].map((b) => b.name);
    const details = ['LLH', 'LHL', 'LHH', 'HLL', 'HLH', 'HHL', 'HHH'];
    expect(names).toEqual([...details.map((d) => `wavelet-${d}`), ...details.map((d) => `wavelet2-${d}`), 'wavelet2-LLL']);
    const twoD = [...waveletImages(image, { wavelet: 'haar', level: 1, startLevel: 0, axes: [0, 1] })].map((b) => b.name);
    expect(twoD).toEqual(['wavelet-LH', 'wavelet-HL', 'wavelet-HH', 'wavelet-LL']);
    expect(waveletImageName(3, 'HLH')).toBe('wavelet3-HLH');
  });

  it('dtype: float64 from integer input, float32 kept for float32 input', () => {
    const size: Vec3 = [4, 2, 2];
    for (const [data, type] of [
      [new Uint8Array(16), Float64Array],
      [new Float32Array(16), Float32Array],
      [new Float64Array(16), Float64Array],
    ] as const) {
      for (const band of waveletImages({ data, size, spacing: [1, 1, 1] }, { wavelet: 'db2', level: 1, startLevel: 0, axes: [0, 1, 2] })) {
        expect(band.data).toBeInstanceOf(type);
        expect(band.data.length).toBe(16);
      }
    }
  });

  it('a constant image: all detail bands 0, approximation 2√2·c per level (low-pass gain √2 per axis)', () => {
    const image = { data: new Int16Array(5 * 3 * 4).fill(10), size: [5, 3, 4] as Vec3, spacing: [1, 1, 1] as Vec3 };
    const bands = [...waveletImages(image, { wavelet: 'coif1', level: 1, startLevel: 0, axes: [0, 1, 2] })];
    for (const b of bands.slice(0, 7)) for (const v of b.data) expect(Math.abs(v)).toBeLessThan(1e-12);
    for (const v of bands[7]!.data) expect(v).toBeCloseTo(20 * Math.SQRT2, 12);
  });

  it('wrap padding appends the first sample along each odd axis', () => {
    const padded = wrapPadToEven({ data: Int16Array.from([1, 2, 3, 4, 5, 6]), size: [3, 2, 1], spacing: [1, 1, 1] });
    expect(padded.size).toEqual([4, 2, 2]);
    expect(Array.from(padded.data)).toEqual([1, 2, 3, 1, 4, 5, 6, 4, 1, 2, 3, 1, 4, 5, 6, 4]);
  });

  it('offers every pywt discrete wavelet and rejects others by name', () => {
    const names = waveletNames();
    expect(names).toHaveLength(106);
    for (const n of ['haar', 'db1', 'db38', 'sym2', 'sym20', 'coif1', 'coif17', 'bior1.1', 'bior6.8', 'rbio3.9', 'dmey']) expect(names).toContain(n);
    expect(waveletFilterBank('dmey').decLo).toHaveLength(62);
    expect(() => waveletFilterBank('mexh')).toThrow(/unknown wavelet 'mexh'/);
    // the decomposition low-pass taps sum to √2 (pywt's unnormalised convention)
    for (const n of names) expect(waveletFilterBank(n).decLo.reduce((a, b) => a + b, 0)).toBeCloseTo(Math.SQRT2, 6);
  });

  it('IBSI rotation invariance averages over the 24 proper right-angle rotations (4 in 2-D)', () => {
    expect(rightAngleRotations(3)).toHaveLength(24);
    expect(rightAngleRotations(2)).toHaveLength(4);
    expect(rightAngleRotations(1)).toHaveLength(1);
  });

  it('rejects level < 1 and start_level < 0', () => {
    const image = { data: new Int16Array(8), size: [2, 2, 2] as Vec3, spacing: [1, 1, 1] as Vec3 };
    expect(() => waveletImages(image, { wavelet: 'haar', level: 0, startLevel: 0, axes: [0, 1, 2] }).next()).toThrow(/level/);
    expect(() => waveletImages(image, { wavelet: 'haar', level: 1, startLevel: -1, axes: [0, 1, 2] }).next()).toThrow(/start_level/);
  });
});
