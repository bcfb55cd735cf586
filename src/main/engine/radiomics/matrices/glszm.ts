/**
 * Gray Level Size Zone Matrix, pyradiomics `cmatrices.c: calculate_glszm` plus the
 * post-processing of `glszm._calculateMatrix` / `_calculateCoefficients` (algorithms.md §8.7;
 * IBSI "GLSZM", 9SAK).
 */
import { buildAngles } from '../angles';
import type { ExtractionSettings } from '../settings';
import { levelValues, type BinnedRoi } from './binnedRoi';
import { paddedLevels, paddedSteps } from './paddedLevels';
import { scratchInt32 } from '../../image/scratch';

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
  const open = scratchInt32('glszm.open', padded.levels.length);
  open.set(padded.levels);
  const stack = scratchInt32('glszm.stack', index.length);
  const zoneLevel = scratchInt32('glszm.zoneLevel', index.length);
  const zoneSize = scratchInt32('glszm.zoneSize', index.length);
  const [s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15, s16, s17, s18, s19, s20, s21, s22, s23, s24, s25] = steps as unknown as number[];
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
    if (nA === 26) {
      // the 3-D distance-1 neighbourhood with its offsets in locals
      while (top > 0) {
        const i = stack[--top]!;
        size++;
        if (open[i + s0] === g) {
          open[i + s0] = 0;
          stack[top++] = i + s0;
        }
        if (open[i + s1] === g) {
          open[i + s1] = 0;
          stack[top++] = i + s1;
        }
        if (open[i + s2] === g) {
          open[i + s2] = 0;
          stack[top++] = i + s2;
        }
        if (open[i + s3] === g) {
          open[i + s3] = 0;
          stack[top++] = i + s3;
        }
        if (open[i + s4] === g) {
          open[i + s4] = 0;
          stack[top++] = i + s4;
        }
        if (open[i + s5] === g) {
          open[i + s5] = 0;
          stack[top++] = i + s5;
        }
        if (open[i + s6] === g) {
          open[i + s6] = 0;
          stack[top++] = i + s6;
        }
        if (open[i + s7] === g) {
          open[i + s7] = 0;
          stack[top++] = i + s7;
        }
        if (open[i + s8] === g) {
          open[i + s8] = 0;
          stack[top++] = i + s8;
        }
        if (open[i + s9] === g) {
          open[i + s9] = 0;
          stack[top++] = i + s9;
        }
        if (open[i + s10] === g) {
          open[i + s10] = 0;
          stack[top++] = i + s10;
        }
        if (open[i + s11] === g) {
          open[i + s11] = 0;
          stack[top++] = i + s11;
        }
        if (open[i + s12] === g) {
          open[i + s12] = 0;
          stack[top++] = i + s12;
        }
        if (open[i + s13] === g) {
          open[i + s13] = 0;
          stack[top++] = i + s13;
        }
        if (open[i + s14] === g) {
          open[i + s14] = 0;
          stack[top++] = i + s14;
        }
        if (open[i + s15] === g) {
          open[i + s15] = 0;
          stack[top++] = i + s15;
        }
        if (open[i + s16] === g) {
          open[i + s16] = 0;
          stack[top++] = i + s16;
        }
        if (open[i + s17] === g) {
          open[i + s17] = 0;
          stack[top++] = i + s17;
        }
        if (open[i + s18] === g) {
          open[i + s18] = 0;
          stack[top++] = i + s18;
        }
        if (open[i + s19] === g) {
          open[i + s19] = 0;
          stack[top++] = i + s19;
        }
        if (open[i + s20] === g) {
          open[i + s20] = 0;
          stack[top++] = i + s20;
        }
        if (open[i + s21] === g) {
          open[i + s21] = 0;
          stack[top++] = i + s21;
        }
        if (open[i + s22] === g) {
          open[i + s22] = 0;
          stack[top++] = i + s22;
        }
        if (open[i + s23] === g) {
          open[i + s23] = 0;
          stack[top++] = i + s23;
        }
        if (open[i + s24] === g) {
          open[i + s24] = 0;
          stack[top++] = i + s24;
        }
        if (open[i + s25] === g) {
          open[i + s25] = 0;
          stack[top++] = i + s25;
        }
      }
    } else {
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
