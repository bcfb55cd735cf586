/**
 * Stage `km`: risk stratification by a model's linear predictor. The cut-off is fixed on the TRAINING cohort
 * — its median (R `median`) or the Youden-optimal threshold of the training ROC of the linear predictor — and
 * applied unchanged to validation: high risk = lp ≥ cut. Per cohort: Kaplan–Meier curves per group with
 * Greenwood SE and log CI (`survfit(Surv(time, event) ~ group)`, strata high, low), medians, survival and
 * number at risk at fixed times, and the log-rank test (`survdiff`, rho = 0).
 */
import { median } from '../../stats/descriptive';
import { rocCurve, youdenOptimal } from '../../stats/roc';
import { kaplanMeierByGroup, kmAtTimes, kmEventRows, kmMedian, type KmCurve } from '../../survival/kaplanMeier';
import { logRankTest } from '../../survival/logRank';
import type { StudyDefinition } from '../definition';
import type { StageSpec } from '../stageGraph';
import type { ModelPredictions, SplitOutput } from '../stageTypes';
import { studyModels } from '../models';
import { take } from '../split';
import type { KmCohortResult } from '../resultsSchema';

export interface KmOutput {
  model: string;
  cutRule: 'median' | 'youden';
  cut: number;
  times: number[];
  timeUnit: string;
  training: KmCohortResult;
  validation: KmCohortResult;
}

const LEVELS: string[] = ['high', 'low'];
const NA_CI = 'undefined where S = 0 (R: NA)';
const SE_AT_ZERO = 'S · SE(cumulative hazard) is 0 · ∞ where S = 0 (R: NaN)';

function finiteOrNull(a: ArrayLike<number>): (number | null)[] {
  return Array.from(a, (v) => (Number.isFinite(v) ? v : null));
}

function withReasons<T extends object>(o: T, keys: Record<string, string>, values: Record<string, ArrayLike<number | null> | number | null>): T {
  const reasons: Record<string, string> = {};
  for (const [k, why] of Object.entries(keys)) {
    const v = values[k];
    if (v === null || (typeof v === 'object' && Array.from(v as ArrayLike<number | null>).some((x) => x === null))) reasons[k] = why;
  }
  return Object.keys(reasons).length ? { ...o, reasons } : o;
}

function stratum(level: string, curve: KmCurve, times: readonly number[]): KmCohortResult['strata'][number] {
  const steps = {
    time: Array.from(curve.time),
    nRisk: Array.from(curve.nRisk),
    nEvent: Array.from(curve.nEvent),
    nCensor: Array.from(curve.nCensor),
    surv: Array.from(curve.surv),
    stdErrCumHaz: finiteOrNull(curve.stdErrCumHaz),
    lower: finiteOrNull(curve.lower),
    upper: finiteOrNull(curve.upper),
  };
  const ev = kmEventRows(curve);
  const eventRows = { ...ev, stdErrSurv: finiteOrNull(ev.stdErrSurv), lower: finiteOrNull(ev.lower), upper: finiteOrNull(ev.upper) };
  const m = kmMedian(curve);
  const at = kmAtTimes(curve, times);
  const atTimes = { ...at, stdErrSurv: finiteOrNull(at.stdErrSurv), lower: finiteOrNull(at.lower), upper: finiteOrNull(at.upper) };
  return {
    level,
    n: curve.n,
    events: curve.events,
    steps: withReasons(steps, { stdErrCumHaz: 'infinite where S = 0', lower: NA_CI, upper: NA_CI }, steps),
    eventRows: withReasons(eventRows, { stdErrSurv: SE_AT_ZERO, lower: NA_CI, upper: NA_CI }, eventRows),
    median: withReasons(
      { median: m.median, lower: m.lcl, upper: m.ucl },
      { median: 'survival never drops to 0.5 (median not reached)', lower: 'the lower CI never drops to 0.5', upper: 'the upper CI never drops to 0.5' },
      { median: m.median, lower: m.lcl, upper: m.ucl },
    ),
    atTimes: withReasons(atTimes, { stdErrSurv: SE_AT_ZERO, lower: NA_CI, upper: NA_CI }, atTimes),
  };
}

/** KM by risk group and log-rank for one cohort at a fixed cut. */
export function kmCohort(time: Float64Array, event: Float64Array, lp: Float64Array, cut: number, times: readonly number[]): KmCohortResult {
  const group: string[] = Array.from(lp, (v) => (v >= cut ? 'high' : 'low'));
  const present = LEVELS.filter((l) => group.includes(l));
  const strata = kaplanMeierByGroup(time, event, group, { levels: present }).map((s) => stratum(s.level, s.curve, times));
  const groupSizes = Object.fromEntries(LEVELS.map((l) => [l, group.filter((g) => g === l).length]));
  let dist = Infinity;
  for (const v of lp) dist = Math.min(dist, Math.abs(v - cut));
  const reasons: Record<string, string> = {};
  let logRank: KmCohortResult['logRank'] = null;
  if (present.length < 2) reasons.logRank = `every patient falls in the ${present[0]}-risk group`;
  else {
    try {
      const r = logRankTest(time, event, group, present);
      logRank = { groups: r.groups, n: r.n, observed: r.observed, expected: r.expected, variance: r.variance, chisq: r.chisq, df: r.df, p: r.pValue };
    } catch (err) {
      reasons.logRank = (err as Error).message;
    }
  }
  return { n: lp.length, groupSizes, strata, logRank, cutMinDistance: dist, ...(Object.keys(reasons).length ? { reasons } : {}) };
}

export function kmStage(d: StudyDefinition): StageSpec | null {
  const km = d.evaluation.km;
  if (!km || !d.survival) return null;
  const model = studyModels(d).find((m) => m.id === km.model);
  if (!model) throw new Error(`km: unknown model ${km.model}`);
  const unit = d.survival.unit;
  return {
    name: 'km',
    settings: { km, unit },
    inputs: ['split', model.stage],
    data: [],
    run(ctx): KmOutput {
      const split = ctx.input<SplitOutput>('split');
      const lp = ctx.input<ModelPredictions>(model.stage).lp;
      if (!lp) throw new Error(`km: model ${km.model} has no linear predictor`);
      const trLp = take(lp, split.training);
      let cut: number;
      if (km.cut === 'median') cut = median(trLp);
      else cut = youdenOptimal(rocCurve(take(split.y, split.training), trLp))[0].threshold;
      if (!Number.isFinite(cut)) throw new Error(`km: the Youden cut of the training linear predictor is ${cut}; it does not split the cohort`);
      const time = split.time as Float64Array;
      const event = split.event as Float64Array;
      const cohort = (rows: Int32Array): KmCohortResult => kmCohort(take(time, rows), take(event, rows), take(lp, rows), cut, km.times);
      return { model: km.model, cutRule: km.cut, cut, times: km.times, timeUnit: unit, training: cohort(split.training), validation: cohort(split.validation) };
    },
  };
}
