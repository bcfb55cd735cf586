/**
 * First-order statistics, pyradiomics `radiomics/firstorder.py` (`RadiomicsFirstOrder`); design
 * notes algorithms.md §8.2; IBSI "intensity-based statistical features" (codes in each doc line).
 *
 * X = ROI intensities as float64 in numpy's C order (z, y, x), N_p = |X|, c = voxelArrayShift,
 * p_i = count of discretised bin i / N_p over the bins present (discretisation: algorithms.md §4).
 * Every mean and sum is numpy's pairwise summation ({@link pairwiseSum}), so flat regions and
 * cancellation behave exactly as in pyradiomics. Percentiles use numpy's default 'linear' method.
 */
import type { FamilyInput, FeatureFamily, FeatureSpec } from '../family';
import { pairwiseSum } from '../../image/numpySum';
import { binFamilyInput } from '../matrices/fromInput';
import { orderStatistics } from '../orderStatistics';
import { roiIndex } from '../matrices/roiIndex';
import { scratchFloat64, scratchUint8 } from '../../image/scratch';

/** ε inside every log₂, numpy `np.spacing(1)`. */
const EPS = 2.220446049250313e-16;

/** pyradiomics firstorder features in pyradiomics' declaration order. */
const FEATURES: readonly FeatureSpec[] = [
  { name: 'Energy', enabledByDefault: true },
  { name: 'TotalEnergy', enabledByDefault: true },
  { name: 'Entropy', enabledByDefault: true },
  { name: 'Minimum', enabledByDefault: true },
  { name: '10Percentile', enabledByDefault: true },
  { name: '90Percentile', enabledByDefault: true },
  { name: 'Maximum', enabledByDefault: true },
  { name: 'Mean', enabledByDefault: true },
  { name: 'Median', enabledByDefault: true },
  { name: 'InterquartileRange', enabledByDefault: true },
  { name: 'Range', enabledByDefault: true },
  { name: 'MeanAbsoluteDeviation', enabledByDefault: true },
  { name: 'RobustMeanAbsoluteDeviation', enabledByDefault: true },
  { name: 'RootMeanSquared', enabledByDefault: true },
  { name: 'StandardDeviation', enabledByDefault: false, deprecated: true },
  { name: 'Skewness', enabledByDefault: true },
  { name: 'Kurtosis', enabledByDefault: true },
  { name: 'Variance', enabledByDefault: true },
  { name: 'Uniformity', enabledByDefault: true },
];

/**
 * numpy `percentile(v, q)` ('linear', numpy ≥ 1.22) of ascending `sorted` values:
 * h = (N − 1)·(q/100), i = ⌊h⌋, t = h − i, value = v_i + (v_{i+1} − v_i)·t, computed as
 * v_{i+1} − (v_{i+1} − v_i)(1 − t) when t ≥ 0.5 (numpy `_lerp`).
 */
export function npPercentile(sorted: Float64Array, q: number): number {
  return percentileOf(sorted.length, q, (k) => sorted[k]!);
}

/** The ranks {@link percentileOf} reads for N values: ⌊h⌋ and min(⌊h⌋ + 1, N − 1). */
function percentileRanks(n: number, q: number): [number, number] {
  const i = Math.floor((n - 1) * (q / 100));
  return [i, Math.min(i + 1, n - 1)];
}

/** {@link npPercentile} reading the order statistics through `at(rank)`. */
function percentileOf(n: number, q: number, at: (rank: number) => number): number {
  const h = (n - 1) * (q / 100);
  const i = Math.floor(h);
  const t = h - i;
  const a = at(i);
  const b = at(Math.min(i + 1, n - 1));
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** numpy `median`: middle value, or the mean of the two middle values (their sum / 2). */
function medianOf(n: number, at: (rank: number) => number): number {
  const h = n >> 1;
  return n % 2 === 1 ? at(h) : (at(h - 1) + at(h)) / 2;
}

/**
 * Σ (x − x̄)², Σ (x − x̄)³ and Σ (x − x̄)⁴, pyradiomics `_moment` (numpy `mean((x − x̄)**k)`), each summed
 * in numpy's pairwise order. The powers are products (v·v, v²·v, v²·v²): numpy squares with v·v and
 * raises to 3 and 4 with the C library's `pow`, which the products match to within 1 ulp per term
 * (relative effect on the moments ≤ 1e-15, far inside the 1e-6 parity the baselines ask).
 */
function centralSums(x: Float64Array, mean: number): { s2: number; s3: number; s4: number } {
  const n = x.length;
  const w2 = scratchFloat64('firstorder.w2', n);
  const w3 = scratchFloat64('firstorder.w3', n);
  const w4 = scratchFloat64('firstorder.w4', n);
  for (let i = 0; i < n; i++) {
    const v = x[i]! - mean;
    const v2 = v * v;
    w2[i] = v2;
    w3[i] = v2 * v;
    w4[i] = v2 * v2;
  }
  return { s2: pairwiseSum(w2, 0, n), s3: pairwiseSum(w3, 0, n), s4: pairwiseSum(w4, 0, n) };
}

/** Mean of |x − x̄| (numpy `mean(abs(x - mean(x)))`), given x̄. */
function meanAbsDev(x: Float64Array, mean: number, work: Float64Array): number {
  const n = x.length;
  for (let i = 0; i < n; i++) work[i] = Math.abs(x[i]! - mean);
  return pairwiseSum(work, 0, n) / n;
}

/** Mean of |x − m| over the voxels where `keep` is set, m their mean, excluded voxels summed as 0 (numpy nanmean). */
function maskedMeanAbsDev(x: Float64Array, keep: Uint8Array, work: Float64Array): number {
  const n = x.length;
  // branch-free: excluded voxels contribute +0 (x·0 + 0), kept ones x (finite ROI values)
  let count = 0;
  for (let i = 0; i < n; i++) {
    const k = keep[i]!;
    work[i] = x[i]! * k + 0;
    count += k;
  }
  const mean = pairwiseSum(work, 0, n) / count;
  for (let i = 0; i < n; i++) work[i] = Math.abs(x[i]! - mean) * keep[i]!;
  return pairwiseSum(work, 0, n) / count;
}

/** Compute the requested firstorder features of one image type. */
function compute(input: FamilyInput, enabled: readonly string[]): Map<string, number> {
  const { image, mask, size, spacing, settings } = input;
  const { roi } = roiIndex(mask, size);
  const n = roi.length;
  const x = scratchFloat64('firstorder.x', n);
  for (let k = 0; k < n; k++) x[k] = image[roi[k]!]!;

  const shift = settings.voxelArrayShift;
  const out = new Map<string, number>();
  const want = new Set(enabled);
  const work = scratchFloat64('firstorder.work', n);
  // order statistics: min, max, the median's and the percentiles' ranks, selected once
  let ranked: Map<number, number> | null = null;
  const at = (rank: number): number => {
    if (!ranked) {
      const ranks = [0, n - 1, n >> 1, Math.max((n >> 1) - 1, 0)];
      for (const q of [10, 25, 75, 90]) ranks.push(...percentileRanks(n, q));
      ranked = orderStatistics(x, ranks);
    }
    return ranked.get(rank)!;
  };
  const percentile = (q: number): number => percentileOf(n, q, at);
  let meanCache: number | null = null;
  const mean = (): number => (meanCache ??= pairwiseSum(x) / n);
  let momentCache: { s2: number; s3: number; s4: number } | null = null;
  const moments = () => (momentCache ??= centralSums(x, mean()));
  const m2 = (): number => moments().s2 / n;
  let probsCache: Float64Array | null = null;
  const probs = (): Float64Array => {
    if (probsCache) return probsCache;
    // the discretisation the texture classes use (pyradiomics bins the same ROI values the same way)
    const { bins, roi, ng } = binFamilyInput(input);
    const counts = new Float64Array(ng + 1);
    for (let r = 0; r < roi.length; r++) counts[bins[roi[r]!]!]++;
    const p: number[] = [];
    for (let g = 0; g <= ng; g++) if (counts[g]! > 0) p.push(counts[g]! / n);
    return (probsCache = Float64Array.from(p));
  };
  let energyCache: number | null = null;
  const energy = (): number => {
    if (energyCache !== null) return energyCache;
    for (let i = 0; i < n; i++) {
      const v = x[i]! + shift;
      work[i] = v * v;
    }
    return (energyCache = pairwiseSum(work, 0, n));
  };
  const p10 = (): number => percentile(10);
  const p90 = (): number => percentile(90);

  for (const name of FEATURES.map((f) => f.name)) {
    if (!want.has(name)) continue;
    let value: number;
    switch (name) {
      case 'Energy': // IBSI N8CA
        value = energy();
        break;
      case 'TotalEnergy': // pyradiomics only: Energy · V_voxel, V_voxel = s_z·s_y·s_x
        value = spacing[2] * spacing[1] * spacing[0] * energy();
        break;
      case 'Entropy': {
        // IBSI TLU2: −Σ p_i log₂(p_i + ε)
        const p = probs();
        const terms = p.map((v) => v * Math.log2(v + EPS));
        value = -1 * pairwiseSum(terms);
        break;
      }
      case 'Minimum': // IBSI 1GSF
        value = at(0);
        break;
      case '10Percentile': // IBSI QG58
        value = p10();
        break;
      case '90Percentile': // IBSI 8DWT
        value = p90();
        break;
      case 'Maximum': // IBSI 84IY
        value = at(n - 1);
        break;
      case 'Mean': // IBSI Q4LE
        value = mean();
        break;
      case 'Median': // IBSI Y12H
        value = medianOf(n, at);
        break;
      case 'InterquartileRange': // IBSI SALO: P75 − P25
        value = percentile(75) - percentile(25);
        break;
      case 'Range': // IBSI 2OJQ
        value = at(n - 1) - at(0);
        break;
      case 'MeanAbsoluteDeviation': // IBSI 4FUA: mean |x − x̄|
        value = meanAbsDev(x, mean(), work);
        break;
      case 'RobustMeanAbsoluteDeviation': {
        // IBSI 1128: mean |x − x̄₁₀₋₉₀| over P10 ≤ x ≤ P90
        const lo = p10();
        const hi = p90();
        const keep = scratchUint8('firstorder.keep', n);
        // branch-free: the comparisons are unpredictable on noisy images
        for (let i = 0; i < n; i++) keep[i] = Number(x[i]! - lo >= 0) & Number(x[i]! - hi <= 0);
        value = maskedMeanAbsDev(x, keep, work);
        break;
      }
      case 'RootMeanSquared': // IBSI 5ZWQ: √(Σ(x + c)² / N_p), 0 for an empty ROI
        value = n === 0 ? 0 : Math.sqrt(energy() / n);
        break;
      case 'StandardDeviation':
        continue; // deprecated: pyradiomics drops it (DeprecationWarning), no value
      case 'Skewness': {
        // IBSI KE2A: m₃ / m₂^{3/2}; m₂ = 0 (flat) → m₂ := 1, giving 0
        const m3 = moments().s3 / n;
        value = m3 / Math.pow(m2() === 0 ? 1 : m2(), 1.5);
        break;
      }
      case 'Kurtosis': {
        // IBSI IPH6 + 3 (not excess): m₄ / m₂²
        const m4 = moments().s4 / n;
        const d = m2() === 0 ? 1 : m2();
        value = m4 / (d * d);
        break;
      }
      case 'Variance': {
        // IBSI ECT3: population variance, computed as (numpy nanstd)²
        const std = Math.sqrt(m2());
        value = std * std;
        break;
      }
      case 'Uniformity': {
        // IBSI BJ5W: Σ p_i²
        const p = probs();
        value = pairwiseSum(p.map((v) => v * v));
        break;
      }
      default:
        continue;
    }
    out.set(name, value);
  }
  return out;
}

/** The firstorder feature class. */
export const firstorder: FeatureFamily = { name: 'firstorder', features: FEATURES, compute };
