/**
 * GLDM feature class, pyradiomics `radiomics/gldm.py` (algorithms.md §8.8; IBSI "NGLDM", REK0,
 * with coarseness α = `gldm_a` and Chebyshev distance from `distances`).
 *
 * P(i, j): number of ROI voxels of gray level i (ORIGINAL bin number) with dependence size j
 * (dependent neighbours + 1); N_z = Σ P = N_p; p_g, p_d the row and column sums. One matrix for
 * the whole ROI (IBSI "3D"; "2.5D" with force2D).
 */
import type { FamilyInput, FeatureFamily, FeatureSpec } from '../family';
import { binFamilyInput } from '../matrices/fromInput';
import { computeGldm, type Gldm } from '../matrices/gldm';
import { SizeMatrixStatistics } from './sizeMatrixStatistics';
import { selectFeatures } from './textureFeatureSelection';

/**
 * The GLDM features (IBSI code, formula; see {@link SizeMatrixStatistics}):
 * - SmallDependenceEmphasis (SODN) = Σ p_d(j)/j² / N_z
 * - LargeDependenceEmphasis (IMOQ) = Σ p_d(j)·j² / N_z
 * - GrayLevelNonUniformity (FP8K) = Σ p_g(i)² / N_z
 * - DependenceNonUniformity (Z87G) = Σ p_d(j)² / N_z
 * - DependenceNonUniformityNormalized (OKJI) = Σ p_d(j)² / N_z²
 * - GrayLevelVariance (1PFV) = Σ q(i)(i − μ)², q = p_g/N_z
 * - DependenceVariance (DNX2) = Σ q(j)(j − μ)², q = p_d/N_z
 * - DependenceEntropy (FCBV) = −Σ q log₂(q + ε), q = P/N_z
 * - LowGrayLevelEmphasis (TL9H) = Σ p_g(i)/i² / N_z
 * - HighGrayLevelEmphasis (OAE7) = Σ p_g(i)·i² / N_z
 * - SmallDependenceLowGrayLevelEmphasis (EQ3F) = Σ P/(i²j²) / N_z
 * - SmallDependenceHighGrayLevelEmphasis (JA6D) = Σ P·i²/j² / N_z
 * - LargeDependenceLowGrayLevelEmphasis (NBZI) = Σ P·j²/i² / N_z
 * - LargeDependenceHighGrayLevelEmphasis (9QMG) = Σ P·i²·j² / N_z
 * Deprecated in pyradiomics (never emitted): GrayLevelNonUniformityNormalized (5SPA, = firstorder
 * Uniformity), DependencePercentage (6XV8, always 1).
 */
export const GLDM_FEATURES: readonly FeatureSpec[] = [
  ...[
    'SmallDependenceEmphasis',
    'LargeDependenceEmphasis',
    'GrayLevelNonUniformity',
    'DependenceNonUniformity',
    'DependenceNonUniformityNormalized',
    'GrayLevelVariance',
    'DependenceVariance',
    'DependenceEntropy',
    'LowGrayLevelEmphasis',
    'HighGrayLevelEmphasis',
    'SmallDependenceLowGrayLevelEmphasis',
    'SmallDependenceHighGrayLevelEmphasis',
    'LargeDependenceLowGrayLevelEmphasis',
    'LargeDependenceHighGrayLevelEmphasis',
  ].map((name) => ({ name, enabledByDefault: true })),
  ...['GrayLevelNonUniformityNormalized', 'DependencePercentage'].map((name) => ({
    name,
    enabledByDefault: false,
    deprecated: true,
  })),
];

/** GLDM feature values of an already built {@link Gldm}. */
export function gldmFeatureValues(m: Gldm, names: readonly string[]): Map<string, number> {
  const s = new SizeMatrixStatistics({ p: m.p, levels: m.levels, sizes: m.dependenceSizes });
  const getters: Record<string, () => number> = {
    SmallDependenceEmphasis: () => s.smallEmphasis(),
    LargeDependenceEmphasis: () => s.largeEmphasis(),
    GrayLevelNonUniformity: () => s.grayLevelNonUniformity(false),
    DependenceNonUniformity: () => s.sizeNonUniformity(false),
    DependenceNonUniformityNormalized: () => s.sizeNonUniformity(true),
    GrayLevelVariance: () => s.grayLevelVariance(),
    DependenceVariance: () => s.sizeVariance(),
    DependenceEntropy: () => s.entropy(),
    LowGrayLevelEmphasis: () => s.lowGrayLevelEmphasis(),
    HighGrayLevelEmphasis: () => s.highGrayLevelEmphasis(),
    SmallDependenceLowGrayLevelEmphasis: () => s.smallLowGrayLevelEmphasis(),
    SmallDependenceHighGrayLevelEmphasis: () => s.smallHighGrayLevelEmphasis(),
    LargeDependenceLowGrayLevelEmphasis: () => s.largeLowGrayLevelEmphasis(),
    LargeDependenceHighGrayLevelEmphasis: () => s.largeHighGrayLevelEmphasis(),
  };
  return new Map(names.map((name) => [name, getters[name]!()]));
}

/** pyradiomics feature class `gldm`. */
export const gldmFamily: FeatureFamily = {
  name: 'gldm',
  features: GLDM_FEATURES,
  compute(input: FamilyInput, enabled: readonly string[]): Map<string, number> {
    const names = selectFeatures('gldm', GLDM_FEATURES, enabled);
    if (names.length === 0) return new Map();
    return gldmFeatureValues(computeGldm(binFamilyInput(input), input.settings), names);
  },
};
