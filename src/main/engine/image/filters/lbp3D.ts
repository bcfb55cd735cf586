/**
 * pyradiomics' LBP3D image type (`imageoperations.getLBP3DImage`): rotation-invariant 3-D local binary
 * patterns from spherical harmonics (Banerjee et al., "3D LBP-based rotationally invariant region
 * description", ACCV 2012 workshops; algorithms.md §7.4), reproduced with pyradiomics' own quirks:
 *  - sampling directions: trimesh icosphere vertices v (radius r, voxel units, no spacing);
 *  - angles θ = arccos(v₂/r), φ = atan2(v₁, v₀), passed to scipy `sph_harm(m, n, θ, φ)` in that order,
 *    i.e. θ used as the azimuth and φ as the polar angle;
 *  - neighbour values f_v = cubic-spline samples at numpy index (z + v₀, y + v₁, x + v₂), 0 outside the
 *    image, rounded to the image dtype (scipy `map_coordinates` defaults; {@link cubicSplineSampler});
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
import { cubicSplineSampler } from './splineSampling';

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
  // Harmonic columns: (n = 0, m = 0), then n = 1 … L − 1 with m = −n … n.
  const harmonicLevel: number[] = [];
  const yRe: Float64Array[] = [];
  const yIm: Float64Array[] = [];
  for (let n = 0; n < levels; n++) {
    for (let m = -n; m <= n; m++) {
      const re = new Float64Array(nv);
      const im = new Float64Array(nv);
      vertices.forEach((v, i) => {
        const theta = Math.acos(v[2] / r);
        const phi = Math.atan2(v[1], v[0]);
        [re[i], im[i]] = sphericalHarmonic(m, n, theta, phi);
      });
      harmonicLevel.push(n);
      yRe.push(re);
      yIm.push(im);
    }
  }
  const nh = harmonicLevel.length;

  const [nx, ny] = image.size;
  const sample = cubicSplineSampler(image.data, image.size);
  const float32 = image.data instanceof Float32Array;
  const count = image.data.length;
  const levelImages = Array.from({ length: levels }, () => new Float64Array(count));
  const kurtosis = new Float64Array(count);
  const f = new Float64Array(nv);
  const cRe = new Float64Array(nh);
  const cIm = new Float64Array(nh);
  for (let i = 0; i < count; i++) {
    if (!mask[i]) continue;
    const x = i % nx;
    const y = Math.floor(i / nx) % ny;
    const z = Math.floor(i / (nx * ny));
    for (let v = 0; v < nv; v++) {
      const d = vertices[v]!;
      f[v] = sample(z + d[0], y + d[1], x + d[2]);
    }
    kurtosis[i] = fisherKurtosis(f, float32);
    const centre = image.data[i]!;
    cRe.fill(0);
    cIm.fill(0);
    for (let v = 0; v < nv; v++) {
      if (!(f[v]! >= centre)) continue;
      for (let h = 0; h < nh; h++) {
        cRe[h] = cRe[h]! + yRe[h]![v]!;
        cIm[h] = cIm[h]! + yIm[h]![v]!;
      }
    }
    for (let n = 0; n < levels; n++) {
      let sumRe = 0;
      let sumIm = 0;
      for (let v = 0; v < nv; v++) {
        let gRe = 0;
        let gIm = 0;
        for (let h = 0; h < nh; h++) {
          if (harmonicLevel[h] !== n) continue;
          const a = cRe[h]!;
          const b = cIm[h]!;
          const c = yRe[h]![v]!;
          const e = yIm[h]![v]!;
          gRe += a * c - b * e;
          gIm += a * e + b * c;
        }
        sumRe += gRe * gRe - gIm * gIm;
        sumIm += gRe * gIm + gIm * gRe;
      }
      levelImages[n]![i] = complexSqrtReal(sumRe, sumIm);
    }
  }
  for (let n = 0; n < levels; n++) yield { name: `lbp-3D-m${n + 1}`, data: levelImages[n]! };
  yield { name: 'lbp-3D-k', data: kurtosis };
}
