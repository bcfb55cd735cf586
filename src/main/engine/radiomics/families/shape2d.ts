import type { FamilyInput, FeatureFamily, FeatureSpec } from '../family';
import { contourPerimeterAndSurface, type ContourMeasures } from '../mesh/marchingSquares';
import { maxDiameter2D } from '../mesh/maxDiameters';
import { padWithZeros } from '../mesh/padMask';
import { principalMoments } from '../mesh/principalMoments';

/** pyradiomics `shape2D` features, alphabetical. SphericalDisproportion is deprecated (computed only when named). */
const FEATURES: readonly FeatureSpec[] = [
  { name: 'Elongation', enabledByDefault: true },
  { name: 'MajorAxisLength', enabledByDefault: true },
  { name: 'MaximumDiameter', enabledByDefault: true },
  { name: 'MeshSurface', enabledByDefault: true },
  { name: 'MinorAxisLength', enabledByDefault: true },
  { name: 'Perimeter', enabledByDefault: true },
  { name: 'PerimeterSurfaceRatio', enabledByDefault: true },
  { name: 'PixelSurface', enabledByDefault: true },
  { name: 'SphericalDisproportion', enabledByDefault: false, deprecated: true },
  { name: 'Sphericity', enabledByDefault: true },
];

/**
 * The in-plane mask of a single-slice ROI, as pyradiomics `shape2D` takes it: with `force2D` on, the
 * cropped mask must have size 1 along numpy axis `force2Ddimension` (0 = z), which is then dropped.
 * Returns the 2-D shape and spacing in numpy order; the data needs no reordering (the dropped axis
 * has length 1).
 *
 * @throws Error when force2D is off or the ROI spans more than one slice along that axis; pyradiomics
 *   raises a ValueError there, which aborts the extraction.
 */
function inPlaneGeometry(input: FamilyInput): { shape: [number, number]; spacing: [number, number] } {
  const { force2D, force2Ddimension } = input.settings;
  if (!force2D) throw new Error('shape2D can only be calculated for 3-D input with force2D = true');
  const shape = [input.size[2], input.size[1], input.size[0]];
  const spacing = [input.spacing[2], input.spacing[1], input.spacing[0]];
  if (shape[force2Ddimension] !== 1) {
    throw new Error(
      `shape2D: the ROI spans ${shape[force2Ddimension]} voxels along numpy axis ${force2Ddimension} ` +
        '(force2Ddimension); it must be a single slice',
    );
  }
  const keep = [0, 1, 2].filter((d) => d !== force2Ddimension);
  return {
    shape: [shape[keep[0]!]!, shape[keep[1]!]!],
    spacing: [spacing[keep[0]!]!, spacing[keep[1]!]!],
  };
}

/**
 * Computes the requested 2-D shape features of a single-slice morphological mask (pyradiomics
 * `RadiomicsShape2D`). Let A be the contour's enclosed surface (mm²), P its perimeter (mm),
 * $\lambda_0 \le \lambda_1$ the in-plane PCA eigenvalues (mm²), N_p the pixel count:
 *
 * - MeshSurface A and Perimeter P (marching squares, `contourPerimeterAndSurface`).
 * - PixelSurface $N_p s_x s_y$ (mm²).
 * - PerimeterSurfaceRatio $P/A$ (mm⁻¹).
 * - Sphericity $2\sqrt{\pi A}/P$ (unitless); SphericalDisproportion (deprecated) its inverse.
 * - MaximumDiameter (mm, `maxDiameter2D`).
 * - MajorAxisLength $4\sqrt{\lambda_1}$, MinorAxisLength $4\sqrt{\lambda_0}$ (mm), Elongation $\sqrt{\lambda_0/\lambda_1}$.
 *
 * The mask must contain at least one pixel.
 */
function computeShape2D(input: FamilyInput, enabled: readonly string[]): Map<string, number> {
  const { shape, spacing } = inPlaneGeometry(input);
  const grid = padWithZeros(input.morphologicalMask, shape);
  let pixels = 0;
  for (let i = 0; i < grid.data.length; i++) pixels += grid.data[i]!;
  if (pixels === 0) throw new Error('shape2D: the morphological mask is empty');

  let contour: ContourMeasures | undefined;
  let lambda: number[] | undefined;
  const contourOf = (): ContourMeasures => (contour ??= contourPerimeterAndSurface(grid, spacing));
  const eigen = (k: 0 | 1): number => (lambda ??= principalMoments(grid, spacing))[k]!;
  const sphericity = (): number => (2 * Math.sqrt(Math.PI * contourOf().surface)) / contourOf().perimeter;

  const value = (name: string): number => {
    switch (name) {
      case 'MeshSurface': return contourOf().surface;
      case 'PixelSurface': return pixels * (spacing[1] * spacing[0]);
      case 'Perimeter': return contourOf().perimeter;
      case 'PerimeterSurfaceRatio': return contourOf().perimeter / contourOf().surface;
      case 'Sphericity': return sphericity();
      case 'SphericalDisproportion': return 1.0 / sphericity();
      case 'MaximumDiameter': return maxDiameter2D(grid, spacing);
      case 'MajorAxisLength': return eigen(1) < 0 ? NaN : Math.sqrt(eigen(1)) * 4;
      case 'MinorAxisLength': return eigen(0) < 0 ? NaN : Math.sqrt(eigen(0)) * 4;
      case 'Elongation': return eigen(0) < 0 || eigen(1) < 0 ? NaN : Math.sqrt(eigen(0) / eigen(1));
      default: throw new Error(`shape2D: unknown feature '${name}'`);
    }
  };
  return new Map(enabled.map((name) => [name, value(name)]));
}

/** The pyradiomics `shape2D` feature class (single-slice ROIs with force2D). */
export const shape2D: FeatureFamily = { name: 'shape2D', features: FEATURES, compute: computeShape2D };
