import { describe, expect, it } from 'vitest';
import { buildAngles } from '../../../../../../src/main/engine/radiomics/angles';
import { binRoi } from '../../../../../../src/main/engine/radiomics/matrices/binnedRoi';
import { computeGlrlm, glrlmCounts } from '../../../../../../src/main/engine/radiomics/matrices/glrlm';
import { DEFAULT_SETTINGS } from '../../../../../../src/main/engine/radiomics/settings';

const S = { ...DEFAULT_SETTINGS, binWidth: 1 };

describe('GLRLM run counting', () => {
  it('a voxel outside the ROI ends a run; runs are per gray level', () => {
    // x: 1 1 . 1 2 2 2  (one row)
    const roi = binRoi([1, 1, 0, 1, 2, 2, 2], [1, 1, 0, 1, 1, 1, 1], [7, 1, 1], false, S);
    const { counts, maxRun } = glrlmCounts(roi, [[0, 0, 1]]);
    // level 1: runs of 2 and 1; level 2: one run of 3
    expect(Array.from(counts.subarray(0, maxRun))).toEqual([1, 1, 0, 0, 0, 0, 0]);
    expect(Array.from(counts.subarray(maxRun, 2 * maxRun))).toEqual([0, 0, 1, 0, 0, 0, 0]);
  });

  it('length-1 runs are kept when a line holds two ROI voxels of different levels', () => {
    const roi = binRoi([1, 2, 1, 2], [1, 1, 1, 1], [4, 1, 1], false, S);
    const { counts, maxRun } = glrlmCounts(roi, [[0, 0, 1]]);
    expect(counts[0]).toBe(2);
    expect(counts[maxRun]).toBe(2);
  });

  it('an angle whose lines never hold two ROI voxels is zeroed and then deleted (pyradiomics rule)', () => {
    // 2×2 slice, ROI on the main diagonal only: rows and columns hold one ROI voxel each
    const roi = binRoi([5, 0, 0, 5], [1, 0, 0, 1], [2, 2, 1], false, S);
    const angles = buildAngles(roi.size, { distances: [1], force2D: false, force2Ddimension: 0, bidirectional: false });
    expect(angles).toEqual([
      [0, 1, 1],
      [0, 1, 0],
      [0, 1, -1],
      [0, 0, 1],
    ]);
    const { counts, maxRun } = glrlmCounts(roi, angles);
    const total = (a: number): number => counts.subarray(a * maxRun, (a + 1) * maxRun).reduce((s, v) => s + v, 0);
    // (0,1,1) holds the run of 2; (0,1,0) and (0,0,1) hold one voxel per line; (0,1,-1) none
    expect([0, 1, 2, 3].map(total)).toEqual([1, 0, 0, 0]);
    const m = computeGlrlm(roi, S, [1, 1, 1]);
    expect(m.nAngles).toBe(1);
    expect(Array.from(m.runLengths)).toEqual([2]);
  });
});
