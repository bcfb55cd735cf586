import { signedDistance2D } from './distance';
import { inPlaneAxes, sliceVoxelIndex, type Axis, type Grid } from './grid';

export interface InterpolationPreview {
  axis: Axis;
  label: number;
  /** Voxels the interpolation would set to `label` (background voxels of the gap slices only). */
  indices: Uint32Array;
  /** The gap slices that receive voxels. */
  slices: number[];
}

/**
 * Fill between slices: for every pair of consecutive slices (perpendicular to `axis`) that contain
 * `label` with empty slices between them, interpolate the two outlines by blending their signed
 * distance maps, $s_t = (1-t)\,d_0 + t\,d_1$ with $t = (k-k_0)/(k_1-k_0)$, and keep $s_t < 0$
 * (shape-based interpolation, Raya & Udupa 1990; Slicer's "fill between slices" plays the same
 * role with morphological contour interpolation). Distances are in mm, so anisotropic pixels
 * interpolate correctly. Only background voxels are proposed; other segments are left alone.
 */
export function interpolateBetweenSlices(labels: Uint8Array, grid: Grid, axis: Axis, label: number): InterpolationPreview {
  const [a, b] = inPlaneAxes(axis);
  const nu = grid.size[a];
  const nv = grid.size[b];
  const nk = grid.size[axis];
  // Bounding box of the label on each slice (null: empty slice).
  const boxes: ([number, number, number, number] | null)[] = [];
  for (let k = 0; k < nk; k++) {
    let u0 = nu, v0 = nv, u1 = -1, v1 = -1;
    for (let v = 0; v < nv; v++) {
      for (let u = 0; u < nu; u++) {
        if (labels[sliceVoxelIndex(grid, axis, k, u, v)] !== label) continue;
        if (u < u0) u0 = u;
        if (u > u1) u1 = u;
        if (v < v0) v0 = v;
        if (v > v1) v1 = v;
      }
    }
    boxes.push(u1 < 0 ? null : [u0, v0, u1, v1]);
  }
  const annotated = boxes.flatMap((box, k) => (box ? [k] : []));
  const indices: number[] = [];
  const slices: number[] = [];
  for (let n = 0; n + 1 < annotated.length; n++) {
    const k0 = annotated[n];
    const k1 = annotated[n + 1];
    if (k1 - k0 < 2) continue;
    const b0 = boxes[k0]!;
    const b1 = boxes[k1]!;
    // Union box plus a one-pixel background ring: inside it the cropped distance maps equal the
    // full-slice ones, and outside it both shapes are absent, so s_t > 0 there.
    const cu0 = Math.max(0, Math.min(b0[0], b1[0]) - 1);
    const cv0 = Math.max(0, Math.min(b0[1], b1[1]) - 1);
    const cu1 = Math.min(nu - 1, Math.max(b0[2], b1[2]) + 1);
    const cv1 = Math.min(nv - 1, Math.max(b0[3], b1[3]) + 1);
    const w = cu1 - cu0 + 1;
    const h = cv1 - cv0 + 1;
    const crop = (k: number) => {
      const m = new Uint8Array(w * h);
      for (let v = 0; v < h; v++) for (let u = 0; u < w; u++) m[u + w * v] = labels[sliceVoxelIndex(grid, axis, k, cu0 + u, cv0 + v)] === label ? 1 : 0;
      return m;
    };
    const d0 = signedDistance2D(crop(k0), w, h, grid.spacing[a], grid.spacing[b]);
    const d1 = signedDistance2D(crop(k1), w, h, grid.spacing[a], grid.spacing[b]);
    for (let k = k0 + 1; k < k1; k++) {
      const t = (k - k0) / (k1 - k0);
      let any = false;
      for (let v = 0; v < h; v++) {
        for (let u = 0; u < w; u++) {
          const p = u + w * v;
          if ((1 - t) * d0[p] + t * d1[p] >= 0) continue;
          const idx = sliceVoxelIndex(grid, axis, k, cu0 + u, cv0 + v);
          if (labels[idx] !== 0) continue;
          indices.push(idx);
          any = true;
        }
      }
      if (any) slices.push(k);
    }
  }
  return { axis, label, indices: Uint32Array.from(indices), slices };
}
