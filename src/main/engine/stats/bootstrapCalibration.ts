/**
 * Bootstrap optimism-corrected calibration curve, the algorithm of `rms::calibrate(fit, method = "boot", B)`
 * (Harrell, Lee & Mark 1996, Stat Med 15:361; rms `calibrate.default` + `predab.resample`):
 *
 * 1. Apparent predictions \(\hat p\) of the model fitted on all n subjects; grid
 *    `predy = seq(p₍₅₎, p₍ₙ₋₄₎, length.out = 50)` over the sorted \(\hat p\).
 * 2. Calibration error on a sample: \(c(\text{grid}) - \text{grid}\), c = `lowess(p, y, iter = 0)` linearly
 *    interpolated at the grid (NaN outside the range of p). On all data this gives the apparent curve.
 * 3. For b = 1..B: draw n indices with replacement (R's `sample(n, replace = TRUE)`; same stream as R for
 *    the same seed), refit the model on them; training error = step 2 on the bootstrap sample with the
 *    bootstrap model's predictions; test error = step 2 on all n subjects with the bootstrap model's predictions.
 * 4. Per grid point, optimism = mean(training − test) over the repetitions where both are defined;
 *    corrected curve = apparent curve − optimism. Failed refits are skipped (counted in `failedFits`).
 * 5. Error summaries as `print.calibrate`: e = p̂ − (corrected curve interpolated at p̂); mean |e|, mean e²,
 *    0.9 quantile of |e| (type 7), over the subjects inside the grid range.
 * 6. Band (not part of rms): at each grid point x, the bootstrap percentile interval of the apparent curve,
 *    shifted by the optimism,
 *    \( [\,Q_{\alpha/2}\{t_b(x)\} - o(x),\; Q_{1-\alpha/2}\{t_b(x)\} - o(x)\,] \), where \(t_b(x)\) is the
 *    training curve of repetition b (the model refitted on bootstrap sample b, smoothed on that sample: the
 *    bootstrap replicate of the apparent curve), Q the type-7 quantile over the repetitions counted in `n`,
 *    o(x) the optimism and α = 1 − `bandLevel`. It shows the sampling variability of the smoothed curve around
 *    the corrected one; it does not include the Monte-Carlo error of o(x). NaN with fewer than 2 repetitions.
 *
 * Probabilities are unitless. The model is supplied as a refit callback, so any model (logistic regression,
 * LASSO signature, nomogram) can be validated, including its selection steps if the callback repeats them.
 */
import { quantileSorted } from './descriptive';
import { StatsInputError } from './errors';
import { validateOutcomeAndProbability } from './predictedProbability';
import { approxTiesMean, lowess } from './lowess';
import { Rng } from './rng';

/**
 * Fits the model on the subjects `rows` (bootstrap indices, repeats allowed) and returns its predicted
 * probabilities for all n original subjects, or null when the fit fails (the repetition is then skipped).
 */
export type RefitPredict = (rows: Int32Array) => Float64Array | null;

export interface BootstrapCalibrationOptions {
  /** Bootstrap repetitions (rms default 40; 1000 recommended and the default here). */
  B?: number;
  /** Seed of the MT19937 stream (R `set.seed(seed)` equivalent). */
  seed: number;
  /** Number of grid points (rms: 50). */
  gridSize?: number;
  /** Coverage of the percentile band (default 0.95). */
  bandLevel?: number;
}

export interface BootstrapCalibrationResult {
  /** Grid of predicted probabilities (rms `predy`). */
  predicted: Float64Array;
  /** Apparent (in-sample) smoothed observed risk at the grid (rms `calibrated.orig`). */
  apparent: Float64Array;
  /** Optimism-corrected observed risk at the grid (rms `calibrated.corrected`). */
  corrected: Float64Array;
  /** Mean training − test calibration error at each grid point (rms `optimism`). */
  optimism: Float64Array;
  /** Repetitions contributing at each grid point (rms `n`). */
  repetitions: Int32Array;
  /** Band limits at the grid (step 6 of the module comment; NaN where fewer than 2 repetitions count). */
  bandLower: Float64Array;
  bandUpper: Float64Array;
  bandLevel: number;
  meanAbsoluteError: number;
  meanSquaredError: number;
  quantile90AbsoluteError: number;
  B: number;
  seed: number;
  failedFits: number;
}

/**
 * Bootstrap-corrected calibration curve for 0/1 outcomes `y` and a model given by `refit` (see the module
 * comment). Needs n > 10 (rms' rule for the default grid), both outcome classes, and predictions in [0, 1].
 */
export function bootstrapCalibration(
  y: ArrayLike<number>,
  refit: RefitPredict,
  options: BootstrapCalibrationOptions,
): BootstrapCalibrationResult {
  const n = y.length;
  const B = options.B ?? 1000;
  const gridSize = options.gridSize ?? 50;
  const bandLevel = options.bandLevel ?? 0.95;
  if (!(bandLevel > 0 && bandLevel < 1)) throw new StatsInputError(`bandLevel must lie in (0, 1), got ${bandLevel}`);
  if (n <= 10) throw new StatsInputError(`bootstrap calibration needs n > 10 subjects, got ${n}`);
  if (!Number.isInteger(B) || B < 1) throw new StatsInputError(`B must be a positive integer, got ${B}`);
  if (!Number.isInteger(gridSize) || gridSize < 2) throw new StatsInputError(`gridSize must be an integer >= 2`);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const apparentP = refit(all);
  if (apparentP === null) throw new StatsInputError('bootstrap calibration: the model could not be fitted on all subjects');
  validateOutcomeAndProbability(y, apparentP, true);

  const sorted = Float64Array.from(apparentP).sort();
  const grid = seqLength(sorted[4], sorted[n - 5], gridSize);
  const apparent = smoothAt(apparentP, y, grid);

  const rng = new Rng(options.seed);
  const trainSum = new Float64Array(gridSize);
  const testSum = new Float64Array(gridSize);
  const count = new Int32Array(gridSize);
  const trainCurves: number[][] = Array.from({ length: gridSize }, () => []);
  const yBoot = new Float64Array(n);
  const pBoot = new Float64Array(n);
  let failedFits = 0;
  for (let b = 0; b < B; b++) {
    const rows = rng.sampleWithReplacement(n);
    const p = refit(rows);
    if (p === null) {
      failedFits++;
      continue;
    }
    for (let i = 0; i < n; i++) {
      yBoot[i] = y[rows[i]];
      pBoot[i] = p[rows[i]];
    }
    const train = smoothAt(pBoot, yBoot, grid);
    const test = smoothAt(p, y, grid);
    for (let k = 0; k < gridSize; k++) {
      const tr = train[k] - grid[k];
      const te = test[k] - grid[k];
      if (Number.isNaN(tr) || Number.isNaN(te)) continue;
      trainSum[k] += tr;
      testSum[k] += te;
      count[k]++;
      trainCurves[k].push(train[k]);
    }
  }
  const optimism = Float64Array.from(count, (c, k) => (c > 0 ? trainSum[k] / c - testSum[k] / c : NaN));
  const corrected = Float64Array.from(apparent, (a, k) => a - optimism[k]);
  const summary = errorSummary(apparentP, grid, corrected);
  const alpha = 1 - bandLevel;
  const bandLower = new Float64Array(gridSize).fill(NaN);
  const bandUpper = new Float64Array(gridSize).fill(NaN);
  trainCurves.forEach((values, k) => {
    if (values.length < 2) return;
    const s = Float64Array.from(values).sort();
    bandLower[k] = quantileSorted(s, alpha / 2) - optimism[k];
    bandUpper[k] = quantileSorted(s, 1 - alpha / 2) - optimism[k];
  });
  return { predicted: grid, apparent, corrected, optimism, repetitions: count, bandLower, bandUpper, bandLevel, ...summary, B, seed: options.seed, failedFits };
}

/** Smoothed observed risk at the grid: approx(lowess(p, y, iter = 0), xout = grid); NaN outside range(p). */
function smoothAt(p: ArrayLike<number>, y: ArrayLike<number>, grid: Float64Array): Float64Array {
  return approxTiesMean(lowess(p, y), grid);
}

/** R `seq(from, to, length.out = m)`: from, from + k(to − from)/(m − 1) for k = 1..m−2, to. */
function seqLength(from: number, to: number, m: number): Float64Array {
  const out = new Float64Array(m);
  const by = (to - from) / (m - 1);
  for (let k = 0; k < m; k++) out[k] = k === m - 1 ? to : from + k * by;
  return out;
}

/** `print.calibrate` error summary over the subjects whose p̂ lies inside the corrected curve's range. */
function errorSummary(
  p: Float64Array,
  grid: Float64Array,
  corrected: Float64Array,
): { meanAbsoluteError: number; meanSquaredError: number; quantile90AbsoluteError: number } {
  const keep = Array.from(grid.keys()).filter((k) => !Number.isNaN(corrected[k]));
  if (keep.length < 2) return { meanAbsoluteError: NaN, meanSquaredError: NaN, quantile90AbsoluteError: NaN };
  const curve = { x: Float64Array.from(keep, (k) => grid[k]), y: Float64Array.from(keep, (k) => corrected[k]) };
  const fitted = approxTiesMean(curve, p);
  const abs: number[] = [];
  let sq = 0;
  fitted.forEach((c, i) => {
    if (Number.isNaN(c)) return;
    const e = p[i] - c;
    abs.push(Math.abs(e));
    sq += e * e;
  });
  if (abs.length === 0) return { meanAbsoluteError: NaN, meanSquaredError: NaN, quantile90AbsoluteError: NaN };
  const sortedAbs = Float64Array.from(abs).sort();
  return {
    meanAbsoluteError: abs.reduce((a, b) => a + b, 0) / abs.length,
    meanSquaredError: sq / abs.length,
    quantile90AbsoluteError: quantileSorted(sortedAbs, 0.9),
  };
}
