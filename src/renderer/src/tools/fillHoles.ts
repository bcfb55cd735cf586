import type { EditRecorder } from './edits';
import { inPlaneAxes, sliceVoxelIndex, type Axis, type Grid } from './grid';

/**
 * Fill the holes of segment `label` slice by slice (perpendicular to `axis`): a hole is a
 * 4-connected region of non-`label` pixels that cannot reach the slice border. Only background
 * (0) voxels are filled, so other segments inside a hole are kept. Returns voxels filled.
 */
export function fillHoles2D(rec: EditRecorder, grid: Pick<Grid, 'size'>, axis: Axis, label: number, slices?: number[]): number {
  const [a, b] = inPlaneAxes(axis);
  const nu = grid.size[a];
  const nv = grid.size[b];
  const reached = new Uint8Array(nu * nv);
  const queue = new Int32Array(nu * nv);
  const labels = rec.labels;
  let filled = 0;
  const ks = slices ?? Array.from({ length: grid.size[axis] }, (_, k) => k);
  for (const k of ks) {
    const at = (u: number, v: number) => labels[sliceVoxelIndex(grid, axis, k, u, v)];
    let any = false;
    for (let v = 0; v < nv && !any; v++) for (let u = 0; u < nu; u++) if (at(u, v) === label) { any = true; break; }
    if (!any) continue;
    reached.fill(0);
    let head = 0;
    let tail = 0;
    const seed = (u: number, v: number) => {
      const p = u + nu * v;
      if (!reached[p] && at(u, v) !== label) {
        reached[p] = 1;
        queue[tail++] = p;
      }
    };
    for (let u = 0; u < nu; u++) {
      seed(u, 0);
      seed(u, nv - 1);
    }
    for (let v = 0; v < nv; v++) {
      seed(0, v);
      seed(nu - 1, v);
    }
    while (head < tail) {
      const p = queue[head++];
      const u = p % nu;
      const v = (p - u) / nu;
      if (u > 0) seed(u - 1, v);
      if (u < nu - 1) seed(u + 1, v);
      if (v > 0) seed(u, v - 1);
      if (v < nv - 1) seed(u, v + 1);
    }
    for (let v = 0; v < nv; v++) {
      for (let u = 0; u < nu; u++) {
        if (reached[u + nu * v]) continue;
        const idx = sliceVoxelIndex(grid, axis, k, u, v);
        if (labels[idx] === 0) {
          rec.set(idx, label);
          filled++;
        }
      }
    }
  }
  return filled;
}
