/**
 * Bootstrap optimism-corrected calibration. No R oracle exists for rms::calibrate in oracle/stats, so this
 * checks the algorithm's properties: exact reproducibility for a seed, the rms grid, and - statistically, with
 * a fixed seed - that an overfitting model's corrected curve is pulled away from its apparent curve towards
 * the truth (noise-only predictor: the truth is flat at the event rate).
 */
import { describe, expect, it } from 'vitest';
import { bootstrapCalibration, type RefitPredict } from '../../../../../src/main/engine/stats/bootstrapCalibration';
import { logisticRecalibration } from '../../../../../src/main/engine/stats/calibration';
import { Rng } from '../../../../../src/main/engine/stats/rng';
import { approxTiesMean, lowess } from '../../../../../src/main/engine/stats/lowess';

const rng = new Rng(2024);
const n = 120;
const x = Float64Array.from({ length: n }, () => rng.uniform());
const yNoise = Float64Array.from({ length: n }, () => (rng.uniform() < 0.4 ? 1 : 0));

/** 5-nearest-neighbour risk on x (training rows with repeats): a deliberately overfitting model. */
const knn =
  (y: Float64Array): RefitPredict =>
  (rows) =>
    Float64Array.from(x, (xi) => {
      const d = Array.from(rows, (r) => [Math.abs(x[r] - xi), y[r]] as const).sort((a, b) => a[0] - b[0]);
      const k = d.slice(0, 5).reduce((acc, v) => acc + v[1], 0) / 5;
      return Math.min(Math.max(k, 0.02), 0.98);
    });

/** Univariate logistic model on logit(x') with x' in (0, 1): a well-specified, barely optimistic model. */
const xs = Float64Array.from(x, (v) => 0.05 + 0.9 * v);
const ySignal = Float64Array.from(xs, (v) => (rng.uniform() < v ? 1 : 0));
const logistic: RefitPredict = (rows) => {
  const fit = logisticRecalibration(Array.from(rows, (r) => ySignal[r]), Array.from(rows, (r) => xs[r]));
  return Float64Array.from(xs, (v) => 1 / (1 + Math.exp(-(fit.intercept + fit.slope * Math.log(v / (1 - v))))));
};

describe('bootstrap calibration (rms::calibrate algorithm)', () => {
  it('is exactly reproducible for a seed and uses the rms grid seq(p(5), p(n-4), length = 50)', () => {
    const a = bootstrapCalibration(ySignal, logistic, { B: 50, seed: 7 });
    const b = bootstrapCalibration(ySignal, logistic, { B: 50, seed: 7 });
    expect(Array.from(a.corrected)).toEqual(Array.from(b.corrected));
    const c = bootstrapCalibration(ySignal, logistic, { B: 50, seed: 8 });
    expect(Array.from(c.corrected)).not.toEqual(Array.from(a.corrected));
    const p = logistic(Int32Array.from({ length: n }, (_, i) => i)) as Float64Array;
    const sorted = Float64Array.from(p).sort();
    expect(a.predicted.length).toBe(50);
    expect(a.predicted[0]).toBe(sorted[4]);
    expect(a.predicted[49]).toBe(sorted[n - 5]);
    expect(Math.max(...a.repetitions)).toBeLessThanOrEqual(50);
    expect(a.failedFits).toBe(0);
  });
  it('overfitting model on a noise predictor: positive optimism at high risk, corrected curve flatter', () => {
    const r = bootstrapCalibration(yNoise, knn(yNoise), { B: 200, seed: 11 });
    const defined = Array.from(r.predicted.keys()).filter((k) => r.repetitions[k] > 100);
    const slope = (v: Float64Array): number => {
      const xm = defined.reduce((a, k) => a + r.predicted[k], 0) / defined.length;
      const ym = defined.reduce((a, k) => a + v[k], 0) / defined.length;
      let sxy = 0;
      let sxx = 0;
      for (const k of defined) {
        sxy += (r.predicted[k] - xm) * (v[k] - ym);
        sxx += (r.predicted[k] - xm) ** 2;
      }
      return sxy / sxx;
    };
    expect(slope(r.corrected)).toBeLessThan(slope(r.apparent));
    const top = defined.filter((k) => r.predicted[k] > 0.5);
    expect(top.length).toBeGreaterThan(0);
    expect(top.reduce((a, k) => a + r.optimism[k], 0) / top.length).toBeGreaterThan(0);
  });
  it('well-specified model: small optimism and small error', () => {
    const r = bootstrapCalibration(ySignal, logistic, { B: 200, seed: 3 });
    const opt = Array.from(r.optimism).filter((v) => !Number.isNaN(v));
    expect(Math.max(...opt.map(Math.abs))).toBeLessThan(0.1);
    expect(r.meanAbsoluteError).toBeLessThan(0.1);
    expect(r.quantile90AbsoluteError).toBeGreaterThanOrEqual(0);
  });
  it('band: percentile interval of the bootstrap apparent curves shifted by the optimism (recomputed independently)', () => {
    // A model that ignores the resample (fixed predictions): each repetition's training curve is the lowess of
    // the fixed predictions on the bootstrap sample, its test curve the apparent curve.
    const fixed = Float64Array.from(xs);
    const r = bootstrapCalibration(ySignal, () => fixed, { B: 40, seed: 5, bandLevel: 0.9 });
    const rngB = new Rng(5);
    const curves: Float64Array[] = [];
    for (let b = 0; b < 40; b++) {
      const rows = rngB.sampleWithReplacement(n);
      curves.push(approxTiesMean(lowess(Array.from(rows, (i) => fixed[i]), Array.from(rows, (i) => ySignal[i])), r.predicted));
    }
    const apparent = approxTiesMean(lowess(fixed, ySignal), r.predicted);
    const type7 = (v: number[], q: number): number => {
      const s = v.slice().sort((a, b) => a - b);
      const h = (s.length - 1) * q;
      return s[Math.floor(h)] + (h - Math.floor(h)) * (s[Math.ceil(h)] - s[Math.floor(h)]);
    };
    let checked = 0;
    r.predicted.forEach((_, k) => {
      const t = curves.map((c) => c[k]).filter((v) => !Number.isNaN(v));
      if (t.length < 2 || Number.isNaN(apparent[k])) return;
      const optimism = t.reduce((a, v) => a + v, 0) / t.length - apparent[k];
      expect(r.repetitions[k]).toBe(t.length);
      expect(r.optimism[k]).toBeCloseTo(optimism, 12);
      expect(r.bandLower[k]).toBeCloseTo(type7(t, 0.05) - optimism, 12);
      expect(r.bandUpper[k]).toBeCloseTo(type7(t, 0.95) - optimism, 12);
      checked++;
    });
    expect(checked).toBeGreaterThan(40);
    expect(r.bandLevel).toBe(0.9);
  });
  it('band: reproducible for a seed, ordered, and contains the corrected curve at most grid points', () => {
    const a = bootstrapCalibration(ySignal, logistic, { B: 100, seed: 9 });
    const b = bootstrapCalibration(ySignal, logistic, { B: 100, seed: 9 });
    expect(Array.from(a.bandLower)).toEqual(Array.from(b.bandLower));
    expect(Array.from(a.bandUpper)).toEqual(Array.from(b.bandUpper));
    expect(a.bandLevel).toBe(0.95);
    const defined = Array.from(a.predicted.keys()).filter((k) => Number.isFinite(a.bandLower[k]) && Number.isFinite(a.corrected[k]));
    expect(defined.length).toBeGreaterThan(40);
    let inside = 0;
    for (const k of defined) {
      expect(a.bandUpper[k]).toBeGreaterThanOrEqual(a.bandLower[k]);
      if (a.bandLower[k] <= a.corrected[k] && a.corrected[k] <= a.bandUpper[k]) inside++;
    }
    expect(inside / defined.length).toBeGreaterThanOrEqual(0.9);
    expect(() => bootstrapCalibration(ySignal, logistic, { B: 5, seed: 1, bandLevel: 1 })).toThrow(/bandLevel/);
  });
  it('skips failed refits and validates input', () => {
    let calls = 0;
    const flaky: RefitPredict = (rows) => (calls++ % 2 === 1 ? null : logistic(rows));
    expect(bootstrapCalibration(ySignal, flaky, { B: 10, seed: 1 }).failedFits).toBe(5);
    expect(() => bootstrapCalibration(ySignal.slice(0, 10), logistic, { B: 10, seed: 1 })).toThrow(/n > 10/);
    expect(() => bootstrapCalibration(ySignal, logistic, { B: 0, seed: 1 })).toThrow(/positive integer/);
    expect(() => bootstrapCalibration(ySignal, () => null, { seed: 1 })).toThrow(/could not be fitted/);
  });
});
