/**
 * The CSV tables written next to `results.json`: paper-style tables (Table 1, Table 2, model performance,
 * DeLong comparisons, selected features), per-patient predictions, ICC, decision and survival curves. Cells
 * are numbers at full precision (written locale-proof by `io/csvWrite`) or short texts formatted with '.'
 * decimals; every number also lives in `results.json`.
 */
import type { CsvCell } from '../io/csvWrite';
import type { StudyResults } from './resultsSchema';

/** One CSV table: file name, header, rows. */
export interface StudyTable {
  file: string;
  header: string[];
  rows: CsvCell[][];
}

function fixed(v: number | null | undefined, digits: number): string {
  return v === null || v === undefined ? 'NA' : v.toFixed(digits);
}

function table1(r: StudyResults): StudyTable {
  const t = r.tables.table1;
  const groups = t.groups.map((g) => g.key);
  const header = ['variable', 'label', 'level', ...groups, 'p_training', 'test_training', 'p_validation', 'test_validation', 'p_cohorts', 'test_cohorts'];
  const rows = t.rows.map((row) => [
    row.variable,
    row.label,
    row.level ?? '',
    ...groups.map((g) => {
      const s = row.summaries[g];
      if (row.type === 'categorical') return row.level === null ? `n = ${s.n}${s.missing ? `, missing ${s.missing}` : ''}` : `${s.count} (${fixed(s.percent, 1)}%)`;
      if (s.median !== undefined) return `${fixed(s.median, 2)} [${fixed(s.q1, 2)}, ${fixed(s.q3, 2)}]`;
      return `${fixed(s.mean, 2)} ± ${fixed(s.sd, 2)}`;
    }),
    row.p.training,
    row.tests.training,
    row.p.validation,
    row.tests.validation,
    row.p.cohorts,
    row.tests.cohorts,
  ]);
  return { file: 'table1.csv', header, rows };
}

function table2(r: StudyResults): StudyTable {
  const t = r.tables.table2;
  return {
    file: 'table2.csv',
    header: ['variable', 'term', 'uni_or', 'uni_lower', 'uni_upper', 'uni_p', 'multi_or', 'multi_lower', 'multi_upper', 'multi_p'],
    rows: t.rows.map((row) => [
      row.variable,
      row.term,
      row.univariate.oddsRatio,
      row.univariate.lower,
      row.univariate.upper,
      row.univariate.p,
      row.multivariable?.oddsRatio,
      row.multivariable?.lower,
      row.multivariable?.upper,
      row.multivariable?.p,
    ]),
  };
}

function performance(r: StudyResults): StudyTable {
  const header = ['model', 'cohort', 'n', 'auc', 'auc_lower', 'auc_upper', 'threshold', 'scale'];
  for (const m of ['sensitivity', 'specificity', 'accuracy', 'ppv', 'npv']) header.push(m, `${m}_lower`, `${m}_upper`);
  const rows: CsvCell[][] = [];
  for (const m of r.evaluation.models) {
    const roc = r.evaluation.roc[m.id];
    for (const cohort of ['training', 'validation'] as const) {
      const c = roc[cohort];
      const a = c.atThreshold;
      const row: CsvCell[] = [m.id, cohort, c.n, c.auc, c.lower, c.upper, a.threshold, roc.scale];
      for (const p of [a.sensitivity, a.specificity, a.accuracy, a.ppv, a.npv]) row.push(p?.estimate, p?.lower, p?.upper);
      rows.push(row);
    }
  }
  return { file: 'performance.csv', header, rows };
}

function delong(r: StudyResults): StudyTable {
  const rows: CsvCell[][] = [];
  for (const cohort of ['training', 'validation'] as const) {
    for (const p of r.evaluation.delong[cohort]) rows.push([cohort, p.model1, p.model2, p.auc1, p.auc2, p.z, p.p, p.diffLower, p.diffUpper]);
  }
  return { file: 'delong.csv', header: ['cohort', 'model1', 'model2', 'auc1', 'auc2', 'z', 'p', 'diff_lower', 'diff_upper'], rows };
}

function selectedFeatures(r: StudyResults): StudyTable {
  const rows: CsvCell[][] = [];
  for (const s of r.signatures) {
    rows.push([s.name, '(Intercept)', null, null, s.coefficients.intercept, s.coefficients.interceptRaw, null, null]);
    for (const c of s.coefficients.features) {
      const rank = s.mrmr.selected.findIndex((x) => x.feature === c.feature);
      rows.push([s.name, c.feature, rank >= 0 ? rank + 1 : null, rank >= 0 ? s.mrmr.selected[rank].score : null, c.coefficient, c.coefficientRaw, c.mean, c.sd]);
    }
  }
  return { file: 'selected_features.csv', header: ['signature', 'feature', 'mrmr_rank', 'mrmr_score', 'coefficient_z', 'coefficient_raw', 'train_mean', 'train_sd'], rows };
}

function predictions(r: StudyResults): StudyTable {
  const header = ['id', 'cohort', 'outcome'];
  const models = r.evaluation.models;
  for (const m of models) header.push(`${m.id}_lp`, `${m.id}_probability`);
  const rows: CsvCell[][] = [];
  for (const cohort of ['training', 'validation'] as const) {
    const ids = r.cohorts[cohort].ids;
    const source = (id: string): { lp: number | null | undefined; probability: number }[] =>
      models.map((m) => {
        const p =
          m.kind === 'dlrn'
            ? r.dlrn.predictions[cohort]
            : m.kind === 'clinical'
              ? r.clinicalModel.predictions[cohort]
              : (r.signatures.find((s) => s.name === m.id) as StudyResults['signatures'][number]).scores[cohort];
        const k = p.ids.indexOf(id);
        return { lp: p.lp?.[k], probability: p.probability[k] };
      });
    ids.forEach((id, i) => rows.push([id, cohort, r.cohorts[cohort].outcome[i], ...source(id).flatMap((x) => [x.lp, x.probability])]));
  }
  return { file: 'predictions.csv', header, rows };
}

function icc(r: StudyResults): StudyTable | null {
  if (!r.icc.applied) return null;
  return {
    file: 'icc.csv',
    header: ['feature', 'n', 'icc_inter', 'inter_lower', 'inter_upper', 'icc_intra', 'intra_lower', 'intra_upper', 'kept'],
    rows: r.icc.features.map((f) => [f.feature, f.n, f.inter, f.interLower, f.interUpper, f.intra, f.intraLower, f.intraUpper, f.kept]),
  };
}

function dca(r: StudyResults): StudyTable {
  const d = r.evaluation.dca;
  const models = r.evaluation.models.map((m) => m.id);
  const rows: CsvCell[][] = [];
  for (const cohort of ['training', 'validation'] as const) {
    d.thresholds.forEach((t, k) => rows.push([cohort, t, d[cohort].treatAll[k], d[cohort].treatNone[k], ...models.map((m) => d[cohort].models[m][k])]));
  }
  return { file: 'decision_curves.csv', header: ['cohort', 'threshold', 'treat_all', 'treat_none', ...models.map((m) => `net_benefit_${m}`)], rows };
}

function km(r: StudyResults): StudyTable | null {
  const k = r.evaluation.km;
  if (!k) return null;
  const rows: CsvCell[][] = [];
  for (const cohort of ['training', 'validation'] as const) {
    for (const s of k[cohort].strata) {
      s.steps.time.forEach((t, j) => rows.push([cohort, s.level, t, s.steps.nRisk[j], s.steps.nEvent[j], s.steps.nCensor[j], s.steps.surv[j], s.steps.lower[j], s.steps.upper[j]]));
    }
  }
  return { file: 'kaplan_meier.csv', header: ['cohort', 'group', 'time', 'n_risk', 'n_event', 'n_censor', 'survival', 'lower', 'upper'], rows };
}

/** Every CSV table of a results object. */
export function studyTables(r: StudyResults): StudyTable[] {
  return [table1(r), table2(r), performance(r), delong(r), selectedFeatures(r), predictions(r), icc(r), dca(r), km(r)].filter((t): t is StudyTable => t !== null);
}

/** Harmonised (after ICC) feature values of every study patient: id, cohort, one column per feature. */
export function harmonisedFeatureTable(ids: readonly string[], cohort: readonly string[], names: readonly string[], columns: readonly Float64Array[]): StudyTable {
  return { file: 'harmonised_features.csv', header: ['id', 'cohort', ...names], rows: ids.map((id, i) => [id, cohort[i], ...columns.map((c) => c[i])]) };
}
