/**
 * GLCM feature class, pyradiomics `radiomics/glcm.py` (algorithms.md §8.5; IBSI "GLCM", LFYI).
 *
 * Notation, per angle a with the normalised matrix p(i, j) over the present gray levels, whose
 * values i, j are the ORIGINAL bin numbers; N_g = the largest bin (not the number of levels):
 * - p_x(i) = Σ_j p(i, j), p_y(j) = Σ_i p(i, j); μ_x = Σ i·p(i, j), μ_y = Σ j·p(i, j);
 * - p_{x+y}(k) = Σ_{i+j=k} p(i, j), k = 2 … 2N_g; p_{x−y}(k) = Σ_{|i−j|=k} p(i, j), k = 0 … N_g − 1;
 * - HX = −Σ p_x log₂(p_x + ε), HY likewise, HXY = −Σ p log₂(p + ε),
 *   HXY1 = −Σ p(i, j) log₂(p_x(i)p_y(j) + ε), HXY2 = −Σ p_x(i)p_y(j) log₂(p_x(i)p_y(j) + ε);
 * - ε = 2.220446049250313e-16 (numpy `spacing(1)`), always added inside the logarithm.
 *
 * Every feature is computed per angle and `nanmean`-ed over the angles (IBSI "3D_avg" /
 * "2.5D_avg" with force2D); with `weightingNorm` the angles are merged first (IBSI "3D_comb" /
 * "2.5D_comb" for 'no_weighting').
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { FamilyInput, FeatureFamily, FeatureSpec } from '../family';
import { binFamilyInput } from '../matrices/fromInput';
import { computeGlcm, type Glcm } from '../matrices/glcm';
import { nanMean } from '../matrices/npSum';
import { selectFeatures } from './textureFeatureSelection';

const EPS = 2.220446049250313e-16;

/**
 * The GLCM features. Codes are IBSI's; names pyradiomics'.
 * - Autocorrelation (QWB0) = Σ i·j·p
 * - JointAverage (60VM) = μ_x
 * - ClusterProminence (AE86) = Σ (i + j − μ_x − μ_y)⁴ p
 * - ClusterShade (7NFM) = Σ (i + j − μ_x − μ_y)³ p
 * - ClusterTendency (DG8W) = Σ (i + j − μ_x − μ_y)² p
 * - Contrast (ACUI) = Σ (i − j)² p
 * - Correlation (NI2N) = Σ (i − μ_x)(j − μ_y)p / (σ_xσ_y + ε), 1 where σ_xσ_y = 0
 * - DifferenceAverage (TF7R) = Σ k·p_{x−y}(k)
 * - DifferenceEntropy (NTRS) = −Σ p_{x−y} log₂(p_{x−y} + ε)
 * - DifferenceVariance (D3YU) = Σ (k − DA)² p_{x−y}(k)
 * - JointEnergy (8ZQL) = Σ p²
 * - JointEntropy (TU9B) = HXY
 * - Imc1 (R8DG) = (HXY − HXY1)/max(HX, HY), 0 where max(HX, HY) = 0
 * - Imc2 (JN9H) = √(1 − e^{−2(HXY2 − HXY)}), 0 where HXY2 = HXY (NaN, skipped, where negative)
 * - Idm (WF0Z) = Σ p_{x−y}(k)/(1 + k²)
 * - MCC (no IBSI code) = √(second largest eigenvalue of Q), Q(i, j) = Σ_k p(i, k)p(j, k)/(p_x(i)p_y(k) + ε); 1 for one level
 * - Idmn (1QCO) = Σ p_{x−y}(k)/(1 + k²/N_g²)
 * - Id (IB1Z) = Σ p_{x−y}(k)/(1 + k)
 * - Idn (NDRX) = Σ p_{x−y}(k)/(1 + k/N_g)
 * - InverseVariance (E8JP) = Σ_{k≥1} p_{x−y}(k)/k²
 * - MaximumProbability (GYBY) = max p
 * - SumAverage (ZGXS) = Σ k·p_{x+y}(k)
 * - SumEntropy (P6QZ) = −Σ p_{x+y} log₂(p_{x+y} + ε)
 * - SumSquares (UR99, joint variance) = Σ (i − μ_x)² p
 * Deprecated in pyradiomics (never emitted): Dissimilarity (8S9J, = DifferenceAverage),
 * Homogeneity1 (= Id), Homogeneity2 (= Idm), SumVariance (OEEB, = ClusterTendency).
 */
export const GLCM_FEATURES: readonly FeatureSpec[] = [
  ...[
    'Autocorrelation',
    'JointAverage',
    'ClusterProminence',
    'ClusterShade',
    'ClusterTendency',
    'Contrast',
    'Correlation',
    'DifferenceAverage',
    'DifferenceEntropy',
    'DifferenceVariance',
    'JointEnergy',
    'JointEntropy',
    'Imc1',
    'Imc2',
    'Idm',
    'MCC',
    'Idmn',
    'Id',
    'Idn',
    'InverseVariance',
    'MaximumProbability',
    'SumAverage',
    'SumEntropy',
    'SumSquares',
  ].map((name) => ({ name, enabledByDefault: true })),
  ...['Dissimilarity', 'Homogeneity1', 'Homogeneity2', 'SumVariance'].map((name) => ({
    name,
    enabledByDefault: false,
    deprecated: true,
  })),
];

/** Per-angle quantities shared by the features. */
interface AngleCoefficients {
  px: Float64Array;
  py: Float64Array;
  ux: number;
  uy: number;
  /** p_{x+y}(k) at index k − 2. */
  pSum: Float64Array;
  /** p_{x−y}(k) at index k. */
  pDiff: Float64Array;
  hx: number;
  hy: number;
  hxy: number;
  hxy1: number;
  hxy2: number;
}

function coefficients(m: Glcm, a: number): AngleCoefficients {
  const L = m.nLevels;
  const g = m.levels;
  const base = a * L * L;
  const p = m.p;
  const px = new Float64Array(L);
  const py = new Float64Array(L);
  const pSum = new Float64Array(2 * m.ng - 1);
  const pDiff = new Float64Array(m.ng);
  let ux = 0;
  let uy = 0;
  let hxy = 0;
  for (let i = 0; i < L; i++) {
    for (let j = 0; j < L; j++) {
      const v = p[base + i * L + j]!;
      px[i]! += v;
      py[j]! += v;
      ux += g[i]! * v;
      uy += g[j]! * v;
      pSum[g[i]! + g[j]! - 2]! += v;
      pDiff[Math.abs(g[i]! - g[j]!)]! += v;
      hxy += v * Math.log2(v + EPS);
    }
  }
  let hx = 0;
  let hy = 0;
  for (let i = 0; i < L; i++) {
    hx += px[i]! * Math.log2(px[i]! + EPS);
    hy += py[i]! * Math.log2(py[i]! + EPS);
  }
  let hxy1 = 0;
  let hxy2 = 0;
  for (let i = 0; i < L; i++) {
    for (let j = 0; j < L; j++) {
      const q = px[i]! * py[j]!;
      const lq = Math.log2(q + EPS);
      hxy1 += p[base + i * L + j]! * lq;
      hxy2 += q * lq;
    }
  }
  return { px, py, ux, uy, pSum, pDiff, hx: -hx, hy: -hy, hxy: -hxy, hxy1: -hxy1, hxy2: -hxy2 };
}

/** Σ_{i,j} term(p(i, j), i, j) for one angle, in row-major order (as numpy reduces it). */
function matrixSum(m: Glcm, a: number, term: (p: number, gi: number, gj: number) => number): number {
  const L = m.nLevels;
  const base = a * L * L;
  let s = 0;
  for (let i = 0; i < L; i++) for (let j = 0; j < L; j++) s += term(m.p[base + i * L + j]!, m.levels[i]!, m.levels[j]!);
  return s;
}

/**
 * Eigenvalues (re, im) of Q per angle; MCC per angle. numpy's `eigvals` returns real eigenvalues
 * for the whole stack when every imaginary part is 0 (then √ of a negative value is NaN), complex
 * otherwise (then the principal √ is taken and the real part kept).
 */
function mccPerAngle(m: Glcm, coeffs: AngleCoefficients[]): number[] {
  const L = m.nLevels;
  if (L < 2) return coeffs.map(() => 1);
  const second: { re: number; im: number }[] = [];
  let allReal = true;
  for (let a = 0; a < coeffs.length; a++) {
    const { px, py } = coeffs[a]!;
    const base = a * L * L;
    const q = Matrix.zeros(L, L);
    let finite = true;
    for (let i = 0; i < L; i++) {
      for (let j = 0; j < L; j++) {
        let s = 0;
        for (let k = 0; k < L; k++) s += (m.p[base + i * L + k]! * m.p[base + j * L + k]!) / (px[i]! * py[k]! + EPS);
        q.set(i, j, s);
        finite &&= Number.isFinite(s);
      }
    }
    if (!finite) {
      second.push({ re: NaN, im: NaN });
      continue;
    }
    const evd = new EigenvalueDecomposition(q, { assumeSymmetric: false });
    const values = evd.realEigenvalues.map((re, k) => ({ re, im: evd.imaginaryEigenvalues[k]! }));
    if (values.some((v) => v.im !== 0)) allReal = false;
    values.sort((u, v) => u.re - v.re || u.im - v.im);
    second.push(values[values.length - 2]!);
  }
  return second.map(({ re, im }) => {
    if (Number.isNaN(re)) return NaN;
    if (allReal) return Math.sqrt(re);
    return Math.sqrt((Math.hypot(re, im) + re) / 2);
  });
}

/** GLCM feature values (nanmean over angles) of an already built {@link Glcm}. */
export function glcmFeatureValues(m: Glcm, names: readonly string[]): Map<string, number> {
  const nA = m.nAngles;
  const coeffs = Array.from({ length: nA }, (_, a) => coefficients(m, a));
  const ng = m.ng;
  const perAngle = (f: (c: AngleCoefficients, a: number) => number): number => nanMean(coeffs.map(f));
  const diffSum = (c: AngleCoefficients, term: (p: number, k: number) => number, from = 0): number => {
    let s = 0;
    for (let k = from; k < c.pDiff.length; k++) s += term(c.pDiff[k]!, k);
    return s;
  };
  const diffAverage = (c: AngleCoefficients): number => diffSum(c, (p, k) => k * p);
  const out = new Map<string, number>();
  for (const name of names) {
    let v: number;
    switch (name) {
      case 'Autocorrelation':
        v = perAngle((_, a) => matrixSum(m, a, (p, i, j) => p * (i * j)));
        break;
      case 'JointAverage':
        v = perAngle((c) => c.ux);
        break;
      case 'ClusterProminence':
        v = perAngle((c, a) => matrixSum(m, a, (p, i, j) => p * (i + j - c.ux - c.uy) ** 4));
        break;
      case 'ClusterShade':
        v = perAngle((c, a) => matrixSum(m, a, (p, i, j) => p * (i + j - c.ux - c.uy) ** 3));
        break;
      case 'ClusterTendency':
        v = perAngle((c, a) => matrixSum(m, a, (p, i, j) => p * (i + j - c.ux - c.uy) ** 2));
        break;
      case 'Contrast':
        v = perAngle((_, a) => matrixSum(m, a, (p, i, j) => p * Math.abs(i - j) ** 2));
        break;
      case 'Correlation':
        v = perAngle((c, a) => {
          const sx = Math.sqrt(matrixSum(m, a, (p, i) => p * (i - c.ux) ** 2));
          const sy = Math.sqrt(matrixSum(m, a, (p, _, j) => p * (j - c.uy) ** 2));
          if (sx * sy === 0) return 1;
          return matrixSum(m, a, (p, i, j) => p * (i - c.ux) * (j - c.uy)) / (sx * sy + EPS);
        });
        break;
      case 'DifferenceAverage':
        v = perAngle(diffAverage);
        break;
      case 'DifferenceEntropy':
        v = perAngle((c) => -diffSum(c, (p) => p * Math.log2(p + EPS)));
        break;
      case 'DifferenceVariance':
        v = perAngle((c) => {
          const da = diffAverage(c);
          return diffSum(c, (p, k) => p * (k - da) ** 2);
        });
        break;
      case 'JointEnergy':
        v = perAngle((_, a) => {
          let s = 0;
          for (let k = a * m.nLevels ** 2; k < (a + 1) * m.nLevels ** 2; k++) s += m.p[k]! ** 2;
          return s;
        });
        break;
      case 'JointEntropy':
        v = perAngle((c) => c.hxy);
        break;
      case 'Imc1':
        v = perAngle((c) => {
          const div = Math.max(c.hx, c.hy);
          return div !== 0 ? (c.hxy - c.hxy1) / div : 0;
        });
        break;
      case 'Imc2':
        v = perAngle((c) => (c.hxy2 === c.hxy ? 0 : Math.sqrt(1 - Math.pow(Math.E, -2 * (c.hxy2 - c.hxy)))));
        break;
      case 'Idm':
        v = perAngle((c) => diffSum(c, (p, k) => p / (1 + k ** 2)));
        break;
      case 'MCC':
        v = nanMean(mccPerAngle(m, coeffs));
        break;
      case 'Idmn':
        v = perAngle((c) => diffSum(c, (p, k) => p / (1 + k ** 2 / ng ** 2)));
        break;
      case 'Id':
        v = perAngle((c) => diffSum(c, (p, k) => p / (1 + k)));
        break;
      case 'Idn':
        v = perAngle((c) => diffSum(c, (p, k) => p / (1 + k / ng)));
        break;
      case 'InverseVariance':
        v = perAngle((c) => diffSum(c, (p, k) => p / k ** 2, 1));
        break;
      case 'MaximumProbability':
        v = perAngle((_, a) => {
          let mx = -Infinity;
          for (let k = a * m.nLevels ** 2; k < (a + 1) * m.nLevels ** 2; k++) mx = Math.max(mx, m.p[k]!);
          return mx;
        });
        break;
      case 'SumAverage':
        v = perAngle((c) => {
          let s = 0;
          for (let k = 0; k < c.pSum.length; k++) s += (k + 2) * c.pSum[k]!;
          return s;
        });
        break;
      case 'SumEntropy':
        v = perAngle((c) => {
          let s = 0;
          for (let k = 0; k < c.pSum.length; k++) s += c.pSum[k]! * Math.log2(c.pSum[k]! + EPS);
          return -s;
        });
        break;
      case 'SumSquares':
        v = perAngle((c, a) => matrixSum(m, a, (p, i) => p * (i - c.ux) ** 2));
        break;
      default:
        throw new Error(`glcm: no getter for '${name}'`);
    }
    out.set(name, v);
  }
  return out;
}

/** pyradiomics feature class `glcm`. */
export const glcmFamily: FeatureFamily = {
  name: 'glcm',
  features: GLCM_FEATURES,
  compute(input: FamilyInput, enabled: readonly string[]): Map<string, number> {
    const names = selectFeatures('glcm', GLCM_FEATURES, enabled);
    if (names.length === 0) return new Map();
    const roi = binFamilyInput(input);
    return glcmFeatureValues(computeGlcm(roi, input.settings, input.spacing), names);
  },
};
