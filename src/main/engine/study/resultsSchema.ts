/**
 * Schema of `results.json`, the complete output of a study run (documented in `docs/RESULTS_SCHEMA.md`):
 * every number a report draws or tabulates. Conventions:
 * - numbers are JSON numbers (finite); a value that does not exist is `null`, and the object holding it has a
 *   `reasons` map naming why (key = the field; for arrays, the array field) — never a silent NaN;
 * - per-patient arrays come with their `ids`, in clinical-table order within each cohort;
 * - indices named `index*` are 0-based;
 * - tables are column-major objects (`{ column: values[] }`) unless they are lists of rows.
 */
import { z } from 'zod';

export const RESULTS_FORMAT = 'dlrn-study-results/1';

const Reasons = z.record(z.string(), z.string().min(1));
const Num = z.number();
const NumOrNull = z.number().nullable();
const Nums = z.array(Num);
const NumsOrNull = z.array(NumOrNull);
const Strs = z.array(z.string());
const Int = z.number().int();
const CohortKey = z.enum(['training', 'validation']);

/** A proportion with its exact (Clopper–Pearson) interval. */
const Proportion = z.strictObject({ x: Int, n: Int, estimate: Num, lower: Num, upper: Num });

/** A fitted logistic model (R `summary(glm)` with Wald odds ratios). */
export const GlmSchema = z.strictObject({
  terms: z.array(
    z.strictObject({ term: z.string(), estimate: Num, stdError: Num, z: Num, p: Num, oddsRatio: Num, orLower: Num, orUpper: Num }),
  ),
  vcov: z.array(Nums),
  deviance: Num,
  nullDeviance: Num,
  dfResidual: Int,
  dfNull: Int,
  aic: Num,
  iterations: Int,
  converged: z.boolean(),
});

const Predictions = z.strictObject({ ids: Strs, lp: Nums.nullable(), probability: Nums, reasons: Reasons.optional() });
const ByCohort = <T extends z.ZodType>(t: T) => z.strictObject({ training: t, validation: t });

const CohortSummary = z.strictObject({
  n: Int,
  events: Int,
  nonEvents: Int,
  survivalEvents: Int.nullable(),
  ids: Strs,
  /** Outcome (0/1) of each patient of `ids`. */
  outcome: z.array(Int),
  reasons: Reasons.optional(),
});

const IccSection = z.strictObject({
  applied: z.boolean(),
  threshold: NumOrNull,
  comparison: z.string().nullable(),
  form: z.strictObject({ model: z.string(), type: z.string(), unit: z.string() }).nullable(),
  comparisons: Strs,
  nSubject: Int,
  nKept: Int,
  dropped: Strs,
  features: z.array(
    z.strictObject({
      feature: z.string(),
      n: Int,
      inter: NumOrNull,
      interLower: NumOrNull,
      interUpper: NumOrNull,
      intra: NumOrNull,
      intraLower: NumOrNull,
      intraUpper: NumOrNull,
      kept: z.boolean(),
      reasons: Reasons.optional(),
    }),
  ),
  reasons: Reasons.optional(),
});

/** Distribution of values (study/batchSummary): mean, SD, min, type-7 quartiles, max, Tukey whisker ends. */
const DistributionSummary = z.strictObject({
  n: Int,
  mean: Num,
  sd: NumOrNull,
  min: Num,
  q1: Num,
  median: Num,
  q3: Num,
  max: Num,
  lowerWhisker: Num,
  upperWhisker: Num,
  reasons: Reasons.optional(),
});

const HarmonisationSection = z.strictObject({
  method: z.enum(['none', 'combat']),
  fit: z.enum(['reference', 'training']).nullable(),
  batchColumn: z.string().nullable(),
  referenceBatch: z.string().nullable(),
  parametric: z.boolean().nullable(),
  meanOnly: z.boolean().nullable(),
  covariates: Strs,
  features: Strs,
  unadjusted: Strs,
  batches: z.array(
    z.strictObject({
      batch: z.string(),
      n: Int,
      nTraining: Int,
      nValidation: Int,
      gammaBar: NumOrNull,
      t2: NumOrNull,
      aPrior: NumOrNull,
      bPrior: NumOrNull,
      ebIterations: Int.nullable(),
      reasons: Reasons.optional(),
    }),
  ),
  /** Per harmonised feature (order of `features`); γ̂, δ̂², γ*, δ* per batch (keys = batch labels). */
  perFeature: z
    .strictObject({
      grandMean: NumsOrNull,
      varPooled: NumsOrNull,
      gammaHat: z.record(z.string(), NumsOrNull),
      deltaHat: z.record(z.string(), NumsOrNull),
      gammaStar: z.record(z.string(), NumsOrNull),
      deltaStar: z.record(z.string(), NumsOrNull),
      reasons: Reasons.optional(),
    })
    .nullable(),
  /** Per signature feature and batch: distribution before and after ComBat (stage combatCheck). */
  perCentre: z
    .strictObject({
      selection: z.string(),
      features: z.array(
        z.strictObject({
          feature: z.string(),
          batches: z.array(
            z.strictObject({ batch: z.string(), before: DistributionSummary.nullable(), after: DistributionSummary.nullable(), reasons: Reasons.optional() }),
          ),
        }),
      ),
    })
    .nullable(),
  warnings: Strs,
  reasons: Reasons.optional(),
});

const ScalingSection = z.strictObject({ method: z.literal('zscore'), fitOn: z.literal('training'), features: Strs, mean: Nums, sd: Nums, constant: Strs });

const LassoSection = z.strictObject({
  features: Strs,
  foldSource: z.enum(['column', 'random']),
  /** Fold of each training patient (training order). */
  foldId: z.array(Int),
  measure: z.string(),
  lambdaRule: z.enum(['min', '1se']),
  chosenIndex: Int,
  chosenLambda: Num,
  cv: z.strictObject({
    lambda: Nums,
    cvm: Nums,
    cvsd: Nums,
    cvup: Nums,
    cvlo: Nums,
    nzero: z.array(Int),
    lambdaMin: Num,
    lambda1se: Num,
    indexMin: Int,
    index1se: Int,
  }),
  path: z.strictObject({
    lambda: Nums,
    a0: Nums,
    df: z.array(Int),
    devRatio: Nums,
    nulldev: Num,
    npasses: Int,
    /** Coefficient path per feature (z scale), one value per λ. */
    beta: z.record(z.string(), Nums),
  }),
  standardisation: z.strictObject({ mean: Nums, sd: Nums }),
  warnings: Strs,
});

const SignatureSection = z.strictObject({
  name: z.string(),
  label: z.string(),
  classifier: z.enum(['lasso-logistic', 'knn']),
  knnK: Int.nullable(),
  candidates: Int,
  mrmr: z.strictObject({
    k: Int.nullable(),
    scheme: z.string().nullable(),
    selected: z.array(
      z.strictObject({ feature: z.string(), score: NumOrNull, internalScore: NumOrNull, runnerUpGap: NumOrNull, reasons: Reasons.optional() }),
    ),
    /** Relevance of every candidate on the training cohort: Gaussian MI with the outcome and Pearson r. */
    relevance: z.strictObject({ feature: Strs, mi: NumsOrNull, r: NumsOrNull, reasons: Reasons.optional() }),
    excludedConstant: Strs,
    warnings: Strs,
    reasons: Reasons.optional(),
  }),
  lasso: LassoSection,
  coefficients: z.strictObject({
    intercept: Num,
    interceptRaw: Num,
    features: z.array(z.strictObject({ feature: z.string(), coefficient: Num, coefficientRaw: Num, mean: Num, sd: Num })),
  }),
  formula: z.string(),
  formulaRaw: z.string(),
  scores: ByCohort(Predictions),
  /** z-scored values of the signature's features for every study patient (ids in study order). */
  featureValues: z.strictObject({ ids: Strs, values: z.record(z.string(), Nums) }),
  reasons: Reasons.optional(),
});

const ClinicalSection = z.strictObject({
  candidates: Strs,
  univariate: z.array(z.strictObject({ variable: z.string(), model: GlmSchema })),
  univariateP: z.record(z.string(), Num),
  multivariable: GlmSchema,
  kept: Strs,
  keptBy: z.enum(['univariate-p', 'fallback-smallest-p', 'multivariable-p']),
  formula: z.string(),
  model: GlmSchema,
  predictions: ByCohort(Predictions),
});

const Axis = z.strictObject({ name: z.string(), x: Nums, xbeta: Nums, points: Nums });
const DlrnSection = z.strictObject({
  signature: z.string(),
  predictors: Strs,
  formula: z.string(),
  model: GlmSchema,
  /** rms 6.5 lrm statistics: `c`/`dxy` binned as rms 6.5 prints them, `cExact` the exact Mann–Whitney C. */
  lrm: z.strictObject({ obs: Int, modelLR: Num, df: Int, p: Num, c: Num, dxy: Num, cExact: Num, r2: Num, brier: Num }),
  datadist: z.array(
    z.strictObject({
      variable: z.string(),
      limits: z.strictObject({ lowEffect: Num, adjustTo: Num, highEffect: Num, lowPrediction: Num, highPrediction: Num, low: Num, high: Num }),
    }),
  ),
  nomogram: z.strictObject({
    intercept: Num,
    axes: z.array(Axis),
    pointsPerUnitLp: Num,
    lpAtZeroPoints: Num,
    totalPoints: Nums,
    lpAxis: z.strictObject({ x: Nums, xReal: Nums }),
    riskAxis: z.strictObject({ x: Nums, xReal: Nums }),
  }),
  predictions: ByCohort(Predictions),
});

const YoudenPoint = z.strictObject({ threshold: Num, sensitivity: Num, specificity: Num, youden: Num });
const RocCohort = z.strictObject({
  n: Int,
  nCases: Int,
  nControls: Int,
  auc: Num,
  variance: Num,
  se: Num,
  lower: Num,
  upper: Num,
  confLevel: Num,
  /** Empirical ROC: thresholds −Inf (null), midpoints, +Inf (null); sensitivity/specificity per threshold. */
  curve: z.strictObject({ thresholds: NumsOrNull, sensitivity: Nums, specificity: Nums, reasons: Reasons }),
  /** The training Youden threshold applied unchanged (positive = predictor ≥ threshold). */
  atThreshold: z.strictObject({
    threshold: Num,
    tp: Int,
    tn: Int,
    fp: Int,
    fn: Int,
    sensitivity: Proportion,
    specificity: Proportion,
    accuracy: Proportion,
    ppv: Proportion.nullable(),
    npv: Proportion.nullable(),
    reasons: Reasons.optional(),
  }),
  /** Smallest |predictor − threshold| over the cohort (distance to a flipped classification). */
  thresholdMinDistance: Num,
});
const RocModel = z.strictObject({
  scale: z.enum(['score', 'probability']),
  youden: YoudenPoint.extend({ ties: z.array(YoudenPoint) }),
  training: RocCohort,
  validation: RocCohort,
});
const DelongPair = z.strictObject({
  pair: z.string(),
  model1: z.string(),
  model2: z.string(),
  auc1: Num,
  auc2: Num,
  z: NumOrNull,
  p: NumOrNull,
  diffLower: NumOrNull,
  diffUpper: NumOrNull,
  reasons: Reasons.optional(),
});

const CalibrationCohort = z.strictObject({
  n: Int,
  hosmerLemeshow: z
    .strictObject({
      statistic: Num,
      df: Int,
      p: Num,
      g: Int,
      breaks: Nums,
      table: z.strictObject({ bin: Strs, n: z.array(Int), observed0: Nums, observed1: Nums, expected0: Nums, expected1: Nums }),
    })
    .nullable(),
  /** rms::val.prob statistics (`D:p` is NA in rms and omitted). */
  valProb: z
    .strictObject({
      dxy: Num,
      c: Num,
      cExact: Num,
      r2: Num,
      d: Num,
      dChiSq: Num,
      u: Num,
      uChiSq: Num,
      uP: Num,
      q: Num,
      brier: Num,
      intercept: Num,
      slope: Num,
      emax: Num,
      e90: Num,
      eavg: Num,
      sZ: Num,
      sP: Num,
      calibrationInTheLarge: Num,
    })
    .nullable(),
  /** Observed event rate vs mean predicted probability per quantile bin. */
  binned: z.strictObject({ bin: Strs, n: z.array(Int), meanPredicted: Nums, observedRate: Nums }).nullable(),
  /** Apparent lowess calibration curve (`lowess(p, y, iter = 0)`) at the sorted distinct predictions. */
  smooth: z.strictObject({ predicted: Nums, observed: Nums }).nullable(),
  /** Bootstrap optimism-corrected curve (training cohort; rms `calibrate(method = "boot")`). */
  bootstrap: z
    .strictObject({
      B: Int,
      seed: Int,
      failedFits: Int,
      predicted: Nums,
      apparent: NumsOrNull,
      corrected: NumsOrNull,
      optimism: NumsOrNull,
      repetitions: z.array(Int),
      /**
       * Band around `corrected` at the grid: the bootstrap percentile interval (coverage `level`) of the
       * apparent curve over the repetitions, shifted by `optimism` (stats/bootstrapCalibration step 6).
       */
      band: z.strictObject({ level: Num, definition: z.string(), lower: NumsOrNull, upper: NumsOrNull, reasons: Reasons.optional() }),
      meanAbsoluteError: NumOrNull,
      meanSquaredError: NumOrNull,
      quantile90AbsoluteError: NumOrNull,
      refit: z.string(),
      reasons: Reasons.optional(),
    })
    .nullable(),
  reasons: Reasons.optional(),
});

const DcaCohort = z.strictObject({
  n: Int,
  prevalence: Num,
  treatAll: Nums,
  treatNone: Nums,
  models: z.record(z.string(), Nums),
  /** Smallest |p − threshold| over patients and thresholds, per model. */
  thresholdMinDistance: z.record(z.string(), Num),
});

const KmSteps = z.strictObject({
  time: Nums,
  nRisk: z.array(Int),
  nEvent: z.array(Int),
  nCensor: z.array(Int),
  surv: Nums,
  stdErrCumHaz: NumsOrNull,
  lower: NumsOrNull,
  upper: NumsOrNull,
  reasons: Reasons.optional(),
});
const KmStratum = z.strictObject({
  level: z.string(),
  n: Int,
  events: Int,
  steps: KmSteps,
  eventRows: z.strictObject({
    time: Nums,
    nRisk: z.array(Int),
    nEvent: z.array(Int),
    surv: Nums,
    stdErrSurv: NumsOrNull,
    lower: NumsOrNull,
    upper: NumsOrNull,
    reasons: Reasons.optional(),
  }),
  median: z.strictObject({ median: NumOrNull, lower: NumOrNull, upper: NumOrNull, reasons: Reasons.optional() }),
  /** Survival and number at risk at the requested times (`summary(fit, times)`). */
  atTimes: z.strictObject({ time: Nums, nRisk: z.array(Int), surv: Nums, stdErrSurv: NumsOrNull, lower: NumsOrNull, upper: NumsOrNull, reasons: Reasons.optional() }),
});
const KmCohort = z.strictObject({
  n: Int,
  groupSizes: z.record(z.string(), Int),
  strata: z.array(KmStratum),
  logRank: z
    .strictObject({ groups: Strs, n: z.array(Int), observed: Nums, expected: Nums, variance: z.array(Nums), chisq: Num, df: Int, p: Num })
    .nullable(),
  /** Smallest |lp − cut| over the cohort. */
  cutMinDistance: Num,
  reasons: Reasons.optional(),
});

const Table1Summary = z.strictObject({
  n: Int,
  missing: Int,
  median: NumOrNull.optional(),
  q1: NumOrNull.optional(),
  q3: NumOrNull.optional(),
  mean: NumOrNull.optional(),
  sd: NumOrNull.optional(),
  count: Int.optional(),
  percent: NumOrNull.optional(),
  reasons: Reasons.optional(),
});
const Table1Row = z.strictObject({
  variable: z.string(),
  label: z.string(),
  type: z.enum(['continuous', 'categorical']),
  /** null for a continuous variable's row and for a categorical variable's header row. */
  level: z.string().nullable(),
  summaries: z.record(z.string(), Table1Summary),
  /** p-values: outcome groups within training / within validation, and training vs validation. */
  p: z.strictObject({ training: NumOrNull, validation: NumOrNull, cohorts: NumOrNull, reasons: Reasons.optional() }),
  /** Test behind each p ('none' where no p applies, e.g. a level row). */
  tests: z.strictObject({ training: z.string(), validation: z.string(), cohorts: z.string() }),
  reasons: Reasons.optional(),
});
const Table1Section = z.strictObject({
  /** Summary columns: key → description (training/validation × outcome, and whole cohorts). */
  groups: z.array(z.strictObject({ key: z.string(), cohort: CohortKey, outcome: Int.nullable(), n: Int, reasons: Reasons.optional() })),
  rows: z.array(Table1Row),
});

const OrCell = z.strictObject({ oddsRatio: Num, lower: Num, upper: Num, p: Num });
const Table2Section = z.strictObject({
  interval: z.enum(['wald', 'profile']),
  multivariableFormula: z.string(),
  rows: z.array(z.strictObject({ variable: z.string(), term: z.string(), univariate: OrCell, multivariable: OrCell.nullable(), reasons: Reasons.optional() })),
});

const SensitivitySection = z.strictObject({
  description: z.string(),
  signatures: z.array(z.strictObject({ name: z.string(), validationAuc: Num, validationScore: Predictions })),
  dlrnValidationAuc: Num,
});

const NestedCvSection = z.strictObject({
  folds: Int,
  seed: Int,
  description: z.string(),
  signatures: z.array(
    z.strictObject({
      name: z.string(),
      folds: z.array(z.strictObject({ fold: Int, nTrain: Int, nTest: Int, features: Strs, auc: NumOrNull, reasons: Reasons.optional() })),
      meanAuc: NumOrNull,
      pooled: z.strictObject({ auc: Num, lower: Num, upper: Num }).nullable(),
      selectionFrequency: z.record(z.string(), Num),
      reasons: Reasons.optional(),
    }),
  ),
});

export const ResultsSchema = z.strictObject({
  format: z.literal(RESULTS_FORMAT),
  software: z.strictObject({ name: z.string(), version: z.string() }),
  study: z.strictObject({
    name: z.string(),
    description: z.string().nullable(),
    definitionHash: z.string().regex(/^[0-9a-f]{64}$/),
    definition: z.record(z.string(), z.unknown()),
  }),
  input: z.strictObject({
    source: z.string(),
    hashes: z.strictObject({ features: z.string(), clinical: z.string(), icc: z.string().nullable(), reasons: Reasons.optional() }),
    featureColumns: Int,
    ignoredColumns: Strs,
  }),
  cohorts: z.strictObject({ method: z.string(), training: CohortSummary, validation: CohortSummary, excluded: Strs }),
  features: z.strictObject({ used: Int, groups: z.record(z.string(), Strs), afterIcc: Int }),
  icc: IccSection,
  harmonisation: HarmonisationSection,
  scaling: ScalingSection,
  signatures: z.array(SignatureSection),
  clinicalModel: ClinicalSection,
  dlrn: DlrnSection,
  evaluation: z.strictObject({
    models: z.array(z.strictObject({ id: z.string(), label: z.string(), kind: z.enum(['signature', 'clinical', 'dlrn']), scale: z.enum(['score', 'probability']) })),
    roc: z.record(z.string(), RocModel),
    delong: ByCohort(z.array(DelongPair)),
    calibration: z.record(z.string(), ByCohort(CalibrationCohort)),
    dca: z.strictObject({ thresholds: Nums, rule: z.enum(['>=', '>']), training: DcaCohort, validation: DcaCohort }),
    km: z
      .strictObject({ model: z.string(), cutRule: z.enum(['median', 'youden']), cut: Num, times: Nums, timeUnit: z.string(), training: KmCohort, validation: KmCohort })
      .nullable(),
    sensitivityNoHarmonisation: SensitivitySection.nullable(),
    nestedCv: NestedCvSection.nullable(),
    reasons: Reasons.optional(),
  }),
  tables: z.strictObject({ table1: Table1Section, table2: Table2Section }),
  decisionMargins: z.strictObject({
    mrmrRunnerUpGap: z.record(z.string(), NumsOrNull),
    lassoCvm: z.record(z.string(), z.strictObject({ best: Num, second: Num, relativeGap: Num }).nullable()),
    youdenThreshold: z.record(z.string(), ByCohort(Num)),
    dcaThreshold: z.record(z.string(), Num),
    kmCut: ByCohort(Num).nullable(),
    clinicalUnivariatePClosest: Num,
    reasons: Reasons.optional(),
  }),
  warnings: Strs,
});

export type StudyResults = z.infer<typeof ResultsSchema>;
export type GlmResult = z.infer<typeof GlmSchema>;
export type RocModelResult = z.infer<typeof RocModel>;
export type DelongPairResult = z.infer<typeof DelongPair>;
export type CalibrationCohortResult = z.infer<typeof CalibrationCohort>;
export type DcaCohortResult = z.infer<typeof DcaCohort>;
export type KmCohortResult = z.infer<typeof KmCohort>;
export type Table1Result = z.infer<typeof Table1Section>;
export type Table1RowResult = z.infer<typeof Table1Row>;
export type Table2Result = z.infer<typeof Table2Section>;
export type SensitivityResult = z.infer<typeof SensitivitySection>;
export type NestedCvResult = z.infer<typeof NestedCvSection>;
export type IccResultSection = z.infer<typeof IccSection>;
export type HarmonisationResult = z.infer<typeof HarmonisationSection>;
export type SignatureResult = z.infer<typeof SignatureSection>;
export type PredictionsResult = z.infer<typeof Predictions>;

/**
 * Every `null` must be explained: for each object, a key whose value is null (or an array containing null, at
 * any depth) needs a non-empty `reasons[key]` on that object. Returns the JSON paths of unexplained nulls.
 */
export function unexplainedNulls(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => unexplainedNulls(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const o = value as Record<string, unknown>;
  const reasons = (o.reasons ?? {}) as Record<string, unknown>;
  const out: string[] = [];
  for (const [k, v] of Object.entries(o)) {
    if (k === 'reasons' || (path === '$' && k === 'study')) continue;
    // A reason given for a key explains every null beneath it (e.g. per-batch arrays of one quantity).
    if (typeof reasons[k] === 'string' && (reasons[k] as string).length > 0) continue;
    if (containsNull(v)) {
      if (v === null || (Array.isArray(v) && v.some((x) => x === null || Array.isArray(x)))) {
        out.push(`${path}.${k}`);
        continue;
      }
    }
    out.push(...unexplainedNulls(v, `${path}.${k}`));
  }
  return out;
}

function containsNull(v: unknown): boolean {
  if (v === null) return true;
  if (Array.isArray(v)) return v.some((x) => x === null || (Array.isArray(x) && containsNull(x)));
  return false;
}

/**
 * Validates a results object against the schema and the null-with-reason rule.
 * @throws Error naming every violation
 */
export function validateResults(value: unknown): StudyResults {
  const r = ResultsSchema.safeParse(value);
  if (!r.success) {
    const lines = r.error.issues.slice(0, 30).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`results.json does not match its schema:\n  ${lines.join('\n  ')}`);
  }
  const nulls = unexplainedNulls(value);
  if (nulls.length) throw new Error(`results.json has null values without a reason: ${nulls.slice(0, 20).join(', ')}`);
  return r.data;
}
