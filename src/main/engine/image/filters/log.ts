/**
 * Laplacian of Gaussian as pyradiomics computes it: `imageoperations.getLoGImage` calling SimpleITK's
 * `LaplacianRecursiveGaussianImageFilter` (NormalizeAcrossScale = True) once per σ (algorithms.md §5).
 */
import type { VoxelArray } from '../volume';
import { scratchFloat64 } from '../scratch';
import { dericheCoefficients, recursiveGaussianPass } from './recursiveGaussian';
import { spanAxis, wholeGrid, type Axis, type GridImage, type Region } from './grid';

/** The image as doubles, converted once per source buffer (each σ of a LoG list reads the same image). */
const doubles = new WeakMap<VoxelArray, Float64Array>();
function asDoubles(data: VoxelArray): Float64Array {
  if (data instanceof Float64Array) return data;
  let converted = doubles.get(data);
  if (!converted) doubles.set(data, (converted = Float64Array.from(data)));
  return converted;
}

/**
 * ITK `LaplacianRecursiveGaussianImageFilter` on a 3-D image (float32 result):
 *   L = Σ_d (1/h_d²) · ∂²_d G_σ * I   (d = x, y, z; h = spacing in mm),
 * where each term is the order-2 recursive Gaussian along d followed by order-0 passes along the other
 * two axes in increasing axis order, every pass and every accumulation rounded to float32 as ITK's
 * float internal images do. With `normalizeAcrossScale` the order-2 pass is scaled by σ², so the result
 * approximates σ²∇²(G_σ * I) in physical units (pyradiomics' LoG).
 *
 * Cost: 9 recursive line passes whatever σ. Every axis needs ≥ 4 samples (ITK throws otherwise).
 * With `region`, only the voxels inside it are computed (others stay 0), with the same values: each
 * pass filters whole lines, and only the lines later passes read — the last pass of a term the lines
 * through the region, an earlier pass the lines through the region widened along the axes still to
 * come (a recursive filter needs its whole line; it reads nothing beside it).
 *
 * @param sigmaMm Gaussian σ in mm (> 0).
 */
export function laplacianRecursiveGaussian(
  image: GridImage<VoxelArray>,
  sigmaMm: number,
  normalizeAcrossScale = true,
  region: Region = wholeGrid(image.size),
): Float32Array {
  const count = image.data.length;
  const cumulative = new Float32Array(count);
  // ITK reads the input as double; the passes between keep float32 values (rounded, held as doubles)
  const input = { data: asDoubles(image.data), size: image.size, spacing: image.spacing };
  // every pass reads only samples its predecessor wrote for this term, so stale contents are never read
  const term = scratchFloat64('log.term', count);
  const axes: Axis[] = [0, 1, 2];
  const [nx, ny] = image.size;
  for (const d of axes) {
    const order = [d, ...axes.filter((a) => a !== d)];
    // the region each pass must cover: widened along the axes of the passes after it
    const covers = order.map((_, k) => order.slice(k + 1).reduce((r, a) => spanAxis(r, a, image.size), region));
    order.forEach((a, k) => {
      const source = k === 0 ? input : { data: term, size: image.size, spacing: image.spacing };
      recursiveGaussianPass(source, a, dericheCoefficients(sigmaMm, image.spacing[a], k === 0 ? 2 : 0, normalizeAcrossScale), term, covers[k]);
    });
    const h = image.spacing[d];
    const weight = 1 / (h * h);
    for (let z = region.lo[2]; z < region.hi[2]; z++) {
      for (let y = region.lo[1]; y < region.hi[1]; y++) {
        for (let i = nx * (y + ny * z) + region.lo[0], end = i + region.hi[0] - region.lo[0]; i < end; i++) cumulative[i] = cumulative[i]! + term[i]! * weight;
      }
    }
  }
  return cumulative;
}

/** pyradiomics' LoG image type name for one σ: `'log-sigma-' + str(σ).replace('.', '-') + '-mm-3D'`. */
export function logImageName(sigmaText: string): string {
  return `log-sigma-${sigmaText.replaceAll('.', '-')}-mm-3D`;
}

/** Why a σ yields no image (pyradiomics logs a warning and skips it). */
export type LogSkipReason = 'image-too-small' | 'sigma-not-positive' | 'sigma-too-large';

/**
 * pyradiomics' validity rules for LoG (`getLoGImage`): no image at all when any axis has < 4 voxels;
 * a σ ≤ 0 is skipped; a σ is skipped unless size_d ≥ ⌈σ/h_d⌉ + 1 on every axis (x, y, z).
 * Returns null when the σ is used.
 */
export function logSkipReason(size: GridImage['size'], spacing: GridImage['spacing'], sigmaMm: number): LogSkipReason | null {
  if (Math.min(size[0], size[1], size[2]) < 4) return 'image-too-small';
  if (!(sigmaMm > 0)) return 'sigma-not-positive';
  for (let d = 0; d < 3; d++) if (size[d]! < Math.ceil(sigmaMm / spacing[d]!) + 1) return 'sigma-too-large';
  return null;
}

/**
 * pyradiomics `getLoGImage`: one float32 LoG image per usable σ, in the given order, named by
 * {@link logImageName}. `sigmaText[i]` is Python's `str()` of `sigmas[i]` as typed in the parameter
 * file ('1' for an integer 1, '1.0' for a float). With `region`, only voxels inside it are computed.
 */
export function* logImages(
  image: GridImage<VoxelArray>,
  sigmas: readonly number[],
  sigmaText: readonly string[],
  region?: Region,
): Generator<{ name: string; data: Float32Array }> {
  for (let i = 0; i < sigmas.length; i++) {
    const sigma = sigmas[i]!;
    if (logSkipReason(image.size, image.spacing, sigma) !== null) continue;
    yield { name: logImageName(sigmaText[i] ?? String(sigma)), data: laplacianRecursiveGaussian(image, sigma, true, region) };
  }
}
