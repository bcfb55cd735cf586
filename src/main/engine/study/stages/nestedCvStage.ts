/**
 * Stage `nestedCv`: optional internal validation of each signature's whole selection procedure on the
 * training cohort. Outer folds are stratified by outcome (per class, members permuted with the seeded
 * R-compatible stream and dealt to folds 1..K in turn); in each outer fold the z-score fit, mRMR and LASSO-CV
 * (seeded random inner folds: `lasso.folds`, at most the inner minority-class count) are refitted on the outer
 * training part only and the outer test part is scored. Reported: per-fold AUC, their mean, the pooled
 * out-of-fold AUC with DeLong CI, and how often each feature was selected. The harmonised features are used
 * as they are (ComBat uses no outcome; with a reference batch the training values are the raw ones).
 */
import { Rng } from '../../stats/rng';
import { aucDelong } from '../../stats/delong';
import { randomFoldIds } from '../../selection/folds';
import { fitKnn, predictKnnProbability } from '../../models/knn';
import { applyZScore, fitZScore } from '../../harmonisation/scaling';
import { signatureCandidates } from '../featureSets';
import { signatureSelection, type StudyDefinition } from '../definition';
import type { StageSpec } from '../stageGraph';
import type { FeaturesOutput, SplitOutput } from '../stageTypes';
import { take } from '../split';
import type { NestedCvResult } from '../resultsSchema';
import type { HarmoniseOutput } from './harmoniseStage';
import { mrmrOnTraining } from './mrmrStage';
import { columnMajor, lassoOnTraining } from './lassoStage';
import { linearScore } from './signatureStage';

/** Outer fold (1..K) of each of n observations, stratified by the 0/1 outcome y. */
export function stratifiedFolds(y: Float64Array, k: number, seed: number): Int32Array {
  const rng = new Rng(seed);
  const fold = new Int32Array(y.length);
  for (const cls of [0, 1]) {
    const members = Array.from(y.keys()).filter((i) => y[i] === cls);
    const perm = rng.permutation(members.length);
    perm.forEach((p, j) => (fold[members[p]] = (j % k) + 1));
  }
  return fold;
}

export function nestedCvStage(d: StudyDefinition): StageSpec | null {
  const ncv = d.evaluation.nestedCv;
  if (!ncv) return null;
  return {
    name: 'nestedCv',
    settings: { nestedCv: ncv, signatures: d.signatures.map((s) => ({ s, selection: signatureSelection(d, s) })) },
    inputs: ['split', 'features', 'harmonise'],
    data: [],
    run(ctx): NestedCvResult {
      const split = ctx.input<SplitOutput>('split');
      const features = ctx.input<FeaturesOutput>('features');
      const h = ctx.input<HarmoniseOutput>('harmonise');
      const tr = split.training;
      const y = take(split.y, tr);
      const outer = stratifiedFolds(y, ncv.folds, ncv.seed);
      const kept = new Set(h.names);
      const hIndex = new Map(h.names.map((n, j) => [n, j]));
      const signatures = d.signatures.map((s) => {
        const sel = signatureSelection(d, s);
        const candidates = signatureCandidates(s, features.groups, features.names).filter((n) => kept.has(n));
        const columns = candidates.map((n) => take(h.columns[hIndex.get(n) as number], tr));
        const oof = new Float64Array(tr.length).fill(NaN);
        const frequency: Record<string, number> = {};
        const folds: NestedCvResult['signatures'][number]['folds'] = [];
        for (let f = 1; f <= ncv.folds; f++) {
          const inner = Int32Array.from(outer.keys()).filter((i) => outer[i] !== f);
          const test = Int32Array.from(outer.keys()).filter((i) => outer[i] === f);
          const head = { fold: f, nTrain: inner.length, nTest: test.length };
          try {
            const zfit = fitZScore(columns.map((c) => take(c, inner)));
            const z = applyZScore(zfit, columns);
            const innerY = take(y, inner);
            const order = sel.mrmr ? mrmrOnTraining(z, y, inner, Math.min(sel.mrmr.k, candidates.length), sel.mrmr.scheme).selected : candidates.map((_, j) => j);
            const minority = Math.min(innerY.filter((v) => v === 1).length, innerY.filter((v) => v === 0).length);
            const foldId = randomFoldIds(inner.length, Math.max(3, Math.min(sel.lasso.folds, minority)), sel.lasso.seed);
            const cv = lassoOnTraining(order.map((j) => z[j]), y, inner, foldId, sel.lasso);
            const idx = sel.lasso.lambdaRule === 'min' ? cv.indexMin : cv.index1se;
            const p = order.length;
            const beta = cv.fit.beta.slice(idx * p, (idx + 1) * p);
            const nz = order.flatMap((j, k) => (beta[k] !== 0 ? [{ j, b: beta[k] }] : []));
            for (const { j } of nz) frequency[candidates[j]] = (frequency[candidates[j]] ?? 0) + 1;
            let pred: Float64Array;
            if (s.classifier.type === 'knn') {
              const cols = nz.map(({ j }) => z[j]);
              const model = fitKnn(columnMajor(cols, inner), inner.length, cols.length, innerY, Math.min(s.classifier.k, inner.length));
              pred = predictKnnProbability(model, columnMajor(cols, test), test.length);
            } else {
              pred = take(linearScore(cv.fit.a0[idx], nz.map((x) => x.b), nz.map(({ j }) => z[j]), tr.length), test);
            }
            test.forEach((i, k) => (oof[i] = pred[k]));
            let auc: number | null = null;
            let reason: string | undefined;
            try {
              auc = aucDelong(take(y, test), pred).auc;
            } catch (err) {
              reason = (err as Error).message;
            }
            folds.push({ ...head, features: nz.map(({ j }) => candidates[j]), auc, ...(reason ? { reasons: { auc: reason } } : {}) });
          } catch (err) {
            folds.push({ ...head, features: [], auc: null, reasons: { auc: `fold failed: ${(err as Error).message}` } });
          }
        }
        const aucs = folds.flatMap((f) => (f.auc === null ? [] : [f.auc]));
        const complete = oof.every(Number.isFinite);
        const pooled = complete ? aucDelong(y, oof) : null;
        const reasons: Record<string, string> = {};
        if (aucs.length === 0) reasons.meanAuc = 'no fold has a defined AUC';
        if (!pooled) reasons.pooled = 'some outer fold failed, so not every training patient has an out-of-fold score';
        return {
          name: s.name,
          folds,
          meanAuc: aucs.length ? aucs.reduce((a, b) => a + b, 0) / aucs.length : null,
          pooled: pooled ? { auc: pooled.auc, lower: pooled.lower, upper: pooled.upper } : null,
          selectionFrequency: Object.fromEntries(Object.entries(frequency).map(([k, v]) => [k, v / ncv.folds])),
          ...(Object.keys(reasons).length ? { reasons } : {}),
        };
      });
      return {
        folds: ncv.folds,
        seed: ncv.seed,
        description: 'outer stratified folds on the training cohort; z-score, mRMR and LASSO-CV refitted in each outer training part',
        signatures,
      };
    },
  };
}
