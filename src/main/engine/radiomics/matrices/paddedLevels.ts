/**
 * The discretised ROI on a grid with an empty margin, the form the texture-matrix loops scan
 * (pyradiomics `cmatrices.c` walks the same neighbours with explicit bounds and mask tests).
 *
 * `levels[p]` = row + 1 of the voxel's gray level in the compacted matrices (the order of
 * `grayLevels`), 0 outside the ROI and in the margin. With a margin of at least the largest offset
 * component, a neighbour i + step never leaves the array, and "outside the grid" reads the same 0 as
 * "outside the ROI" — which is how every pyradiomics matrix treats both (the neighbour is skipped, a
 * run or zone ends). So each loop needs one load and one comparison per neighbour.
 */
import type { Vec3 } from '../../image/volume';
import { buildAngles, type Offset } from '../angles';
import type { BinnedRoi } from './binnedRoi';

export interface PaddedLevels {
  /** Grid size with the margin, (x, y, z). */
  size: Vec3;
  margin: number;
  /** Matrix row + 1 of every voxel, 0 outside the ROI (x fastest). */
  levels: Int32Array;
  /** Index in `levels` of each ROI voxel, in the ROI order of {@link BinnedRoi.roi} (numpy C order). */
  roi: Int32Array;
  /** Bin number (pyradiomics gray value) of level l = row + 1; `binOfLevel[0]` = 0. */
  binOfLevel: Int32Array;
}

const cache = new WeakMap<BinnedRoi, Map<number, PaddedLevels>>();

/** The largest |component| of a set of offsets: the margin they need. */
export function offsetReach(angles: readonly Offset[]): number {
  let m = 0;
  for (const a of angles) m = Math.max(m, Math.abs(a[0]), Math.abs(a[1]), Math.abs(a[2]));
  return m;
}

/**
 * {@link PaddedLevels} of a binned ROI with `margin` empty voxels on every side (at least 1); cached
 * per ROI and margin, so the texture classes of one image share it.
 */
export function paddedLevels(roi: BinnedRoi, margin: number): PaddedLevels {
  const m = Math.max(1, margin);
  let byMargin = cache.get(roi);
  if (!byMargin) cache.set(roi, (byMargin = new Map()));
  const hit = byMargin.get(m);
  if (hit) return hit;
  const [nx, ny, nz] = roi.size;
  const size: Vec3 = [nx + 2 * m, ny + 2 * m, nz + 2 * m];
  const levels = new Int32Array(size[0] * size[1] * size[2]);
  const binOfLevel = new Int32Array(roi.grayLevels.length + 1);
  const levelOfBin = new Int32Array(roi.ng + 1);
  roi.grayLevels.forEach((g, r) => {
    levelOfBin[g] = r + 1;
    binOfLevel[r + 1] = g;
  });
  const n = roi.roi.length;
  const padded = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const p = roi.x[r]! + m + size[0] * (roi.y[r]! + m + size[1] * (roi.z[r]! + m));
    padded[r] = p;
    levels[p] = levelOfBin[roi.bins[roi.roi[r]!]!]!;
  }
  const result: PaddedLevels = { size, margin: m, levels, roi: padded, binOfLevel };
  byMargin.set(m, result);
  return result;
}

/** Linear index step of each offset (dz, dy, dx) on the padded grid. */
export function paddedSteps(p: PaddedLevels, angles: readonly Offset[]): Int32Array {
  const [px, py] = p.size;
  return Int32Array.from(angles, ([az, ay, ax]) => ax + px * (ay + py * az));
}

/**
 * The neighbourhood GLDM and NGTDM share: the bidirectional angles for `distances` (cmatrices.c
 * build_angles; force2D drops out-of-plane offsets), the ROI on a grid padded by their reach, and
 * the index step of each angle on that grid.
 */
export function bidirectionalNeighbourhood(
  roi: BinnedRoi,
  settings: { distances: number[]; force2D: boolean; force2Ddimension: 0 | 1 | 2 },
): { padded: PaddedLevels; steps: Int32Array; nAngles: number } {
  const angles = buildAngles(roi.size, {
    distances: settings.distances,
    force2D: settings.force2D,
    force2Ddimension: settings.force2Ddimension,
    bidirectional: true,
  });
  const padded = paddedLevels(roi, offsetReach(angles));
  return { padded, steps: paddedSteps(padded, angles), nAngles: angles.length };
}
