import type { BinaryGrid } from './padMask';

/** Perimeter (mm) and enclosed surface (mm²) of a 2-D mask's contour. */
export interface ContourMeasures {
  perimeter: number;
  surface: number;
}

/**
 * Corner offsets (row, column) of the square corners p0..p3; bit a of a square index is set when
 * corner a is inside. pyradiomics `cshape.c` `gridAngles2D`.
 */
const SQUARE_CORNERS: readonly (readonly [number, number])[] = [[0, 0], [0, 1], [1, 1], [1, 0]];

/** Contour vertex on square edge e (row, column): midpoints of p0p1, p1p2, p2p3, p3p0. `vertList2D`. */
const EDGE_MIDPOINTS_2D: readonly (readonly [number, number])[] = [[0, 0.5], [0.5, 1], [1, 0.5], [0.5, 0]];

/**
 * Contour segments of square index 0..15 as edge pairs (a, b), pyradiomics `lineTable2D`. The saddles
 * 5 and 10 get two segments that cut off the two inside corners separately (diagonal pixels are not
 * connected). The winding makes the signed area positive.
 */
const SEGMENTS: readonly (readonly number[])[] = [
  [], [3, 0], [0, 1], [3, 1], [1, 2], [1, 2, 3, 0], [0, 2], [3, 2],
  [2, 3], [2, 0], [0, 1, 2, 3], [2, 1], [1, 3], [1, 0], [0, 3], [],
];

/**
 * Marching-squares contour of a zero-padded 2-D mask, measured as pyradiomics' C kernel
 * (`cshape.c: calculate_coefficients2D`):
 *
 * - Vertices at edge midpoints, in mm: $v_d = (i_d + m_d)\,s_d$ in the padded frame.
 * - Per segment (a, b): perimeter $\lVert a - b \rVert$ and signed area $a_r b_c - b_r a_c$; the area
 *   sum is halved at the end (shoelace formula).
 *
 * pyradiomics `shape2D` Perimeter and MeshSurface.
 *
 * @param grid padded mask, shape (rows, columns).
 * @param spacing pixel spacing in mm, (rows, columns).
 */
export function contourPerimeterAndSurface(grid: BinaryGrid, spacing: readonly [number, number]): ContourMeasures {
  const [ny, nx] = grid.shape as [number, number];
  const m = grid.data;
  const corner = SQUARE_CORNERS.map(([cy, cx]) => cy * nx + cx);
  const [sy, sx] = spacing;
  let perimeter = 0;
  let surface = 0;
  for (let iy = 0; iy < ny - 1; iy++) {
    for (let ix = 0, base = iy * nx; ix < nx - 1; ix++, base++) {
      let square = 0;
      for (let a = 0; a < 4; a++) if (m[base + corner[a]!]) square |= 1 << a;
      const segments = SEGMENTS[square]!;
      for (let t = 0; t < segments.length; t += 2) {
        const [ma, na] = EDGE_MIDPOINTS_2D[segments[t]!]!;
        const [mb, nb] = EDGE_MIDPOINTS_2D[segments[t + 1]!]!;
        const ar = (iy + ma) * sy, ac = (ix + na) * sx;
        const br = (iy + mb) * sy, bc = (ix + nb) * sx;
        surface += ar * bc - br * ac;
        const dr = ar - br, dc = ac - bc;
        perimeter += Math.sqrt(dr * dr + dc * dc);
      }
    }
  }
  return { perimeter, surface: surface / 2 };
}
