/**
 * Gray Level Size Zone Matrix, pyradiomics `cmatrices.c: calculate_glszm` plus the
 * post-processing of `glszm._calculateMatrix` / `_calculateCoefficients` (algorithms.md §8.7;
 * IBSI "GLSZM", 9SAK).
 */
import { buildAngles } from '../angles';
import type { ExtractionSettings } from '../settings';
import { angleSteps, levelRows, levelValues, type BinnedRoi } from './binnedRoi';

export type GlszmSettings = Pick<ExtractionSettings, 'force2D' | 'force2Ddimension'>;

/** The processed GLSZM the features are computed from. */
export interface Glszm {
  /** Zone counts `p[i·J + j]`. */
  p: Float64Array;
  nLevels: number;
  /** J = number of zone sizes kept (those with a nonzero total). */
  nSizes: number;
  /** Gray value (original bin number) of row i. */
  levels: Float64Array;
  /** True zone size (voxels) of column j. */
  zoneSizes: Float64Array;
}

/**
 * Zone counts, `L × maxZone`: zones are the connected components of ROI voxels with one gray
 * level, connectivity = the bidirectional distance-1 angles (26 in 3-D, 8 in-plane with force2D or
 * on a single-slice grid), found by a stack flood fill; row g, column size − 1.
 */
export function glszmCounts(roi: BinnedRoi, settings: GlszmSettings): { counts: Float64Array; maxZone: number } {
  const angles = buildAngles(roi.size, {
    distances: [1],
    force2D: settings.force2D,
    force2Ddimension: settings.force2Ddimension,
    bidirectional: true,
  });
  const L = roi.grayLevels.length;
  const rowOf = levelRows(roi);
  const { dx, dy, dz, step } = angleSteps(roi.size, angles);
  const nA = angles.length;
  const [nx, ny, nz] = roi.size;
  const { bins, mask } = roi;
  const index = roi.roi;
  const visited = new Uint8Array(bins.length);
  const stack = new Int32Array(index.length);
  const zoneLevel: number[] = [];
  const zoneSize: number[] = [];
  let maxZone = 0;
  for (let r = 0; r < index.length; r++) {
    const seed = index[r]!;
    if (visited[seed]) continue;
    const g = bins[seed]!;
    visited[seed] = 1;
    stack[0] = seed;
    let top = 1;
    let size = 0;
    while (top > 0) {
      const i = stack[--top]!;
      size++;
      const x = i % nx;
      const yz = (i - x) / nx;
      const y = yz % ny;
      const z = (yz - y) / ny;
      for (let a = 0; a < nA; a++) {
        if ((x + dx[a]!) >>> 0 >= nx || (y + dy[a]!) >>> 0 >= ny || (z + dz[a]!) >>> 0 >= nz) continue;
        const j = i + step[a]!;
        if (visited[j] || mask[j] === 0 || bins[j] !== g) continue;
        visited[j] = 1;
        stack[top++] = j;
      }
    }
    zoneLevel.push(rowOf[g]!);
    zoneSize.push(size);
    if (size > maxZone) maxZone = size;
  }
  const counts = new Float64Array(L * maxZone);
  for (let k = 0; k < zoneLevel.length; k++) counts[zoneLevel[k]! * maxZone + zoneSize[k]! - 1]! += 1;
  return { counts, maxZone };
}

/** GLSZM as pyradiomics' features see it: {@link glszmCounts} with zero-total size columns deleted. */
export function computeGlszm(roi: BinnedRoi, settings: GlszmSettings): Glszm {
  const L = roi.grayLevels.length;
  const { counts, maxZone } = glszmCounts(roi, settings);
  const columns: number[] = [];
  for (let s = 0; s < maxZone; s++) {
    let t = 0;
    for (let g = 0; g < L; g++) t += counts[g * maxZone + s]!;
    if (t !== 0) columns.push(s);
  }
  const J = columns.length;
  const p = new Float64Array(L * J);
  for (let g = 0; g < L; g++) for (let c = 0; c < J; c++) p[g * J + c] = counts[g * maxZone + columns[c]!]!;
  return { p, nLevels: L, nSizes: J, levels: levelValues(roi), zoneSizes: Float64Array.from(columns, (s) => s + 1) };
}
