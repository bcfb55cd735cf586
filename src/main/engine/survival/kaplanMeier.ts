/**
 * Kaplan–Meier product-limit estimator with Greenwood standard error and log-transformed
 * confidence limits, number at risk, median survival with CI, and survival at fixed times,
 * as R survival 3.5 `survfit(Surv(time, event) ~ 1 | group)` and `summary()`.
 */
import { StatsInputError } from '../stats/errors';
import { qnorm } from '../stats/distributions';
import { checkSurvivalData, groupLevels } from './survivalData';

/** One row per distinct time (censor-only times included), as `survfit()` stores it. */
export interface KmCurve {
  n: number;
  events: number;
  time: Float64Array;
  nRisk: Float64Array;
  nEvent: Float64Array;
  nCensor: Float64Array;
  surv: Float64Array;
  /** Greenwood SE of the cumulative hazard, √Σ d/(n(n − d)) (`survfit()$std.err`); Infinity where S = 0. */
  stdErrCumHaz: Float64Array;
  /** S·exp(−z·se_H); NaN where S = 0 (R: NA). */
  lower: Float64Array;
  /** min(1, S·exp(z·se_H)); NaN where S = 0 (R: NA). */
  upper: Float64Array;
  confLevel: number;
}

/**
 * Kaplan–Meier estimate. At each distinct time t_j with n_j at risk (subjects with time ≥ t_j,
 * so subjects censored at t_j still count) and d_j events: S(t_j) = Π_{i≤j}(1 − d_i/n_i),
 * se_H(t_j) = √Σ_{i≤j} d_i/(n_i(n_i − d_i)), CI (conf.type "log") S·exp(∓z_{1−α/2}·se_H), upper
 * truncated at 1.
 */
export function kaplanMeier(time: ArrayLike<number>, event: ArrayLike<number>, confLevel = 0.95): KmCurve {
  checkSurvivalData(time, event, 'kaplanMeier');
  const n = time.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => time[a] - time[b]);
  const rows: { t: number; risk: number; d: number; c: number }[] = [];
  let k = 0;
  while (k < n) {
    const t = time[order[k]];
    let d = 0;
    let c = 0;
    const risk = n - k;
    while (k < n && time[order[k]] === t) {
      if (event[order[k]] === 1) d++;
      else c++;
      k++;
    }
    rows.push({ t, risk, d, c });
  }
  const z = qnorm(1 - (1 - confLevel) / 2);
  const m = rows.length;
  const curve: KmCurve = {
    n,
    events: 0,
    time: new Float64Array(m),
    nRisk: new Float64Array(m),
    nEvent: new Float64Array(m),
    nCensor: new Float64Array(m),
    surv: new Float64Array(m),
    stdErrCumHaz: new Float64Array(m),
    lower: new Float64Array(m),
    upper: new Float64Array(m),
    confLevel,
  };
  let s = 1;
  let greenwood = 0;
  rows.forEach((r, j) => {
    s *= 1 - r.d / r.risk;
    greenwood += r.d === r.risk ? Infinity : r.d / (r.risk * (r.risk - r.d));
    const se = Math.sqrt(greenwood);
    curve.time[j] = r.t;
    curve.nRisk[j] = r.risk;
    curve.nEvent[j] = r.d;
    curve.nCensor[j] = r.c;
    curve.surv[j] = s;
    curve.stdErrCumHaz[j] = se;
    curve.lower[j] = s === 0 ? NaN : s * Math.exp(-z * se);
    curve.upper[j] = s === 0 ? NaN : Math.min(1, s * Math.exp(z * se));
    curve.events += r.d;
  });
  return curve;
}

/** `summary(fit)` rows: event times only, with the SE of S (= S·se_H). */
export interface KmEventRows {
  time: number[];
  nRisk: number[];
  nEvent: number[];
  surv: number[];
  stdErrSurv: number[];
  lower: number[];
  upper: number[];
}

/** The event-time rows of a curve, as `summary(survfit(...))`. */
export function kmEventRows(curve: KmCurve): KmEventRows {
  const out: KmEventRows = { time: [], nRisk: [], nEvent: [], surv: [], stdErrSurv: [], lower: [], upper: [] };
  for (let j = 0; j < curve.time.length; j++) {
    if (curve.nEvent[j] === 0) continue;
    out.time.push(curve.time[j]);
    out.nRisk.push(curve.nRisk[j]);
    out.nEvent.push(curve.nEvent[j]);
    out.surv.push(curve.surv[j]);
    out.stdErrSurv.push(curve.surv[j] * curve.stdErrCumHaz[j]);
    out.lower.push(curve.lower[j]);
    out.upper.push(curve.upper[j]);
  }
  return out;
}

/**
 * First time at which a curve drops to ≤ ½ (within √ε, as survival's `all.equal` tolerance);
 * when the curve sits at exactly ½ and later drops, the midpoint between that time and the time
 * of the next drop. null when never reached. NaN values (undefined CI limits) are skipped.
 */
function firstAtOrBelowHalf(time: Float64Array, y: Float64Array): number | null {
  const tol = Math.sqrt(2.220446049250313e-16);
  let first = -1;
  for (let j = 0; j < y.length; j++) {
    if (!Number.isNaN(y[j]) && y[j] < 0.5 + tol) {
      first = j;
      break;
    }
  }
  if (first < 0) return null;
  if (Math.abs(y[first] - 0.5) < tol) {
    for (let j = first + 1; j < y.length; j++) {
      if (!Number.isNaN(y[j]) && y[j] < y[first]) return (time[first] + time[j]) / 2;
    }
  }
  return time[first];
}

/** Median survival with CI, as `summary(fit)$table` (null = not reached). */
export interface KmMedian {
  records: number;
  events: number;
  median: number | null;
  /** First time the lower CI curve is ≤ ½. */
  lcl: number | null;
  /** First time the upper CI curve is ≤ ½. */
  ucl: number | null;
}

/** Median survival time and its confidence limits from the CI curves. */
export function kmMedian(curve: KmCurve): KmMedian {
  return {
    records: curve.n,
    events: curve.events,
    median: firstAtOrBelowHalf(curve.time, curve.surv),
    lcl: firstAtOrBelowHalf(curve.time, curve.lower),
    ucl: firstAtOrBelowHalf(curve.time, curve.upper),
  };
}

/** Survival at requested times, as `summary(fit, times, extend = TRUE)`. */
export interface KmAtTimes {
  time: number[];
  /** Subjects with follow-up ≥ t. */
  nRisk: number[];
  surv: number[];
  stdErrSurv: number[];
  lower: number[];
  upper: number[];
}

/** S(t), its SE and CI at each requested time (step function, right-continuous; 1 before the first time). */
export function kmAtTimes(curve: KmCurve, times: readonly number[]): KmAtTimes {
  const out: KmAtTimes = { time: [], nRisk: [], surv: [], stdErrSurv: [], lower: [], upper: [] };
  for (const t of times) {
    if (!Number.isFinite(t)) throw new StatsInputError(`kmAtTimes: time ${t} is not finite`);
    let j = -1;
    while (j + 1 < curve.time.length && curve.time[j + 1] <= t) j++;
    let risk = 0;
    for (let i = curve.time.length - 1; i >= 0 && curve.time[i] >= t; i--) risk = curve.nRisk[i];
    out.time.push(t);
    out.nRisk.push(risk);
    out.surv.push(j < 0 ? 1 : curve.surv[j]);
    out.stdErrSurv.push(j < 0 ? 0 : curve.surv[j] * curve.stdErrCumHaz[j]);
    out.lower.push(j < 0 ? 1 : curve.lower[j]);
    out.upper.push(j < 0 ? 1 : curve.upper[j]);
  }
  return out;
}

/** One stratum of a grouped Kaplan–Meier fit. */
export interface KmStratum {
  level: string;
  curve: KmCurve;
}

/** Kaplan–Meier per group (`survfit(Surv ~ group)`), strata in level order (default: sorted labels). */
export function kaplanMeierByGroup(
  time: ArrayLike<number>,
  event: ArrayLike<number>,
  group: readonly string[],
  options: { levels?: readonly string[]; confLevel?: number } = {},
): KmStratum[] {
  checkSurvivalData(time, event, 'kaplanMeierByGroup');
  if (group.length !== time.length) throw new StatsInputError(`kaplanMeierByGroup: ${group.length} group labels for ${time.length} subjects`);
  const levels = groupLevels(group, options.levels, 'kaplanMeierByGroup');
  return levels.map((level) => {
    const idx = group.flatMap((g, i) => (g === level ? [i] : []));
    return {
      level,
      curve: kaplanMeier(
        Float64Array.from(idx, (i) => time[i]),
        Float64Array.from(idx, (i) => event[i]),
        options.confLevel ?? 0.95,
      ),
    };
  });
}
