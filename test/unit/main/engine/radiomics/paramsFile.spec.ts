import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseParams, readParamsFile, withSettingOverrides } from '../../../../../src/main/engine/radiomics/paramsFile';
import { oraclePath } from '../../../../support/oracle';

describe('pyradiomics parameter files (oracle/pyradiomics/params)', () => {
  const dir = oraclePath('pyradiomics', 'params');
  const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f) && f !== 'paramSchema.yaml');

  it('the folder holds the example files', () => {
    expect(files.length).toBeGreaterThanOrEqual(9);
  });

  for (const file of files) {
    it(`${file} parses and validates`, () => {
      const p = readParamsFile(`${dir}/${file}`);
      expect(p.imageTypes.length).toBeGreaterThan(0);
      expect(p.featureClasses.size).toBeGreaterThan(0);
    });
  }

  it('exampleCT.yaml: settings, LoG σ texts, class lists', () => {
    const p = readParamsFile(`${dir}/exampleCT.yaml`);
    expect(p.settings.resampledPixelSpacing).toEqual([1, 1, 1]);
    expect(p.settings.interpolator).toBe('sitkBSpline');
    expect(p.settings.padDistance).toBe(10);
    expect(p.settings.voxelArrayShift).toBe(1000);
    expect(p.imageTypes.map((t) => t.key)).toEqual(['Original', 'LoG', 'Wavelet']);
    const log = p.imageTypes[1]!;
    expect(log.filter.sigma).toEqual([1, 2, 3, 4, 5]);
    expect(log.filter.sigmaText).toEqual(['1.0', '2.0', '3.0', '4.0', '5.0']);
    expect(p.featureClasses.get('glcm')).toHaveLength(22);
    expect(p.featureClasses.get('shape')).toBeNull();
  });

  it('Params.yaml: empty values mean "not set"; no imageType/featureClass defaults', () => {
    const p = readParamsFile(`${dir}/Params.yaml`);
    expect(p.settings.resampledPixelSpacing).toBeNull();
    expect(p.settings.weightingNorm).toBeNull();
    expect(p.featureClasses.get('firstorder')).toBeNull();
    const defaults = parseParams('setting:\n  binWidth: 5\n');
    expect(defaults.imageTypes.map((t) => t.key)).toEqual(['Original']);
    expect([...defaults.featureClasses.keys()]).toEqual(['firstorder', 'glcm', 'gldm', 'glrlm', 'glszm', 'ngtdm', 'shape']);
  });

  it('MR_2D_extraction.yaml: in-plane resampling [2, 2, 0], force2D, shape2D', () => {
    const p = readParamsFile(`${dir}/MR_2D_extraction.yaml`);
    expect(p.settings.resampledPixelSpacing).toEqual([2, 2, 0]);
    expect(p.settings.force2D).toBe(true);
    expect(p.featureClasses.has('shape2D')).toBe(true);
  });
});

describe('schema validation', () => {
  it('rejects unknown keys, naming them', () => {
    expect(() => parseParams('setting:\n  binwidth: 25\n', 'p.yaml')).toThrow("p.yaml: setting: unknown key 'binwidth'");
    expect(() => parseParams('settings:\n  binWidth: 25\n', 'p.yaml')).toThrow("p.yaml: unknown top-level key 'settings'");
    expect(() => parseParams('imageType:\n  LoG:\n    sigmas: [1]\n')).toThrow("imageType.LoG: unknown key 'sigmas'");
    expect(() => parseParams('voxelSetting:\n  kernel: 1\n')).toThrow("voxelSetting: unknown key 'kernel'");
  });
  it('checks types and ranges as pykwalify does', () => {
    expect(() => parseParams('setting:\n  label: 1.5\n')).toThrow("setting.label: value 1.5 is not of type 'int'");
    expect(() => parseParams('setting:\n  binWidth: 0\n')).toThrow('setting.binWidth: value 0 must be > 0');
    expect(() => parseParams('setting:\n  force2Ddimension: 3\n')).toThrow('must be <= 2');
    expect(() => parseParams('setting:\n  normalize: 1\n')).toThrow("is not of type 'bool'");
    expect(() => parseParams('setting:\n  resegmentMode: fancy\n')).toThrow("'fancy' is not one of absolute, relative, sigma");
    expect(() => parseParams('setting:\n  interpolator: sitkCubic\n')).toThrow("interpolator 'sitkCubic' not recognized");
    expect(() => parseParams('setting:\n  weightingNorm: l2\n')).toThrow("weightingNorm 'l2' not recognized");
    expect(() => parseParams('setting:\n  wavelet: db99\n')).toThrow("wavelet 'db99' is not a discrete wavelet");
    expect(() => parseParams('setting:\n  distances: [1, 0]\n')).toThrow('setting.distances[1]: value 0 must be > 0');
    expect(parseParams('setting:\n  binWidth: 25\n  normalize: yes\n').settings.normalize).toBe(true); // YAML 1.1, as PyYAML
    expect(parseParams('setting:\n  interpolator: 2\n').settings.interpolator).toBe('sitkLinear');
  });
  it('checks feature classes, feature names and image types', () => {
    expect(() => parseParams('featureClass:\n  glcmm:\n')).toThrow("feature class 'glcmm' is not recognized");
    expect(() => parseParams('featureClass:\n  firstorder: [Mean, Average]\n')).toThrow('featureClass.firstorder: unrecognized feature(s) Average');
    expect(() => parseParams('imageType:\n  Gabor: {}\n')).toThrow("image type 'Gabor' is not recognized");
    expect(() => parseParams('imageType:\n  Original:\n')).toThrow('imageType.Original: use {} for no custom settings');
  });
  it('JSON files and per-image-type settings', () => {
    const p = parseParams('{"imageType": {"Original": {}, "LoG": {"sigma": [1, 2.5], "binWidth": 5}}, "setting": {"binWidth": 25}}');
    expect(p.imageTypes[1]!.filter.sigmaText).toEqual(['1', '2.5']);
    expect(p.imageTypes[1]!.settings.binWidth).toBe(5);
    expect(p.imageTypes[0]!.settings.binWidth).toBe(25);
  });
  it('setting overrides are validated and merged into every image type', () => {
    const p = withSettingOverrides(parseParams('imageType:\n  Original: {}\n  Square: {binWidth: 3}\n'), { binWidth: 10, label: 2 });
    expect(p.settings.label).toBe(2);
    expect(p.imageTypes[0]!.settings.binWidth).toBe(10);
    expect(p.imageTypes[1]!.settings.binWidth).toBe(3);
    expect(() => withSettingOverrides(p, { bogus: 1 })).toThrow("setting override: unknown key 'bogus'");
  });
});
