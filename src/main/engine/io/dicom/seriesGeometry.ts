/**
 * Geometry of a stack of 2-D DICOM slices (PS3.3 C.7.6.2 Image Plane module): slice order, voxel
 * grid and direction cosines of the 3-D volume, with the consistency checks a radiomics import
 * needs. Conventions follow ITK's ImageSeriesReader with GDCMSeriesFileNames:
 *
 * - row cosine r = IOP[0..2], column cosine c = IOP[3..5], slice normal n = r × c;
 * - slices sorted by d = n · IPP (ascending), so the third image axis is +n;
 * - direction matrix columns (r, c, n); origin = IPP of the first slice;
 * - spacing (x, y) = (PixelSpacing[1], PixelSpacing[0]) (PixelSpacing is row spacing first);
 * - slice spacing from positions, (d_last − d_first)/(N − 1), never from SliceThickness.
 *
 * A stack that would not form a regular grid is rejected with a {@link DicomSeriesError} naming the
 * series and the offending file(s): differing size, pixel spacing or orientation, duplicate
 * positions, missing slices (gaps), otherwise non-uniform spacing, and in-plane drift of the slice
 * origins (gantry tilt acquired without reformatting, i.e. a sheared stack).
 */
import type { Direction, Vec3 } from '../../image/volume';

export interface SliceGeometry {
  path: string;
  rows: number;
  columns: number;
  /** PixelSpacing (0028,0030): [row spacing, column spacing], mm. */
  pixelSpacing: [number, number] | undefined;
  /** ImageOrientationPatient (0020,0037), 6 direction cosines. */
  orientation: number[] | undefined;
  /** ImagePositionPatient (0020,0032), mm. */
  position: number[] | undefined;
}

export interface SeriesGeometry {
  /** Indices into the input slices, in volume z order. */
  order: number[];
  size: Vec3;
  spacing: Vec3;
  origin: Vec3;
  direction: Direction;
  warnings: string[];
}

export type SeriesErrorKind =
  | 'missing-geometry'
  | 'mixed-size'
  | 'mixed-spacing'
  | 'mixed-orientation'
  | 'bad-orientation'
  | 'duplicate-position'
  | 'gap'
  | 'non-uniform-spacing'
  | 'gantry-tilt'
  | 'unsupported';

/** A series that cannot be turned into a regular volume. */
export class DicomSeriesError extends Error {
  constructor(
    readonly kind: SeriesErrorKind,
    readonly series: string,
    readonly paths: string[],
    detail: string,
  ) {
    super(`${series}: ${detail}`);
    this.name = 'DicomSeriesError';
  }
}

/** Direction cosines equal within this (DS values carry ≥ 6 significant digits). */
export const ORIENTATION_TOLERANCE = 1e-4;
/** Pixel spacings equal within this relative difference. */
export const PIXEL_SPACING_RELATIVE_TOLERANCE = 1e-4;
/** A step differs from the nominal slice spacing by more than this fraction → gap or non-uniform. */
export const SLICE_SPACING_RELATIVE_TOLERANCE = 0.01;
/** Two slices closer than this fraction of the nominal spacing (or 1 µm) are duplicates. */
export const DUPLICATE_RELATIVE_TOLERANCE = 0.01;
/** Slice origins drifting in-plane by more than this fraction of a pixel → sheared (tilted) stack. */
export const SHEAR_PIXEL_TOLERANCE = 0.1;

function cross(a: number[], b: number[]): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function dot(a: number[], b: number[]): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The value most slices share (first one on ties), with the index of one slice that differs. */
function majority<T>(items: T[], key: (t: T) => string): { value: string; outlier: number } {
  const counts = new Map<string, number>();
  for (const it of items) counts.set(key(it), (counts.get(key(it)) ?? 0) + 1);
  let best = key(items[0]);
  for (const [k, c] of counts) if (c > (counts.get(best) ?? 0)) best = k;
  return { value: best, outlier: items.findIndex((it) => key(it) !== best) };
}

/**
 * Orders the slices and derives the volume grid. `fallbackSliceSpacing` (SpacingBetweenSlices or
 * SliceThickness) is used only for a single-slice series, with a warning.
 * @throws DicomSeriesError naming `seriesLabel` and the offending files.
 */
export function planSeriesGeometry(slices: SliceGeometry[], seriesLabel: string, fallbackSliceSpacing?: number): SeriesGeometry {
  const fail = (kind: SeriesErrorKind, paths: string[], detail: string): never => {
    throw new DicomSeriesError(kind, seriesLabel, paths, detail);
  };
  if (slices.length === 0) fail('missing-geometry', [], 'no image slices');
  for (const s of slices) {
    if (!s.orientation || s.orientation.length < 6 || !s.orientation.slice(0, 6).every(Number.isFinite)) {
      fail('missing-geometry', [s.path], `${s.path} has no valid ImageOrientationPatient (0020,0037)`);
    }
    if (!s.position || s.position.length < 3 || !s.position.slice(0, 3).every(Number.isFinite)) {
      fail('missing-geometry', [s.path], `${s.path} has no valid ImagePositionPatient (0020,0032)`);
    }
    if (!s.pixelSpacing || !(s.pixelSpacing[0] > 0) || !(s.pixelSpacing[1] > 0)) {
      fail('missing-geometry', [s.path], `${s.path} has no valid PixelSpacing (0028,0030)`);
    }
  }

  const size = majority(slices, (s) => `${s.columns}×${s.rows}`);
  if (size.outlier >= 0) {
    const o = slices[size.outlier];
    fail('mixed-size', [o.path], `mixed image sizes: ${o.path} is ${o.columns}×${o.rows} but the series is ${size.value} (columns×rows)`);
  }

  const ref = slices[0];
  const ps0 = ref.pixelSpacing as [number, number];
  for (const s of slices) {
    const ps = s.pixelSpacing as [number, number];
    if (ps.some((v, k) => Math.abs(v - ps0[k]) > PIXEL_SPACING_RELATIVE_TOLERANCE * ps0[k])) {
      fail('mixed-spacing', [ref.path, s.path], `mixed pixel spacing: ${s.path} has ${ps.join('\\')} mm but ${ref.path} has ${ps0.join('\\')} mm`);
    }
  }

  const iop0 = (ref.orientation as number[]).slice(0, 6);
  for (const s of slices) {
    const iop = s.orientation as number[];
    if (iop0.some((v, k) => Math.abs(v - iop[k]) > ORIENTATION_TOLERANCE)) {
      fail('mixed-orientation', [ref.path, s.path], `mixed orientations: ${s.path} has ImageOrientationPatient ${iop.slice(0, 6).join('\\')} but ${ref.path} has ${iop0.join('\\')}`);
    }
  }
  const row = iop0.slice(0, 3);
  const col = iop0.slice(3, 6);
  const rowNorm = Math.hypot(row[0], row[1], row[2]);
  const colNorm = Math.hypot(col[0], col[1], col[2]);
  if (Math.abs(rowNorm - 1) > 1e-3 || Math.abs(colNorm - 1) > 1e-3 || Math.abs(dot(row, col)) > 1e-3) {
    fail('bad-orientation', [ref.path], `ImageOrientationPatient ${iop0.join('\\')} of ${ref.path} is not two orthogonal unit vectors`);
  }
  const r = row.map((v) => v / rowNorm) as Vec3;
  // Re-orthogonalise the column cosine against the row cosine (removes DS rounding).
  const cRaw = col.map((v) => v / colNorm);
  const rc = dot(r, cRaw);
  const cOrth = cRaw.map((v, k) => v - rc * r[k]);
  const cn = Math.hypot(cOrth[0], cOrth[1], cOrth[2]);
  const c = cOrth.map((v) => v / cn) as Vec3;
  const n = cross(r, c);

  const d = slices.map((s) => dot(n, s.position as number[]));
  const order = d.map((_, i) => i).sort((a, b) => d[a] - d[b]);
  const warnings: string[] = [];
  const spacingX = ps0[1];
  const spacingY = ps0[0];
  let spacingZ: number;

  if (slices.length === 1) {
    spacingZ = fallbackSliceSpacing && fallbackSliceSpacing > 0 ? fallbackSliceSpacing : 1;
    warnings.push(`single-slice series: slice spacing ${spacingZ} mm taken from ${fallbackSliceSpacing ? 'SpacingBetweenSlices/SliceThickness' : 'a default of 1 mm'}`);
  } else {
    const steps = order.slice(1).map((idx, k) => d[idx] - d[order[k]]);
    const nominal = median(steps);
    const duplicateBelow = Math.max(1e-3, DUPLICATE_RELATIVE_TOLERANCE * nominal);
    for (let k = 0; k < steps.length; k++) {
      if (steps[k] < duplicateBelow) {
        const a = slices[order[k]].path;
        const b = slices[order[k + 1]].path;
        fail('duplicate-position', [a, b], `duplicate slice position ${d[order[k]].toFixed(3)} mm along the slice normal: ${a} and ${b}`);
      }
    }
    for (let k = 0; k < steps.length; k++) {
      if (Math.abs(steps[k] - nominal) <= SLICE_SPACING_RELATIVE_TOLERANCE * nominal) continue;
      const a = slices[order[k]].path;
      const b = slices[order[k + 1]].path;
      const ratio = steps[k] / nominal;
      const whole = Math.round(ratio);
      if (whole >= 2 && Math.abs(ratio - whole) <= 0.1) {
        fail('gap', [a, b], `${whole - 1} missing slice(s): ${steps[k].toFixed(3)} mm between ${a} and ${b} where the spacing is ${nominal.toFixed(3)} mm`);
      }
      fail('non-uniform-spacing', [a, b], `non-uniform slice spacing: ${steps[k].toFixed(3)} mm between ${a} and ${b}, ${nominal.toFixed(3)} mm elsewhere`);
    }
    spacingZ = (d[order[order.length - 1]] - d[order[0]]) / (slices.length - 1);

    const p0 = slices[order[0]].position as number[];
    let worst = 0;
    let worstIdx = order[0];
    for (const idx of order) {
      const p = slices[idx].position as number[];
      const delta = [p[0] - p0[0], p[1] - p0[1], p[2] - p0[2]];
      const shift = Math.max(Math.abs(dot(r, delta)) / spacingX, Math.abs(dot(c, delta)) / spacingY);
      if (shift > worst) {
        worst = shift;
        worstIdx = idx;
      }
    }
    if (worst > SHEAR_PIXEL_TOLERANCE) {
      const last = slices[worstIdx];
      const p = last.position as number[];
      const delta = [p[0] - p0[0], p[1] - p0[1], p[2] - p0[2]];
      const along = dot(n, delta);
      const inPlane = Math.hypot(dot(r, delta), dot(c, delta));
      const angle = (Math.atan2(inPlane, along) * 180) / Math.PI;
      fail(
        'gantry-tilt',
        [slices[order[0]].path, last.path],
        `slice origins drift in-plane by ${inPlane.toFixed(3)} mm (${worst.toFixed(2)} pixels) from ${slices[order[0]].path} to ${last.path}: ` +
          `a sheared stack (gantry tilt ≈ ${angle.toFixed(2)}°) that a volume with orthogonal axes cannot represent; reformat (resample) the series first`,
      );
    }
  }

  return {
    order,
    size: [ref.columns, ref.rows, slices.length],
    spacing: [spacingX, spacingY, spacingZ],
    origin: [...(slices[order[0]].position as number[]).slice(0, 3)] as Vec3,
    direction: [r[0], c[0], n[0], r[1], c[1], n[1], r[2], c[2], n[2]],
    warnings,
  };
}
