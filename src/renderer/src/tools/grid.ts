/**
 * Voxel grids as the tools see them: x fastest (`i + nx·(j + ny·k)`), as the main process's
 * Volume type and vtkImageData. Axis 0/1/2 = image i/j/k.
 */
export type Vec3 = [number, number, number];
export type Axis = 0 | 1 | 2;

export interface Grid {
  size: Vec3;
  /** mm per voxel along i, j, k. */
  spacing: Vec3;
}

export function voxelCount(g: Pick<Grid, 'size'>): number {
  return g.size[0] * g.size[1] * g.size[2];
}

export function linearIndex(g: Pick<Grid, 'size'>, i: number, j: number, k: number): number {
  return i + g.size[0] * (j + g.size[1] * k);
}

/** The two in-plane axes (u, v) of a slice perpendicular to `axis`, in increasing order. */
export function inPlaneAxes(axis: Axis): [Axis, Axis] {
  return axis === 0 ? [1, 2] : axis === 1 ? [0, 2] : [0, 1];
}

/** Linear index of in-plane pixel (u, v) on slice `k` perpendicular to `axis`. */
export function sliceVoxelIndex(g: Pick<Grid, 'size'>, axis: Axis, k: number, u: number, v: number): number {
  const p: Vec3 = [0, 0, 0];
  const [a, b] = inPlaneAxes(axis);
  p[axis] = k;
  p[a] = u;
  p[b] = v;
  return linearIndex(g, p[0], p[1], p[2]);
}

/** Copy slice `k` (perpendicular to `axis`) out as a row-major (u fastest) 2D array. */
export function extractSlice(labels: Uint8Array, g: Pick<Grid, 'size'>, axis: Axis, k: number, out?: Uint8Array): Uint8Array {
  const [a, b] = inPlaneAxes(axis);
  const nu = g.size[a];
  const nv = g.size[b];
  const slice = out ?? new Uint8Array(nu * nv);
  for (let v = 0; v < nv; v++) for (let u = 0; u < nu; u++) slice[u + nu * v] = labels[sliceVoxelIndex(g, axis, k, u, v)];
  return slice;
}

export function inBounds(g: Pick<Grid, 'size'>, i: number, j: number, k: number): boolean {
  return i >= 0 && j >= 0 && k >= 0 && i < g.size[0] && j < g.size[1] && k < g.size[2];
}
