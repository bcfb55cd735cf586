/**
 * Texture classes on hand-drawn grids whose matrices and features can be worked out on paper:
 * a flat 3×3×3 cube (one gray level, algorithms.md §8.10), a 4×4 single-slice checkerboard of
 * bins 1 and 5 (binWidth 25 on values 0/100, so the ORIGINAL bin numbers matter), and a
 * single-voxel ROI.
 */
import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../../../../../src/main/engine/image/volume';
import type { FamilyInput } from '../../../../../../src/main/engine/radiomics/family';
import { glcmFamily } from '../../../../../../src/main/engine/radiomics/families/glcm';
import { gldmFamily } from '../../../../../../src/main/engine/radiomics/families/gldm';
import { glrlmFamily } from '../../../../../../src/main/engine/radiomics/families/glrlm';
import { glszmFamily } from '../../../../../../src/main/engine/radiomics/families/glszm';
import { ngtdmFamily } from '../../../../../../src/main/engine/radiomics/families/ngtdm';
import { DEFAULT_SETTINGS, type ExtractionSettings } from '../../../../../../src/main/engine/radiomics/settings';

/** −log₂(1 + ε) ≈ −3.2034265038149176e-16; libm log2 and the angle mean may move the last bit. */
const ENTROPY_OF_ONE = -3.2034265038149176e-16;
const expectEntropyOfOne = (v: number | undefined, label: string): void => {
  expect(Math.abs(v! - ENTROPY_OF_ONE), label).toBeLessThanOrEqual(2 * Number.EPSILON * Math.abs(ENTROPY_OF_ONE));
};

function input(size: Vec3, value: (x: number, y: number, z: number) => number, settings: Partial<ExtractionSettings> = {}, spacing: Vec3 = [1, 1, 1]): FamilyInput {
  const n = size[0] * size[1] * size[2];
  const image = new Float64Array(n);
  for (let z = 0, i = 0; z < size[2]; z++) for (let y = 0; y < size[1]; y++) for (let x = 0; x < size[0]; x++, i++) image[i] = value(x, y, z);
  const mask = new Uint8Array(n).fill(1);
  return { image, imageIsFloat32: false, mask, morphologicalMask: mask, size, spacing, settings: { ...DEFAULT_SETTINGS, ...settings } };
}

const flat = input([3, 3, 3], () => 120);
const checker = input([4, 4, 1], (x, y) => ((x + y) % 2) * 100);
const all = (f: { features: readonly { name: string; deprecated?: boolean }[] }): string[] =>
  f.features.filter((s) => !s.deprecated).map((s) => s.name);

describe('flat region (one gray level, bin 1)', () => {
  it('GLCM takes the documented flat-region values', () => {
    const v = glcmFamily.compute(flat, all(glcmFamily));
    expect(v.get('Autocorrelation')).toBe(1);
    expect(v.get('JointAverage')).toBe(1);
    expect(v.get('SumAverage')).toBe(2);
    for (const n of ['Contrast', 'ClusterShade', 'ClusterProminence', 'ClusterTendency', 'DifferenceAverage', 'DifferenceVariance', 'SumSquares', 'InverseVariance', 'Imc2'])
      expect(v.get(n), n).toBe(0);
    for (const n of ['Correlation', 'MCC', 'Id', 'Idm', 'Idn', 'Idmn', 'JointEnergy', 'MaximumProbability']) expect(v.get(n), n).toBe(1);
    for (const n of ['JointEntropy', 'DifferenceEntropy', 'SumEntropy']) expectEntropyOfOne(v.get(n), n);
    expect(v.get('Imc1')).toBe(-0);
  });

  it('NGTDM: Coarseness 1e6, the others 0', () => {
    const v = ngtdmFamily.compute(flat, all(ngtdmFamily));
    expect(v.get('Coarseness')).toBe(1e6);
    for (const n of ['Contrast', 'Busyness', 'Complexity', 'Strength']) expect(v.get(n), n).toBe(0);
  });

  it('GLSZM: one zone of 27 voxels', () => {
    const v = glszmFamily.compute(flat, all(glszmFamily));
    expect(v.get('SmallAreaEmphasis')).toBe(1 / 729);
    expect(v.get('LargeAreaEmphasis')).toBe(729);
    expect(v.get('ZonePercentage')).toBe(1 / 27);
    expectEntropyOfOne(v.get('ZoneEntropy'), 'ZoneEntropy');
    expect(v.get('GrayLevelVariance')).toBe(0);
    expect(v.get('ZoneVariance')).toBe(0);
  });

  it('GLDM: dependence 8 (corners), 12 (edges), 18 (faces), 27 (centre)', () => {
    const v = gldmFamily.compute(flat, all(gldmFamily));
    expect(v.get('LargeDependenceEmphasis')).toBeCloseTo((8 * 64 + 12 * 144 + 6 * 324 + 729) / 27, 12);
    expect(v.get('GrayLevelNonUniformity')).toBe(27);
    expect(v.get('GrayLevelVariance')).toBe(0);
  });

  it('GLRLM: single gray level statistics', () => {
    const v = glrlmFamily.compute(flat, all(glrlmFamily));
    expect(v.get('GrayLevelNonUniformityNormalized')).toBe(1);
    expect(v.get('LowGrayLevelRunEmphasis')).toBe(1);
    expect(v.get('GrayLevelVariance')).toBe(0);
  });
});

describe('4×4 checkerboard of bins 1 and 5 (single slice: 4 in-plane angles)', () => {
  it('GLCM uses the original bin numbers (compact 1/2 would give Contrast 0.5)', () => {
    const v = glcmFamily.compute(checker, ['Contrast', 'JointAverage', 'SumAverage', 'Idmn', 'MaximumProbability']);
    // horizontal/vertical: only (1,5)/(5,1) pairs, contrast 16; diagonals: same-level pairs only
    expect(v.get('Contrast')).toBe(8);
    expect(v.get('JointAverage')).toBeCloseTo(3, 14);
    expect(v.get('SumAverage')).toBeCloseTo(6, 14);
    expect(v.get('Idmn')).toBeCloseTo(33 / 41, 14); // Ng = 5: 1/(1 + 16/25) on two angles, 1 on two
    expect(v.get('MaximumProbability')).toBeCloseTo(19 / 36, 14);
  });

  it("GLCM weightingNorm 'no_weighting' sums the angles; 'infinity' weights by exp(−max(|a|·spacing)²)", () => {
    const merged = glcmFamily.compute({ ...checker, settings: { ...checker.settings, weightingNorm: 'no_weighting' } }, ['Contrast']);
    expect(merged.get('Contrast')).toBeCloseTo((48 / 84) * 16, 13);
    // x spacing 2: horizontal and diagonal offsets weigh e^-4, vertical e^-1
    const wide = { ...checker, spacing: [2, 1, 1] as Vec3, settings: { ...checker.settings, weightingNorm: 'infinity' as const } };
    const [wh, wv, wd] = [Math.exp(-4), Math.exp(-1), Math.exp(-4)];
    const expected = (16 * (24 * wh + 24 * wv)) / (24 * wh + 24 * wv + 36 * wd);
    expect(glcmFamily.compute(wide, ['Contrast']).get('Contrast')).toBeCloseTo(expected, 13);
  });

  it('GLRLM: unit runs along rows/columns, whole diagonals along the diagonals', () => {
    const v = glrlmFamily.compute(checker, ['ShortRunEmphasis', 'RunPercentage']);
    const diagonalSre = (2 + 2 / 4 + 2 / 9 + 1 / 16) / 7;
    expect(v.get('ShortRunEmphasis')).toBeCloseTo((2 + 2 * diagonalSre) / 4, 14);
    expect(v.get('RunPercentage')).toBeCloseTo((2 + 2 * (7 / 16)) / 4, 14);
  });

  it('GLSZM: two 8-connected zones of 8', () => {
    const v = glszmFamily.compute(checker, ['SmallAreaEmphasis', 'ZonePercentage', 'GrayLevelVariance', 'SizeZoneNonUniformity']);
    expect(v.get('SmallAreaEmphasis')).toBe(1 / 64);
    expect(v.get('ZonePercentage')).toBe(0.125);
    expect(v.get('GrayLevelVariance')).toBe(4);
    expect(v.get('SizeZoneNonUniformity')).toBe(2);
  });

  it('GLDM (α = 0): only diagonal neighbours are dependent', () => {
    const v = gldmFamily.compute(checker, ['LargeDependenceEmphasis', 'GrayLevelVariance']);
    expect(v.get('LargeDependenceEmphasis')).toBe((4 * 25 + 8 * 9 + 4 * 4) / 16);
    expect(v.get('GrayLevelVariance')).toBe(4);
  });

  it('NGTDM: s_1 = s_5 = 284/15 worked out cell by cell', () => {
    const v = ngtdmFamily.compute(checker, ['Coarseness', 'Contrast', 'Busyness', 'Complexity', 'Strength']);
    expect(v.get('Coarseness')).toBeCloseTo(15 / 284, 14);
    expect(v.get('Contrast')).toBeCloseTo(568 / 60, 12);
    expect(v.get('Busyness')).toBeCloseTo(71 / 15, 12);
    expect(v.get('Complexity')).toBeCloseTo(284 / 30, 12);
    expect(v.get('Strength')).toBeCloseTo(60 / 71, 12);
  });
});

describe('single-voxel ROI', () => {
  const one = input([1, 1, 1], () => 7);
  it('has no angles: GLCM and GLRLM features are NaN', () => {
    expect(glcmFamily.compute(one, ['Contrast', 'MCC']).get('Contrast')).toBeNaN();
    expect(glrlmFamily.compute(one, ['ShortRunEmphasis']).get('ShortRunEmphasis')).toBeNaN();
  });
  it('one zone of size 1, dependence size 1, no neighbourhood', () => {
    expect(glszmFamily.compute(one, ['SmallAreaEmphasis']).get('SmallAreaEmphasis')).toBe(1);
    expect(gldmFamily.compute(one, ['SmallDependenceEmphasis']).get('SmallDependenceEmphasis')).toBe(1);
    expect(ngtdmFamily.compute(one, ['Coarseness']).get('Coarseness')).toBe(1e6);
  });
});

describe('feature selection', () => {
  it('deprecated features are never emitted; unknown names are errors', () => {
    expect([...glcmFamily.compute(checker, ['SumVariance', 'Dissimilarity', 'Contrast']).keys()]).toEqual(['Contrast']);
    expect(gldmFamily.compute(checker, ['DependencePercentage']).size).toBe(0);
    expect(() => glcmFamily.compute(checker, ['NoSuchFeature'])).toThrow(/unknown feature 'NoSuchFeature'/);
  });
  it('default-enabled counts match pyradiomics (24, 16, 16, 14, 5)', () => {
    const n = (f: typeof glcmFamily): number => f.features.filter((s) => s.enabledByDefault).length;
    expect([glcmFamily, glrlmFamily, glszmFamily, gldmFamily, ngtdmFamily].map(n)).toEqual([24, 16, 16, 14, 5]);
  });
});
