/**
 * Stage `harmonise`: ComBat batch harmonisation (Johnson et al. 2007; R `sva::ComBat`) of the features that
 * passed the ICC filter, with an explicit leakage-free fit:
 * - `reference`: one fit on all patients with `ref.batch` = a training-only batch; training values are returned
 *   bit-identical, so nothing fitted later depends on validation patients. Each other batch is estimated from
 *   its own feature values (never outcomes) — the only way to map an external centre (pipeline oracle step 2);
 * - `training`: fit on the training patients only, then apply the stored estimates to validation (validation
 *   batches must occur in training).
 * Features outside `appliesTo` pass unchanged.
 */
import { applyCombat, fitCombat, type CombatFit } from '../../harmonisation/combat';
import { namesFor } from '../featureSets';
import { clinicalNumber, clinicalText, type ClinicalData } from '../studyData';
import { take } from '../split';
import type { StudyDefinition } from '../definition';
import type { StageSpec } from '../stageGraph';
import type { FeaturesOutput, SplitOutput } from '../stageTypes';
import type { IccOutput } from './iccStage';

/** Per-batch ComBat estimates reported with the results. */
export interface CombatBatchSummary {
  batch: string;
  n: number;
  nTraining: number;
  nValidation: number;
  gammaBar: number | null;
  t2: number | null;
  aPrior: number | null;
  bPrior: number | null;
  ebIterations: number | null;
}

export interface HarmoniseOutput {
  method: 'none' | 'combat';
  /** Features after the ICC filter, feature order. */
  names: string[];
  /** Harmonised columns over all study patients. */
  columns: Float64Array[];
  /** The fit's settings and, per feature of `features` and per batch in the order of `batches`, its estimates. */
  combat: null | ({
    fit: 'reference' | 'training';
    batchColumn: string;
    referenceBatch: string | null;
    parametric: boolean;
    meanOnly: boolean;
    covariates: string[];
    /** Harmonised features (the others passed unchanged). */
    features: string[];
    unadjusted: string[];
    batches: CombatBatchSummary[];
    warnings: string[];
  } & Pick<CombatFit, 'grandMean' | 'varPooled' | 'gammaHat' | 'deltaHat' | 'gammaStar' | 'deltaStar'>);
}

function fin(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/**
 * Fits ComBat on the training patients only (`fit: training`) and applies it to every patient.
 * Leakage guard: the fit sees `training` rows only.
 */
export function combatFitOnTraining(
  columns: readonly Float64Array[],
  batch: readonly string[],
  covariates: readonly Float64Array[],
  training: Int32Array,
  options: { parametric: boolean; meanOnly: boolean },
): { fit: CombatFit; harmonised: Float64Array[] } {
  const trainCols = columns.map((c) => take(c, training));
  const trainBatch = Array.from(training, (i) => batch[i]);
  const { fit } = fitCombat(trainCols, trainBatch, { ...options, covariates: covariates.map((c) => take(c, training)) });
  return { fit, harmonised: applyCombat(fit, columns, batch, covariates) };
}

/**
 * ComBat with a training-only reference batch on all patients (`fit: reference`): sva `ref.batch`. The reference
 * batch's (training) values are unchanged; the caller has checked that no other batch mixes cohorts.
 */
export function combatWithReference(
  columns: readonly Float64Array[],
  batch: readonly string[],
  covariates: readonly Float64Array[],
  referenceBatch: string,
  options: { parametric: boolean; meanOnly: boolean },
): { fit: CombatFit; harmonised: Float64Array[] } {
  return fitCombat(columns, batch, { ...options, referenceBatch, covariates });
}

export function harmoniseStage(d: StudyDefinition): StageSpec {
  const h = d.harmonisation;
  return {
    name: 'harmonise',
    settings: h,
    inputs: ['split', 'features', 'icc'],
    data: h.method === 'combat' ? [{ kind: 'clinical', columns: [h.batchColumn, ...h.covariates] }] : [],
    run(ctx): HarmoniseOutput {
      const split = ctx.input<SplitOutput>('split');
      const features = ctx.input<FeaturesOutput>('features');
      const icc = ctx.input<IccOutput>('icc');
      const index = new Map(features.names.map((n, j) => [n, j]));
      const names = icc.kept;
      const columns = names.map((n) => features.columns[index.get(n) as number]);
      if (h.method === 'none') return { method: 'none', names, columns, combat: null };

      const clinical: ClinicalData = ctx.data.clinical;
      const rowOf = new Map(clinical.ids.map((id, i) => [id, i]));
      const rows = split.ids.map((id) => rowOf.get(id) as number);
      const batchCol = clinical.columns.get(h.batchColumn);
      if (!batchCol) throw new Error(`harmonise: batch column ${h.batchColumn} is missing`);
      const batch = rows.map((r) => clinicalText(batchCol, r) as string);
      const covariates = h.covariates.map((c) => {
        const col = clinical.columns.get(c);
        if (!col) throw new Error(`harmonise: covariate ${c} is missing`);
        return Float64Array.from(rows, (r) => clinicalNumber(col, r));
      });
      const target = new Set(h.appliesTo ? namesFor(h.appliesTo, features.groups, names) : names);
      const harmonisedNames = names.filter((n) => target.has(n));
      const input = harmonisedNames.map((n) => columns[names.indexOf(n)]);
      const options = { parametric: h.parametric, meanOnly: h.meanOnly };
      const { fit, harmonised } =
        h.fit === 'reference'
          ? combatWithReference(input, batch, covariates, h.referenceBatch as string, options)
          : combatFitOnTraining(input, batch, covariates, split.training, options);
      const out = columns.slice();
      harmonisedNames.forEach((n, k) => (out[names.indexOf(n)] = harmonised[k]));
      const batches = fit.batchLevels.map((b, k) => {
        let nTraining = 0;
        let nValidation = 0;
        batch.forEach((x, i) => {
          if (x === b) split.cohort[i] === 'training' ? nTraining++ : nValidation++;
        });
        return {
          batch: b,
          n: nTraining + nValidation,
          nTraining,
          nValidation,
          gammaBar: fin(fit.gammaBar[k]),
          t2: fin(fit.t2[k]),
          aPrior: fin(fit.aPrior[k]),
          bPrior: fin(fit.bPrior[k]),
          ebIterations: fit.ebIterations ? fit.ebIterations[k] : null,
        };
      });
      return {
        method: 'combat',
        names,
        columns: out,
        combat: {
          fit: h.fit as 'reference' | 'training',
          batchColumn: h.batchColumn,
          referenceBatch: h.referenceBatch ?? null,
          parametric: fit.parametric,
          meanOnly: fit.meanOnly,
          covariates: h.covariates,
          features: harmonisedNames,
          unadjusted: fit.unadjustedFeatures.map((g) => harmonisedNames[g]),
          batches,
          grandMean: fit.grandMean,
          varPooled: fit.varPooled,
          gammaHat: fit.gammaHat,
          deltaHat: fit.deltaHat,
          gammaStar: fit.gammaStar,
          deltaStar: fit.deltaStar,
          warnings: fit.warnings,
        },
      };
    },
  };
}
