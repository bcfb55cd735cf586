/**
 * GLSZM feature class, pyradiomics `radiomics/glszm.py` (algorithms.md §8.7; IBSI "GLSZM", 9SAK).
 *
 * P(i, j): number of zones of gray level i (ORIGINAL bin number) and size j voxels;
 * N_z = Σ P zones, N_p = Σ_j j·p_s(j) voxels; p_g, p_s the row and column sums. One matrix for the
 * whole ROI (IBSI "3D"; "2.5D" with force2D, where zones are 8-connected in-plane).
 */
import type { FamilyInput, FeatureFamily, FeatureSpec } from '../family';
import { binFamilyInput } from '../matrices/fromInput';
import { computeGlszm, type Glszm } from '../matrices/glszm';
import { SizeMatrixStatistics } from './sizeMatrixStatistics';
import { selectFeatures } from './textureFeatureSelection';

/**
 * The GLSZM features (IBSI code, formula; see {@link SizeMatrixStatistics}):
 * - SmallAreaEmphasis (5QRC) = Σ p_s(j)/j² / N_z
 * - LargeAreaEmphasis (48P8) = Σ p_s(j)·j² / N_z
 * - GrayLevelNonUniformity (JNSA) = Σ p_g(i)² / N_z
 * - GrayLevelNonUniformityNormalized (Y1RO) = Σ p_g(i)² / N_z²
 * - SizeZoneNonUniformity (4JP3) = Σ p_s(j)² / N_z
 * - SizeZoneNonUniformityNormalized (VB3A) = Σ p_s(j)² / N_z²
 * - ZonePercentage (P30P) = N_z / N_p
 * - GrayLevelVariance (BYLV) = Σ q(i)(i − μ)², q = p_g/N_z
 * - ZoneVariance (3NSA) = Σ q(j)(j − μ)², q = p_s/N_z
 * - ZoneEntropy (GU8N) = −Σ q log₂(q + ε), q = P/N_z
 * - LowGrayLevelZoneEmphasis (XMSY) = Σ p_g(i)/i² / N_z
 * - HighGrayLevelZoneEmphasis (5GN9) = Σ p_g(i)·i² / N_z
 * - SmallAreaLowGrayLevelEmphasis (5RAI) = Σ P/(i²j²) / N_z
 * - SmallAreaHighGrayLevelEmphasis (HW1V) = Σ P·i²/j² / N_z
 * - LargeAreaLowGrayLevelEmphasis (YH51) = Σ P·j²/i² / N_z
 * - LargeAreaHighGrayLevelEmphasis (J17V) = Σ P·i²·j² / N_z
 */
export const GLSZM_FEATURES: readonly FeatureSpec[] = [
  'SmallAreaEmphasis',
  'LargeAreaEmphasis',
  'GrayLevelNonUniformity',
  'GrayLevelNonUniformityNormalized',
  'SizeZoneNonUniformity',
  'SizeZoneNonUniformityNormalized',
  'ZonePercentage',
  'GrayLevelVariance',
  'ZoneVariance',
  'ZoneEntropy',
  'LowGrayLevelZoneEmphasis',
  'HighGrayLevelZoneEmphasis',
  'SmallAreaLowGrayLevelEmphasis',
  'SmallAreaHighGrayLevelEmphasis',
  'LargeAreaLowGrayLevelEmphasis',
  'LargeAreaHighGrayLevelEmphasis',
].map((name) => ({ name, enabledByDefault: true }));

/** GLSZM feature values of an already built {@link Glszm}. */
export function glszmFeatureValues(m: Glszm, names: readonly string[]): Map<string, number> {
  const s = new SizeMatrixStatistics({ p: m.p, levels: m.levels, sizes: m.zoneSizes });
  const getters: Record<string, () => number> = {
    SmallAreaEmphasis: () => s.smallEmphasis(),
    LargeAreaEmphasis: () => s.largeEmphasis(),
    GrayLevelNonUniformity: () => s.grayLevelNonUniformity(false),
    GrayLevelNonUniformityNormalized: () => s.grayLevelNonUniformity(true),
    SizeZoneNonUniformity: () => s.sizeNonUniformity(false),
    SizeZoneNonUniformityNormalized: () => s.sizeNonUniformity(true),
    ZonePercentage: () => {
      let np = 0;
      for (let j = 0; j < m.nSizes; j++) np += s.ps[j]! * m.zoneSizes[j]!;
      return s.total / (np === 0 ? 1 : np);
    },
    GrayLevelVariance: () => s.grayLevelVariance(),
    ZoneVariance: () => s.sizeVariance(),
    ZoneEntropy: () => s.entropy(),
    LowGrayLevelZoneEmphasis: () => s.lowGrayLevelEmphasis(),
    HighGrayLevelZoneEmphasis: () => s.highGrayLevelEmphasis(),
    SmallAreaLowGrayLevelEmphasis: () => s.smallLowGrayLevelEmphasis(),
    SmallAreaHighGrayLevelEmphasis: () => s.smallHighGrayLevelEmphasis(),
    LargeAreaLowGrayLevelEmphasis: () => s.largeLowGrayLevelEmphasis(),
    LargeAreaHighGrayLevelEmphasis: () => s.largeHighGrayLevelEmphasis(),
  };
  return new Map(names.map((name) => [name, getters[name]!()]));
}

/** pyradiomics feature class `glszm`. */
export const glszmFamily: FeatureFamily = {
  name: 'glszm',
  features: GLSZM_FEATURES,
  compute(input: FamilyInput, enabled: readonly string[]): Map<string, number> {
    const names = selectFeatures('glszm', GLSZM_FEATURES, enabled);
    if (names.length === 0) return new Map();
    return glszmFeatureValues(computeGlszm(binFamilyInput(input), input.settings), names);
  },
};
