/**
 * Grid geometry comparisons as ITK's `ImageToImageFilter::VerifyInputInformation` performs them for
 * SimpleITK's LabelStatisticsImageFilter (the check behind pyradiomics' "Image/Mask geometry mismatch").
 */
import type { Volume } from './volume';

/** The geometry part of a {@link Volume}. */
export type Grid = Pick<Volume, 'size' | 'spacing' | 'origin' | 'direction'>;

/** Which part of two grids disagrees, or null when they match. */
export type GridMismatch = null | 'size' | 'origin' | 'spacing' | 'direction';

/**
 * Compare two grids with ITK's rules: origins and spacings equal per component within
 * `tolerance · spacing_a[0]` (the coordinate tolerance scaled by the first input's first spacing),
 * direction entries equal within `tolerance` (absolute), sizes equal. ITK's defaults are 1e-6 for
 * both tolerances; pyradiomics' `geometryTolerance` sets both.
 */
export function compareGrids(a: Grid, b: Grid, tolerance = 1e-6): GridMismatch {
  if (a.size.some((n, i) => n !== b.size[i])) return 'size';
  const coordTol = tolerance * a.spacing[0];
  if (a.origin.some((o, i) => !(Math.abs(o - b.origin[i]) <= coordTol))) return 'origin';
  if (a.spacing.some((s, i) => !(Math.abs(s - b.spacing[i]) <= coordTol))) return 'spacing';
  if (a.direction.some((d, i) => !(Math.abs(d - b.direction[i]) <= tolerance))) return 'direction';
  return null;
}

function vec(v: readonly number[]): string {
  return `(${v.map((x) => String(x)).join(', ')})`;
}

/** One-line human description of a grid: size, spacing, origin, direction. */
export function describeGrid(g: Grid): string {
  return `size ${vec(g.size)}, spacing ${vec(g.spacing)}, origin ${vec(g.origin)}, direction ${vec(g.direction)}`;
}
