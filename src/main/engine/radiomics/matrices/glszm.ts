/**
 * Gray Level Size Zone Matrix, pyradiomics `cmatrices.c: calculate_glszm` plus the
 * post-processing of `glszm._calculateMatrix` / `_calculateCoefficients` (algorithms.md §8.7;
 * IBSI "GLSZM", 9SAK).
 */
import { buildAngles } from '../angles';
import type { ExtractionSettings } from '../settings';
import { levelValues, type BinnedRoi } from './binnedRoi';
import { paddedLevels, paddedSteps } from './paddedLevels';

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
  const padded = paddedLevels(roi, 1);
  const steps = paddedSteps(padded, angles);
  const nA = angles.length;
  const index = padded.roi;
  // unvisited ROI voxels keep their level; a voxel is set to 0 when its zone takes it
  const open = padded.levels.slice();
  const stack = new Int32Array(index.length);
  const zoneLevel = new Int32Array(index.length);
  const zoneSize = new Int32Array(index.length);
  let zones = 0;
  let maxZone = 0;
  for (let r = 0; r < index.length; r++) {
    const seed = index[r]!;
    const g = open[seed]!;
    if (g === 0) continue;
    open[seed] = 0;
    stack[0] = seed;
    let top = 1;
    let size = 0;
    while (top > 0) {
      const i = stack[--top]!;
      size++;
      for (let a = 0; a < nA; a++) {
        const j = i + steps[a]!;
        if (open[j] !== g) continue;
        open[j] = 0;
        stack[top++] = j;
      }
    }
    zoneLevel[zones] = g - 1;
    zoneSize[zones++] = size;
    if (size > maxZone) maxZone = size;
  }
  const counts = new Float64Array(L * maxZone);
  for (let k = 0; k < zones; k++) counts[zoneLevel[k]! * maxZone + zoneSize[k]! - 1]! += 1;
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
