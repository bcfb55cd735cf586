import type { FamilyInput, FeatureFamily, FeatureSpec } from '../family';
import { meshSurfaceAndVolume, type MeshMeasures } from '../mesh/marchingCubes';
import { maxDiameters3D, type MaxDiameters } from '../mesh/maxDiameters';
import { cropToBoundingBox } from '../mesh/boundingBoxCrop';
import { padWithZeros } from '../mesh/padMask';
import { principalMoments } from '../mesh/principalMoments';

/**
 * pyradiomics `shape` (3-D) features, in pyradiomics' (alphabetical) order. Compactness1, Compactness2
 * and SphericalDisproportion are deprecated: not part of "all features", computed when named.
 */
const FEATURES: readonly FeatureSpec[] = [
  { name: 'Compactness1', enabledByDefault: false, deprecated: true },
  { name: 'Compactness2', enabledByDefault: false, deprecated: true },
  { name: 'Elongation', enabledByDefault: true },
  { name: 'Flatness', enabledByDefault: true },
  { name: 'LeastAxisLength', enabledByDefault: true },
  { name: 'MajorAxisLength', enabledByDefault: true },
  { name: 'Maximum2DDiameterColumn', enabledByDefault: true },
  { name: 'Maximum2DDiameterRow', enabledByDefault: true },
  { name: 'Maximum2DDiameterSlice', enabledByDefault: true },
  { name: 'Maximum3DDiameter', enabledByDefault: true },
  { name: 'MeshVolume', enabledByDefault: true },
  { name: 'MinorAxisLength', enabledByDefault: true },
  { name: 'SphericalDisproportion', enabledByDefault: false, deprecated: true },
  { name: 'Sphericity', enabledByDefault: true },
  { name: 'SurfaceArea', enabledByDefault: true },
  { name: 'SurfaceVolumeRatio', enabledByDefault: true },
  { name: 'VoxelVolume', enabledByDefault: true },
];

/** $(36\pi V^2)^{1/3}$: the surface area (mm²) of a sphere of volume V, written as pyradiomics does. */
const sphereArea = (volume: number): number => Math.pow(36 * Math.PI * volume ** 2, 1.0 / 3.0);

/** $4\sqrt{\lambda}$ (mm): an axis length from a PCA eigenvalue; NaN for a negative eigenvalue. */
const axisLength = (lambda: number): number => (lambda < 0 ? NaN : Math.sqrt(lambda) * 4);

/** $\sqrt{\lambda_a/\lambda_b}$ (unitless); NaN if either eigenvalue is negative. */
const axisRatio = (a: number, b: number): number => (a < 0 || b < 0 ? NaN : Math.sqrt(a / b));

/**
 * Computes the requested 3-D shape features of the morphological mask (pyradiomics `RadiomicsShape`).
 * Intensities are not used. Let V be the mesh volume (mm³), A the mesh surface area (mm²),
 * $\lambda_0 \le \lambda_1 \le \lambda_2$ the PCA eigenvalues (mm², see `principalMoments`), N_v the voxel count:
 *
 * - MeshVolume V, SurfaceArea A (marching cubes, `meshSurfaceAndVolume`); IBSI RNU0, C0JK.
 * - VoxelVolume $N_v s_z s_x s_y$ (mm³); IBSI YEKZ.
 * - SurfaceVolumeRatio $A/V$ (mm⁻¹); IBSI 2PR5.
 * - Sphericity $(36\pi V^2)^{1/3}/A$; IBSI QCFX. SphericalDisproportion (deprecated) its inverse; IBSI KRCK.
 * - Compactness1 (deprecated) $V/(A^{3/2}\sqrt\pi)$; IBSI SKGS. Compactness2 (deprecated) $36\pi V^2/A^3$; IBSI BQWJ.
 * - Maximum3DDiameter and Maximum2DDiameter{Slice,Column,Row} (mm, `maxDiameters3D`); IBSI L0JK for 3-D.
 * - MajorAxisLength $4\sqrt{\lambda_2}$, MinorAxisLength $4\sqrt{\lambda_1}$, LeastAxisLength $4\sqrt{\lambda_0}$ (mm);
 *   IBSI TDIC, P9VJ, 7J51.
 * - Elongation $\sqrt{\lambda_1/\lambda_2}$ and Flatness $\sqrt{\lambda_0/\lambda_2}$ (unitless, ≤ 1: the inverse of
 *   the names' literal meaning, as in pyradiomics and IBSI Q3CK, N17B).
 *
 * Everything is computed in index space with positive spacing (direction cosines ignored), in the
 * frame of the mask's own bounding box padded by one voxel, as pyradiomics (MeshVolume depends on
 * that frame when the mesh is open, see `meshSurfaceAndVolume`). The mask must contain at least one
 * voxel (the extractor rejects empty ROIs before any class runs).
 */
function computeShape(input: FamilyInput, enabled: readonly string[]): Map<string, number> {
  const [nx, ny, nz] = input.size;
  const spacing: [number, number, number] = [input.spacing[2], input.spacing[1], input.spacing[0]];
  const roi = cropToBoundingBox(input.morphologicalMask, [nz, ny, nx]);
  let voxels = 0;
  for (let i = 0; i < roi.data.length; i++) voxels += roi.data[i]!;
  if (voxels === 0) throw new Error('shape: the morphological mask is empty');
  const grid = padWithZeros(roi.data, roi.shape);

  let mesh: MeshMeasures | undefined;
  let diameters: MaxDiameters | undefined;
  let lambda: number[] | undefined;
  const meshOf = (): MeshMeasures => (mesh ??= meshSurfaceAndVolume(grid, spacing));
  const diametersOf = (): MaxDiameters => (diameters ??= maxDiameters3D(grid, spacing));
  const eigen = (k: 0 | 1 | 2): number => (lambda ??= principalMoments(grid, spacing))[k]!;

  const value = (name: string): number => {
    switch (name) {
      case 'MeshVolume': return meshOf().volume;
      case 'VoxelVolume': return voxels * (spacing[0] * spacing[2] * spacing[1]);
      case 'SurfaceArea': return meshOf().surfaceArea;
      case 'SurfaceVolumeRatio': return meshOf().surfaceArea / meshOf().volume;
      case 'Sphericity': return sphereArea(meshOf().volume) / meshOf().surfaceArea;
      case 'SphericalDisproportion': return meshOf().surfaceArea / sphereArea(meshOf().volume);
      case 'Compactness1': return meshOf().volume / (meshOf().surfaceArea ** (3.0 / 2.0) * Math.sqrt(Math.PI));
      case 'Compactness2': return (36.0 * Math.PI * meshOf().volume ** 2.0) / meshOf().surfaceArea ** 3.0;
      case 'Maximum3DDiameter': return diametersOf().max3D;
      case 'Maximum2DDiameterSlice': return diametersOf().slice;
      case 'Maximum2DDiameterColumn': return diametersOf().column;
      case 'Maximum2DDiameterRow': return diametersOf().row;
      case 'MajorAxisLength': return axisLength(eigen(2));
      case 'MinorAxisLength': return axisLength(eigen(1));
      case 'LeastAxisLength': return axisLength(eigen(0));
      case 'Elongation': return axisRatio(eigen(1), eigen(2));
      case 'Flatness': return axisRatio(eigen(0), eigen(2));
      default: throw new Error(`shape: unknown feature '${name}'`);
    }
  };
  return new Map(enabled.map((name) => [name, value(name)]));
}

/** The pyradiomics `shape` feature class (3-D). */
export const shape: FeatureFamily = { name: 'shape', features: FEATURES, compute: computeShape };
