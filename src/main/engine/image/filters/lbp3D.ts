/**
 * pyradiomics' LBP3D image type (`imageoperations.getLBP3DImage`): rotation-invariant 3-D local binary
 * patterns from spherical harmonics (Banerjee et al., "3D LBP-based rotationally invariant region
 * description", ACCV 2012 workshops; algorithms.md §7.4), reproduced with pyradiomics' own quirks:
 *  - sampling directions: trimesh icosphere vertices v (radius r, voxel units, no spacing);
 *  - angles θ = arccos(v₂/r), φ = atan2(v₁, v₀), passed to scipy `sph_harm(m, n, θ, φ)` in that order,
 *    i.e. θ used as the azimuth and φ as the polar angle;
 *  - neighbour values f_v = cubic-spline samples at numpy index (z + v₀, y + v₁, x + v₂), 0 outside the
 *    image, rounded to the image dtype (scipy `map_coordinates` defaults; {@link offsetSampleSlabs});
 *  - kurtosis image k = Fisher, biased kurtosis of the f_v (NaN for a flat neighbourhood);
 *  - s_v = [f_v ≥ centre value]; c_nm = Σ_v s_v·Y_n^m(v) (no conjugate);
 *  - level image n: g(v) = Σ_m c_nm·Y_n^m(v), m_{n+1} = Re √(Σ_v g(v)²) with complex squares and the
 *    principal complex square root (in exact arithmetic g is real and this is its L2 norm; because of
 *    the swapped angles an all-equal pattern still has a non-zero m2).
 * Only ROI voxels are computed; pyradiomics leaves the rest uninitialised, here they are 0.
 */
import type { VoxelArray } from '../volume';
import type { GridImage } from './grid';
import { icosphereVertices } from './icosphere';
import { fisherKurtosis } from './numpySums';
import { sphericalHarmonic } from './sphericalHarmonics';
import type { Region } from './grid';
import { offsetSampleSlabs } from './offsetSampling';

/** pyradiomics settings `lbp3DLevels` (L ≥ 1), `lbp3DIcosphereRadius`, `lbp3DIcosphereSubdivision`. */
export interface Lbp3DSettings {
  levels: number;
  icosphereRadius: number;
  icosphereSubdivision: number;
}

/** Real part of the principal square root of x + iy (C99 `csqrt`, as numpy uses). */
function complexSqrtReal(x: number, y: number): number {
  if (y === 0) return x < 0 ? 0 : Math.sqrt(x);
  if (x === 0) return Math.sqrt(0.5 * Math.abs(y));
  const d = Math.hypot(x, y);
  if (x > 0) return Math.sqrt(0.5 * (d + x));
  const s = Math.sqrt(0.5 * (d - x));
  return Math.abs(0.5 * (y / s));
}

/**
 * pyradiomics `getLBP3DImage`: yields 'lbp-3D-m1' … 'lbp-3D-m<L>', then 'lbp-3D-k', float64, on the
 * input grid, for the voxels where `mask` is non-zero (the ROI after resegmentation).
 */
export function* lbp3DImages(
  image: GridImage<VoxelArray>,
  mask: ArrayLike<number>,
  settings: Lbp3DSettings,
): Generator<{ name: string; data: Float64Array }> {
  const { levels, icosphereRadius: r } = settings;
  if (!Number.isInteger(levels) || levels < 1) throw new Error(`lbp3DLevels must be ≥ 1 (got ${levels})`);
  const vertices = icosphereVertices(settings.icosphereSubdivision, r);
  const nv = vertices.length;
  // Harmonic columns h: (n = 0, m = 0), then n = 1 … L − 1 with m = −n … n, so level n has the 2n + 1
  // columns h ∈ [n², (n + 1)²); stored h-major, Y[h·nv + v].
  const nh = levels * levels;
  const hRe = new Float64Array(nh * nv);
  const hIm = new Float64Array(nh * nv);
  for (let n = 0, h = 0; n < levels; n++) {
    for (let m = -n; m <= n; m++, h++) {
      vertices.forEach((v, i) => {
        const theta = Math.acos(v[2] / r);
        const phi = Math.atan2(v[1], v[0]);
        [hRe[h * nv + i], hIm[h * nv + i]] = sphericalHarmonic(m, n, theta, phi);
      });
    }
  }
  const levelStart = Int32Array.from({ length: levels + 1 }, (_, n) => n * n);

  const [nx, ny] = image.size;
  const float32 = image.data instanceof Float32Array;
  const count = image.data.length;
  const levelImages = Array.from({ length: levels }, () => new Float64Array(count));
  const kurtosis = new Float64Array(count);
  const f = new Float64Array(nv);
  const scratch = { squares: new Float64Array(nv), fourths: new Float64Array(nv) };
  const cRe = new Float64Array(nh);
  const cIm = new Float64Array(nh);
  const region = maskBox(mask, image.size);
  for (const slab of offsetSampleSlabs(image.data, image.size, vertices, region, mask)) {
    const { samples, voxels } = slab;
    const [x0, y0] = region.lo;
    const nxr = region.hi[0] - x0;
    const nyr = region.hi[1] - y0;
    for (let z = slab.z0; z < slab.z1; z++) {
      for (let y = y0; y < region.hi[1]; y++) {
        for (let x = x0, i = x0 + nx * (y + ny * z); x < region.hi[0]; x++, i++) {
          if (!mask[i]) continue;
          const local = ((z - slab.z0) * nyr + y - y0) * nxr + x - x0;
          for (let v = 0; v < nv; v++) f[v] = samples[v * voxels + local]!;
          kurtosis[i] = fisherKurtosis(f, float32, scratch);
          const centre = image.data[i]!;
          if (nh === 4) {
            // pyradiomics' default two levels with the harmonic sums in locals: the same operations in the
            // same order as the general loops below, without their loads and stores
            let r0 = 0, r1 = 0, r2 = 0, r3 = 0, i0 = 0, i1 = 0, i2 = 0, i3 = 0;
            for (let v = 0; v < nv; v++) {
              if (!(f[v]! >= centre)) continue;
              r0 += hRe[v]!;
              i0 += hIm[v]!;
              r1 += hRe[nv + v]!;
              i1 += hIm[nv + v]!;
              r2 += hRe[2 * nv + v]!;
              i2 += hIm[2 * nv + v]!;
              r3 += hRe[3 * nv + v]!;
              i3 += hIm[3 * nv + v]!;
            }
            let s0r = 0, s0i = 0, s1r = 0, s1i = 0;
            for (let v = 0; v < nv; v++) {
              const c0 = hRe[v]!, e0 = hIm[v]!;
              const c1 = hRe[nv + v]!, e1 = hIm[nv + v]!;
              const c2 = hRe[2 * nv + v]!, e2 = hIm[2 * nv + v]!;
              const c3 = hRe[3 * nv + v]!, e3 = hIm[3 * nv + v]!;
              const g0r = 0 + (r0 * c0 - i0 * e0);
              const g0i = 0 + (r0 * e0 + i0 * c0);
              s0r += g0r * g0r - g0i * g0i;
              s0i += g0r * g0i + g0i * g0r;
              const g1r = 0 + (r1 * c1 - i1 * e1) + (r2 * c2 - i2 * e2) + (r3 * c3 - i3 * e3);
              const g1i = 0 + (r1 * e1 + i1 * c1) + (r2 * e2 + i2 * c2) + (r3 * e3 + i3 * c3);
              s1r += g1r * g1r - g1i * g1i;
              s1i += g1r * g1i + g1i * g1r;
            }
            levelImages[0]![i] = complexSqrtReal(s0r, s0i);
            levelImages[1]![i] = complexSqrtReal(s1r, s1i);
            continue;
          }
          cRe.fill(0);
          cIm.fill(0);
          for (let v = 0; v < nv; v++) {
            if (!(f[v]! >= centre)) continue;
            for (let h = 0, o = v; h < nh; h++, o += nv) {
              cRe[h] = cRe[h]! + hRe[o]!;
              cIm[h] = cIm[h]! + hIm[o]!;
            }
          }
          for (let n = 0; n < levels; n++) {
            const h0 = levelStart[n]!;
            const h1 = levelStart[n + 1]!;
            let sumRe = 0;
            let sumIm = 0;
            for (let v = 0; v < nv; v++) {
              let gRe = 0;
              let gIm = 0;
              for (let h = h0; h < h1; h++) {
                const a = cRe[h]!;
                const b = cIm[h]!;
                const c = hRe[h * nv + v]!;
                const e = hIm[h * nv + v]!;
                gRe += a * c - b * e;
                gIm += a * e + b * c;
              }
              sumRe += gRe * gRe - gIm * gIm;
              sumIm += gRe * gIm + gIm * gRe;
            }
            levelImages[n]![i] = complexSqrtReal(sumRe, sumIm);
          }
        }
      }
    }
  }
  for (let n = 0; n < levels; n++) yield { name: `lbp-3D-m${n + 1}`, data: levelImages[n]! };
  yield { name: 'lbp-3D-k', data: kurtosis };
}

/** Bounding box of the non-zero voxels of `mask` (empty region when there are none). */
function maskBox(mask: ArrayLike<number>, size: GridImage['size']): Region {
  const [nx, ny, nz] = size;
  const lo: [number, number, number] = [nx, ny, nz];
  const hi: [number, number, number] = [0, 0, 0];
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (!mask[i]) continue;
        if (x < lo[0]) lo[0] = x;
        if (x >= hi[0]) hi[0] = x + 1;
        if (y < lo[1]) lo[1] = y;
        if (y >= hi[1]) hi[1] = y + 1;
        if (z < lo[2]) lo[2] = z;
        if (z >= hi[2]) hi[2] = z + 1;
      }
    }
  }
  return { lo, hi };
}
