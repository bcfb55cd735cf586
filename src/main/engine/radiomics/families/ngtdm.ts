/**
 * NGTDM feature class, pyradiomics `radiomics/ngtdm.py` (algorithms.md §8.9; IBSI "NGTDM", IPET).
 *
 * Per present gray level i (ORIGINAL bin number): n_i voxels, s_i = Σ|i − Ā|; N_vp = Σ n_i (every
 * ROI voxel, pyradiomics' convention), p_i = n_i/N_vp, N_gp = number of levels with p_i > 0.
 * Sums over (i, j) run over all pairs of present levels, in numpy's pairwise order.
 */
import type { FamilyInput, FeatureFamily, FeatureSpec } from '../family';
import { binFamilyInput } from '../matrices/fromInput';
import { computeNgtdm, type Ngtdm } from '../matrices/ngtdm';
import { pairwiseSum } from '../matrices/npSum';
import { selectFeatures } from './textureFeatureSelection';

/**
 * The NGTDM features (IBSI code, formula):
 * - Coarseness (QCDE) = 1 / Σ p_i s_i, 10⁶ when that sum is 0
 * - Contrast (65HE) = [Σ_i Σ_j p_i p_j (i − j)² / (N_gp(N_gp − 1))]·Σ s_i / N_vp, 0 if N_gp = 1
 * - Busyness (NQ30) = Σ p_i s_i / Σ_i Σ_j |i·p_i − j·p_j|, 0 when the denominator is 0
 * - Complexity (HDEZ) = Σ_i Σ_j |i − j|(p_i s_i + p_j s_j)/(p_i + p_j) / N_vp
 * - Strength (1X9X) = Σ_i Σ_j (p_i + p_j)(i − j)² / Σ s_i, 0 when Σ s_i = 0
 */
export const NGTDM_FEATURES: readonly FeatureSpec[] = ['Coarseness', 'Contrast', 'Busyness', 'Complexity', 'Strength'].map(
  (name) => ({ name, enabledByDefault: true }),
);

/** NGTDM feature values of an already built {@link Ngtdm}. */
export function ngtdmFeatureValues(m: Ngtdm, names: readonly string[]): Map<string, number> {
  const L = m.levels.length;
  const g = m.levels;
  const nvp = pairwiseSum(m.n);
  const p = Float64Array.from(m.n, (n) => n / nvp);
  const ngp = p.reduce((c, v) => c + (v > 0 ? 1 : 0), 0);
  const pisi = Float64Array.from(p, (v, i) => v * m.s[i]!);
  const sumS = pairwiseSum(m.s);
  const pairSum = (term: (i: number, j: number) => number): number => {
    const terms = new Float64Array(L * L);
    for (let i = 0; i < L; i++) for (let j = 0; j < L; j++) terms[i * L + j] = p[i] === 0 || p[j] === 0 ? 0 : term(i, j);
    return pairwiseSum(terms);
  };
  const getters: Record<string, () => number> = {
    Coarseness: () => {
      const s = pairwiseSum(pisi);
      return s !== 0 ? 1 / s : 1e6;
    },
    Contrast: () => {
      const div = ngp * (ngp - 1);
      if (div === 0) return 0;
      return ((pairSum((i, j) => p[i]! * p[j]! * (g[i]! - g[j]!) ** 2) * sumS) / nvp) / div;
    },
    Busyness: () => {
      const absdiff = pairSum((i, j) => Math.abs(g[i]! * p[i]! - g[j]! * p[j]!));
      return absdiff !== 0 ? pairwiseSum(pisi) / absdiff : 0;
    },
    Complexity: () => {
      const terms = new Float64Array(L * L);
      for (let i = 0; i < L; i++) {
        for (let j = 0; j < L; j++) {
          const num = p[i] === 0 || p[j] === 0 ? 0 : pisi[i]! + pisi[j]!;
          const den = p[i]! + p[j]! === 0 ? 1 : p[i]! + p[j]!;
          terms[i * L + j] = (Math.abs(g[i]! - g[j]!) * num) / den;
        }
      }
      return pairwiseSum(terms) / nvp;
    },
    Strength: () => {
      if (sumS === 0) return 0;
      return pairSum((i, j) => (p[i]! + p[j]!) * (g[i]! - g[j]!) ** 2) / sumS;
    },
  };
  return new Map(names.map((name) => [name, getters[name]!()]));
}

/** pyradiomics feature class `ngtdm`. */
export const ngtdmFamily: FeatureFamily = {
  name: 'ngtdm',
  features: NGTDM_FEATURES,
  compute(input: FamilyInput, enabled: readonly string[]): Map<string, number> {
    const names = selectFeatures('ngtdm', NGTDM_FEATURES, enabled);
    if (names.length === 0) return new Map();
    return ngtdmFeatureValues(computeNgtdm(binFamilyInput(input), input.settings), names);
  },
};
