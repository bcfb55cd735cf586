/**
 * Neighbour offsets ("angles") of the texture matrices, as pyradiomics generates them in C
 * (`cmatrices.c: build_angles` / `generate_angles`; design notes algorithms.md §8.1).
 */
import type { Vec3 } from '../image/volume';

/** One offset in numpy axis order (dz, dy, dx). */
export type Offset = readonly [number, number, number];

/** Which angles to generate. */
export interface AngleOptions {
  /** Infinity-norm distances to keep (pyradiomics `distances`). */
  distances: readonly number[];
  /** Drop offsets along `force2Ddimension` (pyradiomics `force2D`). */
  force2D: boolean;
  /** numpy axis (0 = z, 1 = y, 2 = x) that force2D drops. */
  force2Ddimension: 0 | 1 | 2;
  /**
   * true: every offset (26 at distance 1 in 3-D; used by GLSZM, GLDM, NGTDM).
   * false: one of each ± pair, the first half of the enumeration (13; GLCM, GLRLM).
   */
  bidirectional: boolean;
}

/**
 * Offsets (dz, dy, dx) of the cropped grid `size` (x, y, z).
 *
 * Enumeration: each component runs from +d_max down to −d_max, the last (x) fastest; kept are the
 * offsets with ‖a‖_∞ ∈ `distances`, without a component along `force2Ddimension` when `force2D`,
 * and with |a_k| < size_k on every axis (so a single-slice ROI only yields in-plane offsets).
 * The list is antisymmetric (entry k = −entry n−1−k), so the unidirectional set is its first half;
 * per distance d a full 3-D set has (2d+1)³ − (2d−1)³ members.
 *
 * @param size cropped grid size in (x, y, z) order.
 */
export function buildAngles(size: Vec3, options: AngleOptions): Offset[] {
  const sizeZyx = [size[2], size[1], size[0]];
  const dmax = Math.max(...options.distances.map((d) => Math.trunc(d)));
  if (!(dmax >= 1)) throw new Error(`distances must hold a positive integer, got [${options.distances.join(', ')}]`);
  const keep = new Set(options.distances.map((d) => Math.trunc(d)));
  const out: Offset[] = [];
  for (let dz = dmax; dz >= -dmax; dz--) {
    for (let dy = dmax; dy >= -dmax; dy--) {
      for (let dx = dmax; dx >= -dmax; dx--) {
        const a = [dz, dy, dx] as const;
        const norm = Math.max(Math.abs(dz), Math.abs(dy), Math.abs(dx));
        if (norm === 0 || !keep.has(norm)) continue;
        if (options.force2D && a[options.force2Ddimension] !== 0) continue;
        if (a.some((c, k) => Math.abs(c) >= sizeZyx[k]!)) continue;
        out.push(a);
      }
    }
  }
  return options.bidirectional ? out : out.slice(0, out.length / 2);
}
