/**
 * Stage `results`: assembles `results.json` (schema in `resultsSchema.ts`) from the outputs of every analysis
 * stage. Pure re-arrangement — no statistic is computed here except counts; non-finite values become null
 * with a reason, and the object is validated against the schema before it leaves.
 */
import { canonicalHash } from './canonicalJson';
import type { StudyDefinition } from './definition';
import type { StageSpec, StageContext, InputHashes } from './stageGraph';
import type { FeaturesOutput, ModelPredictions, SplitOutput } from './stageTypes';
import { studyModels } from './models';
import { RESULTS_FORMAT, validateResults, type PredictionsResult, type StudyResults } from './resultsSchema';
import type { IccOutput } from './stages/iccStage';
import type { HarmoniseOutput } from './stages/harmoniseStage';
import type { ZScoreOutput } from './stages/zscoreStage';
import type { MrmrOutput } from './stages/mrmrStage';
import type { LassoOutput } from './stages/lassoStage';
import type { SignatureOutput } from './stages/signatureStage';
import type { ClinicalOutput } from './stages/clinicalStage';
import type { DlrnOutput } from './stages/dlrnStage';
import type { RocOutput } from './stages/rocStage';
import type { CalibrationOutput } from './stages/calibrationStage';
import type { DcaOutput } from './stages/dcaStage';
import type { KmOutput } from './stages/kmStage';
import type { CombatCheckOutput } from './stages/combatCheckStage';

/** Facts about the run that are not stage outputs (they enter the results stage's key as settings). */
export interface ResultsMeta {
  software: { name: string; version: string };
  source: string;
  hashes: { features: string; clinical: string; icc: string | null };
  featureColumns: number;
  ignoredColumns: string[];
  warnings: string[];
}

/** The meta block's input hashes from the per-part hashes of {@link hashStudyInput}. */
export function metaHashes(h: InputHashes): ResultsMeta['hashes'] {
  return { features: h.features, clinical: canonicalHash([...h.clinical].sort(([a], [b]) => (a < b ? -1 : 1))), icc: h.icc };
}

function nums(a: ArrayLike<number>): number[] {
  return Array.from(a);
}

/** Array with non-finite entries as null; `note` records why under `key` when any occurs. */
function numsOrNull(a: ArrayLike<number>, key: string, why: string, reasons: Record<string, string>): (number | null)[] {
  const out = Array.from(a, (v) => (Number.isFinite(v) ? v : null));
  if (out.some((v) => v === null)) reasons[key] = why;
  return out;
}

function numOrNull(v: number, key: string, why: string, reasons: Record<string, string>): number | null {
  if (Number.isFinite(v)) return v;
  reasons[key] = why;
  return null;
}

function withReasons<T extends object>(o: T, reasons: Record<string, string>): T & { reasons?: Record<string, string> } {
  return Object.keys(reasons).length ? { ...o, reasons } : o;
}

function byCohort(split: SplitOutput, p: ModelPredictions, lpWhy: string): { training: PredictionsResult; validation: PredictionsResult } {
  const part = (rows: Int32Array): PredictionsResult => {
    const base = {
      ids: Array.from(rows, (i) => split.ids[i]),
      lp: p.lp ? Array.from(rows, (i) => (p.lp as Float64Array)[i]) : null,
      probability: Array.from(rows, (i) => p.prob[i]),
    };
    return p.lp ? base : { ...base, reasons: { lp: lpWhy } };
  };
  return { training: part(split.training), validation: part(split.validation) };
}

function signatureSection(split: SplitOutput, zs: ZScoreOutput, mrmr: MrmrOutput, lasso: LassoOutput, sig: SignatureOutput): StudyResults['signatures'][number] {
  const mReasons: Record<string, string> = {};
  if (mrmr.k === null) {
    mReasons.k = 'mRMR is off for this signature: every candidate goes to LASSO';
    mReasons.scheme = mReasons.k;
  }
  const selected = mrmr.selected.map((feature, k) => {
    const r: Record<string, string> = {};
    const off = 'mRMR is off for this signature';
    return withReasons(
      {
        feature,
        score: numOrNull(mrmr.score[k], 'score', off, r),
        internalScore: numOrNull(mrmr.internalScore[k], 'internalScore', mrmr.scheme === 'MIQ' ? 'mRMRe reports no internal score for MIQ' : off, r),
        runnerUpGap: numOrNull(mrmr.runnerUpGap[k], 'runnerUpGap', mrmr.k === null ? off : 'no other candidate was left at this step', r),
      },
      r,
    );
  });
  const relReasons: Record<string, string> = {};
  const relevance = withReasons(
    {
      feature: mrmr.candidates,
      mi: numsOrNull(mrmr.relevance, 'mi', mrmr.k === null ? 'mRMR is off for this signature' : 'constant on the training cohort', relReasons),
      r: numsOrNull(mrmr.correlation, 'r', 'constant on the training cohort', relReasons),
    },
    relReasons,
  );
  const p = lasso.features.length;
  const beta: Record<string, number[]> = {};
  lasso.features.forEach((f, j) => (beta[f] = Array.from(lasso.path.lambda, (_, l) => lasso.path.beta[l * p + j])));
  const zIndex = new Map(zs.names.map((n, j) => [n, j]));
  const sReasons: Record<string, string> = {};
  if (sig.knnK === null) sReasons.knnK = 'not a k-NN signature';
  return withReasons(
    {
      name: sig.name,
      label: sig.label,
      classifier: sig.classifier,
      knnK: sig.knnK,
      candidates: mrmr.candidates.length,
      mrmr: withReasons(
        { k: mrmr.k, scheme: mrmr.scheme, selected, relevance, excludedConstant: mrmr.excludedConstant, warnings: mrmr.warnings },
        mReasons,
      ),
      lasso: {
        features: lasso.features,
        foldSource: lasso.foldSource,
        foldId: nums(lasso.foldId),
        measure: lasso.measure,
        lambdaRule: lasso.lambdaRule,
        chosenIndex: lasso.chosenIndex,
        chosenLambda: lasso.chosenLambda,
        cv: {
          lambda: nums(lasso.cv.lambda),
          cvm: nums(lasso.cv.cvm),
          cvsd: nums(lasso.cv.cvsd),
          cvup: nums(lasso.cv.cvup),
          cvlo: nums(lasso.cv.cvlo),
          nzero: nums(lasso.cv.nzero),
          lambdaMin: lasso.cv.lambdaMin,
          lambda1se: lasso.cv.lambda1se,
          indexMin: lasso.cv.indexMin,
          index1se: lasso.cv.index1se,
        },
        path: {
          lambda: nums(lasso.path.lambda),
          a0: nums(lasso.path.a0),
          df: nums(lasso.path.df),
          devRatio: nums(lasso.path.devRatio),
          nulldev: lasso.path.nulldev,
          npasses: lasso.path.npasses,
          beta,
        },
        standardisation: { mean: nums(lasso.path.mean), sd: nums(lasso.path.sd) },
        warnings: lasso.warnings,
      },
      coefficients: {
        intercept: sig.intercept,
        interceptRaw: sig.interceptRaw,
        features: sig.features.map((feature, k) => ({
          feature,
          coefficient: sig.coefficients[k],
          coefficientRaw: sig.coefficientsRaw[k],
          mean: sig.mean[k],
          sd: sig.sd[k],
        })),
      },
      formula: sig.formula,
      formulaRaw: sig.formulaRaw,
      scores: byCohort(split, sig, 'a k-NN signature has no linear predictor'),
      featureValues: { ids: split.ids, values: Object.fromEntries(sig.features.map((f) => [f, nums(zs.z[zIndex.get(f) as number])])) },
    },
    sReasons,
  );
}

function iccSection(icc: IccOutput): StudyResults['icc'] {
  const reasons: Record<string, string> = {};
  if (!icc.applied) {
    const why = 'the study has no ICC filter';
    reasons.threshold = why;
    reasons.comparison = why;
    reasons.form = why;
  }
  return withReasons(
    {
      applied: icc.applied,
      threshold: icc.threshold,
      comparison: icc.comparison,
      form: icc.form,
      comparisons: icc.comparisons,
      nSubject: icc.rows.length,
      nKept: icc.rows.filter((r) => r.kept).length,
      dropped: icc.rows.filter((r) => !r.kept).map((r) => r.feature),
      features: icc.rows.map((r) => {
        const rr: Record<string, string> = {};
        const why = (k: string): string => (icc.comparisons.includes(k) ? (r.reason ?? 'ICC undefined') : `no ${k}-observer comparison configured`);
        for (const k of ['inter', 'intra'] as const) {
          for (const f of [k, `${k}Lower`, `${k}Upper`] as const) if (r[f] === null) rr[f] = why(k);
        }
        return withReasons(
          { feature: r.feature, n: r.n, inter: r.inter, interLower: r.interLower, interUpper: r.interUpper, intra: r.intra, intraLower: r.intraLower, intraUpper: r.intraUpper, kept: r.kept },
          rr,
        );
      }),
    },
    reasons,
  );
}

function harmonisationSection(h: HarmoniseOutput, check: CombatCheckOutput | null): StudyResults['harmonisation'] {
  const c = h.combat;
  if (!c) {
    const why = 'no harmonisation';
    return {
      method: 'none',
      fit: null,
      batchColumn: null,
      referenceBatch: null,
      parametric: null,
      meanOnly: null,
      covariates: [],
      features: [],
      unadjusted: [],
      batches: [],
      perFeature: null,
      perCentre: null,
      warnings: [],
      reasons: { fit: why, batchColumn: why, referenceBatch: why, parametric: why, meanOnly: why, perFeature: why, perCentre: why },
    };
  }
  const pfReasons: Record<string, string> = {};
  const undef = 'not estimated (feature unadjusted, or a quantity the variant does not have)';
  const perBatch = (rows: Float64Array[], key: string): Record<string, (number | null)[]> => {
    const r: Record<string, string> = {};
    const out = Object.fromEntries(c.batches.map((b, k) => [b.batch, numsOrNull(rows[k], key, undef, r)]));
    Object.assign(pfReasons, r);
    return out;
  };
  const reasons: Record<string, string> = {};
  if (c.referenceBatch === null) reasons.referenceBatch = 'no reference batch (fit on training)';
  if (!check) reasons.perCentre = 'the combatCheck stage did not run';
  return withReasons(
    {
      method: 'combat' as const,
      fit: c.fit,
      batchColumn: c.batchColumn,
      referenceBatch: c.referenceBatch,
      parametric: c.parametric,
      meanOnly: c.meanOnly,
      covariates: c.covariates,
      features: c.features,
      unadjusted: c.unadjusted,
      batches: c.batches.map((b) => {
        const r: Record<string, string> = {};
        const why = b.batch === c.referenceBatch ? 'the reference batch is not adjusted (sva discards its estimates)' : 'not defined for this ComBat variant';
        for (const k of ['gammaBar', 't2', 'aPrior', 'bPrior', 'ebIterations'] as const) if (b[k] === null) r[k] = why;
        return withReasons(b, r);
      }),
      perFeature: withReasons(
        {
          grandMean: numsOrNull(c.grandMean, 'grandMean', undef, pfReasons),
          varPooled: numsOrNull(c.varPooled, 'varPooled', undef, pfReasons),
          gammaHat: perBatch(c.gammaHat, 'gammaHat'),
          deltaHat: perBatch(c.deltaHat, 'deltaHat'),
          gammaStar: perBatch(c.gammaStar, 'gammaStar'),
          deltaStar: perBatch(c.deltaStar, 'deltaStar'),
        },
        pfReasons,
      ),
      perCentre: check,
      warnings: c.warnings,
    },
    reasons,
  );
}

function cohortSummary(split: SplitOutput, rows: Int32Array): StudyResults['cohorts']['training'] {
  let events = 0;
  for (const i of rows) events += split.y[i];
  let survivalEvents: number | null = null;
  if (split.event) {
    survivalEvents = 0;
    for (const i of rows) survivalEvents += (split.event as Float64Array)[i];
  }
  const base = {
    n: rows.length,
    events,
    nonEvents: rows.length - events,
    survivalEvents,
    ids: Array.from(rows, (i) => split.ids[i]),
    outcome: Array.from(rows, (i) => split.y[i]),
  };
  return survivalEvents === null ? { ...base, reasons: { survivalEvents: 'the study has no survival section' } } : base;
}

/** Builds and validates the results object from a running context. */
export function assembleResults(d: StudyDefinition, meta: ResultsMeta, ctx: StageContext, has: (stage: string) => boolean): StudyResults {
  const split = ctx.input<SplitOutput>('split');
  const features = ctx.input<FeaturesOutput>('features');
  const icc = ctx.input<IccOutput>('icc');
  const h = ctx.input<HarmoniseOutput>('harmonise');
  const zs = ctx.input<ZScoreOutput>('zscore');
  const clinical = ctx.input<ClinicalOutput>('clinical');
  const dlrn = ctx.input<DlrnOutput>('dlrn');
  const roc = ctx.input<RocOutput>('roc');
  const calibration = ctx.input<CalibrationOutput>('calibration');
  const dca = ctx.input<DcaOutput>('dca');
  const km = has('km') ? ctx.input<KmOutput>('km') : null;
  const models = studyModels(d);
  const sigs = d.signatures.map((s) => ({
    mrmr: ctx.input<MrmrOutput>(`mrmr:${s.name}`),
    lasso: ctx.input<LassoOutput>(`lasso:${s.name}`),
    sig: ctx.input<SignatureOutput>(`signature:${s.name}`),
  }));
  const warnings = [
    ...meta.warnings,
    ...zs.warnings,
    ...(h.combat?.warnings ?? []).map((w) => `ComBat: ${w}`),
    ...sigs.flatMap(({ mrmr, lasso }) => [...mrmr.warnings.map((w) => `${mrmr.signature} mRMR: ${w}`), ...lasso.warnings.map((w) => `${lasso.signature} LASSO: ${w}`)]),
    ...clinical.excluded.map((e) => `clinical candidate '${e.variable}' left out (its univariate model cannot be fitted on the training cohort): ${e.reason}`),
  ];
  const evalReasons: Record<string, string> = {};
  if (!km) evalReasons.km = d.evaluation.km ? 'no survival data' : 'no Kaplan–Meier analysis requested (evaluation.km)';
  if (!has('sensitivity')) {
    evalReasons.sensitivityNoHarmonisation =
      d.harmonisation.method === 'none' ? 'the study does not harmonise' : 'not requested (evaluation.sensitivityNoHarmonisation)';
  }
  if (!has('nestedCv')) evalReasons.nestedCv = 'not requested (evaluation.nestedCv)';
  const marginReasons: Record<string, string> = {};
  if (!km) marginReasons.kmCut = evalReasons.km;
  const results = {
    format: RESULTS_FORMAT,
    software: meta.software,
    study: { name: d.name, description: d.description ?? null, definitionHash: canonicalHash(d), definition: d as unknown as Record<string, unknown> },
    input: {
      source: meta.source,
      hashes: meta.hashes.icc === null ? { ...meta.hashes, reasons: { icc: 'no ICC ratings table' } } : meta.hashes,
      featureColumns: meta.featureColumns, ignoredColumns: meta.ignoredColumns },
    cohorts: { method: split.method, training: cohortSummary(split, split.training), validation: cohortSummary(split, split.validation), excluded: split.excluded },
    features: { used: features.names.length, groups: features.groups, afterIcc: icc.kept.length },
    icc: iccSection(icc),
    harmonisation: harmonisationSection(h, has('combatCheck') ? ctx.input<CombatCheckOutput>('combatCheck') : null),
    scaling: { method: 'zscore' as const, fitOn: 'training' as const, features: zs.names, mean: nums(zs.mean), sd: nums(zs.sd), constant: zs.constant },
    signatures: sigs.map(({ mrmr, lasso, sig }) => signatureSection(split, zs, mrmr, lasso, sig)),
    clinicalModel: {
      candidates: clinical.candidates,
      univariate: clinical.univariate.map((u) => ({ variable: u.variable, model: u.model })),
      univariateP: clinical.univariateP,
      multivariable: clinical.multivariable,
      kept: clinical.kept,
      keptBy: clinical.keptBy,
      formula: clinical.formula,
      model: clinical.model,
      predictions: byCohort(split, clinical, ''),
    },
    dlrn: {
      signature: dlrn.signature,
      predictors: dlrn.predictors,
      formula: dlrn.formula,
      model: dlrn.model,
      lrm: dlrn.lrm,
      datadist: dlrn.datadist,
      nomogram: dlrn.nomogram,
      predictions: byCohort(split, dlrn, ''),
    },
    evaluation: withReasons(
      {
        models: models.map((m) => ({ id: m.id, label: m.label, kind: m.kind, scale: m.scale })),
        roc: roc.roc,
        delong: roc.delong,
        calibration,
        dca,
        km,
        sensitivityNoHarmonisation: has('sensitivity') ? ctx.input<StudyResults['evaluation']['sensitivityNoHarmonisation']>('sensitivity') : null,
        nestedCv: has('nestedCv') ? ctx.input<StudyResults['evaluation']['nestedCv']>('nestedCv') : null,
      },
      evalReasons,
    ),
    tables: { table1: ctx.input<StudyResults['tables']['table1']>('table1'), table2: ctx.input<StudyResults['tables']['table2']>('table2') },
    decisionMargins: withReasons(
      {
        mrmrRunnerUpGap: Object.fromEntries(
          sigs.map(({ mrmr }) => [mrmr.signature, Array.from(mrmr.runnerUpGap, (v) => (Number.isFinite(v) ? v : null))]),
        ),
        lassoCvm: Object.fromEntries(sigs.map(({ lasso }) => [lasso.signature, lasso.cvmGap])),
        youdenThreshold: Object.fromEntries(
          models.map((m) => [m.id, { training: roc.roc[m.id].training.thresholdMinDistance, validation: roc.roc[m.id].validation.thresholdMinDistance }]),
        ),
        dcaThreshold: dca.validation.thresholdMinDistance,
        kmCut: km ? { training: km.training.cutMinDistance, validation: km.validation.cutMinDistance } : null,
        clinicalUnivariatePClosest: clinical.closestP,
      },
      {
        ...marginReasons,
        ...(sigs.some(({ mrmr }) => Array.from(mrmr.runnerUpGap).some((v) => !Number.isFinite(v)))
          ? { mrmrRunnerUpGap: 'no runner-up when mRMR is off or at a step with a single candidate left' }
          : {}),
        ...(sigs.some(({ lasso }) => lasso.cvmGap === null) ? { lassoCvm: 'a single λ on the path' } : {}),
      },
    ),
    warnings,
  };
  return validateResults(results);
}

/** The results stage: reads every analysis stage. */
export function resultsStage(d: StudyDefinition, meta: ResultsMeta, analysis: readonly StageSpec[]): StageSpec {
  const names = analysis.map((s) => s.name);
  return {
    name: 'results',
    settings: { meta, definition: d },
    inputs: names,
    data: [],
    run: (ctx) => assembleResults(d, meta, ctx, (stage) => names.includes(stage)),
  };
}
