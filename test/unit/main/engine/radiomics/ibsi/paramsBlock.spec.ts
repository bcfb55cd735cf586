import { describe, expect, it } from 'vitest';
import { parseParams, ParamsError, withIbsiBlock, withSettingOverrides } from '../../../../../../src/main/engine/radiomics/paramsFile';
import { IBSI_DEFAULTS } from '../../../../../../src/main/engine/radiomics/settings';

describe('parameter file ibsi: block', () => {
  it('is absent from pyradiomics files (settings.ibsi undefined) and takes the defaults when empty or true', () => {
    expect(parseParams('setting: {binWidth: 25}').settings.ibsi).toBeUndefined();
    expect(parseParams('ibsi: {}').settings.ibsi).toEqual(IBSI_DEFAULTS);
    expect(parseParams('ibsi: true').settings.ibsi).toEqual(IBSI_DEFAULTS);
  });

  it('overrides single keys, keeps explicit nulls as "none", and reaches every image type', () => {
    const p = parseParams(
      'imageType: {Original: {}, LoG: {sigma: [2.0]}}\nibsi:\n  outlierSigma: 3\n  ivhBinCount: 1000\n  maskPartialVolumeThreshold: null\n  filterPadding: periodic\n',
    );
    expect(p.settings.ibsi).toEqual({ ...IBSI_DEFAULTS, outlierSigma: 3, ivh: { binWidth: null, binCount: 1000 }, maskPartialVolumeThreshold: null, filterPadding: 'periodic' });
    for (const t of p.imageTypes) expect(t.settings.ibsi).toEqual(p.settings.ibsi);
  });

  it('rejects unknown keys and bad values, naming them', () => {
    expect(() => parseParams('ibsi: {sliceWise: true}')).toThrow(/ibsi: unknown key 'sliceWise'/);
    expect(() => parseParams('ibsi: {maskPartialVolumeThreshold: 1.5}')).toThrow(/maskPartialVolumeThreshold must be a number in \(0, 1\]/);
    expect(() => parseParams('ibsi: {ivhBinCount: 2.5}')).toThrow(/ivhBinCount must be a positive integer/);
    expect(() => parseParams('ibsi: {ivhBinCount: 10, ivhBinWidth: 2}')).toThrow(/not both/);
    expect(() => parseParams('ibsi: {filterPadding: wrap}')).toThrow(ParamsError);
    expect(() => parseParams('ibsi: [1]')).toThrow(/expected a mapping/);
  });

  it('survives setting overrides (dlrn extract -s)', () => {
    const p = withSettingOverrides(parseParams('ibsi: {outlierSigma: 3}'), { binWidth: 10 });
    expect(p.settings.binWidth).toBe(10);
    expect(p.settings.ibsi?.outlierSigma).toBe(3);
  });

  it('withIbsiBlock adds the block to pyradiomics parameters, keeping settings and classes', () => {
    const p = withIbsiBlock(parseParams('setting: {binCount: 32}\nfeatureClass: {glcm: [Contrast]}'));
    expect(p.settings.ibsi).toEqual(IBSI_DEFAULTS);
    expect(p.settings.binCount).toBe(32);
    expect([...p.featureClasses]).toEqual([['glcm', ['Contrast']]]);
  });
});
