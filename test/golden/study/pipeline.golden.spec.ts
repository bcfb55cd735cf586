/**
 * End-to-end study run vs oracle/stats/expected/pipeline.json (R 4.2.2: sva, glmnet, rms, pROC, survival).
 *
 * `studies/oracle-pipeline.yaml` (a copy of the file's `conventions`) is run through the feature-table route
 * (`runStudy` with oracle/stats/data/cohort.csv as both the feature and the clinical table), and EVERY leaf of
 * pipeline.json is compared with the corresponding number of our results.json (or, for the harmonised
 * validation matrix, tables/harmonised_features.csv). The walk fails on any leaf it cannot map, except the
 * few listed in NOT_COMPARED with the reason.
 *
 * Tolerances (oracle README §7 / pipeline section): closed forms 1e-8 relative; numbers that come out of an
 * iterative fit (glmnet, glm IRLS, rms lrm, val.prob's recalibration) and everything computed from them
 * 1e-6 relative; selections, counts, labels and classifications exactly. Absolute floors: 1e-12 where R's
 * value is round-off around 0 (e.g. γ̂ of the reference batch), 1e-8 for the training val.prob
 * Intercept/Slope/calibration-in-the-large, which are analytically 0/1/0 and where R's lrm/glm stopped at its
 * own tolerance (4.3e-9). The `cv_default`/`path_default`/`coef_default` blocks come from a second run with
 * glmnet's default thresh = 1e-7 (the stage cache reuses everything before LASSO).
 * `combat.eb_change_trace_B` is not an engine output: it is replayed here from our fitted γ̂, δ̂² and priors
 * with the EB update of `conventions.step2_combat`, and its length must equal our EB iteration count.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oraclePath } from '../../support/oracle';
import { loadCohort, loadExpected, readCsvTable } from '../../support/statsOracle';
import { OracleComparer } from '../stats/rOracleTolerance';
import { parseStudyDefinition, validateStudyDefinition, type StudyDefinition } from '../../../src/main/engine/study/definition';
import { featureTableSource, runStudy } from '../../../src/main/services/studyRunner';
import type { StudyResults } from '../../../src/main/engine/study/resultsSchema';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const CLOSED = 1e-8;
const ITERATIVE = 1e-6;
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const cohortCsv = oraclePath('stats', 'data', 'cohort.csv');
const expected = loadExpected<Record<string, Json>>('pipeline');
const cmp = new OracleComparer('pipeline.json (study run)');

/** Leaves that are R-side bookkeeping, not results of the study (reason given). */
const NOT_COMPARED: Record<string, string> = {
  'combat.call': 'the R call text',
  'combat.max_rel_diff_explicit_vs_sva': "R's self-check of its written-out ComBat against sva",
  'combat.max_rel_diff_vs_combat_parametric_ref_A_csv': "R's self-check against combat.json",
  'decision_margins.note': 'description text',
};

let outDir: string;
let results: StudyResults;
let defaultThresh: StudyResults;
let harmonised: ReturnType<typeof readCsvTable>;
let ours: Record<string, Json>;

/**
 * studies/oracle-pipeline.yaml as shipped, except fewer bootstrap calibration repetitions: pipeline.json has no
 * bootstrap-corrected curve, so B only costs time here (each repetition refits the tight LASSO).
 */
function definition(thresh?: number): StudyDefinition {
  const parsed = parseStudyDefinition(readFileSync(join(repoRoot, 'studies', 'oracle-pipeline.yaml'), 'utf8'), 'oracle-pipeline.yaml');
  const d = JSON.parse(JSON.stringify(parsed)) as { evaluation: { bootstrap: { B: number } }; signatures: { selection: { lasso: Record<string, unknown> } }[] };
  d.evaluation.bootstrap.B = 20;
  if (thresh !== undefined) {
    // glmnet's default convergence threshold (pipeline.json `*_default` blocks)
    d.signatures[0].selection.lasso.thresh = thresh;
    d.signatures[0].selection.lasso.maxit = 100_000;
  }
  return validateStudyDefinition(d);
}

const byName = <T,>(names: readonly string[], values: readonly T[]): Record<string, T> => Object.fromEntries(names.map((n, k) => [n, values[k]]));

function lassoBlocks(r: StudyResults, thresh: number): { cv: Json; path: Json; coef: Record<string, number> } {
  const l = r.signatures[0].lasso;
  const coef: Record<string, number> = { '(Intercept)': l.path.a0[l.chosenIndex] };
  for (const f of l.features) coef[f] = l.path.beta[f][l.chosenIndex];
  return {
    cv: {
      thresh,
      lambda: l.cv.lambda,
      cvm: l.cv.cvm,
      cvsd: l.cv.cvsd,
      cvup: l.cv.cvup,
      cvlo: l.cv.cvlo,
      nzero: l.cv.nzero,
      lambda_min: l.cv.lambdaMin,
      lambda_1se: l.cv.lambda1se,
      index_min: l.cv.indexMin + 1,
      index_1se: l.cv.index1se + 1,
    },
    path: { lambda: l.path.lambda, a0: l.path.a0, df: l.path.df, dev_ratio: l.path.devRatio, nulldev: l.path.nulldev, npasses: l.path.npasses, beta: l.path.beta },
    coef,
  };
}

function glmBlock(m: StudyResults['dlrn']['model'], withVcov: boolean): Json {
  return {
    term: m.terms.map((t) => t.term),
    estimate: m.terms.map((t) => t.estimate),
    std_error: m.terms.map((t) => t.stdError),
    z_value: m.terms.map((t) => t.z),
    p_value: m.terms.map((t) => t.p),
    odds_ratio: m.terms.map((t) => t.oddsRatio),
    or_wald_lower: m.terms.map((t) => t.orLower),
    or_wald_upper: m.terms.map((t) => t.orUpper),
    deviance: m.deviance,
    null_deviance: m.nullDeviance,
    df_residual: m.dfResidual,
    aic: m.aic,
    iterations: m.iterations,
    converged: m.converged,
    ...(withVcov ? { vcov: m.vcov } : {}),
  };
}

function predictionsBlock(p: StudyResults['dlrn']['predictions']): Json {
  return {
    train: { id: p.training.ids, lp: p.training.lp, prob: p.training.probability },
    validation: { id: p.validation.ids, lp: p.validation.lp, prob: p.validation.probability },
  };
}

/** EB trace of `conventions.step2_combat` replayed from our γ̂, δ̂² and priors for batch B. */
function replayEbTrace(r: StudyResults): number[] {
  const h = r.harmonisation;
  const pf = h.perFeature as NonNullable<StudyResults['harmonisation']['perFeature']>;
  const b = h.batches.find((x) => x.batch === 'B') as StudyResults['harmonisation']['batches'][number];
  const n = b.n;
  const gHat = pf.gammaHat.B as number[];
  const dHat = pf.deltaHat.B as number[];
  const meanA = pf.gammaHat.A as number[];
  const [gBar, t2, a, bb] = [b.gammaBar, b.t2, b.aPrior, b.bPrior] as number[];
  let g = gHat.slice();
  let d = dHat.slice();
  const trace: number[] = [];
  for (let iter = 0; iter < 1000; iter++) {
    const gNew = gHat.map((gh, f) => (t2 * n * gh + d[f] * gBar) / (t2 * n + d[f]));
    // Σ_B (s − g)² = (n − 1)δ̂² + n(mean_B(s) − g)², mean_B(s) = γ̂_B + γ̂_A (reference-batch design)
    const dNew = gNew.map((gn, f) => (0.5 * ((n - 1) * dHat[f] + n * (gHat[f] + meanA[f] - gn) ** 2) + bb) / (n / 2 + a - 1));
    const change = Math.max(...gNew.map((v, f) => Math.abs(v - g[f]) / g[f]), ...dNew.map((v, f) => Math.abs(v - d[f]) / d[f]));
    trace.push(change);
    g = gNew;
    d = dNew;
    if (change <= 1e-4) break;
  }
  return trace;
}

function kmBlock(c: NonNullable<StudyResults['evaluation']['km']>['training']): Json {
  const cat = <T,>(f: (s: (typeof c.strata)[number]) => readonly T[]): T[] => c.strata.flatMap((s) => [...f(s)]);
  const strata = (f: (s: (typeof c.strata)[number]) => readonly unknown[]): string[] => c.strata.flatMap((s) => f(s).map(() => s.level));
  return {
    n: c.n,
    group_sizes: c.groupSizes,
    km_by_group: {
      full: {
        strata: strata((s) => s.steps.time),
        time: cat((s) => s.steps.time),
        n_risk: cat((s) => s.steps.nRisk),
        n_event: cat((s) => s.steps.nEvent),
        n_censor: cat((s) => s.steps.nCensor),
        surv: cat((s) => s.steps.surv),
        std_err_cumhaz: cat((s) => s.steps.stdErrCumHaz),
        lower: cat((s) => s.steps.lower),
        upper: cat((s) => s.steps.upper),
      },
      event_times: {
        strata: strata((s) => s.eventRows.time),
        time: cat((s) => s.eventRows.time),
        n_risk: cat((s) => s.eventRows.nRisk),
        n_event: cat((s) => s.eventRows.nEvent),
        surv: cat((s) => s.eventRows.surv),
        std_err_surv: cat((s) => s.eventRows.stdErrSurv),
        lower: cat((s) => s.eventRows.lower),
        upper: cat((s) => s.eventRows.upper),
      },
      medians: {
        strata: c.strata.map((s) => s.level),
        records: c.strata.map((s) => s.n),
        events: c.strata.map((s) => s.events),
        median: c.strata.map((s) => s.median.median),
        median_lcl: c.strata.map((s) => s.median.lower),
        median_ucl: c.strata.map((s) => s.median.upper),
      },
      at_times: {
        strata: strata((s) => s.atTimes.time),
        time: cat((s) => s.atTimes.time),
        n_risk: cat((s) => s.atTimes.nRisk),
        surv: cat((s) => s.atTimes.surv),
        std_err_surv: cat((s) => s.atTimes.stdErrSurv),
        lower: cat((s) => s.atTimes.lower),
        upper: cat((s) => s.atTimes.upper),
      },
    },
    logrank: c.logRank
      ? {
          groups: c.logRank.groups,
          n: c.logRank.n,
          observed: c.logRank.observed,
          expected: c.logRank.expected,
          var: c.logRank.variance,
          chisq: c.logRank.chisq,
          df: c.logRank.df,
          p_value: c.logRank.p,
        }
      : null,
  };
}

/** Our results in pipeline.json's shape. */
function oracleView(r: StudyResults, rDefault: StudyResults): Record<string, Json> {
  const h = r.harmonisation;
  const pf = h.perFeature as NonNullable<StudyResults['harmonisation']['perFeature']>;
  const batch = (name: string) => h.batches.find((b) => b.batch === name) as StudyResults['harmonisation']['batches'][number];
  const cohort = loadCohort();
  const valRows = harmonised.str('cohort').flatMap((c, i) => (c === 'validation' ? [i] : []));
  const trainRows = harmonised.str('cohort').flatMap((c, i) => (c === 'training' ? [i] : []));
  const names = h.features;
  const trainUnchanged = names.every((f) => {
    const raw = cohort.f64(f);
    const ours = harmonised.num(f);
    return trainRows.every((i) => ours[i] === raw[i]);
  });
  const sig = r.signatures[0];
  const candidates = sig.mrmr.relevance.feature;
  const tight = lassoBlocks(r, 1e-12);
  const dflt = lassoBlocks(rDefault, 1e-7);
  const nonzero = sig.coefficients.features.map((c) => c.feature);
  const maxDiff = Math.max(...Object.keys(tight.coef).map((k) => Math.abs(tight.coef[k] - dflt.coef[k])));
  const ev = r.evaluation;
  const rocView = (id: string): Json => {
    const m = ev.roc[id];
    const cohortView = (c: (typeof m)['training']): Json => ({
      n_controls: c.nControls,
      n_cases: c.nCases,
      auc: c.auc,
      auc_var_delong: c.variance,
      ci_delong: { lower: c.lower, estimate: c.auc, upper: c.upper },
      at_train_youden: {
        threshold: c.atThreshold.threshold,
        tp: c.atThreshold.tp,
        tn: c.atThreshold.tn,
        fp: c.atThreshold.fp,
        fn: c.atThreshold.fn,
        sensitivity: c.atThreshold.sensitivity.estimate,
        specificity: c.atThreshold.specificity.estimate,
        accuracy: c.atThreshold.accuracy.estimate,
        ppv: c.atThreshold.ppv?.estimate ?? null,
        npv: c.atThreshold.npv?.estimate ?? null,
      },
    });
    return {
      scale: m.scale === 'score' ? 'lp' : 'prob',
      youden_train_all_ties: {
        threshold: m.youden.ties.map((t) => t.threshold),
        specificity: m.youden.ties.map((t) => t.specificity),
        sensitivity: m.youden.ties.map((t) => t.sensitivity),
        youden: m.youden.ties.map((t) => t.youden),
      },
      youden_threshold: m.youden.threshold,
      train: cohortView(m.training),
      validation: cohortView(m.validation),
    };
  };
  const delongView = (cohortKey: 'training' | 'validation', label: string): Json =>
    Object.fromEntries(
      ev.delong[cohortKey].map((p) => [
        p.pair,
        { label: `${label} : ${p.model1} vs ${p.model2}`, statistic_Z: p.z, p_value: p.p, auc1: p.auc1, auc2: p.auc2, diff_ci95: [p.diffLower, p.diffUpper] },
      ]),
    );
  const calView = (c: StudyResults['evaluation']['calibration'][string]['training']): Json => {
    const hl = c.hosmerLemeshow as NonNullable<typeof c.hosmerLemeshow>;
    const v = c.valProb as NonNullable<typeof c.valProb>;
    return {
      hosmer_lemeshow_g10: {
        statistic: hl.statistic,
        df: hl.df,
        p_value: hl.p,
        g: hl.g,
        breaks: hl.breaks,
        table: { bin: hl.table.bin, n: hl.table.n, observed_0: hl.table.observed0, observed_1: hl.table.observed1, expected_0: hl.table.expected0, expected_1: hl.table.expected1 },
      },
      val_prob: {
        Dxy: v.dxy,
        'C (ROC)': v.c,
        R2: v.r2,
        D: v.d,
        'D:Chi-sq': v.dChiSq,
        'D:p': null,
        U: v.u,
        'U:Chi-sq': v.uChiSq,
        'U:p': v.uP,
        Q: v.q,
        Brier: v.brier,
        Intercept: v.intercept,
        Slope: v.slope,
        Emax: v.emax,
        E90: v.e90,
        Eavg: v.eavg,
        'S:z': v.sZ,
        'S:p': v.sP,
        citl_intercept_offset: v.calibrationInTheLarge,
        brier_manual: v.brier,
      },
    };
  };
  const km = ev.km as NonNullable<StudyResults['evaluation']['km']>;
  const sens = ev.sensitivityNoHarmonisation as NonNullable<StudyResults['evaluation']['sensitivityNoHarmonisation']>;
  const dm = r.decisionMargins;
  const dca = ev.dca.validation;
  const dlrnModel = r.dlrn.model;
  const lrmCoef = Object.fromEntries(dlrnModel.terms.map((t) => [t.term === '(Intercept)' ? 'Intercept' : t.term, t.estimate]));
  const dd = r.dlrn.datadist;
  const nomo = r.dlrn.nomogram;
  const stats = ['lowEffect', 'adjustTo', 'highEffect', 'lowPrediction', 'highPrediction', 'low', 'high'] as const;
  return {
    split: {
      train_ids: r.cohorts.training.ids,
      validation_ids: r.cohorts.validation.ids,
      n_train: r.cohorts.training.n,
      n_validation: r.cohorts.validation.n,
      positives_train: r.cohorts.training.events,
      positives_validation: r.cohorts.validation.events,
    },
    combat: {
      train_unchanged: trainUnchanged,
      features: names,
      n_A: batch('A').n,
      n_B: batch('B').n,
      grand_mean_A: pf.grandMean,
      var_pooled_A: pf.varPooled,
      gamma_hat_A: pf.gammaHat.A,
      gamma_hat_B: pf.gammaHat.B,
      delta_hat_A: pf.deltaHat.A,
      delta_hat_B: pf.deltaHat.B,
      gamma_bar_B: batch('B').gammaBar,
      t2_B: batch('B').t2,
      a_prior_B: batch('B').aPrior,
      b_prior_B: batch('B').bPrior,
      eb_iterations_B: batch('B').ebIterations,
      eb_change_trace_B: replayEbTrace(r),
      gamma_star_B: pf.gammaStar.B,
      delta_star_B: pf.deltaStar.B,
      harmonised_validation: {
        id: valRows.map((i) => harmonised.str('id')[i]),
        ...Object.fromEntries(names.map((f) => [f, valRows.map((i) => harmonised.num(f)[i])])),
      },
    },
    zscore: { features: r.scaling.features, mean_train: r.scaling.mean, sd_train: r.scaling.sd },
    mrmr: {
      k: sig.mrmr.k,
      selected: sig.mrmr.selected.map((s) => s.feature),
      selected_index_1based: sig.mrmr.selected.map((s) => candidates.indexOf(s.feature) + 1),
      score: sig.mrmr.selected.map((s) => s.score),
      mrmre_cpp_internal_score: sig.mrmr.selected.map((s) => s.internalScore),
      mi_with_target: byName(candidates, sig.mrmr.relevance.mi),
      cor_with_target: byName(candidates, sig.mrmr.relevance.r),
    },
    lasso: {
      features_in_order: sig.lasso.features,
      internal_standardisation: { mean: sig.lasso.standardisation.mean, sd_population: sig.lasso.standardisation.sd },
      cv_default: dflt.cv,
      cv_tight: tight.cv,
      path_tight: tight.path,
      path_default: dflt.path,
      lambda_min: sig.lasso.cv.lambdaMin,
      index_min_1based: sig.lasso.cv.indexMin + 1,
      coef_tight: tight.coef,
      coef_default: dflt.coef,
      max_abs_diff_default_vs_tight: maxDiff,
      nonzero_terms: ['(Intercept)', ...nonzero],
      nonzero_features: nonzero,
      n_nonzero_features: nonzero.length,
      signature: {
        intercept: sig.coefficients.intercept,
        coefficients_z: byName(nonzero, sig.coefficients.features.map((c) => c.coefficient)),
        formula_z: sig.formula,
        intercept_harmonised_units: sig.coefficients.interceptRaw,
        coefficients_harmonised_units: byName(nonzero, sig.coefficients.features.map((c) => c.coefficientRaw)),
      },
      zscored_selected: { id: sig.featureValues.ids, ...sig.featureValues.values },
      score: {
        train: { id: sig.scores.training.ids, score: sig.scores.training.lp },
        validation: { id: sig.scores.validation.ids, score: sig.scores.validation.lp },
      },
    },
    clinical: {
      candidates: r.clinicalModel.candidates,
      univariate: Object.fromEntries(r.clinicalModel.univariate.map((u) => [u.variable, glmBlock(u.model, false)])),
      univariate_p: r.clinicalModel.univariateP,
      kept: r.clinicalModel.kept,
      formula: r.clinicalModel.formula,
      multivariable: glmBlock(r.clinicalModel.model, true),
      predictions: predictionsBlock(r.clinicalModel.predictions),
    },
    dlrn: {
      formula: r.dlrn.formula,
      glm: glmBlock(dlrnModel, true),
      predictions: predictionsBlock(r.dlrn.predictions),
      rms: {
        lrm_coefficients: lrmCoef,
        lrm_stats: {
          Obs: r.dlrn.lrm.obs,
          'Model L.R.': r.dlrn.lrm.modelLR,
          'd.f.': r.dlrn.lrm.df,
          P: r.dlrn.lrm.p,
          C: r.dlrn.lrm.c,
          Dxy: r.dlrn.lrm.dxy,
          R2: r.dlrn.lrm.r2,
          Brier: r.dlrn.lrm.brier,
        },
        datadist_limits: {
          stat: ['Low:effect', 'Adjust to', 'High:effect', 'Low:prediction', 'High:prediction', 'Low', 'High'],
          ...Object.fromEntries(dd.map((v) => [v.variable, stats.map((s) => v.limits[s])])),
        },
        nomogram: {
          variables: nomo.axes.map((a) => ({ variable: a.name, x: a.x, xbeta: a.xbeta, points: a.points })),
          total_points: { x: nomo.totalPoints },
          lp_axis: { x: nomo.lpAxis.x, x_real: nomo.lpAxis.xReal },
          risk_axis: { x: nomo.riskAxis.x, x_real: nomo.riskAxis.xReal },
          points_per_unit_lp: nomo.pointsPerUnitLp,
        },
      },
    },
    evaluation: {
      roc: { signature: rocView('signature'), clinical: rocView('clinical'), dlrn: rocView('dlrn') },
      delong_paired: { train: delongView('training', 'train'), validation: delongView('validation', 'validation') },
      calibration_dlrn: { validation: calView(ev.calibration.dlrn.validation), train: calView(ev.calibration.dlrn.training) },
      decision_curve_validation: {
        thresholds: ev.dca.thresholds,
        signature: dca.models.signature,
        clinical: dca.models.clinical,
        dlrn: dca.models.dlrn,
        treat_all: dca.treatAll,
        treat_none: dca.treatNone,
        n: dca.n,
        prevalence: dca.prevalence,
      },
      km_dlrn_risk: { cut_median_train_lp: km.cut, train: kmBlock(km.training), validation: kmBlock(km.validation) },
    },
    sensitivity_no_harmonisation: {
      signature_validation_auc: sens.signatures[0].validationAuc,
      dlrn_validation_auc: sens.dlrnValidationAuc,
      signature_validation_score: sens.signatures[0].validationScore.lp,
    },
    decision_margins: {
      lasso_cvm_min: dm.lassoCvm.signature?.best ?? null,
      lasso_cvm_second: dm.lassoCvm.signature?.second ?? null,
      lasso_cvm_rel_gap: dm.lassoCvm.signature?.relativeGap ?? null,
      mrmr_score_gap_to_runner_up: dm.mrmrRunnerUpGap.signature,
      youden_threshold_min_abs_distance: dm.youdenThreshold,
      dca_threshold_min_abs_distance: dm.dcaThreshold,
      km_cut_min_abs_distance: dm.kmCut,
      'clinical_univariate_p_closest_to_0.05': dm.clinicalUnivariatePClosest,
    },
    summary: {
      selected_mrmr: sig.mrmr.selected.map((s) => s.feature),
      signature_features: nonzero,
      clinical_kept: r.clinicalModel.kept,
      auc: Object.fromEntries(['signature', 'clinical', 'dlrn'].map((m) => [m, { train: ev.roc[m].training.auc, validation: ev.roc[m].validation.auc }])),
    },
  };
}

/** Youden model keys in pipeline.json use 'train'/'validation'. */
function renameCohortKeys(v: Json): Json {
  if (Array.isArray(v) || v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k === 'training' ? 'train' : k, renameCohortKeys(x)]));
}

/**
 * Leaves where R's value is round-off or truncated, so a relative deviation is meaningless; they are checked
 * against an absolute bound and their worst absolute deviation is printed.
 */
const ABSOLUTE: [RegExp, string, number][] = [
  [/^combat\.gamma_hat_A\[/, 'γ̂ of the reference batch (R: round-off around 0)', 1e-12],
  [/^lasso\.internal_standardisation\.mean\[/, 'glmnet column means of z-scores (R: round-off around 0)', 1e-12],
  [/^evaluation\.calibration_dlrn\.train\.val_prob\.(Intercept|citl_intercept_offset|U:Chi-sq)$/, 'training val.prob intercept/CITL/U:Chi-sq (analytically 0; R stopped at its tolerance)', 1e-8],
  [/^dlrn\.rms\.lrm_stats\.P$/, 'lrm P = 9e-14 (R computes 1 − pchisq; README §7: absolute 1e-15)', 1e-15],
];
const worstAbsolute = new Map<string, { dev: number; where: string }>();

/** Tolerance group of a leaf path: [group, relative tolerance, absolute floor] or 'exact'. */
function toleranceOf(path: string): { group: string; rel: number; abs: number } | 'exact' {
  if (/(^|\.)(n|n_\w+|tp|tn|fp|fn|df|d\.f\.|iterations|npasses|index_\w+|nzero|k|g|records|events|observed_[01]|Obs|eb_iterations_B|selected_index_1based|high|low|positives_\w+)(\[\d+\])?$/.test(path)) return 'exact';
  if (/^evaluation\.km_dlrn_risk\.\w+\.(logrank\.(n|observed)|km_by_group\.\w+\.(time|n_risk|n_event|n_censor))/.test(path)) return 'exact';
  if (/^evaluation\.calibration_dlrn\.train\.val_prob\.Slope$/.test(path)) return { group: 'val.prob training slope (R stopped at its tolerance)', rel: ITERATIVE, abs: 1e-9 };
  if (/^(split|combat|zscore|mrmr)\./.test(path)) return { group: path.split('.')[0], rel: CLOSED, abs: 1e-12 };
  if (/^lasso\.(internal_standardisation|zscored_selected)/.test(path)) return { group: 'lasso inputs (closed form)', rel: CLOSED, abs: 1e-12 };
  if (/^lasso\./.test(path)) return { group: 'lasso (glmnet, iterative)', rel: ITERATIVE, abs: 1e-9 };
  if (/^(clinical|dlrn)\./.test(path)) return { group: `${path.split('.')[0]} (glm/lrm, iterative)`, rel: ITERATIVE, abs: 1e-9 };
  if (/^decision_margins\./.test(path)) return { group: 'decision margins (differences of fitted values)', rel: ITERATIVE, abs: 1e-9 };
  if (/^sensitivity_no_harmonisation\.signature_validation_score/.test(path)) return { group: 'sensitivity scores (from LASSO)', rel: ITERATIVE, abs: 1e-9 };
  return { group: `${path.split('.').slice(0, 2).join('.')} (closed form on fitted predictions)`, rel: CLOSED, abs: 1e-12 };
}

let compared = 0;
const unmapped: string[] = [];

function walk(path: string, exp: Json, act: Json | undefined): void {
  if (path in NOT_COMPARED) return;
  if (exp !== null && typeof exp === 'object' && !Array.isArray(exp)) {
    if (act === undefined || act === null || typeof act !== 'object' || Array.isArray(act)) {
      unmapped.push(path);
      return;
    }
    for (const [k, v] of Object.entries(exp)) walk(path ? `${path}.${k}` : k, v, (act as Record<string, Json>)[k]);
    return;
  }
  if (Array.isArray(exp)) {
    if (!Array.isArray(act)) {
      unmapped.push(path);
      return;
    }
    expect(act.length, `${path}: length`).toBe(exp.length);
    exp.forEach((v, i) => walk(`${path}[${i}]`, v, act[i]));
    return;
  }
  if (act === undefined) {
    unmapped.push(path);
    return;
  }
  compared++;
  if (typeof exp === 'string' || typeof exp === 'boolean') {
    if (path === 'lasso.signature.formula_z') {
      // same structure (term order, feature names); numbers at the fit tolerance
      const numbers = (s: string): number[] => (s.match(/-?\d+\.?\d*(e-?\d+)?/g) ?? []).map(Number);
      expect((act as string).replace(/-?\d+\.?\d*(e-?\d+)?/g, '#')).toBe((exp as string).replace(/-?\d+\.?\d*(e-?\d+)?/g, '#'));
      cmp.closeAll('lasso (glmnet, iterative)', path, numbers(act as string), numbers(exp as string), ITERATIVE, 1e-9);
      return;
    }
    expect(act, path).toBe(exp);
    return;
  }
  const absolute = ABSOLUTE.find(([re]) => re.test(path));
  if (absolute && typeof exp === 'number') {
    const dev = Math.abs((act as number) - exp);
    const prev = worstAbsolute.get(absolute[1]);
    if (!prev || dev > prev.dev) worstAbsolute.set(absolute[1], { dev, where: path });
    expect(dev <= absolute[2], `${path}: got ${act}, expected ${exp} (absolute bound ${absolute[2]})`).toBe(true);
    return;
  }
  const tol = toleranceOf(path);
  if (exp === null) {
    cmp.close('NA', path, act as number | null, null, 0);
    return;
  }
  if (tol === 'exact') {
    expect(act, path).toBe(exp);
    return;
  }
  cmp.close(tol.group, path, act as number | null, exp, tol.rel, tol.abs);
}

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'dlrn-oracle-study-'));
  const source = featureTableSource({ features: cohortCsv, clinical: cohortCsv, label: () => 'oracle/stats/data/cohort.csv' });
  results = runStudy({ definition: definition(), source, outDir }).results;
  defaultThresh = runStudy({ definition: definition(1e-7), source, outDir: join(outDir, 'default-thresh') }).results;
  harmonised = readCsvTable(join(outDir, 'tables', 'harmonised_features.csv'));
  ours = renameCohortKeys(oracleView(results, defaultThresh)) as Record<string, Json>;
});

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
  const lines = [...worstAbsolute].map(([g, w]) => `  ${g}: worst abs dev ${w.dev.toExponential(2)} (${w.where})`);
  console.log(`[pipeline.json (study run)] absolute comparisons\n${lines.join('\n')}`);
});

describe('study run of studies/oracle-pipeline.yaml vs pipeline.json', () => {
  const sections = Object.keys(expected).filter((k) => k !== 'meta' && k !== 'conventions');
  it('covers every section of pipeline.json', () => {
    expect(sections.sort()).toEqual(
      ['combat', 'clinical', 'decision_margins', 'dlrn', 'evaluation', 'lasso', 'mrmr', 'sensitivity_no_harmonisation', 'split', 'summary', 'zscore'].sort(),
    );
  });
  for (const section of sections) {
    it(`${section}: every number`, () => {
      const before = unmapped.length;
      walk(section, expected[section], ours[section]);
      expect(unmapped.slice(before), 'pipeline.json leaves with no counterpart in our results').toEqual([]);
    });
  }
  it('compared a plausible number of leaves', () => {
    expect(compared).toBeGreaterThan(5000);
  });
});

describe('Table 1 of the same run vs table1.json (R stats 4.2.2)', () => {
  const t1 = loadExpected<Record<string, Record<string, Json>>>('table1');
  const row = (variable: string, level: string | null = null) =>
    results.tables.table1.rows.find((r) => r.variable === variable && r.level === level) as StudyResults['tables']['table1']['rows'][number];
  it('Mann–Whitney p and quartiles (continuity correction, as wilcox.test)', () => {
    const age = t1.age_train_vs_test;
    cmp.close('table1', 'age cohorts p', row('age').p.cohorts, age.p_continuity as number, CLOSED);
    cmp.close('table1', 'age training median', row('age').summaries.training.median as number, age.median_x as number, CLOSED);
    cmp.close('table1', 'age training q1', row('age').summaries.training.q1 as number, age.q1_x as number, CLOSED);
    cmp.close('table1', 'age validation q3', row('age').summaries.validation.q3 as number, age.q3_y as number, CLOSED);
    cmp.close('table1', 'age by outcome p', row('age').p.training, t1.age_by_outcome_train.p_continuity as number, CLOSED);
    cmp.close('table1', 'tumour size cohorts p', row('tumor_size_mm').p.cohorts, t1.tumor_size_mm_train_vs_test.p_continuity as number, CLOSED);
  });
  it('categorical rows: counts, and chi-square (Yates) or Fisher as the expected counts dictate', () => {
    for (const [key, variable, which] of [
      ['sex_train_vs_test', 'sex', 'cohorts'],
      ['tumor_size_gt10_train_vs_test', 'tumor_size_gt10', 'cohorts'],
      ['grade_train_vs_test', 'grade', 'cohorts'],
      ['lymph_node_meta_train_vs_test', 'lymph_node_meta', 'cohorts'],
      ['tumor_size_gt10_by_outcome_train', 'tumor_size_gt10', 'training'],
    ] as const) {
      const e = t1[key] as { levels: string[]; table: number[][]; min_expected: number; p_chisq_yates: number; p_fisher: number };
      const want = e.min_expected < 5 ? e.p_fisher : e.p_chisq_yates;
      cmp.close('table1', `${key} p`, row(variable).p[which], want, CLOSED);
      const groups = which === 'cohorts' ? ['training', 'validation'] : ['training_0', 'training_1'];
      e.levels.forEach((lv, i) => groups.forEach((g, j) => expect(row(variable, lv).summaries[g].count, `${key}[${lv}][${g}]`).toBe(e.table[i][j])));
    }
  });
});
