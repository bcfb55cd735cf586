/**
 * Stage `calibration`: agreement of predicted probabilities with observed outcomes, per model and cohort —
 * Hosmer–Lemeshow (g quantile groups; ResourceSelection `hoslem.test`), `rms::val.prob` statistics with
 * calibration-in-the-large, the binned curve (mean predicted vs observed rate per quantile group), the apparent
 * lowess curve, and on the training cohort the bootstrap optimism-corrected curve (rms `calibrate(method =
 * "boot", B)`), each repetition refitting the model on the resample:
 * DLRN and clinical model — the logistic regression on fixed predictors (signature score, kept clinical);
 * LASSO signature — glmnet on the mRMR features over the original λ path down to the chosen λ;
 * k-NN — the neighbour set. Feature selection (mRMR, λ choice) is not repeated inside the bootstrap.
 */
import { calibrationInTheLarge, calibrationQuantileBins, valProb } from '../../stats/calibration';
import { hosmerLemeshow } from '../../stats/hosmerLemeshow';
import { approxTiesMean, lowess } from '../../stats/lowess';
import { bootstrapCalibration, type BootstrapCalibrationResult, type RefitPredict } from '../../stats/bootstrapCalibration';
import { fitLogistic, logisticLinearPredictor, logitLinkInverse } from '../../models/logistic';
import { fitKnn, predictKnnProbability } from '../../models/knn';
import { fitLassoLogistic } from '../../selection/lasso';
import { lassoCoefficientsAt, lassoLinearPredictor } from '../../selection/lassoPredict';
import { designColumns } from '../../models/logisticTable';
import { signatureSelection, type StudyDefinition } from '../definition';
import type { StageSpec, StageContext } from '../stageGraph';
import type { SplitOutput } from '../stageTypes';
import { modelStages, predictionsOf, studyModels, type StudyModel } from '../models';
import { take } from '../split';
import type { CalibrationCohortResult } from '../resultsSchema';
import { candidateValues, tablePredictor, type ClinicalOutput } from './clinicalStage';
import { columnMajor, glmnetOptions, type LassoOutput } from './lassoStage';
import type { SignatureOutput } from './signatureStage';
import type { ZScoreOutput } from './zscoreStage';

export type CalibrationOutput = Record<string, { training: CalibrationCohortResult; validation: CalibrationCohortResult }>;

function nulls(values: Float64Array): (number | null)[] {
  return Array.from(values, (v) => (Number.isFinite(v) ? v : null));
}

/** Calibration statistics of one cohort (bootstrap added separately). */
export function calibrationCohort(y: Float64Array, p: Float64Array, groups: number, bins: number): CalibrationCohortResult {
  const reasons: Record<string, string> = {};
  const attempt = <T>(key: string, f: () => T): T | null => {
    try {
      return f();
    } catch (err) {
      reasons[key] = (err as Error).message;
      return null;
    }
  };
  const hl = attempt('hosmerLemeshow', () => {
    const r = hosmerLemeshow(y, p, groups);
    if (!Number.isFinite(r.statistic)) throw new Error('Hosmer–Lemeshow statistic is infinite (a group has zero expected count)');
    return {
      statistic: r.statistic,
      df: r.df,
      p: r.pValue,
      g: r.g,
      breaks: Array.from(r.breaks),
      table: { bin: r.table.bin, n: r.table.n, observed0: r.table.observed0, observed1: r.table.observed1, expected0: r.table.expected0, expected1: r.table.expected1 },
    };
  });
  const vp = attempt('valProb', () => {
    const v = valProb(y, p);
    return {
      dxy: v.dxy,
      c: v.c,
      cExact: v.cExact,
      r2: v.r2,
      d: v.d,
      dChiSq: v.dChiSq,
      u: v.u,
      uChiSq: v.uChiSq,
      uP: v.uP,
      q: v.q,
      brier: v.brier,
      intercept: v.intercept,
      slope: v.slope,
      emax: v.emax,
      e90: v.e90,
      eavg: v.eavg,
      sZ: v.sZ,
      sP: v.sP,
      calibrationInTheLarge: calibrationInTheLarge(y, p),
    };
  });
  const binned = attempt('binned', () => calibrationQuantileBins(y, p, bins));
  const smooth = attempt('smooth', () => {
    const predicted = Float64Array.from(new Set(Array.from(p))).sort();
    return { predicted: Array.from(predicted), observed: Array.from(approxTiesMean(lowess(p, y), predicted)) };
  });
  return {
    n: y.length,
    hosmerLemeshow: hl,
    valProb: vp,
    binned,
    smooth,
    bootstrap: null,
    reasons: { ...reasons, bootstrap: 'the bootstrap-corrected curve is computed on the training cohort only' },
  };
}

/** Refit-and-predict callback of a model over the training rows (bootstrap indices are into training). */
function refitFor(d: StudyDefinition, m: StudyModel, ctx: StageContext, split: SplitOutput): { refit: RefitPredict; description: string } {
  const tr = split.training;
  const yt = take(split.y, tr);
  const sub = (x: Float64Array, rows: Int32Array): Float64Array => Float64Array.from(rows, (r) => x[r]);
  if (m.kind === 'signature') {
    const s = d.signatures.find((x) => x.name === m.id);
    if (!s) throw new Error(`calibration: unknown signature ${m.id}`);
    const lasso = ctx.input<LassoOutput>(`lasso:${s.name}`);
    const zs = ctx.input<ZScoreOutput>('zscore');
    const zIndex = new Map(zs.names.map((n, j) => [n, j]));
    const cols = lasso.features.map((n) => take(zs.z[zIndex.get(n) as number], tr));
    const p = cols.length;
    const all = Int32Array.from({ length: tr.length }, (_, i) => i);
    const xAll = columnMajor(cols, all);
    if (s.classifier.type === 'knn') {
      const sig = ctx.input<SignatureOutput>(`signature:${s.name}`);
      const kCols = sig.features.map((n) => take(zs.z[zIndex.get(n) as number], tr));
      const k = s.classifier.k;
      const xk = columnMajor(kCols, all);
      return {
        description: `k-NN (k = ${k}) refitted on each resample`,
        refit: (rows) => {
          try {
            return predictKnnProbability(fitKnn(columnMajor(kCols, rows), rows.length, kCols.length, sub(yt, rows), Math.min(k, rows.length)), xk, all.length);
          } catch {
            return null;
          }
        },
      };
    }
    const opts = { ...glmnetOptions(signatureSelection(d, s).lasso), lambda: lasso.path.lambda.slice(0, lasso.chosenIndex + 1) };
    return {
      description: 'LASSO logistic refitted on each resample on the original λ path down to the chosen λ (mRMR features fixed)',
      refit: (rows) => {
        try {
          const fit = fitLassoLogistic(columnMajor(cols, rows), rows.length, p, sub(yt, rows), opts);
          return lassoLinearPredictor(lassoCoefficientsAt(fit, lasso.chosenLambda), xAll, all.length).map((e) => 1 / (1 + Math.exp(-e)));
        } catch {
          return null;
        }
      },
    };
  }
  const clinical = ctx.input<ClinicalOutput>('clinical');
  const cands = d.clinical.candidates.filter((c) => clinical.kept.includes(c.name));
  const design = cands.flatMap((c) => designColumns(tablePredictor(c, candidateValues(c, ctx.data.clinical, split.ids), tr)));
  const columns = (m.kind === 'dlrn' ? [{ name: 'score', values: take(ctx.input<SignatureOutput>(`signature:${d.dlrn.signature}`).lp as Float64Array, tr) }, ...design] : design).map(
    (c) => ({ name: c.name, values: Float64Array.from(c.values) }),
  );
  return {
    description: `logistic regression (${columns.map((c) => c.name).join(' + ')}) refitted on each resample`,
    refit: (rows) => {
      try {
        const model = fitLogistic(
          columns.map((c) => ({ name: c.name, values: sub(c.values, rows) })),
          sub(yt, rows),
        );
        return logisticLinearPredictor(model, columns.map((c) => c.values)).map(logitLinkInverse);
      } catch {
        return null;
      }
    },
  };
}

/** Coverage of the band around the bootstrap-corrected curve. */
const BAND_LEVEL = 0.95;

/** The results' band of a bootstrap calibration (definition in words; nulls with their reason). */
function bandOf(b: BootstrapCalibrationResult): NonNullable<CalibrationCohortResult['bootstrap']>['band'] {
  const pct = `${Math.round(b.bandLevel * 1000) / 10}%`;
  const reasons: Record<string, string> = {};
  const why = 'fewer than two bootstrap repetitions define the curves at this grid point';
  if (b.bandLower.some((v) => !Number.isFinite(v))) reasons.lower = why;
  if (b.bandUpper.some((v) => !Number.isFinite(v))) reasons.upper = why;
  return {
    level: b.bandLevel,
    definition:
      `${pct} bootstrap percentile interval (type-7 quantiles) of the apparent calibration curve over the repetitions ` +
      '(model refitted and curve smoothed on each bootstrap sample), shifted by the estimated optimism at each grid point',
    lower: nulls(b.bandLower),
    upper: nulls(b.bandUpper),
    ...(Object.keys(reasons).length ? { reasons } : {}),
  };
}

export function calibrationStage(d: StudyDefinition): StageSpec {
  const models = studyModels(d);
  const ev = d.evaluation;
  return {
    name: 'calibration',
    settings: { calibration: ev.calibration, bootstrap: ev.bootstrap, bandLevel: BAND_LEVEL, clinical: d.clinical.candidates, dlrn: d.dlrn.signature },
    inputs: ['split', 'zscore', 'clinical', ...modelStages(d), ...d.signatures.map((s) => `lasso:${s.name}`)],
    data: [{ kind: 'clinical', columns: d.clinical.candidates.map((c) => c.name) }],
    run(ctx): CalibrationOutput {
      const split = ctx.input<SplitOutput>('split');
      const out: CalibrationOutput = {};
      for (const m of models) {
        const prob = predictionsOf(ctx, m).prob;
        const yt = take(split.y, split.training);
        const training = calibrationCohort(yt, take(prob, split.training), ev.calibration.groups, ev.calibration.bins);
        const validation = calibrationCohort(take(split.y, split.validation), take(prob, split.validation), ev.calibration.groups, ev.calibration.bins);
        const reasons = { ...(training.reasons ?? {}) };
        delete reasons.bootstrap;
        if (ev.bootstrap.B === 0) reasons.bootstrap = 'bootstrap disabled (evaluation.bootstrap.B = 0)';
        else {
          const { refit, description } = refitFor(d, m, ctx, split);
          try {
            const b = bootstrapCalibration(yt, refit, { B: ev.bootstrap.B, seed: ev.bootstrap.seed, bandLevel: BAND_LEVEL });
            const bReasons: Record<string, string> = {};
            const undefinedAt = 'undefined where the grid point lies outside the range of a sample’s predictions or no repetition covers it';
            for (const k of ['apparent', 'corrected', 'optimism'] as const) if (b[k].some((v) => !Number.isFinite(v))) bReasons[k] = undefinedAt;
            for (const k of ['meanAbsoluteError', 'meanSquaredError', 'quantile90AbsoluteError'] as const) {
              if (!Number.isFinite(b[k])) bReasons[k] = 'fewer than two grid points have a corrected value';
            }
            training.bootstrap = {
              B: b.B,
              seed: b.seed,
              failedFits: b.failedFits,
              predicted: Array.from(b.predicted),
              apparent: nulls(b.apparent),
              corrected: nulls(b.corrected),
              optimism: nulls(b.optimism),
              repetitions: Array.from(b.repetitions),
              band: bandOf(b),
              meanAbsoluteError: Number.isFinite(b.meanAbsoluteError) ? b.meanAbsoluteError : null,
              meanSquaredError: Number.isFinite(b.meanSquaredError) ? b.meanSquaredError : null,
              quantile90AbsoluteError: Number.isFinite(b.quantile90AbsoluteError) ? b.quantile90AbsoluteError : null,
              refit: description,
              ...(Object.keys(bReasons).length ? { reasons: bReasons } : {}),
            };
          } catch (err) {
            reasons.bootstrap = `bootstrap calibration failed: ${(err as Error).message}`;
          }
        }
        training.reasons = reasons;
        if (Object.keys(reasons).length === 0) delete training.reasons;
        out[m.id] = { training, validation };
      }
      return out;
    },
  };
}
