import type { BinaryGrid } from './padMask';
import { CUBE_CORNERS, EDGE_MIDPOINTS, TRIANGLES } from './marchingCubesTables';

/** Surface area (mm²) and enclosed volume (mm³) of a binary mask's triangle mesh. */
export interface MeshMeasures {
  surfaceArea: number;
  volume: number;
}

/** TRIANGLES flattened: the edge triples of cube index k are EDGES[START[k] .. START[k + 1]). */
const START = new Int32Array(TRIANGLES.length + 1);
for (let k = 0; k < TRIANGLES.length; k++) START[k + 1] = START[k]! + TRIANGLES[k]!.length;
const EDGES = Int8Array.from(TRIANGLES.flat());

/**
 * Marching-cubes mesh of a zero-padded 3-D mask, measured exactly as pyradiomics' C kernel
 * (`cshape.c: calculate_coefficients`), so MeshVolume and SurfaceArea agree to rounding:
 *
 * - Every 2×2×2 cube of the padded grid (origin (iz, iy, ix), numpy order) gets an 8-bit index from
 *   its corners (see `CUBE_CORNERS`). An index with corner p7 inside is complemented and its volume
 *   terms change sign; indices 0 and 255 contribute nothing.
 * - Mesh vertices sit at edge midpoints, in mm: $v_d = (i_d + m_d)\,s_d$ in the padded index frame.
 * - Per triangle (a, b, c): surface $\tfrac12\lVert (a-c) \times (b-c) \rVert$ and signed
 *   tetrahedron volume $(a \times b)\cdot c$; the volume sum is divided by 6 at the end.
 *
 * pyradiomics `shape` MeshVolume (IBSI RNU0, "volume") and SurfaceArea (IBSI C0JK, "surface area").
 * The table's winding is outward, so the volume is positive.
 *
 * The mesh is not always closed: a cube face whose inside corners lie on one diagonal only is cut
 * differently by the two cubes sharing it (one of them goes through the complement), leaving a small
 * hole. The signed-tetrahedron sum then depends on where the origin is, so the result matches
 * pyradiomics only in its frame: the ROI's bounding box padded by one voxel (brain2: 1736.02 mm³
 * there, 1838.51 mm³ if meshed in the uncropped image's frame). The area does not depend on the frame.
 *
 * @param grid padded mask, shape (z, y, x); see `padWithZeros`.
 * @param spacing voxel spacing in mm, numpy order (z, y, x).
 */
export function meshSurfaceAndVolume(grid: BinaryGrid, spacing: readonly [number, number, number]): MeshMeasures {
  const [nz, ny, nx] = grid.shape as [number, number, number];
  const m = grid.data;
  const sliceStride = ny * nx;
  const corner = CUBE_CORNERS.map(([cz, cy, cx]) => cz * sliceStride + cy * nx + cx);
  const [c0, c1, c2, c3, c4, c5, c6, c7] = corner as [number, number, number, number, number, number, number, number];
  const [sz, sy, sx] = spacing;
  const mid = Float64Array.from(EDGE_MIDPOINTS.flat());

  let surfaceArea = 0;
  let volume = 0;
  for (let iz = 0; iz < nz - 1; iz++) {
    for (let iy = 0; iy < ny - 1; iy++) {
      let base = iz * sliceStride + iy * nx;
      for (let ix = 0; ix < nx - 1; ix++, base++) {
        let cube =
          m[base + c0]! | (m[base + c1]! << 1) | (m[base + c2]! << 2) | (m[base + c3]! << 3) |
          (m[base + c4]! << 4) | (m[base + c5]! << 5) | (m[base + c6]! << 6) | (m[base + c7]! << 7);
        let sign = 1;
        if (cube & 0x80) {
          cube ^= 0xff;
          sign = -1;
        }
        if (cube === 0) continue;
        for (let t = START[cube]!; t < START[cube + 1]!; t += 3) {
          const ea = 3 * EDGES[t]!;
          const eb = 3 * EDGES[t + 1]!;
          const ec = 3 * EDGES[t + 2]!;
          const az = (iz + mid[ea]!) * sz, ay = (iy + mid[ea + 1]!) * sy, ax = (ix + mid[ea + 2]!) * sx;
          const bz = (iz + mid[eb]!) * sz, by = (iy + mid[eb + 1]!) * sy, bx = (ix + mid[eb + 2]!) * sx;
          const cz = (iz + mid[ec]!) * sz, cy = (iy + mid[ec + 1]!) * sy, cx = (ix + mid[ec + 2]!) * sx;

          // Signed volume of the tetrahedron (origin, a, b, c), times 6: (a × b) · c.
          const abz = ay * bx - by * ax;
          const aby = ax * bz - bx * az;
          const abx = az * by - bz * ay;
          volume += sign * (abz * cz + aby * cy + abx * cx);

          // Triangle area: half the norm of (a − c) × (b − c).
          const uz = az - cz, uy = ay - cy, ux = ax - cx;
          const vz = bz - cz, vy = by - cy, vx = bx - cx;
          const nrmZ = uy * vx - vy * ux;
          const nrmY = ux * vz - vx * uz;
          const nrmX = uz * vy - vz * uy;
          surfaceArea += 0.5 * Math.sqrt(nrmZ * nrmZ + nrmY * nrmY + nrmX * nrmX);
        }
      }
    }
  }
  return { surfaceArea, volume: volume / 6 };
}
