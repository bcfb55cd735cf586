/**
 * GLRLM feature class, pyradiomics `radiomics/glrlm.py` (algorithms.md §8.6; IBSI "GLRLM", TP0I).
 *
 * Notation, per angle a: P(i, j) the run counts, i the ORIGINAL bin number of the row, j the true
 * run length; N_r(a) = Σ P (NaN when 0), N_p(a) = Σ_j j·p_r(j);
 * p_g(i) = Σ_j P(i, j), p_r(j) = Σ_i P(i, j); ε = 2.220446049250313e-16.
 * Every feature is computed per angle and `nanmean`-ed over the angles (IBSI "3D_avg",
 * "2.5D_avg" with force2D); with `weightingNorm` the angles are merged first (IBSI "3D_comb" /
 * "2.5D_comb" for 'no_weighting').
 */
import type { FamilyInput, FeatureFamily, FeatureSpec } from '../family';
import { binFamilyInput } from '../matrices/fromInput';
import { computeGlrlm, type Glrlm } from '../matrices/glrlm';
import { nanMean } from '../matrices/npSum';
import { selectFeatures } from './textureFeatureSelection';

const EPS = 2.220446049250313e-16;

/**
 * The GLRLM features (IBSI code, formula), all divided by N_r(a) unless noted:
 * - ShortRunEmphasis (22OV) = Σ_j p_r(j)/j² / N_r
 * - LongRunEmphasis (W4KF) = Σ_j p_r(j)·j² / N_r
 * - GrayLevelNonUniformity (R5YN) = Σ_i p_g(i)² / N_r
 * - GrayLevelNonUniformityNormalized (OVBL) = Σ_i p_g(i)² / N_r²
 * - RunLengthNonUniformity (W92Y) = Σ_j p_r(j)² / N_r
 * - RunLengthNonUniformityNormalized (IC23) = Σ_j p_r(j)² / N_r²
 * - RunPercentage (9ZK5) = N_r / N_p
 * - GrayLevelVariance (8CE5) = Σ_i p(i)(i − μ)², p = p_g/N_r, μ = Σ i·p(i)
 * - RunVariance (SXLW) = Σ_j p(j)(j − μ)², p = p_r/N_r, μ = Σ j·p(j)
 * - RunEntropy (HJ9O) = −Σ p log₂(p + ε), p = P/N_r
 * - LowGrayLevelRunEmphasis (V3SW) = Σ_i p_g(i)/i² / N_r
 * - HighGrayLevelRunEmphasis (G3QZ) = Σ_i p_g(i)·i² / N_r
 * - ShortRunLowGrayLevelEmphasis (HTZT) = Σ P/(i²j²) / N_r
 * - ShortRunHighGrayLevelEmphasis (GD3A) = Σ P·i²/j² / N_r
 * - LongRunLowGrayLevelEmphasis (IVPO) = Σ P·j²/i² / N_r
 * - LongRunHighGrayLevelEmphasis (3KUM) = Σ P·i²·j² / N_r
 */
export const GLRLM_FEATURES: readonly FeatureSpec[] = [
  'ShortRunEmphasis',
  'LongRunEmphasis',
  'GrayLevelNonUniformity',
  'GrayLevelNonUniformityNormalized',
  'RunLengthNonUniformity',
  'RunLengthNonUniformityNormalized',
  'RunPercentage',
  'GrayLevelVariance',
  'RunVariance',
  'RunEntropy',
  'LowGrayLevelRunEmphasis',
  'HighGrayLevelRunEmphasis',
  'ShortRunLowGrayLevelEmphasis',
  'ShortRunHighGrayLevelEmphasis',
  'LongRunLowGrayLevelEmphasis',
  'LongRunHighGrayLevelEmphasis',
].map((name) => ({ name, enabledByDefault: true }));

interface AngleSums {
  /** p_g(i) */
  pg: Float64Array;
  /** p_r(j) */
  pr: Float64Array;
  nr: number;
  np: number;
}

function angleSums(m: Glrlm, a: number): AngleSums {
  const L = m.nLevels;
  const J = m.nRuns;
  const pg = new Float64Array(L);
  const pr = new Float64Array(J);
  for (let i = 0; i < L; i++) {
    for (let j = 0; j < J; j++) {
      const v = m.p[(a * L + i) * J + j]!;
      pg[i]! += v;
      pr[j]! += v;
    }
  }
  let np = 0;
  for (let j = 0; j < J; j++) np += pr[j]! * m.runLengths[j]!;
  return { pg, pr, nr: m.runCount[a]!, np };
}

/** Σ over a vector of term(value, coordinate), in order. */
function vectorSum(values: Float64Array, coords: Float64Array, term: (v: number, c: number) => number): number {
  let s = 0;
  for (let k = 0; k < values.length; k++) s += term(values[k]!, coords[k]!);
  return s;
}

/** GLRLM feature values (nanmean over angles) of an already built {@link Glrlm}. */
export function glrlmFeatureValues(m: Glrlm, names: readonly string[]): Map<string, number> {
  const sums = Array.from({ length: m.nAngles }, (_, a) => angleSums(m, a));
  const iv = m.levels;
  const jv = m.runLengths;
  const L = m.nLevels;
  const J = m.nRuns;
  const perAngle = (f: (s: AngleSums, a: number) => number): number => nanMean(sums.map(f));
  const matrixSum = (a: number, term: (p: number, i: number, j: number) => number): number => {
    let s = 0;
    for (let i = 0; i < L; i++) for (let j = 0; j < J; j++) s += term(m.p[(a * L + i) * J + j]!, iv[i]!, jv[j]!);
    return s;
  };
  const variance = (values: Float64Array, coords: Float64Array, n: number): number => {
    const mu = vectorSum(values, coords, (v, c) => (v / n) * c);
    return vectorSum(values, coords, (v, c) => (v / n) * (c - mu) ** 2);
  };
  const out = new Map<string, number>();
  for (const name of names) {
    let v: number;
    switch (name) {
      case 'ShortRunEmphasis':
        v = perAngle((s) => vectorSum(s.pr, jv, (p, j) => p / j ** 2) / s.nr);
        break;
      case 'LongRunEmphasis':
        v = perAngle((s) => vectorSum(s.pr, jv, (p, j) => p * j ** 2) / s.nr);
        break;
      case 'GrayLevelNonUniformity':
        v = perAngle((s) => vectorSum(s.pg, iv, (p) => p ** 2) / s.nr);
        break;
      case 'GrayLevelNonUniformityNormalized':
        v = perAngle((s) => vectorSum(s.pg, iv, (p) => p ** 2) / s.nr ** 2);
        break;
      case 'RunLengthNonUniformity':
        v = perAngle((s) => vectorSum(s.pr, jv, (p) => p ** 2) / s.nr);
        break;
      case 'RunLengthNonUniformityNormalized':
        v = perAngle((s) => vectorSum(s.pr, jv, (p) => p ** 2) / s.nr ** 2);
        break;
      case 'RunPercentage':
        v = perAngle((s) => s.nr / s.np);
        break;
      case 'GrayLevelVariance':
        v = perAngle((s) => variance(s.pg, iv, s.nr));
        break;
      case 'RunVariance':
        v = perAngle((s) => variance(s.pr, jv, s.nr));
        break;
      case 'RunEntropy':
        v = perAngle((s, a) =>
          -matrixSum(a, (p) => {
            const q = p / s.nr;
            return q * Math.log2(q + EPS);
          }),
        );
        break;
      case 'LowGrayLevelRunEmphasis':
        v = perAngle((s) => vectorSum(s.pg, iv, (p, i) => p / i ** 2) / s.nr);
        break;
      case 'HighGrayLevelRunEmphasis':
        v = perAngle((s) => vectorSum(s.pg, iv, (p, i) => p * i ** 2) / s.nr);
        break;
      case 'ShortRunLowGrayLevelEmphasis':
        v = perAngle((s, a) => matrixSum(a, (p, i, j) => p / (i ** 2 * j ** 2)) / s.nr);
        break;
      case 'ShortRunHighGrayLevelEmphasis':
        v = perAngle((s, a) => matrixSum(a, (p, i, j) => (p * i ** 2) / j ** 2) / s.nr);
        break;
      case 'LongRunLowGrayLevelEmphasis':
        v = perAngle((s, a) => matrixSum(a, (p, i, j) => (p * j ** 2) / i ** 2) / s.nr);
        break;
      case 'LongRunHighGrayLevelEmphasis':
        v = perAngle((s, a) => matrixSum(a, (p, i, j) => p * i ** 2 * j ** 2) / s.nr);
        break;
      default:
        throw new Error(`glrlm: no getter for '${name}'`);
    }
    out.set(name, v);
  }
  return out;
}

/** pyradiomics feature class `glrlm`. */
export const glrlmFamily: FeatureFamily = {
  name: 'glrlm',
  features: GLRLM_FEATURES,
  compute(input: FamilyInput, enabled: readonly string[]): Map<string, number> {
    const names = selectFeatures('glrlm', GLRLM_FEATURES, enabled);
    if (names.length === 0) return new Map();
    const roi = binFamilyInput(input);
    return glrlmFeatureValues(computeGlrlm(roi, input.settings, input.spacing), names);
  },
};
