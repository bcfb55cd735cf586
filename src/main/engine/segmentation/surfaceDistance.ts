/**
 * Mask surfaces and surface-to-surface distances in millimetres, the building blocks of the
 * Hausdorff distance (MedPy `medpy.metric.binary.__surface_distances` definition, reimplemented).
 *
 * Surface (boundary) voxel: a foreground voxel with at least one of its 6 face neighbours in the
 * background, where voxels outside the grid count as background (MedPy: `mask XOR erosion(mask)` with
 * the 6-connected cross as structuring element and scipy's default `border_value = 0`).
 * Distances are between voxel centres in physical units: the voxel index difference scaled by the
 * spacing (the direction matrix is orthonormal, so it does not change lengths).
 */
import type { Vec3 } from '../image/volume';

/** Linear indices (x fastest) of the surface voxels of a binary mask (nonzero = foreground). */
export function surfaceVoxels(mask: ArrayLike<number>, size: Vec3): Int32Array {
  const [nx, ny, nz] = size;
  const plane = nx * ny;
  const out: number[] = [];
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const i = x + nx * y + plane * z;
        if (mask[i] === 0) continue;
        if (
          x === 0 || x === nx - 1 || y === 0 || y === ny - 1 || z === 0 || z === nz - 1 ||
          mask[i - 1] === 0 || mask[i + 1] === 0 || mask[i - nx] === 0 || mask[i + nx] === 0 || mask[i - plane] === 0 || mask[i + plane] === 0
        ) {
          out.push(i);
        }
      }
    }
  }
  return Int32Array.from(out);
}

/**
 * One pass of the exact 1-D squared distance transform (Felzenszwalb & Huttenlocher 2012, "Distance
 * transforms of sampled functions", lower envelope of parabolas) along a line of `n` samples spaced
 * `h` mm apart: d(p) = min_q ((p − q)² h² + f(q)); f = Infinity marks "no site".
 */
function squaredDistance1D(f: Float64Array, n: number, h: number, d: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = -1;
  const h2 = h * h;
  for (let q = 0; q < n; q++) {
    if (f[q] === Infinity) continue;
    const fq = f[q] + q * q * h2;
    while (k >= 0) {
      const p = v[k];
      const s = (fq - (f[p] + p * p * h2)) / (2 * h2 * (q - p));
      if (s <= z[k]) k--;
      else {
        k++;
        v[k] = q;
        z[k] = s;
        break;
      }
    }
    if (k < 0) {
      k = 0;
      v[0] = q;
      z[0] = -Infinity;
    }
  }
  if (k < 0) {
    d.fill(Infinity, 0, n);
    return;
  }
  let j = 0;
  for (let q = 0; q < n; q++) {
    while (j < k && z[j + 1] < q) j++;
    const dq = q - v[j];
    d[q] = dq * dq * h2 + f[v[j]];
  }
}

/**
 * Exact squared Euclidean distance (mm²) from every voxel of a grid to the nearest site voxel,
 * separable over x, y and z with anisotropic spacing; Infinity everywhere when there is no site.
 */
export function squaredDistanceToSites(sites: ArrayLike<number>, size: Vec3, spacing: Vec3): Float64Array {
  const [nx, ny, nz] = size;
  const total = nx * ny * nz;
  const g = new Float64Array(total).fill(Infinity);
  for (let t = 0; t < sites.length; t++) g[sites[t]] = 0;
  const longest = Math.max(nx, ny, nz);
  const f = new Float64Array(longest);
  const d = new Float64Array(longest);
  const v = new Int32Array(longest);
  const zb = new Float64Array(longest + 1);
  // Lines along x (stride 1), then y (stride nx), then z (stride nx·ny), each from its first voxel.
  const lines: { n: number; stride: number; starts: number[] }[] = [
    { n: nx, stride: 1, starts: Array.from({ length: ny * nz }, (_, line) => line * nx) },
    { n: ny, stride: nx, starts: Array.from({ length: nx * nz }, (_, t) => (t % nx) + nx * ny * Math.floor(t / nx)) },
    { n: nz, stride: nx * ny, starts: Array.from({ length: nx * ny }, (_, p) => p) },
  ];
  lines.forEach(({ n, stride, starts }, axis) => {
    const h = spacing[axis];
    for (const s0 of starts) {
      for (let q = 0; q < n; q++) f[q] = g[s0 + q * stride];
      squaredDistance1D(f, n, h, d, v, zb);
      for (let q = 0; q < n; q++) g[s0 + q * stride] = d[q];
    }
  });
  return g;
}

/** Inclusive index box [lo, hi] per axis of a set of linear indices. */
function boundingBox(indices: ArrayLike<number>[], size: Vec3): { lo: Vec3; hi: Vec3 } {
  const [nx, ny] = size;
  const lo: Vec3 = [Infinity, Infinity, Infinity];
  const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const set of indices) {
    for (let t = 0; t < set.length; t++) {
      const i = set[t];
      const x = i % nx;
      const y = Math.floor(i / nx) % ny;
      const z = Math.floor(i / (nx * ny));
      if (x < lo[0]) lo[0] = x;
      if (y < lo[1]) lo[1] = y;
      if (z < lo[2]) lo[2] = z;
      if (x > hi[0]) hi[0] = x;
      if (y > hi[1]) hi[1] = y;
      if (z > hi[2]) hi[2] = z;
    }
  }
  return { lo, hi };
}

/**
 * Directed surface distances: for each voxel of `from` (linear indices on the grid `size`), the
 * Euclidean distance in mm to the nearest voxel of `to`. Computed with an exact distance transform on
 * the bounding box of both sets (every site and query lies inside it, so cropping changes nothing).
 * Both sets must be non-empty.
 */
export function directedSurfaceDistances(from: Int32Array, to: Int32Array, size: Vec3, spacing: Vec3): Float64Array {
  if (from.length === 0 || to.length === 0) throw new Error('surface distances need two non-empty surfaces');
  const [nx, ny] = size;
  const { lo, hi } = boundingBox([from, to], size);
  const box: Vec3 = [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1];
  const local = (i: number): number => {
    const x = (i % nx) - lo[0];
    const y = (Math.floor(i / nx) % ny) - lo[1];
    const z = Math.floor(i / (nx * ny)) - lo[2];
    return x + box[0] * (y + box[1] * z);
  };
  const sites = Int32Array.from(to, local);
  const d2 = squaredDistanceToSites(sites, box, spacing);
  return Float64Array.from(from, (i) => Math.sqrt(d2[local(i)]));
}
