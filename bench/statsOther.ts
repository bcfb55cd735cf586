/**
 * Timings of the S3 statistics modules on synthetic data of the study's size (prints figures; not a test).
 *   node --import tsx bench/statsOther.ts
 * Targets: mRMR top-25 of 7,000 features <= 2 s; bootstrap calibration B = 1000 on n = 200 <= 1 s;
 * ComBat on 180 samples x 7,000 features <= 1 s (parametric; non-parametric also reported).
 */
import { performance } from 'node:perf_hooks';
import { fitCombat } from '../src/main/engine/harmonisation/combat';
import { glmBinomialFit } from '../src/main/engine/models/logistic';
import { mrmrClassic } from '../src/main/engine/selection/mrmr';
import { bootstrapCalibration } from '../src/main/engine/stats/bootstrapCalibration';
import { Rng } from '../src/main/engine/stats/rng';

const rng = new Rng(20240601);
/** Standard normal by Box–Muller (bench data only). */
const normal = (): number => Math.sqrt(-2 * Math.log(rng.uniform())) * Math.cos(2 * Math.PI * rng.uniform());

/**
 * Best of `repeats` runs after a warm-up. Wall time and process CPU time (user + system) are both printed:
 * on a shared machine CPU time is the better estimate of the unloaded wall time (single-threaded code).
 */
function time<T>(label: string, target: number, fn: () => T, repeats = 3): T {
  let result = fn(); // warm-up (JIT)
  let bestWall = Infinity;
  let bestCpu = Infinity;
  for (let r = 0; r < repeats; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = fn();
    bestWall = Math.min(bestWall, (performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    bestCpu = Math.min(bestCpu, (c.user + c.system) / 1e6);
  }
  const verdict = Number.isFinite(target) ? `target <= ${target} s: ${Math.min(bestWall, bestCpu) <= target ? 'OK' : 'SLOW'}` : 'no target';
  console.log(`${label.padEnd(58)} wall ${bestWall.toFixed(3)} s, cpu ${bestCpu.toFixed(3)} s  (${verdict})`);
  return result;
}

// --- mRMR: 7,000 features x 180 samples, 0/1 target, top 25
{
  const n = 180;
  const G = 7000;
  const target = Float64Array.from({ length: n }, () => (rng.uniform() < 0.4 ? 1 : 0));
  const latent = Array.from({ length: 50 }, () => Float64Array.from(target, (t) => t + normal()));
  const features = Array.from({ length: G }, (_, g) => Float64Array.from(latent[g % 50], (v) => v * (1 + g / G) + normal()));
  time('mRMR classic MID, top 25 of 7,000 features (n = 180)', 2, () => mrmrClassic(features, target, 25, 'MID'));
}

// --- bootstrap calibration: n = 200, logistic model with 3 predictors refitted B = 1000 times
{
  const n = 200;
  const q = 4;
  const design = new Float64Array(n * q).fill(1, 0, n);
  for (let k = 1; k < q; k++) for (let i = 0; i < n; i++) design[k * n + i] = normal();
  const y = Float64Array.from({ length: n }, (_, i) => {
    const eta = -0.4 + 0.9 * design[n + i] - 0.6 * design[2 * n + i] + 0.3 * design[3 * n + i];
    return rng.uniform() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  });
  const names = ['(Intercept)', 'x1', 'x2', 'x3'];
  const sub = new Float64Array(n * q);
  const ySub = new Float64Array(n);
  const refit = (rows: Int32Array): Float64Array | null => {
    for (let k = 0; k < q; k++) for (let i = 0; i < n; i++) sub[k * n + i] = design[k * n + rows[i]];
    for (let i = 0; i < n; i++) ySub[i] = y[rows[i]];
    let beta: Float64Array;
    try {
      beta = glmBinomialFit(sub, n, q, ySub, names).coef;
    } catch {
      return null;
    }
    return Float64Array.from({ length: n }, (_, i) => {
      let eta = 0;
      for (let k = 0; k < q; k++) eta += design[k * n + i] * beta[k];
      return 1 / (1 + Math.exp(-eta));
    });
  };
  const r = time('bootstrap calibration, B = 1000, n = 200 (logistic refits)', 1, () =>
    bootstrapCalibration(y, refit, { B: 1000, seed: 1 }), 2);
  console.log(`  mean |error| ${r.meanAbsoluteError.toFixed(4)}, failed fits ${r.failedFits}`);
}

// --- ComBat: 7,000 features x 180 samples, two batches (110 / 70)
{
  const n = 180;
  const G = 7000;
  const batch = Array.from({ length: n }, (_, i) => (i < 110 ? 'A' : 'B'));
  const features = Array.from({ length: G }, (_, g) =>
    Float64Array.from(batch, (b) => (b === 'B' ? 0.5 + 1.4 * normal() : normal()) * (1 + g / 1000) + g),
  );
  time('ComBat parametric, 180 x 7,000', 1, () => fitCombat(features, batch));
  time('ComBat parametric, ref.batch = A, 180 x 7,000', 1, () => fitCombat(features, batch, { referenceBatch: 'A' }));
  time('ComBat non-parametric, 180 x 7,000 (no target)', Infinity, () => fitCombat(features, batch, { parametric: false }), 1);
}
