/**
 * Nomogram point scales for a logistic model, as `rms::nomogram(fit, fun = plogis, lp = TRUE)` draws them
 * (rms 6.5-0), and the scoring of one patient on those scales.
 */
import { StatsInputError } from '../stats/errors';
import { prettyTicks } from './prettyTicks';

/** rms's tick density (`nint`), points-axis length (`maxscale`) and inverse-function grid size. */
const NINT = 10;
const MAX_SCALE = 100;
const RISK_GRID = 1000;
/** A numeric predictor with fewer distinct values than this gets one tick per value (rms/datadist `n.unique`). */
const DISCRETE_LIMIT = 10;

/** A model term drawn as one nomogram axis. */
export type NomogramTerm =
  | {
      kind: 'linear';
      name: string;
      /** Log-odds coefficient per unit of the predictor. */
      beta: number;
      /** Axis tick values (see {@link defaultTicks}). */
      ticks: readonly number[];
    }
  | {
      kind: 'categorical';
      name: string;
      /** Level codes, reference first. */
      levels: readonly number[];
      /** Log-odds contribution of each level (0 for the reference). */
      effects: readonly number[];
    };

/** One drawn axis: tick values, their linear-predictor contributions and points. */
export interface NomogramAxis {
  name: string;
  x: number[];
  xbeta: number[];
  points: number[];
}

/** The full set of scales. */
export interface Nomogram {
  intercept: number;
  axes: NomogramAxis[];
  /** Points per unit of linear predictor: 100 / (largest xβ range among the axes). */
  pointsPerUnitLp: number;
  /** Linear predictor at 0 total points: intercept + Σ (smallest xβ of each axis). */
  lpAtZeroPoints: number;
  /** Tick values of the total-points axis. */
  totalPoints: number[];
  /** Linear-predictor axis: values `xReal` placed at total points `x`. */
  lpAxis: { x: number[]; xReal: number[] };
  /** Risk axis: probabilities `xReal` placed at total points `x`. */
  riskAxis: { x: number[]; xReal: number[] };
}

/**
 * rms's tick values for a numeric predictor: the sorted distinct values when there are fewer than 10
 * (e.g. 0/1), otherwise R's `pretty(range(x), 10)` over the full observed range.
 */
export function defaultTicks(values: ArrayLike<number>): number[] {
  const distinct = [...new Set(Array.from(values))].sort((a, b) => a - b);
  if (distinct.length === 0 || !distinct.every(Number.isFinite)) throw new StatsInputError('nomogram ticks: values must be finite and non-empty');
  if (distinct.length < DISCRETE_LIMIT) return distinct;
  return prettyTicks(distinct[0], distinct[distinct.length - 1], NINT);
}

/**
 * Builds the nomogram scales (rms `nomogram`, points scale 0–100):
 *   $$\text{ppu} = \frac{100}{\max_k\big(\max_t x_{kt}\beta_k - \min_t x_{kt}\beta_k\big)},\qquad
 *     \text{points}_{kt} = (x_{kt}\beta_k - \min_t x_{kt}\beta_k)\cdot\text{ppu},$$
 * so the axis with the widest linear-predictor range spans 0–100 points. Total points map to the linear
 * predictor by \(\text{TP} = (\eta - \eta_0)\cdot\text{ppu}\), \(\eta_0 = \beta_0 + \sum_k \min_t x_{kt}\beta_k\), and
 * to the risk by \(p = 1/(1+e^{-\eta})\).
 *
 * Default axes as rms 6.5-0 `nomogram` draws them:
 * - linear predictor: ticks `pretty(range(observedLp), 10)`, placed at \((\eta - \eta_0)\cdot\text{ppu}\);
 * - total points: `pretty(c(0, S), 10)` with S = 100 for one predictor, else
 *   \(\max(100,\ \text{ppu}\cdot\max(\text{lp ticks} - \eta_0))\);
 * - risk: ticks `riskAt` (default `pretty(plogis(range(lp ticks)), 10)`), placed where rms places them: the
 *   inverse of plogis is read off a 1000-point grid of η over the lp-tick range by linear interpolation
 *   (R `approx`), so positions differ from the exact logit by up to ~1e-5 η; risks outside that range are
 *   dropped, as rms does.
 *
 * @param intercept model intercept (log-odds)
 * @param terms one entry per predictor, in model order
 * @param observedLp linear predictors of the fitting data (rms: `fit$linear.predictors`)
 */
export function buildNomogram(
  intercept: number,
  terms: readonly NomogramTerm[],
  observedLp: ArrayLike<number>,
  options: { riskAt?: readonly number[]; lpAt?: readonly number[] } = {},
): Nomogram {
  if (terms.length === 0) throw new StatsInputError('nomogram: the model has no predictors');
  const raw = terms.map((t) => {
    const x = t.kind === 'linear' ? [...t.ticks] : [...t.levels];
    const xbeta = t.kind === 'linear' ? x.map((v) => t.beta * v) : [...t.effects];
    if (x.length === 0 || x.length !== xbeta.length) throw new StatsInputError(`nomogram: axis "${t.name}" has no ticks or mismatched effects`);
    return { name: t.name, x, xbeta, min: Math.min(...xbeta), max: Math.max(...xbeta) };
  });
  const widest = Math.max(...raw.map((a) => a.max - a.min));
  if (!(widest > 0)) throw new StatsInputError('nomogram: every axis has a zero linear-predictor range');
  const ppu = MAX_SCALE / widest;
  const axes = raw.map((a) => ({ name: a.name, x: a.x, xbeta: a.xbeta, points: a.xbeta.map((v) => (v - a.min) * ppu) }));
  const lpAtZeroPoints = intercept + raw.reduce((s, a) => s + a.min, 0);
  const toPoints = (lp: number): number => (lp - lpAtZeroPoints) * ppu;

  let lpAt: number[];
  if (options.lpAt) lpAt = [...options.lpAt];
  else {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < observedLp.length; i++) {
      lo = Math.min(lo, observedLp[i]);
      hi = Math.max(hi, observedLp[i]);
    }
    if (!(hi >= lo)) throw new StatsInputError('nomogram: observed linear predictors are empty or not finite');
    lpAt = prettyTicks(lo, hi, NINT);
  }
  const lpMin = Math.min(...lpAt);
  const lpMax = Math.max(...lpAt);
  const sumMax = terms.length === 1 ? MAX_SCALE : Math.max(MAX_SCALE, ppu * (lpMax - lpAtZeroPoints));
  const totalPoints = prettyTicks(0, sumMax, NINT);
  const riskAt = options.riskAt ? [...options.riskAt] : prettyTicks(plogis(lpMin), plogis(lpMax), NINT);
  const risk = riskAxisPositions(riskAt, lpMin, lpMax);
  return {
    intercept,
    axes,
    pointsPerUnitLp: ppu,
    lpAtZeroPoints,
    totalPoints,
    lpAxis: { x: lpAt.map(toPoints), xReal: lpAt },
    riskAxis: { x: risk.lp.map(toPoints), xReal: risk.risk },
  };
}

/** Logistic function \(1/(1+e^{-\eta})\). */
function plogis(eta: number): number {
  return 1 / (1 + Math.exp(-eta));
}

/**
 * rms's numerical inverse of plogis: η grid of 1000 equally spaced points on [lpMin, lpMax], then the η of
 * each requested risk by linear interpolation between the bracketing grid points (R `approx(fu, xseq, fat)`).
 * Risks outside [plogis(lpMin), plogis(lpMax)] are dropped.
 */
function riskAxisPositions(riskAt: readonly number[], lpMin: number, lpMax: number): { risk: number[]; lp: number[] } {
  const m = RISK_GRID;
  const grid = new Float64Array(m);
  const prob = new Float64Array(m);
  const step = (lpMax - lpMin) / (m - 1);
  for (let k = 0; k < m; k++) {
    grid[k] = k === m - 1 ? lpMax : lpMin + k * step;
    prob[k] = plogis(grid[k]);
  }
  const risk: number[] = [];
  const lp: number[] = [];
  for (const r of riskAt) {
    if (!(r >= prob[0] && r <= prob[m - 1])) continue;
    let k = 0;
    while (k < m - 2 && prob[k + 1] < r) k++;
    const eta = prob[k + 1] === r ? grid[k + 1] : grid[k] + ((grid[k + 1] - grid[k]) * (r - prob[k])) / (prob[k + 1] - prob[k]);
    risk.push(r);
    lp.push(eta);
  }
  return { risk, lp };
}

/** One patient read off the nomogram. */
export interface NomogramScore {
  /** Points per predictor, in axis order. */
  points: number[];
  totalPoints: number;
  linearPredictor: number;
  risk: number;
}

/**
 * Scores one patient: points of each predictor \((x\beta - \min_t x_t\beta)\cdot\text{ppu}\) (a value outside
 * the drawn ticks gives points outside the axis, as extending the ruler would), total points, the linear
 * predictor \(\eta_0 + \text{TP}/\text{ppu}\) (= the model's \(\beta_0 + x^\top\beta\)) and the risk \(1/(1+e^{-\eta})\).
 *
 * @param values the patient's value per term, in term order (level code for a categorical term)
 */
export function scorePatient(nomogram: Nomogram, terms: readonly NomogramTerm[], values: readonly number[]): NomogramScore {
  if (values.length !== terms.length) throw new StatsInputError(`nomogram: ${values.length} values for ${terms.length} predictors`);
  const ppu = nomogram.pointsPerUnitLp;
  const points = terms.map((t, k) => {
    const v = values[k];
    if (!Number.isFinite(v)) throw new StatsInputError(`nomogram: value of "${t.name}" is ${v}`);
    let xbeta: number;
    if (t.kind === 'linear') xbeta = t.beta * v;
    else {
      const level = t.levels.indexOf(v);
      if (level < 0) throw new StatsInputError(`nomogram: ${v} is not a level of "${t.name}"`);
      xbeta = t.effects[level];
    }
    return (xbeta - Math.min(...nomogram.axes[k].xbeta)) * ppu;
  });
  const totalPoints = points.reduce((s, p) => s + p, 0);
  const linearPredictor = nomogram.lpAtZeroPoints + totalPoints / ppu;
  return { points, totalPoints, linearPredictor, risk: 1 / (1 + Math.exp(-linearPredictor)) };
}
