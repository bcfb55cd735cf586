/**
 * IBSI-1 morphological features pyradiomics lacks (reference manual §3.1), keyed by IBSI tag. With
 * V, A the marching-cubes mesh volume and area of the morphological mask (pyradiomics `shape`
 * MeshVolume, SurfaceArea), positions p = index·spacing (mm, direction cosines ignored):
 * - morph_asphericity (25C7): (A³/(36πV²))^{1/3} − 1;
 * - morph_com (KLMA): ‖CoM_geom − CoM_gl‖, CoM_geom the mean position of the morphological-mask voxels,
 *   CoM_gl = Σ X_k p_k / Σ X_k over the intensity mask;
 * - morph_integ_int (99N0): V · mean intensity of the intensity mask;
 * - morph_moran_i (N365), morph_geary_c (NPT7): spatial autocorrelation of the intensity mask
 *   ({@link spatialAutocorrelation}, exact);
 * - morph_vol_dens_aabb (PBX1), morph_area_dens_aabb (R59B): V / (a_x a_y a_z) and A / 2(a_x a_y + a_y a_z + a_x a_z)
 *   with a_d the mesh's axis-aligned extent, (voxel extent of the mask) · spacing;
 * - morph_vol_dens_aee (6BDE): 3V / (4π a b c), a, b, c = half the major, minor, least axis lengths, 2√λ
 *   with λ the eigenvalues of the sample covariance (IBSI's; see {@link sampleCovarianceFactor});
 * - morph_area_dens_aee (RDD2): A / A_ee, the ellipsoid area by IBSI's Legendre series
 *   A_ee = 4π a b Σ_{ν=0}^{20} (αβ)^ν P_ν((α² + β²)/(2αβ)) / (1 − 4ν²), α = √(1 − b²/a²), β = √(1 − c²/a²);
 * - morph_vol_dens_conv_hull (R3ER), morph_area_dens_conv_hull (7T7F): V / V_hull and A / A_hull for the
 *   convex hull of the mesh ({@link convexHullMeasures}).
 */
import type { FamilyInput, FeatureFamily } from '../../family';
import { shape } from '../../families/shape';
import { convexHullMeasures } from '../convexHull';
import { spatialAutocorrelation } from './spatialAutocorrelation';

const TAGS = [
  'morph_asphericity', 'morph_com', 'morph_integ_int', 'morph_moran_i', 'morph_geary_c',
  'morph_vol_dens_aabb', 'morph_area_dens_aabb', 'morph_vol_dens_aee', 'morph_area_dens_aee',
  'morph_vol_dens_conv_hull', 'morph_area_dens_conv_hull',
] as const;

/** Legendre polynomial P_n(x) by Bonnet's recursion. */
export function legendre(n: number, x: number): number {
  if (n === 0) return 1;
  let prev = 1;
  let cur = x;
  for (let k = 1; k < n; k++) [prev, cur] = [cur, ((2 * k + 1) * x * cur - k * prev) / (k + 1)];
  return cur;
}

/**
 * Surface area of the ellipsoid with semi-axes a ≥ b ≥ c by IBSI's 20-term Legendre series (the
 * definition behind the IBSI reference values, which it reproduces; exact for a sphere, it falls short
 * of the exact area for elongated ellipsoids, e.g. 59.3 instead of 67.7 for a = 3, b = c = 2).
 */
export function ellipsoidArea(a: number, b: number, c: number): number {
  const alpha = Math.sqrt(1 - (b * b) / (a * a));
  const beta = Math.sqrt(1 - (c * c) / (a * a));
  if (alpha * beta === 0) return 4 * Math.PI * a * b; // degenerate series argument; the ν = 0 term
  const x = (alpha * alpha + beta * beta) / (2 * alpha * beta);
  let sum = 0;
  for (let nu = 0; nu <= 20; nu++) sum += ((alpha * beta) ** nu * legendre(nu, x)) / (1 - 4 * nu * nu);
  return 4 * Math.PI * a * b * sum;
}

/**
 * Factor √(N/(N − 1)) turning pyradiomics' PCA axis lengths (population covariance of the N voxel
 * positions) into IBSI's (sample covariance): the IBSI-1 digital-phantom consensus values of the
 * major, minor and least axis lengths (N = 74) match only with it.
 */
export function sampleCovarianceFactor(voxels: number): number {
  return voxels > 1 ? Math.sqrt(voxels / (voxels - 1)) : 1;
}

function compute(input: FamilyInput, enabled: readonly string[]): Map<string, number> {
  const { size, spacing, mask, morphologicalMask, image } = input;
  const [nx, ny] = size;
  const measures = shape.compute(input, ['MeshVolume', 'SurfaceArea', 'MajorAxisLength', 'MinorAxisLength', 'LeastAxisLength']);
  const volume = measures.get('MeshVolume')!;
  const area = measures.get('SurfaceArea')!;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  const geom = [0, 0, 0];
  const weighted = [0, 0, 0];
  let morphCount = 0;
  let intensitySum = 0;
  let intensityCount = 0;
  const [sx, sy, sz] = spacing;
  for (let z = 0, i = 0; z < size[2]; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        const p = [x * sx, y * sy, z * sz];
        if (morphologicalMask[i]) {
          morphCount++;
          for (let d = 0; d < 3; d++) {
            geom[d]! += p[d]!;
            if (p[d]! < lo[d]!) lo[d] = p[d]!;
            if (p[d]! > hi[d]!) hi[d] = p[d]!;
          }
        }
        if (mask[i]) {
          const v = image[i]!;
          intensitySum += v;
          intensityCount++;
          for (let d = 0; d < 3; d++) weighted[d]! += v * p[d]!;
        }
      }
    }
  }
  const extent = [0, 1, 2].map((d) => hi[d]! - lo[d]! + spacing[d]!);
  const factor = sampleCovarianceFactor(morphCount);
  const [a, b, c] = ['MajorAxisLength', 'MinorAxisLength', 'LeastAxisLength'].map((k) => (measures.get(k)! * factor) / 2) as [number, number, number];
  let hullCache: ReturnType<typeof convexHullMeasures> | undefined;
  const hull = (): ReturnType<typeof convexHullMeasures> => (hullCache ??= convexHullMeasures(morphologicalMask, size, spacing));
  let autocorrelationCache: ReturnType<typeof spatialAutocorrelation> | undefined;
  const autocorrelation = (): ReturnType<typeof spatialAutocorrelation> => (autocorrelationCache ??= spatialAutocorrelation(image, mask, size, spacing));
  const value = (tag: string): number => {
    switch (tag) {
      case 'morph_asphericity': return Math.cbrt(area ** 3 / (36 * Math.PI * volume ** 2)) - 1;
      case 'morph_com':
        return Math.hypot(...[0, 1, 2].map((d) => geom[d]! / morphCount - weighted[d]! / intensitySum));
      case 'morph_integ_int': return (volume * intensitySum) / intensityCount;
      case 'morph_vol_dens_conv_hull': return volume / hull().volume;
      case 'morph_area_dens_conv_hull': return area / hull().area;
      case 'morph_moran_i': return autocorrelation().moranI;
      case 'morph_geary_c': return autocorrelation().gearyC;
      case 'morph_vol_dens_aabb': return volume / (extent[0]! * extent[1]! * extent[2]!);
      case 'morph_area_dens_aabb': return area / (2 * (extent[0]! * extent[1]! + extent[1]! * extent[2]! + extent[0]! * extent[2]!));
      case 'morph_vol_dens_aee': return (3 * volume) / (4 * Math.PI * a * b * c);
      case 'morph_area_dens_aee': return area / ellipsoidArea(a, b, c);
      default: throw new Error(`IBSI morphology: unknown feature '${tag}'`);
    }
  };
  return new Map(enabled.map((t) => [t, value(t)]));
}

/** IBSI morphological features absent from pyradiomics `shape`, keyed by IBSI tag. */
export const ibsiMorphology: FeatureFamily = {
  name: 'ibsi',
  features: TAGS.map((name) => ({ name, enabledByDefault: true })),
  compute,
};
