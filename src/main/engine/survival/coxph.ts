/**
 * Cox proportional-hazards regression by Newton–Raphson on the partial likelihood with Efron
 * (default) or Breslow handling of tied event times, as R survival 3.5
 * `coxph(Surv(time, event) ~ x1 + …, ties = "efron" | "breslow")`.
 */
import { StatsConvergenceError, StatsInputError, assertFinite } from '../stats/errors';
import { pchisq, pnorm, qnorm } from '../stats/distributions';
import { cholesky, choleskyInverse, choleskySolve } from '../stats/cholesky';
import { checkSurvivalData } from './survivalData';
import { harrellC } from './cIndex';

export type CoxTies = 'efron' | 'breslow';

export interface CoxResult {
  ties: CoxTies;
  coef: number[];
  se: number[];
  /** exp(coef). */
  hr: number[];
  hrLower: number[];
  hrUpper: number[];
  z: number[];
  /** Two-sided Wald p per coefficient, 2Φ(−|z|). */
  pWald: number[];
  /** Covariance matrix of the coefficients (inverse information at the estimate). */
  vcov: number[][];
  /** Partial log-likelihood at β = 0 and at the estimate. */
  loglik: [number, number];
  /** Likelihood-ratio statistic 2(ℓ(β̂) − ℓ(0)), df = p. */
  lrTest: number;
  lrP: number;
  /** Score (log-rank) statistic U(0)ᵀ I(0)⁻¹ U(0), df = p. */
  scoreTest: number;
  scoreP: number;
  /** Overall Wald statistic β̂ᵀ I(β̂) β̂, df = p. */
  waldTest: number;
  waldP: number;
  df: number;
  /** Harrell's C of the linear predictor (higher = higher risk). */
  concordance: number;
  iterations: number;
  n: number;
  events: number;
  confLevel: number;
}

interface PartialLikelihood {
  loglik: number;
  score: number[];
  information: number[][];
}

/**
 * Partial log-likelihood, score and information at β for centred covariates, subjects sorted
 * by descending time. For each event time with death set D (d deaths) and risk set R:
 * ℓ += Σ_D η − Σ_{l=0}^{d−1} ln(S0 − f_l·S0_D), with f_l = l/d (Efron) or 0 (Breslow), where
 * S0 = Σ_R e^η and S0_D = Σ_D e^η; the score and information use the matching S1, S2 sums.
 */
function partialLikelihood(
  beta: number[],
  x: Float64Array[],
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  order: number[],
  ties: CoxTies,
): PartialLikelihood {
  const p = x.length;
  const score = new Array<number>(p).fill(0);
  const information = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  let loglik = 0;
  let s0 = 0;
  const s1 = new Array<number>(p).fill(0);
  const s2 = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const n = order.length;
  let k = 0;
  while (k < n) {
    const t = time[order[k]];
    let d = 0;
    let d0 = 0;
    const d1 = new Array<number>(p).fill(0);
    const d2 = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    while (k < n && time[order[k]] === t) {
      const i = order[k];
      let eta = 0;
      for (let a = 0; a < p; a++) eta += beta[a] * x[a][i];
      const r = Math.exp(eta);
      s0 += r;
      for (let a = 0; a < p; a++) {
        s1[a] += r * x[a][i];
        for (let b = 0; b <= a; b++) s2[a][b] += r * x[a][i] * x[b][i];
      }
      if (event[i] === 1) {
        d++;
        d0 += r;
        loglik += eta;
        for (let a = 0; a < p; a++) {
          score[a] += x[a][i];
          d1[a] += r * x[a][i];
          for (let b = 0; b <= a; b++) d2[a][b] += r * x[a][i] * x[b][i];
        }
      }
      k++;
    }
    for (let l = 0; l < d; l++) {
      const f = ties === 'efron' ? l / d : 0;
      const c0 = s0 - f * d0;
      loglik -= Math.log(c0);
      const mean = s1.map((v, a) => (v - f * d1[a]) / c0);
      for (let a = 0; a < p; a++) {
        score[a] -= mean[a];
        for (let b = 0; b <= a; b++) information[a][b] += (s2[a][b] - f * d2[a][b]) / c0 - mean[a] * mean[b];
      }
    }
  }
  for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) information[a][b] = information[b][a];
  return { loglik, score, information };
}

/**
 * Fits the Cox model for covariate columns `covariates` (each of length n). Newton–Raphson from
 * β = 0 with step halving whenever the log-likelihood decreases, until the relative change of
 * ℓ is below 1e-13 and the largest step below 1e-10 (R stops at 1e-9; both reach the same maximum,
 * R's coefficients agree to ~1e-9). Covariates are centred internally, as coxph does (ℓ is
 * invariant). Wald CI exp(β ± z_{1−α/2}·SE). Throws for no events, a singular information matrix
 * (e.g. a constant covariate) or a diverging fit (monotone likelihood).
 */
export function coxPh(
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  covariates: readonly ArrayLike<number>[],
  options: { ties?: CoxTies; confLevel?: number } = {},
): CoxResult {
  const ties = options.ties ?? 'efron';
  const confLevel = options.confLevel ?? 0.95;
  checkSurvivalData(time, event, 'coxPh');
  const n = time.length;
  const p = covariates.length;
  if (p === 0) throw new StatsInputError('coxPh: no covariates');
  const x = covariates.map((c, a) => {
    if (c.length !== n) throw new StatsInputError(`coxPh: covariate ${a} has ${c.length} values for ${n} subjects`);
    assertFinite(c, `coxPh covariate ${a}`);
    let m = 0;
    for (let i = 0; i < n; i++) m += c[i];
    m /= n;
    return Float64Array.from(c, (v) => v - m);
  });
  let events = 0;
  for (let i = 0; i < n; i++) events += event[i];
  if (events === 0) throw new StatsInputError('coxPh: no events');
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => time[b] - time[a]);

  let beta = new Array<number>(p).fill(0);
  const null0 = partialLikelihood(beta, x, time, event, order, ties);
  const l0 = cholesky(null0.information, 'coxPh information at β = 0');
  const u0 = choleskySolve(l0, null0.score);
  const scoreTest = null0.score.reduce((s, v, a) => s + v * u0[a], 0);

  let cur = null0;
  let iterations = 0;
  for (; iterations < 100; iterations++) {
    let factor: number[][];
    try {
      factor = cholesky(cur.information, 'coxPh information');
    } catch {
      throw new StatsConvergenceError('coxPh: information became singular while β grew (monotone likelihood: β → ±∞)');
    }
    const step = choleskySolve(factor, cur.score);
    let scale = 1;
    let next = beta.map((b, a) => b + step[a]);
    let fit = partialLikelihood(next, x, time, event, order, ties);
    while (!(fit.loglik >= cur.loglik) && scale > 1e-8) {
      scale /= 2;
      next = beta.map((b, a) => b + scale * step[a]);
      fit = partialLikelihood(next, x, time, event, order, ties);
    }
    const maxStep = Math.max(...step.map((s) => Math.abs(s * scale)));
    const relChange = Math.abs(fit.loglik - cur.loglik) / Math.abs(fit.loglik);
    beta = next;
    cur = fit;
    if (maxStep < 1e-10 && relChange < 1e-13) {
      iterations++;
      break;
    }
  }
  // |β|·SD(x) > 50 means a hazard ratio above e^50 per SD: the likelihood is monotone (β → ±∞).
  const diverging = beta.some((b, a) => !Number.isFinite(b) || Math.abs(b) * Math.sqrt(x[a].reduce((s, v) => s + v * v, 0) / n) > 50);
  if (iterations >= 100 || diverging) {
    throw new StatsConvergenceError('coxPh: Newton–Raphson did not converge (coefficient diverging: monotone likelihood?)');
  }
  const vcov = choleskyInverse(cholesky(cur.information, 'coxPh information at the estimate'));
  const se = vcov.map((row, a) => Math.sqrt(row[a]));
  const zq = qnorm(1 - (1 - confLevel) / 2);
  const z = beta.map((b, a) => b / se[a]);
  let waldTest = 0;
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) waldTest += beta[a] * cur.information[a][b] * beta[b];
  const lrTest = 2 * (cur.loglik - null0.loglik);
  const lp = Float64Array.from({ length: n }, (_, i) => beta.reduce((s, b, a) => s + b * x[a][i], 0));
  return {
    ties,
    coef: beta,
    se,
    hr: beta.map(Math.exp),
    hrLower: beta.map((b, a) => Math.exp(b - zq * se[a])),
    hrUpper: beta.map((b, a) => Math.exp(b + zq * se[a])),
    z,
    pWald: z.map((v) => 2 * pnorm(-Math.abs(v))),
    vcov,
    loglik: [null0.loglik, cur.loglik],
    lrTest,
    lrP: pchisq(lrTest, p, false),
    scoreTest,
    scoreP: pchisq(scoreTest, p, false),
    waldTest,
    waldP: pchisq(waldTest, p, false),
    df: p,
    concordance: harrellC(time, event, lp).concordance,
    iterations,
    n,
    events,
    confLevel,
  };
}
