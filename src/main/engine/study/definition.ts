/**
 * Study definition: the YAML file that fixes every choice of a DLRN study (cohorts, features, ICC filter,
 * harmonisation, selection, signatures, clinical model, nomogram, evaluation, Table 1). Validated with zod;
 * unknown keys are rejected with their key path, and cross-references (signature names, feature groups,
 * the DLRN's signature, the KM model) are checked. Defaults are filled in, so the parsed definition is
 * complete; its identity is {@link definitionHash} = SHA-256 of its canonical JSON.
 *
 * Field names are documented in `docs/STUDY_DEFINITION.md`; `studies/*.yaml` are worked examples.
 */
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { canonicalHash } from './canonicalJson';
import { patternError } from './patterns';
import { StudyDefinitionError, problemMessage } from './studyErrors';

/** Format tag of this definition schema. */
export const STUDY_FORMAT = 'dlrn-study/1';

const Name = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'a name starts with a letter and has letters, digits, "_", "." or "-"');
const Column = z.string().min(1, 'a column name cannot be empty');
const Pattern = z.string().min(1).superRefine((p, ctx) => {
  const err = patternError(p);
  if (err) ctx.addIssue({ code: 'custom', message: `invalid pattern ${JSON.stringify(p)}: ${err}` });
});
const Probability = z.number().gt(0).lt(1);
const Seed = z.number().int().min(0).max(2 ** 31 - 1);
const CohortValue = z.union([z.string(), z.number()]).transform((v) => String(v));

/** Cohort assignment: by a column's values (e.g. centre), or a seeded random split. */
const Cohorts = z.discriminatedUnion('method', [
  z.strictObject({
    /** Training/validation by the values of a clinical column (`centre` is the usual one). */
    method: z.enum(['centre', 'column']),
    column: Column.default('centre'),
    training: z.array(CohortValue).min(1),
    validation: z.array(CohortValue).min(1),
  }),
  z.strictObject({
    /**
     * Seeded random split of all patients: per outcome class (0 then 1 when `stratify`), the class members
     * in file order are permuted with the R-compatible MT19937 stream (`set.seed(seed)`, `sample()`), and the
     * first round(fraction · n_class) go to validation.
     */
    method: z.literal('random'),
    seed: Seed,
    validationFraction: Probability,
    stratify: z.boolean().default(true),
  }),
]);

/** Deep-feature preprocessing, field for field the `DeepPreprocessSettings` of `engine/deepFeatures`. */
const DeepPreprocessing = z.strictObject({
  label: z.union([z.number(), z.literal('nonzero')]).default('nonzero'),
  neighbourSlices: z.number().int().min(0).default(0),
  margin: z.strictObject({ value: z.number().min(0), unit: z.enum(['mm', 'voxel']) }).default({ value: 0, unit: 'voxel' }),
  square: z.boolean().default(false),
  window: z.strictObject({ width: z.number().positive(), level: z.number() }).default({ width: 400, level: 40 }),
  outsideValueHu: z.number().default(-1024),
  maskOutside: z.boolean().default(false),
});

const IccForm = z.strictObject({
  model: z.enum(['oneway', 'twoway']).default('twoway'),
  type: z.enum(['agreement', 'consistency']).default('agreement'),
  unit: z.enum(['single', 'average']).default('single'),
});

/** ICC reproducibility filter over a ratings table (feature, patient, one column per reading). */
const Icc = z.strictObject({
  threshold: z.number().gt(-1).lt(1),
  /** Keep a feature when ICC > threshold (`>`, the paper's "ICC > 0.8") or ≥ threshold. */
  comparison: z.enum(['>', '>=']).default('>'),
  form: IccForm.prefault({}),
  /** Two rating columns compared for inter-observer agreement (e.g. reader1, reader2). */
  inter: z.tuple([Column, Column]).optional(),
  /** Two rating columns compared for intra-observer agreement (e.g. reader1, reader1_repeat). */
  intra: z.tuple([Column, Column]).optional(),
  /** Feature groups (or patterns) the filter applies to; other features pass untouched. */
  appliesTo: z.array(z.string().min(1)).min(1),
});

const Harmonisation = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('none') }),
  z.strictObject({
    method: z.literal('combat'),
    /** Clinical column holding the batch (centre or scanner). */
    batchColumn: Column,
    /**
     * `reference`: fit on all patients with `referenceBatch` (a training-only batch) left unchanged (sva
     * `ref.batch`); `training`: fit on training patients only and apply the fit to validation (every
     * validation batch must occur in training); `all`: refused (training values would depend on validation data).
     */
    fit: z.enum(['reference', 'training', 'all']),
    referenceBatch: CohortValue.optional(),
    /** Clinical columns preserved as biological covariates (sva `mod`). */
    covariates: z.array(Column).default([]),
    parametric: z.boolean().default(true),
    meanOnly: z.boolean().default(false),
    /** Feature groups (or patterns) to harmonise; default every used feature. */
    appliesTo: z.array(z.string().min(1)).optional(),
  }),
]);

const Mrmr = z.strictObject({
  k: z.number().int().min(1),
  scheme: z.enum(['MID', 'MIQ']).default('MID'),
});

const Lasso = z.strictObject({
  /** Number of random CV folds (drawn with `seed`), unless `foldIdColumn` gives them. */
  folds: z.number().int().min(3).default(10),
  /** Clinical column with the fold (1..K) of every training patient (R `foldid`). */
  foldIdColumn: Column.optional(),
  seed: Seed.default(1),
  measure: z.enum(['deviance', 'auc', 'class']).default('deviance'),
  lambdaRule: z.enum(['min', '1se']).default('min'),
  alpha: z.number().gt(0).max(1).default(1),
  nlambda: z.number().int().min(3).default(100),
  lambdaMinRatio: z.number().gt(0).lt(1).optional(),
  standardize: z.boolean().default(true),
  /** glmnet `thresh` (default 1e-7); 1e-12 gives tightly converged coefficients. */
  thresh: z.number().gt(0).default(1e-7),
  maxit: z.number().int().min(1).default(100_000),
});

const Selection = z.strictObject({
  /** Selection is fitted on the training cohort; `all` is refused as leakage. */
  fitOn: z.enum(['training', 'all']).default('training'),
  mrmr: Mrmr.nullable().default(null),
  lasso: Lasso.prefault({}),
});

const Classifier = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('lasso-logistic') }),
  z.strictObject({ type: z.literal('knn'), k: z.number().int().min(1) }),
]);

const Signature = z.strictObject({
  name: Name,
  label: z.string().optional(),
  /** Feature groups pooled as candidates (RS: hand-crafted only; DLRS: hand-crafted + deep). */
  groups: z.array(Name).default([]),
  /** Extra feature-name patterns added to the candidates. */
  patterns: z.array(Pattern).default([]),
  /** Overrides the study-level `selection` for this signature. */
  selection: Selection.optional(),
  classifier: Classifier.default({ type: 'lasso-logistic' }),
});

const Candidate = z.union([
  Column.transform((name): { name: string; label?: string; levels?: number[] } => ({ name })),
  z.strictObject({
    name: Column,
    label: z.string().optional(),
    /** Levels of a categorical candidate, reference first (treatment dummies); absent = numeric/0-1. */
    levels: z.array(z.number()).min(2).optional(),
  }),
]);

const Clinical = z.strictObject({
  candidates: z.array(Candidate).min(1),
  /** Keep a candidate when its univariate Wald p < this. */
  univariateP: Probability.default(0.05),
  /** Then keep only terms with multivariable Wald p < this (null: keep all univariate survivors). */
  multivariableP: Probability.nullable().default(null),
  /** If no candidate survives: keep the one with the smallest univariate p. */
  fallback: z.literal('smallest-p').default('smallest-p'),
  /** Odds-ratio interval in the tables: Wald (`confint.default`) or profile likelihood (MASS `confint`). */
  interval: z.enum(['wald', 'profile']).default('wald'),
});

const Dlrn = z.strictObject({
  /** Signature whose score enters the DLRN (must be a LASSO-logistic signature). */
  signature: Name,
  nomogram: z
    .strictObject({ riskTicks: z.array(Probability).min(1).default([0.1, 0.3, 0.5, 0.7, 0.9]) })
    .prefault({}),
});

const Evaluation = z.strictObject({
  confLevel: Probability.default(0.95),
  /** Thresholds of signatures on the score (linear predictor) or the probability scale. */
  signatureScale: z.enum(['score', 'probability']).default('score'),
  bootstrap: z.strictObject({ B: z.number().int().min(0).default(1000), seed: Seed.default(1) }).prefault({}),
  calibration: z.strictObject({ groups: z.number().int().min(3).default(10), bins: z.number().int().min(2).default(10) }).prefault({}),
  dca: z
    .strictObject({
      from: Probability.default(0.01),
      to: Probability.default(0.99),
      by: Probability.default(0.01),
      rule: z.enum(['>=', '>']).default('>='),
    })
    .prefault({}),
  km: z
    .strictObject({
      model: Name.default('dlrn'),
      /** Cut-off on the model's linear predictor, fixed on training and applied unchanged to validation. */
      cut: z.enum(['median', 'youden']).default('median'),
      times: z.array(z.number().nonnegative()).default([12, 24, 36, 48]),
    })
    .nullable()
    .default(null),
  nestedCv: z.strictObject({ folds: z.number().int().min(2), seed: Seed.default(1) }).nullable().default(null),
  sensitivityNoHarmonisation: z.boolean().default(false),
});

const Table1Variable = z.union([
  Column.transform(
    (name): { name: string; label?: string; type?: 'continuous' | 'categorical'; summary?: 'median-iqr' | 'mean-sd'; levels?: (string | number)[] } => ({
      name,
    }),
  ),
  z.strictObject({
    name: Column,
    label: z.string().optional(),
    type: z.enum(['continuous', 'categorical']).optional(),
    summary: z.enum(['median-iqr', 'mean-sd']).optional(),
    levels: z.array(z.union([z.string(), z.number()])).optional(),
  }),
]);

const Table1 = z.strictObject({
  variables: z.array(Table1Variable).min(1),
  /** Categorical test: chi-square (Yates for 2×2) unless an expected count is < 5, then Fisher (`auto`). */
  categoricalTest: z.enum(['auto', 'chisq', 'fisher']).default('auto'),
});

/**
 * A clinical column computed from another before anything else runs: a text→number recoding (`map`, e.g.
 * sex M/F → 1/0) or a dichotomisation (`above`: 1 when value > cut, else 0; `atLeast`: 1 when value ≥ cut).
 */
const DerivedColumn = z.union([
  z.strictObject({ from: Column, map: z.record(z.string(), z.number()) }),
  z.strictObject({ from: Column, above: z.number() }),
  z.strictObject({ from: Column, atLeast: z.number() }),
]);

const Definition = z.strictObject({
  format: z.literal(STUDY_FORMAT).default(STUDY_FORMAT),
  name: z.string().min(1),
  description: z.string().optional(),
  patients: z.strictObject({ idColumn: Column.default('id') }).prefault({}),
  derivedColumns: z.record(Column, DerivedColumn).default({}),
  outcome: z.strictObject({ column: Column, label: z.string().optional() }),
  survival: z.strictObject({ time: Column, event: Column, unit: z.string().default('months') }).optional(),
  cohorts: Cohorts,
  phases: z.array(z.strictObject({ name: Name, prefix: z.string() })).default([]),
  extraction: z.strictObject({ parameterFiles: z.array(z.string().min(1)).default([]) }).prefault({}),
  deepModel: z.strictObject({ modelId: z.string().min(1), preprocessing: DeepPreprocessing.prefault({}) }).optional(),
  featureTable: z.strictObject({ idColumn: Column.optional() }).prefault({}),
  featureGroups: z.record(Name, z.array(Pattern).min(1)),
  icc: Icc.optional(),
  harmonisation: Harmonisation.default({ method: 'none' }),
  scaling: z.strictObject({ method: z.literal('zscore').default('zscore'), fitOn: z.enum(['training', 'all']).default('training') }).prefault({}),
  selection: Selection.prefault({}),
  signatures: z.array(Signature).min(1),
  clinical: Clinical,
  dlrn: Dlrn,
  evaluation: Evaluation.prefault({}),
  table1: Table1.optional(),
});

/** A parsed, complete study definition (defaults filled in). */
export type StudyDefinition = z.output<typeof Definition>;
export type SignatureDefinition = z.output<typeof Signature>;
export type SelectionDefinition = z.output<typeof Selection>;
export type LassoDefinition = z.output<typeof Lasso>;
export type ClinicalCandidate = z.output<typeof Clinical>['candidates'][number];
export type HarmonisationDefinition = z.output<typeof Harmonisation>;
export type IccDefinition = z.output<typeof Icc>;
export type Table1VariableDefinition = z.output<typeof Table1Variable>;
export type DerivedColumnDefinition = z.output<typeof DerivedColumn>;

/** Model ids every study has besides its signatures. */
export const FIXED_MODELS = ['clinical', 'dlrn'] as const;

function issuePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}

function zodProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((k) => `${issuePath([...issue.path, k])}: unknown key`).join('; ');
    }
    return `${issuePath(issue.path)}: ${issue.message}`;
  });
}

/** Cross-reference checks zod cannot express field by field. */
function crossReferenceProblems(d: StudyDefinition): string[] {
  const out: string[] = [];
  const names = d.signatures.map((s) => s.name);
  names.forEach((n, k) => {
    if (names.indexOf(n) !== k) out.push(`signatures[${k}].name: "${n}" is used twice`);
    if ((FIXED_MODELS as readonly string[]).includes(n)) out.push(`signatures[${k}].name: "${n}" is reserved for a model`);
  });
  d.signatures.forEach((s, k) => {
    if (s.groups.length === 0 && s.patterns.length === 0) out.push(`signatures[${k}]: give groups or patterns`);
    s.groups.forEach((g, j) => {
      if (!(g in d.featureGroups)) out.push(`signatures[${k}].groups[${j}]: unknown feature group "${g}"`);
    });
  });
  const dlrnSig = d.signatures.find((s) => s.name === d.dlrn.signature);
  if (!dlrnSig) out.push(`dlrn.signature: no signature named "${d.dlrn.signature}"`);
  else if (dlrnSig.classifier.type !== 'lasso-logistic') {
    out.push(`dlrn.signature: "${dlrnSig.name}" uses a ${dlrnSig.classifier.type} classifier; the DLRN needs a LASSO-logistic score`);
  }
  if (d.icc && !d.icc.inter && !d.icc.intra) out.push('icc: give inter and/or intra rating columns');
  if (d.harmonisation.method === 'combat') {
    if (d.harmonisation.fit === 'reference' && d.harmonisation.referenceBatch === undefined) {
      out.push('harmonisation.referenceBatch: required with fit: reference');
    }
  }
  if (d.evaluation.km) {
    if (!d.survival) out.push('evaluation.km: needs survival.time and survival.event');
    const models = [...names, ...FIXED_MODELS];
    if (!models.includes(d.evaluation.km.model)) out.push(`evaluation.km.model: "${d.evaluation.km.model}" is not a model (${models.join(', ')})`);
    const km = d.signatures.find((s) => s.name === d.evaluation.km?.model);
    if (km && km.classifier.type !== 'lasso-logistic') out.push('evaluation.km.model: a k-NN signature has no linear predictor to cut');
  }
  const dca = d.evaluation.dca;
  if (dca.to < dca.from) out.push('evaluation.dca: "to" is below "from"');
  const cands = d.clinical.candidates.map((c) => c.name);
  cands.forEach((c, k) => {
    if (cands.indexOf(c) !== k) out.push(`clinical.candidates[${k}]: "${c}" is listed twice`);
  });
  if (d.cohorts.method !== 'random') {
    const validation = d.cohorts.validation;
    const overlap = d.cohorts.training.filter((v) => validation.includes(v));
    if (overlap.length) out.push(`cohorts: value(s) ${overlap.join(', ')} are both training and validation`);
  }
  return out;
}

/**
 * Validates an already-parsed object as a study definition.
 * @throws StudyDefinitionError listing every problem with its key path (unknown keys included)
 */
export function validateStudyDefinition(value: unknown, source = 'study definition'): StudyDefinition {
  const r = Definition.safeParse(value);
  if (!r.success) {
    const problems = zodProblems(r.error);
    throw new StudyDefinitionError(problemMessage(`${source} is invalid:`, problems), problems);
  }
  const problems = crossReferenceProblems(r.data);
  if (problems.length) throw new StudyDefinitionError(problemMessage(`${source} is invalid:`, problems), problems);
  return r.data;
}

/**
 * Parses and validates YAML text (YAML 1.2; duplicate keys are errors).
 * @throws StudyDefinitionError for YAML syntax errors and every schema problem
 */
export function parseStudyDefinition(text: string, source = 'study definition'): StudyDefinition {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length) {
    const problems = doc.errors.map((e) => e.message.split('\n')[0]);
    throw new StudyDefinitionError(problemMessage(`${source}: YAML error`, problems), problems);
  }
  return validateStudyDefinition(doc.toJS(), source);
}

/** The stored identity of a definition: SHA-256 (hex) of its canonical JSON, defaults included. */
export function definitionHash(definition: StudyDefinition): string {
  return canonicalHash(definition);
}

/** The selection settings of a signature (its own, or the study-level ones). */
export function signatureSelection(definition: StudyDefinition, signature: SignatureDefinition): SelectionDefinition {
  return signature.selection ?? definition.selection;
}
