/**
 * Stage `lasso:<signature>`: LASSO logistic regression with cross-validated λ on the training cohort
 * (R `cv.glmnet(x, y, family = "binomial", foldid | nfolds, type.measure, ...)`, glmnet 4.1-6), over the
 * mRMR-selected z-scored features in selection order. The coefficients are the path solution at λ.min or λ.1se
 * (a path λ, so no interpolation). Leakage guard: x, y and the folds are training rows only.
 */
import { cvLassoLogistic, type CvLassoResult } from '../../selection/cvGlmnet';
import { randomFoldIds } from '../../selection/folds';
import type { LassoLogisticPath } from '../../selection/lasso';
import { signatureSelection, type LassoDefinition, type SignatureDefinition, type StudyDefinition } from '../definition';
import { clinicalNumber } from '../studyData';
import { take } from '../split';
import type { StageSpec } from '../stageGraph';
import type { SplitOutput } from '../stageTypes';
import type { MrmrOutput } from './mrmrStage';
import type { ZScoreOutput } from './zscoreStage';

export interface LassoOutput {
  signature: string;
  /** Predictors in mRMR order (x columns). */
  features: string[];
  foldId: Int32Array;
  foldSource: 'column' | 'random';
  measure: string;
  lambdaRule: 'min' | '1se';
  /** Indices 0-based. */
  cv: Pick<CvLassoResult, 'lambda' | 'cvm' | 'cvsd' | 'cvup' | 'cvlo' | 'nzero' | 'lambdaMin' | 'lambda1se' | 'indexMin' | 'index1se'>;
  /** The glmnet path (coefficients column-major p × L) and its internal standardisation. */
  path: Pick<LassoLogisticPath, 'lambda' | 'a0' | 'beta' | 'df' | 'devRatio' | 'nulldev' | 'npasses' | 'mean' | 'sd'>;
  /** Chosen solution (0-based path index) and its coefficients on the z scale. */
  chosenIndex: number;
  chosenLambda: number;
  a0: number;
  beta: Float64Array;
  /** Relative gap between the smallest and second-smallest cvm (deviance/class) or largest (AUC). */
  cvmGap: { best: number; second: number; relativeGap: number } | null;
  warnings: string[];
}

/** Column-major n × p matrix of `rows` of the given columns. */
export function columnMajor(columns: readonly Float64Array[], rows: ArrayLike<number>): Float64Array {
  const n = rows.length;
  const x = new Float64Array(n * columns.length);
  columns.forEach((c, j) => {
    for (let i = 0; i < n; i++) x[j * n + i] = c[rows[i]];
  });
  return x;
}

/** The glmnet options of a study's LASSO settings. */
export function glmnetOptions(l: LassoDefinition): { alpha: number; nlambda: number; lambdaMinRatio?: number; standardize: boolean; thresh: number; maxit: number } {
  return {
    alpha: l.alpha,
    nlambda: l.nlambda,
    ...(l.lambdaMinRatio !== undefined ? { lambdaMinRatio: l.lambdaMinRatio } : {}),
    standardize: l.standardize,
    thresh: l.thresh,
    maxit: l.maxit,
  };
}

/** Cross-validated LASSO on the training rows with the given fold ids (1..K over the training rows). */
export function lassoOnTraining(zColumns: readonly Float64Array[], y: Float64Array, training: Int32Array, foldId: Int32Array, l: LassoDefinition): CvLassoResult {
  const x = columnMajor(zColumns, training);
  return cvLassoLogistic(x, training.length, zColumns.length, take(y, training), { ...glmnetOptions(l), foldId, typeMeasure: l.measure });
}

function cvmGap(cvm: Float64Array, measure: string): LassoOutput['cvmGap'] {
  if (cvm.length < 2) return null;
  const sorted = Array.from(cvm).sort((a, b) => (measure === 'auc' ? b - a : a - b));
  const best = sorted[0];
  const second = sorted.find((v) => v !== best) ?? best;
  return { best, second, relativeGap: Math.abs(second - best) / Math.abs(best) };
}

export function lassoStage(d: StudyDefinition, s: SignatureDefinition): StageSpec {
  const l = signatureSelection(d, s).lasso;
  return {
    name: `lasso:${s.name}`,
    settings: l,
    inputs: ['split', 'zscore', `mrmr:${s.name}`],
    data: l.foldIdColumn ? [{ kind: 'clinical', columns: [l.foldIdColumn] }] : [],
    run(ctx): LassoOutput {
      const split = ctx.input<SplitOutput>('split');
      const zs = ctx.input<ZScoreOutput>('zscore');
      const mrmr = ctx.input<MrmrOutput>(`mrmr:${s.name}`);
      const zIndex = new Map(zs.names.map((n, j) => [n, j]));
      const cols = mrmr.selected.map((n) => zs.z[zIndex.get(n) as number]);
      let foldId: Int32Array;
      if (l.foldIdColumn) {
        const clinical = ctx.data.clinical;
        const col = clinical.columns.get(l.foldIdColumn);
        if (!col) throw new Error(`lasso: fold id column ${l.foldIdColumn} is missing`);
        const rowOf = new Map(clinical.ids.map((id, i) => [id, i]));
        foldId = Int32Array.from(split.training, (i) => clinicalNumber(col, rowOf.get(split.ids[i]) as number));
      } else {
        foldId = randomFoldIds(split.training.length, l.folds, l.seed);
      }
      const cv = lassoOnTraining(cols, split.y, split.training, foldId, l);
      const p = cols.length;
      const chosenIndex = l.lambdaRule === 'min' ? cv.indexMin : cv.index1se;
      const f = cv.fit;
      return {
        signature: s.name,
        features: mrmr.selected,
        foldId: cv.foldId,
        foldSource: l.foldIdColumn ? 'column' : 'random',
        measure: cv.typeMeasure,
        lambdaRule: l.lambdaRule,
        cv: {
          lambda: cv.lambda,
          cvm: cv.cvm,
          cvsd: cv.cvsd,
          cvup: cv.cvup,
          cvlo: cv.cvlo,
          nzero: cv.nzero,
          lambdaMin: cv.lambdaMin,
          lambda1se: cv.lambda1se,
          indexMin: cv.indexMin,
          index1se: cv.index1se,
        },
        path: { lambda: f.lambda, a0: f.a0, beta: f.beta, df: f.df, devRatio: f.devRatio, nulldev: f.nulldev, npasses: f.npasses, mean: f.mean, sd: f.sd },
        chosenIndex,
        chosenLambda: f.lambda[chosenIndex],
        a0: f.a0[chosenIndex],
        beta: f.beta.slice(chosenIndex * p, (chosenIndex + 1) * p),
        cvmGap: cvmGap(cv.cvm, cv.typeMeasure),
        warnings: cv.warnings,
      };
    },
  };
}
