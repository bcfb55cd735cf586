/** The filter image types as the extractor sees them through the registry: keys, names, dtypes, grid. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTER_SETTINGS, findImageType, PYRADIOMICS_IMAGE_TYPE_KEYS, type ImageTypeInput } from '../../../../../../src/main/engine/radiomics/imageTypes';
import { DEFAULT_SETTINGS } from '../../../../../../src/main/engine/radiomics/settings';
import { IDENTITY_DIRECTION, type Volume } from '../../../../../../src/main/engine/image/volume';

const size: [number, number, number] = [6, 5, 4];
const image: Volume = {
  size,
  spacing: [0.8, 0.8, 2],
  origin: [1, 2, 3],
  direction: IDENTITY_DIRECTION,
  data: Int16Array.from({ length: 120 }, (_, i) => Math.round(100 * Math.sin(i * 0.37)) + 20),
};
const mask: Volume<Uint8Array> = { ...image, data: Uint8Array.from({ length: 120 }, (_, i) => (i % 7 === 0 ? 1 : 0)) };

function run(key: string, filter: Partial<ImageTypeInput['filter']> = {}) {
  const type = findImageType(key);
  expect(type, key).toBeDefined();
  return [...type!.generate({ image, mask, settings: DEFAULT_SETTINGS, filter: { ...DEFAULT_FILTER_SETTINGS, ...filter } })];
}

describe('filter image types in the registry', () => {
  it('every pyradiomics image type key is registered', () => {
    for (const key of PYRADIOMICS_IMAGE_TYPE_KEYS) expect(findImageType(key), key).toBeDefined();
  });

  it('yield pyradiomics names and dtypes on the input grid', () => {
    const cases: [string, Partial<ImageTypeInput['filter']>, string[], abstract new (...args: never[]) => unknown][] = [
      ['LoG', { sigma: [1, 2.5], sigmaText: ['1', '2.5'] }, ['log-sigma-1-mm-3D', 'log-sigma-2-5-mm-3D'], Float32Array],
      ['Wavelet', {}, ['LLH', 'LHL', 'LHH', 'HLL', 'HLH', 'HHL', 'HHH', 'LLL'].map((b) => `wavelet-${b}`), Float64Array],
      ['Square', {}, ['square'], Float64Array],
      ['SquareRoot', {}, ['squareroot'], Float64Array],
      ['Logarithm', {}, ['logarithm'], Float64Array],
      ['Exponential', {}, ['exponential'], Float64Array],
      ['Gradient', {}, ['gradient'], Float32Array],
      ['LBP2D', {}, ['lbp-2D'], Int16Array],
      ['LBP3D', {}, ['lbp-3D-m1', 'lbp-3D-m2', 'lbp-3D-k'], Float64Array],
    ];
    for (const [key, filter, names, type] of cases) {
      const out = run(key, filter);
      expect(out.map((o) => o.name), key).toEqual(names);
      for (const o of out) {
        expect(o.image.data, `${key} ${o.name}`).toBeInstanceOf(type);
        expect(o.image.size).toEqual(size);
        expect(o.image.spacing).toEqual(image.spacing);
        expect(o.image.origin).toEqual(image.origin);
      }
    }
  });

  it('LBP2D defaults to P = 8 samples, R = 1, uniform (codes 0 … 9)', () => {
    expect(DEFAULT_FILTER_SETTINGS.lbp2DSamples).toBe(8);
    const [lbp] = run('LBP2D');
    for (const v of lbp!.image.data) expect(v >= 0 && v <= 9).toBe(true);
    expect(() => run('LBP2D', { lbp2DMethod: 'nri_uniform' })).toThrow(/lbp2DMethod/);
  });
});
