/**
 * Gray Level Co-occurrence Matrix, pyradiomics `cmatrices.c: calculate_glcm` plus the matrix
 * post-processing of `glcm._calculateMatrix` (algorithms.md §8.5; IBSI "GLCM", LFYI).
 */
import type { Vec3 } from '../../image/volume';
import { buildAngles, type Offset } from '../angles';
import type { ExtractionSettings } from '../settings';
import { glcmAngleWeight, mergeAngles } from './angleWeights';
import { levelValues, type BinnedRoi } from './binnedRoi';
import { offsetReach, paddedLevels, paddedSteps } from './paddedLevels';

/** Settings that shape the GLCM. */
export type GlcmSettings = Pick<
  ExtractionSettings,
  'distances' | 'force2D' | 'force2Ddimension' | 'symmetricalGLCM' | 'weightingNorm'
>;

/** The processed GLCMs the features are computed from. */
export interface Glcm {
  /** Per-angle matrices normalised to sum 1 (NaN for an empty single angle): `p[(a·L + i)·L + j]`. */
  p: Float64Array;
  nAngles: number;
  /** L = number of gray levels present. */
  nLevels: number;
  /** Gray value (original bin number) of row/column i. */
  levels: Float64Array;
  /** Largest bin (pyradiomics Ng), used in the k ranges, Idn and Idmn. */
  ng: number;
}

/**
 * Raw co-occurrence counts per angle over the present gray levels:
 * C_a[g(i), g(j)] = #{ROI voxel i, neighbour j = i + a inside the grid and in the ROI}
 * (rows: the centre voxel's level). Angle-major, `L × L` per angle.
 */
export function glcmCounts(roi: BinnedRoi, angles: readonly Offset[]): Float64Array {
  const L = roi.grayLevels.length;
  const cells = L * L;
  const nA = angles.length;
  const padded = paddedLevels(roi, offsetReach(angles));
  const steps = paddedSteps(padded, angles);
  const { levels } = padded;
  const index = padded.roi;
  // Branch-free: column 0 of a (L × (L + 1)) block collects the neighbours outside the ROI (level 0)
  // and is dropped below. counts[a·L·(L + 1) + i·(L + 1) + l], neighbour level l = j + 1.
  const width = L + 1;
  const block = L * width;
  const raw = new Uint32Array(nA * block);
  const base = Int32Array.from({ length: nA }, (_, a) => a * block);
  if (nA === 13) {
    // the 3-D distance-1 case: offsets and block bases in locals
    const [s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12] = steps as unknown as number[];
    const [b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12] = base as unknown as number[];
    for (let r = 0; r < index.length; r++) {
      const i = index[r]!;
      const row = (levels[i]! - 1) * width;
      raw[b0! + row + levels[i + s0!]!]!++;
      raw[b1! + row + levels[i + s1!]!]!++;
      raw[b2! + row + levels[i + s2!]!]!++;
      raw[b3! + row + levels[i + s3!]!]!++;
      raw[b4! + row + levels[i + s4!]!]!++;
      raw[b5! + row + levels[i + s5!]!]!++;
      raw[b6! + row + levels[i + s6!]!]!++;
      raw[b7! + row + levels[i + s7!]!]!++;
      raw[b8! + row + levels[i + s8!]!]!++;
      raw[b9! + row + levels[i + s9!]!]!++;
      raw[b10! + row + levels[i + s10!]!]!++;
      raw[b11! + row + levels[i + s11!]!]!++;
      raw[b12! + row + levels[i + s12!]!]!++;
    }
  } else {
    for (let r = 0; r < index.length; r++) {
      const i = index[r]!;
      const row = (levels[i]! - 1) * width;
      for (let a = 0; a < nA; a++) raw[base[a]! + row + levels[i + steps[a]!]!]!++;
    }
  }
  const counts = new Float64Array(nA * cells);
  for (let a = 0, k = 0; a < nA; a++) {
    for (let i = 0; i < L; i++) for (let j = 1; j <= L; j++) counts[k++] = raw[a * block + i * width + j]!;
  }
  return counts;
}

/**
 * GLCMs as pyradiomics' features see them: counts over the unidirectional angles for `distances`,
 * made symmetrical (P + Pᵀ) when `symmetricalGLCM`, merged as Σ w_a·P_a when `weightingNorm` is set
 * ({@link glcmAngleWeight}), zero-sum angles deleted when more than one remains, each normalised
 * to sum 1.
 *
 * @param spacing voxel spacing (x, y, z) in mm, for the weights.
 */
export function computeGlcm(roi: BinnedRoi, settings: GlcmSettings, spacing: Vec3): Glcm {
  const L = roi.grayLevels.length;
  const cells = L * L;
  const angles = buildAngles(roi.size, {
    distances: settings.distances,
    force2D: settings.force2D,
    force2Ddimension: settings.force2Ddimension,
    bidirectional: false,
  });
  let p = glcmCounts(roi, angles);
  if (settings.symmetricalGLCM) {
    for (let a = 0; a < angles.length; a++) {
      const base = a * cells;
      for (let i = 0; i < L; i++) {
        for (let j = i; j < L; j++) {
          const s = p[base + i * L + j]! + p[base + j * L + i]!;
          p[base + i * L + j] = s;
          p[base + j * L + i] = s;
        }
      }
    }
  }
  if (settings.weightingNorm !== null) {
    const norm = settings.weightingNorm;
    const weights = angles.map((a) => glcmAngleWeight(norm, a, spacing));
    p = mergeAngles(p, angles.length, cells, weights);
  }
  const nMatrices = settings.weightingNorm !== null ? 1 : angles.length;
  const sums = new Float64Array(nMatrices);
  for (let a = 0; a < nMatrices; a++) {
    let s = 0;
    for (let c = 0; c < cells; c++) s += p[a * cells + c]!;
    sums[a] = s;
  }
  let keep = Array.from({ length: nMatrices }, (_, a) => a);
  if (nMatrices > 1) keep = keep.filter((a) => sums[a] !== 0);
  const out = new Float64Array(keep.length * cells);
  keep.forEach((a, k) => {
    const total = sums[a] === 0 ? NaN : sums[a]!;
    for (let c = 0; c < cells; c++) out[k * cells + c] = p[a * cells + c]! / total;
  });
  return {
    p: out,
    nAngles: keep.length,
    nLevels: L,
    levels: levelValues(roi),
    ng: roi.ng,
  };
}
