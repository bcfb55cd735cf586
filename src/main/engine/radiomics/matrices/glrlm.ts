/**
 * Gray Level Run Length Matrix, pyradiomics `cmatrices.c: calculate_glrlm` plus the
 * post-processing of `glrlm._calculateMatrix` / `_calculateCoefficients` (algorithms.md §8.6;
 * IBSI "GLRLM", TP0I).
 */
import type { Vec3 } from '../../image/volume';
import { buildAngles, type Offset } from '../angles';
import type { ExtractionSettings } from '../settings';
import { glrlmAngleWeight, mergeAngles } from './angleWeights';
import { levelValues, type BinnedRoi } from './binnedRoi';
import { paddedLevels, paddedSteps } from './paddedLevels';
import { scratchInt32 } from '../../image/scratch';

export type GlrlmSettings = Pick<ExtractionSettings, 'force2D' | 'force2Ddimension' | 'weightingNorm'>;

/** The processed GLRLMs the features are computed from. */
export interface Glrlm {
  /** Per-angle run counts (weighted sums when merged): `p[(a·L + i)·J + j]`. */
  p: Float64Array;
  nAngles: number;
  nLevels: number;
  /** J = number of run lengths kept (those with a nonzero total over all angles). */
  nRuns: number;
  /** Gray value (original bin number) of row i. */
  levels: Float64Array;
  /** True run length of column j. */
  runLengths: Float64Array;
  /** N_r(a): total number of runs per angle, NaN where 0. */
  runCount: Float64Array;
}

/**
 * Raw run counts per angle, `L × maxRun` per angle with maxRun = max(grid size):
 * along every line of the grid in direction a, maximal sequences of consecutive ROI voxels with
 * one gray level are counted in row g, column length − 1 (a voxel outside the ROI ends a run).
 * If no line of an angle holds more than one ROI voxel, that angle's length-1 counts are zeroed
 * (pyradiomics' rule, which leaves the angle empty).
 */
export function glrlmCounts(roi: BinnedRoi, angles: readonly Offset[]): { counts: Float64Array; maxRun: number } {
  const L = roi.grayLevels.length;
  const [nx, ny, nz] = roi.size;
  const maxRun = Math.max(nx, ny, nz);
  const perAngle = L * maxRun;
  const nA = angles.length;
  const counts = new Float64Array(nA * perAngle);
  const padded = paddedLevels(roi, 1);
  const steps = paddedSteps(padded, angles);
  const { levels } = padded;
  const index = padded.roi;
  const longestRun = new Int32Array(nA);
  // run[p & wrap]: length so far of the run through voxel p. A ring longer than any step suffices: a
  // ROI predecessor's slot is not rewritten before its successor reads it (no ROI voxel lies a whole
  // ring between them), and a non-ROI predecessor's (stale) slot is masked by `continues` below. The
  // ring stays in cache where a grid-sized array would not.
  let ringSize = 1;
  for (const step of steps) while (ringSize <= Math.abs(step)) ringSize *= 2;
  const wrap = ringSize - 1;
  const run = scratchInt32('glrlm.run', ringSize);
  for (let a = 0; a < nA; a++) {
    // a run reversed is the same run: walk each line upwards in memory so predecessors come first
    const step = Math.abs(steps[a]!);
    const base = a * perAngle - 1;
    let longest = 0;
    // Branch-free (noisy textures make run ends unpredictable): a voxel continues its predecessor's
    // run when the predecessor has its level (outside the grid or the ROI reads 0), and ends the run
    // when the next voxel has not; counts[a·L·maxRun + (g − 1)·maxRun + length − 1] += end.
    for (let r = 0; r < index.length; r++) {
      const i = index[r]!;
      const g = levels[i]!;
      const before = levels[i - step]! - g;
      const continues = ((before | -before) >>> 31) ^ 1;
      const length = (run[(i - step) & wrap]! & -continues) + 1;
      run[i & wrap] = length;
      const after = levels[i + step]! - g;
      const ends = (after | -after) >>> 31;
      counts[base + (g - 1) * maxRun + length]! += ends;
      longest = Math.max(longest, length);
    }
    longestRun[a] = longest;
  }
  for (let a = 0; a < nA; a++) {
    if (longestRun[a] === 1 && !hasLineWithTwoRoiVoxels(roi, angles[a]!)) {
      for (let g = 0; g < L; g++) counts[a * perAngle + g * maxRun] = 0;
    }
  }
  return { counts, maxRun };
}

/** Whether some grid line along `a` holds two or more ROI voxels (not necessarily adjacent). */
function hasLineWithTwoRoiVoxels(roi: BinnedRoi, a: Offset): boolean {
  const [nx, ny, nz] = roi.size;
  const [az, ay, ax] = a;
  const step = ax + nx * (ay + ny * az);
  const { mask, x, y, z } = roi;
  const index = roi.roi;
  // Look forward from every ROI voxel for another ROI voxel on its line. Only needed when every
  // run of the angle has length 1, which is rare.
  for (let r = 0; r < index.length; r++) {
    let px = x[r]! + ax;
    let py = y[r]! + ay;
    let pz = z[r]! + az;
    for (let q = index[r]! + step; px >>> 0 < nx && py >>> 0 < ny && pz >>> 0 < nz; q += step) {
      if (mask[q] !== 0) return true;
      px += ax;
      py += ay;
      pz += az;
    }
  }
  return false;
}

/**
 * GLRLMs as pyradiomics' features see them: unidirectional distance-1 angles (`distances` is not
 * used), merged as Σ w_a·P_a when `weightingNorm` is set ({@link glrlmAngleWeight}), zero-sum
 * angles deleted when more than one remains, run-length columns with a zero total deleted.
 *
 * @param spacing voxel spacing (x, y, z) in mm, for the weights.
 */
export function computeGlrlm(roi: BinnedRoi, settings: GlrlmSettings, spacing: Vec3): Glrlm {
  const angles = buildAngles(roi.size, {
    distances: [1],
    force2D: settings.force2D,
    force2Ddimension: settings.force2Ddimension,
    bidirectional: false,
  });
  const L = roi.grayLevels.length;
  const { counts, maxRun } = glrlmCounts(roi, angles);
  const cells = L * maxRun;
  let p = counts;
  let nMatrices = angles.length;
  if (settings.weightingNorm !== null) {
    const norm = settings.weightingNorm;
    p = mergeAngles(p, angles.length, cells, angles.map((a) => glrlmAngleWeight(norm, a, spacing)));
    nMatrices = 1;
  }
  const sums = new Float64Array(nMatrices);
  for (let a = 0; a < nMatrices; a++) {
    let s = 0;
    for (let c = 0; c < cells; c++) s += p[a * cells + c]!;
    sums[a] = s;
  }
  let keep = Array.from({ length: nMatrices }, (_, a) => a);
  if (nMatrices > 1) keep = keep.filter((a) => sums[a] !== 0);
  const columnTotal = new Float64Array(maxRun);
  for (const a of keep) for (let g = 0; g < L; g++) for (let r = 0; r < maxRun; r++) columnTotal[r]! += p[a * cells + g * maxRun + r]!;
  const columns: number[] = [];
  for (let r = 0; r < maxRun; r++) if (columnTotal[r] !== 0) columns.push(r);
  const J = columns.length;
  const out = new Float64Array(keep.length * L * J);
  keep.forEach((a, k) => {
    for (let g = 0; g < L; g++) {
      for (let c = 0; c < J; c++) out[(k * L + g) * J + c] = p[a * cells + g * maxRun + columns[c]!]!;
    }
  });
  return {
    p: out,
    nAngles: keep.length,
    nLevels: L,
    nRuns: J,
    levels: levelValues(roi),
    runLengths: Float64Array.from(columns, (r) => r + 1),
    runCount: Float64Array.from(keep, (a) => (sums[a] === 0 ? NaN : sums[a]!)),
  };
}
