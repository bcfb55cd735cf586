/**
 * Gray Level Dependence Matrix, pyradiomics `cmatrices.c: calculate_gldm` plus the
 * post-processing of `gldm._calculateMatrix` (algorithms.md §8.8; IBSI "NGLDM", REK0).
 */
import { buildAngles } from '../angles';
import type { ExtractionSettings } from '../settings';
import { angleSteps, levelRows, levelValues, type BinnedRoi } from './binnedRoi';

export type GldmSettings = Pick<ExtractionSettings, 'distances' | 'force2D' | 'force2Ddimension' | 'gldm_a'>;

/** The processed GLDM the features are computed from. */
export interface Gldm {
  /** Voxel counts `p[i·J + j]`. */
  p: Float64Array;
  nLevels: number;
  /** J = number of dependence sizes kept (nonzero columns). */
  nSizes: number;
  /** Gray value (original bin number) of row i. */
  levels: Float64Array;
  /** Dependence size of column j: number of dependent neighbours + 1 (the centre voxel). */
  dependenceSizes: Float64Array;
}

/**
 * Dependence counts, `L × (N_a + 1)`: for every ROI voxel i, the number of neighbours j over the
 * bidirectional angles for `distances` that lie inside the grid and the ROI with
 * |g(i) − g(j)| ≤ α (`gldm_a`, compared on bin numbers); row g(i), column = that number.
 */
export function gldmCounts(roi: BinnedRoi, settings: GldmSettings): { counts: Float64Array; columns: number } {
  const angles = buildAngles(roi.size, {
    distances: settings.distances,
    force2D: settings.force2D,
    force2Ddimension: settings.force2Ddimension,
    bidirectional: true,
  });
  const L = roi.grayLevels.length;
  const rowOf = levelRows(roi);
  const { dx, dy, dz, step } = angleSteps(roi.size, angles);
  const nA = angles.length;
  const columns = nA + 1;
  const [nx, ny, nz] = roi.size;
  const { bins, mask, x, y, z } = roi;
  const index = roi.roi;
  const alpha = settings.gldm_a;
  const counts = new Float64Array(L * columns);
  for (let r = 0; r < index.length; r++) {
    const i = index[r]!;
    const g = bins[i]!;
    const xi = x[r]!;
    const yi = y[r]!;
    const zi = z[r]!;
    let dependent = 0;
    for (let a = 0; a < nA; a++) {
      if ((xi + dx[a]!) >>> 0 >= nx || (yi + dy[a]!) >>> 0 >= ny || (zi + dz[a]!) >>> 0 >= nz) continue;
      const j = i + step[a]!;
      if (mask[j] !== 0 && Math.abs(bins[j]! - g) <= alpha) dependent++;
    }
    counts[rowOf[g]! * columns + dependent]! += 1;
  }
  return { counts, columns };
}

/** GLDM as pyradiomics' features see it: {@link gldmCounts} with all-zero columns deleted. */
export function computeGldm(roi: BinnedRoi, settings: GldmSettings): Gldm {
  const L = roi.grayLevels.length;
  const { counts, columns } = gldmCounts(roi, settings);
  const kept: number[] = [];
  for (let c = 0; c < columns; c++) {
    let t = 0;
    for (let g = 0; g < L; g++) t += counts[g * columns + c]!;
    if (t !== 0) kept.push(c);
  }
  const J = kept.length;
  const p = new Float64Array(L * J);
  for (let g = 0; g < L; g++) for (let c = 0; c < J; c++) p[g * J + c] = counts[g * columns + kept[c]!]!;
  return { p, nLevels: L, nSizes: J, levels: levelValues(roi), dependenceSizes: Float64Array.from(kept, (c) => c + 1) };
}
