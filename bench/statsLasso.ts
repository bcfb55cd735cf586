/**
 * Benchmark: LASSO-logistic 10-fold cross-validation (glmnet-equivalent, default settings) on a synthetic
 * 121 × 7,000 feature matrix — the size of a radiomics + deep-feature table of the paper's training cohort.
 * Target: ≤ 5 s on the 2-core development machine.
 *
 * Run: node --import tsx bench/statsLasso.ts [repeats]
 *
 * Data (seeded, R-compatible Mersenne Twister): x_ij ~ U(−1, 1)·s_j + m_j with column scales s_j in [0.1, 100];
 * outcome Bernoulli(plogis(η)), η = 2.5 z_1 − 2 z_2 + 1.5 z_3 − z_4 + z_5 on the standardised signal columns
 * 0..4; fold ids are cv.glmnet's random folds from seed 2024.
 */
import { cvLassoLogistic } from '../src/main/engine/selection/cvGlmnet';
import { Rng } from '../src/main/engine/stats/rng';

const N = 121;
const P = 7000;
const NFOLDS = 10;

function syntheticCohort(seed: number): { x: Float64Array; y: Float64Array } {
  const rng = new Rng(seed);
  const x = new Float64Array(N * P);
  for (let j = 0; j < P; j++) {
    const scale = 0.1 * 1000 ** rng.uniform();
    const shift = (rng.uniform() - 0.5) * 100;
    for (let i = 0; i < N; i++) x[j * N + i] = (rng.uniform() * 2 - 1) * scale + shift;
  }
  const weights = [2.5, -2, 1.5, -1, 1];
  const y = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    let eta = 0;
    weights.forEach((w, j) => {
      let m = 0;
      let ss = 0;
      for (let r = 0; r < N; r++) m += x[j * N + r] / N;
      for (let r = 0; r < N; r++) ss += (x[j * N + r] - m) ** 2 / N;
      eta += (w * (x[j * N + i] - m)) / Math.sqrt(ss);
    });
    y[i] = rng.uniform() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return { x, y };
}

const repeats = Number(process.argv[2] ?? 3);
const { x, y } = syntheticCohort(7);
const events = y.reduce((s, v) => s + v, 0);
console.log(`LASSO-logistic ${NFOLDS}-fold CV, n = ${N}, p = ${P}, events = ${events}, node ${process.version}`);
const times: number[] = [];
const cpuTimes: number[] = [];
let last: ReturnType<typeof cvLassoLogistic> | undefined;
for (let r = 0; r < repeats; r++) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  last = cvLassoLogistic(x, N, P, y, { nfolds: NFOLDS, seed: 2024, typeMeasure: 'deviance' });
  const cpu = process.cpuUsage(cpu0);
  times.push((performance.now() - t0) / 1000);
  cpuTimes.push((cpu.user + cpu.system) / 1e6);
}
if (!last) throw new Error('no repeat ran');
const selected: number[] = [];
const beta = last.fit.beta.subarray(last.indexMin * P, (last.indexMin + 1) * P);
beta.forEach((b, j) => b !== 0 && selected.push(j));
times.sort((a, b) => a - b);
cpuTimes.sort((a, b) => a - b);
console.log(`  λ values on the path: ${last.lambda.length}; full-data npasses: ${last.fit.npasses}`);
console.log(`  λ.min = ${last.lambdaMin.toPrecision(4)} (index ${last.indexMin + 1}), ${selected.length} non-zero: ${selected.slice(0, 12).join(', ')}`);
const median = (v: number[]): number => v[Math.floor(v.length / 2)];
console.log(`  wall time per CV (11 path fits): min ${times[0].toFixed(2)} s, median ${median(times).toFixed(2)} s over ${repeats} runs (target ≤ 5 s)`);
console.log(`  CPU time per CV (single thread; insensitive to other processes): min ${cpuTimes[0].toFixed(2)} s, median ${median(cpuTimes).toFixed(2)} s`);
