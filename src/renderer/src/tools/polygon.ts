import type { EditRecorder } from './edits';
import { sliceVoxelIndex, type Axis, type Grid } from './grid';

/** A point in a slice's in-plane continuous index coordinates (u, v). */
export type Point2 = [number, number];

/**
 * Pixels (u, v) of an `nu × nv` slice whose centres lie inside a closed polygon (even–odd rule,
 * scanline crossing at each pixel row's centre), as in a voxel-centre rasterisation of a contour.
 */
export function rasterisePolygon(points: Point2[], nu: number, nv: number): Point2[] {
  const out: Point2[] = [];
  if (points.length < 3) return out;
  let vmin = Infinity;
  let vmax = -Infinity;
  for (const p of points) {
    vmin = Math.min(vmin, p[1]);
    vmax = Math.max(vmax, p[1]);
  }
  const xs: number[] = [];
  for (let v = Math.max(0, Math.ceil(vmin)); v <= Math.min(nv - 1, Math.floor(vmax)); v++) {
    xs.length = 0;
    for (let a = 0; a < points.length; a++) {
      const p = points[a];
      const q = points[(a + 1) % points.length];
      // Half-open rule: an edge counts when the row lies in [min, max) of its v-range.
      if ((p[1] <= v && q[1] > v) || (q[1] <= v && p[1] > v)) xs.push(p[0] + ((v - p[1]) / (q[1] - p[1])) * (q[0] - p[0]));
    }
    xs.sort((x, y) => x - y);
    for (let n = 0; n + 1 < xs.length; n += 2) {
      for (let u = Math.max(0, Math.ceil(xs[n])); u <= Math.min(nu - 1, Math.floor(xs[n + 1])); u++) {
        // A pixel centre exactly on the right edge is outside (half-open), as on the row rule.
        if (u === xs[n + 1] && u !== xs[n]) continue;
        out.push([u, v]);
      }
    }
  }
  return out;
}

/** Fill a polygon drawn on slice `k` (perpendicular to `axis`) with `label`, optionally HU-constrained. */
export function fillPolygon(
  rec: EditRecorder,
  grid: Pick<Grid, 'size'>,
  axis: Axis,
  k: number,
  points: Point2[],
  label: number,
  threshold: { image: ArrayLike<number>; lo: number; hi: number } | null,
): number {
  const [nu, nv] = axis === 0 ? [grid.size[1], grid.size[2]] : axis === 1 ? [grid.size[0], grid.size[2]] : [grid.size[0], grid.size[1]];
  let n = 0;
  for (const [u, v] of rasterisePolygon(points, nu, nv)) {
    const idx = sliceVoxelIndex(grid, axis, k, u, v);
    if (threshold) {
      const hu = threshold.image[idx];
      if (hu < threshold.lo || hu > threshold.hi) continue;
    }
    rec.set(idx, label);
    n++;
  }
  return n;
}
