/**
 * Whole-image intensity normalisation, pyradiomics `imageoperations.normalizeImage`
 * (SimpleITK `Normalize` = ITK NormalizeImageFilter, then optional outlier clipping and scaling).
 */
import { allocate } from '../io/samples';
import type { Volume } from './volume';

/**
 * x' = s · clip((x − μ)·(1/σ), −n, n) over the **whole image** (not the ROI), output float64.
 * μ = mean, σ = unbiased (n − 1) standard deviation, from ITK StatisticsImageFilter:
 * σ² = (Σx² − (Σx)²/N) / (N − 1), sums in double with compensated (Kahan) summation; ITK's shift-scale
 * computes (x + (−μ))·(1/σ). `removeOutliers` n (null = off) clips in σ units before the scale s
 * (`normalizeScale`) multiplies.
 */
export function normalizeImage(image: Volume, scale = 1, removeOutliers: number | null = null): Volume<Float64Array> {
  const d = image.data;
  const n = d.length;
  let sum = 0;
  let sumC = 0;
  let sq = 0;
  let sqC = 0;
  for (let i = 0; i < n; i++) {
    const v = d[i]!;
    // Kahan summation of Σx and Σx², as ITK's CompensatedSummation
    const y1 = v - sumC;
    const t1 = sum + y1;
    sumC = t1 - sum - y1;
    sum = t1;
    const y2 = v * v - sqC;
    const t2 = sq + y2;
    sqC = t2 - sq - y2;
    sq = t2;
  }
  const mean = sum / n;
  const variance = (sq - (sum * sum) / n) / (n - 1);
  const sigma = Math.sqrt(variance);
  const shift = -mean;
  const inv = 1 / sigma;
  const out = allocate('float64', n) as Float64Array;
  for (let i = 0; i < n; i++) {
    let v = (d[i]! + shift) * inv;
    if (removeOutliers !== null) {
      if (v > removeOutliers) v = removeOutliers;
      if (v < -removeOutliers) v = -removeOutliers;
    }
    out[i] = v * scale;
  }
  return { size: [...image.size], spacing: [...image.spacing], origin: [...image.origin], direction: [...image.direction], data: out };
}
