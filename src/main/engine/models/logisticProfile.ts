/**
 * Profile-likelihood confidence intervals for logistic-regression coefficients, computed as R 4.2's
 * `confint(glm_fit)` does (MASS 7.3 `profile.glm` + `confint.profile.glm`).
 */
import { StatsConvergenceError } from '../stats/errors';
import { qchisq, qnorm } from '../stats/distributions';
import { glmBinomialFit, type LogisticModel } from './logistic';
import { evalSpline, fmmSpline } from './fmmSpline';

/** MASS `profile.glm` defaults: at most 10 grid points per side (`maxsteps`). */
const MAX_STEPS = 10;

/** Profile interval of one coefficient on the log-odds scale (exponentiate for the odds ratio). */
export interface ProfileInterval {
  term: string;
  /** NaN when the profile does not reach the cut-off on that side (R: `NA`). */
  lower: number;
  upper: number;
}

/**
 * Profile-likelihood CI of each coefficient of a fitted logistic model, step for step as MASS:
 *
 * 1. signed root deviance \(\zeta(b) = \operatorname{sign}(b-\hat\beta_j)\sqrt{D(b) - D(\hat\beta)}\), where D(b) is the
 *    deviance with \(\beta_j\) fixed at b (offset \(x_j b\)) and the other coefficients re-fitted by glm's IRLS
 *    (started from the previous grid point's linear predictor);
 * 2. grid \(b = \hat\beta_j \pm k\,\delta\,SE_j\), k = 1, 2, …, with \(\zeta_{max} = \sqrt{\chi^2_{1,1-a}}\),
 *    \(a = (1-\text{level})/4\), \(\delta = \zeta_{max}/5\), until \(|\zeta| \ge \zeta_{max}\) or 9 steps per side;
 * 3. FMM cubic spline of ζ against b through the grid (plus \(\hat\beta_j\) at ζ = 0), evaluated at
 *    3 × (grid size) equally spaced b;
 * 4. the limits are where that tabulated curve crosses \(\zeta = \Phi^{-1}((1\mp\text{level})/2)\), by linear
 *    interpolation (R `approx`).
 *
 * Because of steps 3–4 the limits differ from the exact roots of \(\zeta(b) = \pm z_{1-\alpha/2}\) by ~1e-4
 * relative (oracle README §5.2) — deliberately, to match published R output. Units: log-odds.
 *
 * @throws StatsConvergenceError when a constrained fit finds a smaller deviance than the original fit
 *   (MASS: "profiling has found a better solution, so original fit had not converged").
 */
export function profileConfidenceIntervals(model: LogisticModel, level = 0.95): ProfileInterval[] {
  const { design, n, y } = model;
  const q = model.terms.length;
  const zmax = Math.sqrt(qchisq(1 - (1 - level) / 4, 1));
  const delta = zmax / 5;
  const cutLow = qnorm((1 - level) / 2);
  const cutHigh = qnorm(1 - (1 - level) / 2);
  const beta0 = model.terms.map((t) => t.estimate);

  return model.terms.map((term, j) => {
    const others = [...Array(q).keys()].filter((k) => k !== j);
    const xOthers = new Float64Array(n * others.length);
    others.forEach((k, c) => xOthers.set(design.subarray(k * n, (k + 1) * n), c * n));
    const names = others.map((k) => model.terms[k].term);
    const xj = design.subarray(j * n, (j + 1) * n);
    const grid: { b: number; zeta: number }[] = [{ b: beta0[j], zeta: 0 }];
    for (const sign of [-1, 1]) {
      let eta: Float64Array = Float64Array.from(model.linearPredictor);
      let zeta = 0;
      for (let step = 1; step < MAX_STEPS && Math.abs(zeta) < zmax; step++) {
        const b = beta0[j] + sign * step * delta * term.stdError;
        const offset = new Float64Array(n);
        for (let i = 0; i < n; i++) offset[i] = xj[i] * b;
        const deviance = constrainedDeviance(xOthers, n, others.length, y, names, offset, eta);
        eta = deviance.eta;
        let dz = deviance.value - model.deviance;
        if (dz <= -1e-3) {
          throw new StatsConvergenceError(`profile of "${term.term}": a better solution was found, so the original fit had not converged`);
        }
        dz = Math.max(dz, 0);
        zeta = sign * Math.sqrt(dz);
        grid.push({ b, zeta });
      }
    }
    grid.sort((a, c) => a.zeta - c.zeta);
    return { term: term.term, ...invertProfile(grid, cutLow, cutHigh) };
  });
}

/** Deviance and linear predictor of the fit with β_j fixed through `offset` (R `glm.fit(..., offset, etastart)`). */
function constrainedDeviance(
  x: Float64Array,
  n: number,
  q: number,
  y: Float64Array,
  names: readonly string[],
  offset: Float64Array,
  etaStart: Float64Array,
): { value: number; eta: Float64Array } {
  if (q === 0) {
    // empty model: the linear predictor is the offset itself
    let dev = 0;
    for (let i = 0; i < n; i++) {
      const mu = 1 / (1 + Math.exp(-offset[i]));
      dev += y[i] > 0 ? -2 * Math.log(mu) : -2 * Math.log(1 - mu);
    }
    return { value: dev, eta: Float64Array.from(offset) };
  }
  const fit = glmBinomialFit(x, n, q, y, names, { offset, etaStart, checkSeparation: false });
  return { value: fit.deviance, eta: fit.eta };
}

/**
 * MASS `confint.profile.glm`: spline ζ(b) through the grid (R `spline(b, ζ)`, FMM, n = 3·grid points over
 * the range of b), then linear interpolation of b at ζ = cut-off (R `approx(ζ, b, cutoff)`); NaN outside.
 */
function invertProfile(grid: { b: number; zeta: number }[], cutLow: number, cutHigh: number): { lower: number; upper: number } {
  const byB = [...grid].sort((a, c) => a.b - c.b);
  const spline = fmmSpline(
    byB.map((g) => g.b),
    byB.map((g) => g.zeta),
  );
  const m = 3 * byB.length;
  const bMin = byB[0].b;
  const bMax = byB[byB.length - 1].b;
  const step = (bMax - bMin) / (m - 1);
  const table: { b: number; zeta: number }[] = [];
  for (let k = 0; k < m; k++) {
    const b = k === m - 1 ? bMax : bMin + k * step;
    table.push({ b, zeta: evalSpline(spline, b) });
  }
  table.sort((a, c) => a.zeta - c.zeta || a.b - c.b);
  return { lower: interpolateB(table, cutLow), upper: interpolateB(table, cutHigh) };
}

/** R `approx(zeta, b, xout = cut)$y` on a table sorted by ζ (ties in ζ averaged, as `regularize.values`). */
function interpolateB(table: { b: number; zeta: number }[], cut: number): number {
  const zs: number[] = [];
  const bs: number[] = [];
  for (let k = 0; k < table.length; ) {
    let l = k;
    let sum = 0;
    while (l < table.length && table[l].zeta === table[k].zeta) sum += table[l++].b;
    zs.push(table[k].zeta);
    bs.push(sum / (l - k));
    k = l;
  }
  if (cut < zs[0] || cut > zs[zs.length - 1]) return NaN;
  let i = 0;
  while (i < zs.length - 2 && zs[i + 1] < cut) i++;
  if (zs[i + 1] === cut) return bs[i + 1];
  return bs[i] + ((bs[i + 1] - bs[i]) * (cut - zs[i])) / (zs[i + 1] - zs[i]);
}
