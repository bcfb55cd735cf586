import type { EditRecorder } from './edits';
import { inPlaneAxes, type Axis, type Grid, type Vec3 } from './grid';

export type BrushMode = '2d' | '3d';

/**
 * Voxel offsets (dx, dy, dz triplets) covered by a brush of diameter `diameterMm` centred on a
 * voxel: a disc in the slice plane perpendicular to `axis` (2D) or a ball (3D). A voxel is inside
 * when its centre lies within diameter/2 of the brush centre in physical distance, so anisotropic
 * spacing gives an ellipse in index space. The centre voxel is always included (a brush smaller
 * than one voxel paints one voxel).
 */
export function brushOffsets(spacing: Vec3, axis: Axis, mode: BrushMode, diameterMm: number): Int32Array {
  const r = Math.max(diameterMm, 0) / 2;
  const r2 = r * r;
  const extent = (a: number) => Math.floor(r / spacing[a]);
  const [ua, va] = inPlaneAxes(axis);
  const ranges: Vec3 = [0, 0, 0];
  ranges[ua] = extent(ua);
  ranges[va] = extent(va);
  ranges[axis] = mode === '3d' ? extent(axis) : 0;
  const out: number[] = [];
  for (let dz = -ranges[2]; dz <= ranges[2]; dz++) {
    for (let dy = -ranges[1]; dy <= ranges[1]; dy++) {
      for (let dx = -ranges[0]; dx <= ranges[0]; dx++) {
        const d2 = (dx * spacing[0]) ** 2 + (dy * spacing[1]) ** 2 + (dz * spacing[2]) ** 2;
        if (d2 <= r2 || (dx === 0 && dy === 0 && dz === 0)) out.push(dx, dy, dz);
      }
    }
  }
  return Int32Array.from(out);
}

/** Brush diameter in voxels along the finer in-plane axis (shown next to the size in mm). */
export function diameterInVoxels(spacing: Vec3, axis: Axis, diameterMm: number): number {
  const [ua, va] = inPlaneAxes(axis);
  return diameterMm / Math.min(spacing[ua], spacing[va]);
}

/**
 * Integer stamp centres along a stroke from `from` to `to` (continuous voxel indices), spaced at
 * most `step` voxels apart so fast mouse moves leave no gaps; consecutive duplicates are dropped.
 */
export function strokeCentres(from: Vec3, to: Vec3, step: number): Vec3[] {
  const d = Math.hypot(to[0] - from[0], to[1] - from[1], to[2] - from[2]);
  const n = Math.max(1, Math.ceil(d / Math.max(step, 0.25)));
  const out: Vec3[] = [];
  for (let s = 0; s <= n; s++) {
    const t = s / n;
    const c: Vec3 = [
      Math.round(from[0] + t * (to[0] - from[0])),
      Math.round(from[1] + t * (to[1] - from[1])),
      Math.round(from[2] + t * (to[2] - from[2])),
    ];
    const last = out.at(-1);
    if (!last || last[0] !== c[0] || last[1] !== c[1] || last[2] !== c[2]) out.push(c);
  }
  return out;
}

/** What a stamp writes: paint `label`, or erase it (only voxels of `label` become 0). */
export interface PaintOptions {
  label: number;
  erase: boolean;
  /** Threshold-constrained painting: only voxels whose image value (HU) lies in [lo, hi]. */
  threshold: { image: ArrayLike<number>; lo: number; hi: number } | null;
}

/** Apply one brush stamp at integer voxel `centre`, clipped to the grid. Returns voxels changed. */
export function stamp(rec: EditRecorder, grid: Pick<Grid, 'size'>, offsets: Int32Array, centre: Vec3, opts: PaintOptions): number {
  const [nx, ny, nz] = grid.size;
  const labels = rec.labels;
  let changed = 0;
  for (let n = 0; n < offsets.length; n += 3) {
    const x = centre[0] + offsets[n];
    const y = centre[1] + offsets[n + 1];
    const z = centre[2] + offsets[n + 2];
    if (x < 0 || y < 0 || z < 0 || x >= nx || y >= ny || z >= nz) continue;
    const idx = x + nx * (y + ny * z);
    if (opts.erase) {
      if (labels[idx] === opts.label) {
        rec.set(idx, 0);
        changed++;
      }
      continue;
    }
    if (labels[idx] === opts.label) continue;
    if (opts.threshold) {
      const hu = opts.threshold.image[idx];
      if (hu < opts.threshold.lo || hu > opts.threshold.hi) continue;
    }
    rec.set(idx, opts.label);
    changed++;
  }
  return changed;
}
