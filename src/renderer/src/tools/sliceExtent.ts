import { inPlaneAxes, type Axis, type Grid } from './grid';

/** Inclusive voxel index box [i0, i1, j0, j1, k0, k1] (vtk's extent order). */
export type Extent = [number, number, number, number, number, number];

/** Voxels in an extent. */
export function extentVoxels(e: Extent): number {
  return (e[1] - e[0] + 1) * (e[3] - e[2] + 1) * (e[5] - e[4] + 1);
}

/**
 * Bounding box of the non-zero voxels on slice `k` perpendicular to `axis`, grown by `margin`
 * voxels in the slice plane (clipped to the grid), as an extent one voxel thick along `axis`; null
 * when the slice has none. Each line of the slice is scanned from both ends up to its first and
 * last label, so a slice costs at most one read per voxel.
 */
export function sliceLabelExtent(labels: Uint8Array, g: Pick<Grid, 'size'>, axis: Axis, k: number, margin = 0): Extent | null {
  const [nx, ny] = g.size;
  const stride = [1, nx, nx * ny];
  const [ua, va] = inPlaneAxes(axis);
  const nu = g.size[ua];
  const nv = g.size[va];
  const su = stride[ua];
  const sv = stride[va];
  const base = k * stride[axis];
  let u0 = nu;
  let u1 = -1;
  let v0 = nv;
  let v1 = -1;
  for (let v = 0; v < nv; v++) {
    const line = base + v * sv;
    let first = 0;
    while (first < nu && labels[line + first * su] === 0) first++;
    if (first === nu) continue;
    let last = nu - 1;
    while (labels[line + last * su] === 0) last--;
    if (first < u0) u0 = first;
    if (last > u1) u1 = last;
    if (v0 === nv) v0 = v;
    v1 = v;
  }
  if (u1 < 0) return null;
  const e: Extent = [0, 0, 0, 0, 0, 0];
  e[2 * ua] = Math.max(0, u0 - margin);
  e[2 * ua + 1] = Math.min(nu - 1, u1 + margin);
  e[2 * va] = Math.max(0, v0 - margin);
  e[2 * va + 1] = Math.min(nv - 1, v1 + margin);
  e[2 * axis] = k;
  e[2 * axis + 1] = k;
  return e;
}

/** Copy the voxels inside `e` out of a whole-grid array (x fastest), e.g. as a sub-image's scalars. */
export function copyExtent(labels: Uint8Array, g: Pick<Grid, 'size'>, e: Extent): Uint8Array {
  const [nx, ny] = g.size;
  const w = e[1] - e[0] + 1;
  const out = new Uint8Array(extentVoxels(e));
  let o = 0;
  for (let z = e[4]; z <= e[5]; z++) {
    for (let y = e[2]; y <= e[3]; y++) {
      const row = e[0] + nx * (y + ny * z);
      out.set(labels.subarray(row, row + w), o);
      o += w;
    }
  }
  return out;
}
