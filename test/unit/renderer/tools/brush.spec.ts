import { describe, expect, it } from 'vitest';
import { brushOffsets, diameterInVoxels, stamp, strokeCentres } from '../../../../src/renderer/src/tools/brush';
import { EditRecorder } from '../../../../src/renderer/src/tools/edits';
import type { Grid } from '../../../../src/renderer/src/tools/grid';

/** Draw slice k of a label map as rows of '#' and '.', y down (for readable expectations). */
function picture(labels: Uint8Array, g: Grid, k: number): string[] {
  const rows: string[] = [];
  for (let y = 0; y < g.size[1]; y++) {
    let row = '';
    for (let x = 0; x < g.size[0]; x++) row += labels[x + g.size[0] * (y + g.size[1] * k)] ? '#' : '.';
    rows.push(row);
  }
  return rows;
}

const opts = { label: 1, erase: false, threshold: null };

describe('brush rasterisation', () => {
  it('a 2D disc of diameter 5 mm on 1 mm pixels covers the voxel centres within 2.5 mm', () => {
    const g: Grid = { size: [7, 7, 3], spacing: [1, 1, 1] };
    const labels = new Uint8Array(7 * 7 * 3);
    const rec = new EditRecorder(labels);
    stamp(rec, g, brushOffsets(g.spacing, 2, '2d', 5), [3, 3, 1], opts);
    expect(picture(labels, g, 1)).toEqual(['.......', '..###..', '.#####.', '.#####.', '.#####.', '..###..', '.......']);
    expect(picture(labels, g, 0).join('')).not.toContain('#');
    expect(rec.touched).toBe(21);
  });

  it('anisotropic pixels give an ellipse in index space (radius in mm)', () => {
    const offsets = brushOffsets([0.5, 1, 3], 2, '2d', 4);
    // |dx|·0.5 ≤ 2 → dx ∈ [−4, 4] on the centre row; |dy| ≤ 2 on the centre column.
    const row = [];
    const col = [];
    for (let n = 0; n < offsets.length; n += 3) {
      if (offsets[n + 1] === 0) row.push(offsets[n]);
      if (offsets[n] === 0) col.push(offsets[n + 1]);
    }
    expect(row.sort((a, b) => a - b)).toEqual([-4, -3, -2, -1, 0, 1, 2, 3, 4]);
    expect(col.sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2]);
    expect(diameterInVoxels([0.5, 1, 3], 2, 4)).toBe(8);
  });

  it('a 3D sphere reaches neighbouring slices only where their distance allows', () => {
    const offsets = brushOffsets([1, 1, 2], 2, '3d', 6.2);
    const perSlice = new Map<number, number>();
    for (let n = 0; n < offsets.length; n += 3) perSlice.set(offsets[n + 2], (perSlice.get(offsets[n + 2]) ?? 0) + 1);
    // r = 3.1 mm, dz = ±2 mm → in-plane radius √(3.1² − 2²) ≈ 2.37 → 21 pixels; dz = 0 → r 3.1 → 29.
    expect(Object.fromEntries(perSlice)).toEqual({ '-1': 21, '0': 29, '1': 21 });
  });

  it('a brush smaller than a voxel still paints the voxel under it', () => {
    expect([...brushOffsets([1, 1, 1], 2, '2d', 0.1)]).toEqual([0, 0, 0]);
  });

  it('sagittal slices paint in the j–k plane', () => {
    const offsets = brushOffsets([1, 1, 1], 0, '2d', 3);
    for (let n = 0; n < offsets.length; n += 3) expect(offsets[n]).toBe(0);
    expect(offsets.length / 3).toBe(9);
  });

  it('clips at the grid border', () => {
    const g: Grid = { size: [4, 4, 1], spacing: [1, 1, 1] };
    const labels = new Uint8Array(16);
    stamp(new EditRecorder(labels), g, brushOffsets(g.spacing, 2, '2d', 3), [0, 0, 0], opts);
    expect(picture(labels, g, 0)).toEqual(['##..', '##..', '....', '....']);
  });

  it('threshold-constrained painting skips voxels outside the HU range', () => {
    const g: Grid = { size: [5, 1, 1], spacing: [1, 1, 1] };
    const labels = new Uint8Array(5);
    const image = Int16Array.from([-1000, 30, 45, 200, 50]);
    stamp(new EditRecorder(labels), g, brushOffsets(g.spacing, 2, '2d', 5), [2, 0, 0], { ...opts, threshold: { image, lo: 20, hi: 60 } });
    expect([...labels]).toEqual([0, 1, 1, 0, 1]);
  });

  it('the eraser clears only the active segment', () => {
    const g: Grid = { size: [4, 1, 1], spacing: [1, 1, 1] };
    const labels = Uint8Array.from([1, 2, 1, 1]);
    stamp(new EditRecorder(labels), g, brushOffsets(g.spacing, 2, '2d', 3), [1, 0, 0], { label: 1, erase: true, threshold: null });
    expect([...labels]).toEqual([0, 2, 0, 1]);
  });

  it('painting over another segment overwrites it (overwrite-all policy)', () => {
    const g: Grid = { size: [3, 1, 1], spacing: [1, 1, 1] };
    const labels = Uint8Array.from([2, 2, 2]);
    stamp(new EditRecorder(labels), g, brushOffsets(g.spacing, 2, '2d', 1), [1, 0, 0], opts);
    expect([...labels]).toEqual([2, 1, 2]);
  });

  it('stroke centres leave no gap between distant mouse positions', () => {
    const c = strokeCentres([0, 0, 2], [10, 4, 2], 1);
    expect(c[0]).toEqual([0, 0, 2]);
    expect(c.at(-1)).toEqual([10, 4, 2]);
    for (let n = 1; n < c.length; n++) {
      expect(Math.abs(c[n][0] - c[n - 1][0])).toBeLessThanOrEqual(1);
      expect(Math.abs(c[n][1] - c[n - 1][1])).toBeLessThanOrEqual(1);
    }
    expect(strokeCentres([1.2, 1.1, 0], [1.3, 0.9, 0], 1)).toEqual([[1, 1, 0]]);
  });
});
