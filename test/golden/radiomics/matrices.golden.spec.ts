/**
 * Texture matrices vs pyradiomics' matrix baselines (`<case>_<matrix>.npy`, default settings:
 * binWidth 25, distance 1, symmetric GLCM). Empty gray levels (and, for GLRLM/GLSZM/GLDM, empty
 * size columns) are deleted in both. Counts must be exact; normalised GLCM entries within 1e-12.
 */
import { describe, expect, it } from 'vitest';
import { binRoi, type BinnedRoi } from '../../../src/main/engine/radiomics/matrices/binnedRoi';
import { computeGlcm } from '../../../src/main/engine/radiomics/matrices/glcm';
import { computeGldm } from '../../../src/main/engine/radiomics/matrices/gldm';
import { computeGlrlm } from '../../../src/main/engine/radiomics/matrices/glrlm';
import { computeGlszm } from '../../../src/main/engine/radiomics/matrices/glszm';
import { computeNgtdm } from '../../../src/main/engine/radiomics/matrices/ngtdm';
import { DEFAULT_SETTINGS } from '../../../src/main/engine/radiomics/settings';
import { readNpy, type NpyArray } from '../../support/npy';
import { oraclePath } from '../../support/oracle';
import { loadCroppedCase, type CroppedCase } from './textureCases';

const CASES = ['brain1', 'brain2', 'breast1'] as const;

function baseline(name: string, matrix: string): NpyArray {
  return readNpy(oraclePath('pyradiomics', 'data', 'baseline', `${name}_${matrix}.npy`));
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe.each(CASES)('%s texture matrices (default settings)', (name) => {
  let k: CroppedCase;
  let roi: BinnedRoi;
  const setup = (): void => {
    k ??= loadCroppedCase(name);
    roi ??= binRoi(k.image, k.mask, k.size, false, DEFAULT_SETTINGS);
  };

  it('GLCM: (Ng, Ng, 13) per-angle normalised symmetric matrices within 1e-12', () => {
    setup();
    const m = computeGlcm(roi, DEFAULT_SETTINGS, k.spacing);
    const ref = baseline(name, 'glcm');
    const L = m.nLevels;
    expect([L, L, m.nAngles]).toEqual(ref.shape);
    // ours: angle-major (a, i, j); numpy: (i, j, a)
    const ours = new Float64Array(ref.data.length);
    for (let a = 0; a < m.nAngles; a++)
      for (let i = 0; i < L; i++) for (let j = 0; j < L; j++) ours[(i * L + j) * m.nAngles + a] = m.p[(a * L + i) * L + j]!;
    expect(maxAbsDiff(ours, ref.data)).toBeLessThanOrEqual(1e-12);
  });

  it('GLRLM: (Ng, Nr, 13) run counts exact', () => {
    setup();
    const m = computeGlrlm(roi, DEFAULT_SETTINGS, k.spacing);
    const ref = baseline(name, 'glrlm');
    expect([m.nLevels, m.nRuns, m.nAngles]).toEqual(ref.shape);
    const ours = new Float64Array(ref.data.length);
    for (let a = 0; a < m.nAngles; a++)
      for (let i = 0; i < m.nLevels; i++)
        for (let j = 0; j < m.nRuns; j++) ours[(i * m.nRuns + j) * m.nAngles + a] = m.p[(a * m.nLevels + i) * m.nRuns + j]!;
    expect(maxAbsDiff(ours, ref.data)).toBe(0);
  });

  it('GLSZM: (Ng, Ns) zone counts exact', () => {
    setup();
    const m = computeGlszm(roi, DEFAULT_SETTINGS);
    const ref = baseline(name, 'glszm');
    expect([m.nLevels, m.nSizes]).toEqual(ref.shape);
    expect(maxAbsDiff(m.p, ref.data)).toBe(0);
  });

  it('GLDM: (Ng, Nd) dependence counts exact', () => {
    setup();
    const m = computeGldm(roi, DEFAULT_SETTINGS);
    const ref = baseline(name, 'gldm');
    expect([m.nLevels, m.nSizes]).toEqual(ref.shape);
    expect(maxAbsDiff(m.p, ref.data)).toBe(0);
  });

  it('NGTDM: (Ng, 3) = n_i exact, s_i within 1e-12 relative, gray level i exact', () => {
    setup();
    const m = computeNgtdm(roi, DEFAULT_SETTINGS);
    const ref = baseline(name, 'ngtdm');
    expect([m.n.length, 3]).toEqual(ref.shape);
    for (let i = 0; i < m.n.length; i++) {
      expect(m.n[i]).toBe(ref.data[i * 3]);
      expect(Math.abs(m.s[i]! - ref.data[i * 3 + 1]!)).toBeLessThanOrEqual(1e-12 * Math.abs(ref.data[i * 3 + 1]!));
      expect(m.levels[i]).toBe(ref.data[i * 3 + 2]);
    }
  });
});
