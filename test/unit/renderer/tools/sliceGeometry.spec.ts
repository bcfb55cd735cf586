import { describe, expect, it } from 'vitest';
import {
  displayToWorld,
  fitCamera,
  indexToWorld,
  paneCamera,
  panBy,
  sliceAxisOf,
  sliceIndexAt,
  stepCursor,
  worldToDisplay,
  worldToIndex,
  zoomAt,
  type ImageGeometry,
} from '../../../../src/renderer/src/geometry/sliceGeometry';
import { dragWindowLevel, huRange } from '../../../../src/renderer/src/tools/windowLevel';

const axialCt: ImageGeometry = { size: [100, 80, 30], spacing: [0.8, 0.8, 2.5], origin: [-40, -30, -50], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] };
// A sagittally acquired grid: i → anterior–posterior (−y), j → superior (+z), k → left (+x).
const sagittalAcq: ImageGeometry = { size: [64, 64, 40], spacing: [1, 1, 3], origin: [0, 0, 0], direction: [0, 0, 1, -1, 0, 0, 0, 1, 0] };

describe('slice-view geometry (LPS, radiological convention)', () => {
  it('index ↔ world round trip with a non-identity direction', () => {
    const p = indexToWorld(sagittalAcq, [3, 5, 7]);
    expect(p).toEqual([21, -3, 5]);
    expect(worldToIndex(sagittalAcq, p).map((v) => +v.toFixed(12))).toEqual([3, 5, 7]);
  });

  it('each orientation slices the image axis closest to its normal', () => {
    expect([sliceAxisOf(axialCt, 'axial'), sliceAxisOf(axialCt, 'coronal'), sliceAxisOf(axialCt, 'sagittal')]).toEqual([2, 1, 0]);
    expect([sliceAxisOf(sagittalAcq, 'axial'), sliceAxisOf(sagittalAcq, 'coronal'), sliceAxisOf(sagittalAcq, 'sagittal')]).toEqual([1, 0, 2]);
  });

  it('phases on different grids show the slice nearest the same physical position', () => {
    const other: ImageGeometry = { ...axialCt, spacing: [1, 1, 5], origin: [-40, -30, -48] };
    const cursor = indexToWorld(axialCt, [10, 10, 12]); // z = −20 mm
    expect(sliceIndexAt(axialCt, 'axial', cursor)).toBe(12);
    expect(sliceIndexAt(other, 'axial', cursor)).toBe(6); // (−20 + 48) / 5 = 5.6
    const next = stepCursor(axialCt, 'axial', cursor, 1);
    expect(next[2]).toBeCloseTo(-17.5, 12);
    expect(stepCursor(axialCt, 'axial', cursor, 100)[2]).toBeCloseTo(-50 + 29 * 2.5, 12);
  });

  it('axial: patient left on screen right, anterior at the top', () => {
    const cam = { center: [0, 0, 0] as [number, number, number], parallelScale: 50 };
    const vp = { width: 200, height: 100 };
    const { focal } = paneCamera('axial', cam, [0, 0, 10]);
    expect(focal).toEqual([0, 0, 10]);
    const [lx] = worldToDisplay('axial', focal, 50, vp, [10, 0, 10]); // +x = patient left
    const [, ay] = worldToDisplay('axial', focal, 50, vp, [0, -10, 10]); // −y = anterior
    expect(lx).toBeGreaterThan(100);
    expect(ay).toBeLessThan(50);
  });

  it('display ↔ world round trip in every orientation', () => {
    const vp = { width: 300, height: 200 };
    for (const o of ['axial', 'coronal', 'sagittal'] as const) {
      const { focal } = paneCamera(o, { center: [5, -3, 2], parallelScale: 40 }, [1, 2, 3]);
      const w = displayToWorld(o, focal, 40, vp, 37, 151);
      const [x, y] = worldToDisplay(o, focal, 40, vp, w);
      expect(x).toBeCloseTo(37, 9);
      expect(y).toBeCloseTo(151, 9);
    }
  });

  it('fit shows the whole volume; zoom keeps the point under the mouse; pan follows the drag', () => {
    const vp = { width: 400, height: 300 };
    const cam = fitCamera(axialCt, 'axial', vp);
    // 80 mm wide × 64 mm tall in a 4:3 viewport: the width limits → half-height 80/2/(4/3) = 30 → 64/2 = 32 wins.
    expect(cam.parallelScale).toBeCloseTo(32 * 1.04, 9);
    const under = displayToWorld('axial', cam.center, cam.parallelScale, vp, 120, 80);
    const z = zoomAt('axial', cam, vp, 2, 120, 80);
    expect(z.parallelScale).toBeCloseTo(cam.parallelScale / 2, 12);
    const still = displayToWorld('axial', z.center, z.parallelScale, vp, 120, 80);
    still.forEach((v, i) => expect(v).toBeCloseTo(under[i], 9));
    const p = panBy('axial', cam, vp, 10, 0);
    const [x] = worldToDisplay('axial', p.center, p.parallelScale, vp, under);
    expect(x).toBeCloseTo(130, 9);
  });
});

describe('window/level', () => {
  it('drag right widens, drag down raises the level; the window never drops below 1', () => {
    expect(dragWindowLevel({ window: 400, level: 40 }, 10, 5)).toEqual({ window: 420, level: 50 });
    expect(dragWindowLevel({ window: 5, level: 0 }, -100, 0).window).toBe(1);
    expect(huRange({ window: 400, level: 40 })).toEqual([-160, 240]);
  });
});
