/**
 * Intensity resegmentation of the ROI, pyradiomics `imageoperations.resegmentMask`
 * (IBSI "range re-segmentation" / "outlier filtering").
 */
import { ImageCheckError } from './imageError';
import { pairwiseSum, pairwiseSumFloat32 } from './numpySum';
import type { Volume } from './volume';

/**
 * numpy mean and population standard deviation (ddof 0) of the ROI values, in the dtype numpy uses:
 * float32 images in float32 arithmetic (numpy ≥ 2), everything else in float64 (integer sums exact).
 */
function meanStd(values: Float64Array, float32: boolean): [number, number] {
  const n = values.length;
  if (float32) {
    const f = Math.fround;
    const mean = f(pairwiseSumFloat32(values, 0, n) / n);
    const sq = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const d = f(values[i]! - mean);
      sq[i] = f(d * d);
    }
    return [mean, f(Math.sqrt(f(pairwiseSumFloat32(sq, 0, n) / n)))];
  }
  const mean = pairwiseSum(values, 0, n) / n;
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    sq[i] = d * d;
  }
  return [mean, Math.sqrt(pairwiseSum(sq, 0, n) / n)];
}

/**
 * New ROI keeping the voxels of `roi` whose value v satisfies T_lo ≤ v (and v ≤ T_hi with two
 * thresholds). Thresholds are the sorted `range` values t mapped by `mode`:
 * absolute t; relative max_ROI·t; sigma μ_ROI + σ_ROI·t (σ population). Fails when ≤ 1 voxel remains.
 * Arithmetic follows the image dtype (float32 images in float32, as numpy ≥ 2).
 */
export function resegmentMask(
  image: Volume,
  roi: Volume<Uint8Array>,
  range: readonly number[],
  mode: 'absolute' | 'relative' | 'sigma',
  label = 1,
): Volume<Uint8Array> {
  if (range.length === 0 || range.length > 2) throw new ImageCheckError(`Length ${range.length} is not allowed for resegmentRange`);
  const float32 = image.data instanceof Float32Array;
  const round = float32 ? Math.fround : (v: number): number => v;
  const d = image.data;
  const m = roi.data;
  let count = 0;
  for (let i = 0; i < m.length; i++) if (m[i]) count++;
  const values = new Float64Array(count);
  for (let i = 0, k = 0; i < m.length; i++) if (m[i]) values[k++] = d[i]!;
  const sorted = [...range].sort((a, b) => a - b);
  let thresholds: number[];
  if (mode === 'absolute') thresholds = sorted;
  else if (mode === 'relative') {
    let mx = -Infinity;
    for (const v of values) if (v > mx) mx = v;
    thresholds = sorted.map((t) => round(mx * t));
  } else if (mode === 'sigma') {
    const [mean, sd] = meanStd(values, float32);
    thresholds = sorted.map((t) => round(mean + round(sd * t)));
  } else {
    throw new ImageCheckError(`Resegment mode ${String(mode)} not recognized.`);
  }
  const out = new Uint8Array(m.length);
  let kept = 0;
  for (let i = 0; i < m.length; i++) {
    if (!m[i]) continue;
    const v = d[i]!;
    if (v >= thresholds[0]! && (thresholds.length < 2 || v <= thresholds[1]!)) {
      out[i] = 1;
      kept++;
    }
  }
  if (kept <= 1) {
    throw new ImageCheckError(`Resegmentation excluded too many voxels with label ${label} (retained ${kept} voxel(s))! Cannot extract features`);
  }
  return { size: [...roi.size], spacing: [...roi.spacing], origin: [...roi.origin], direction: [...roi.direction], data: out };
}
