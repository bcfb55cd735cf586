/**
 * Stage `mrmr:<signature>`: minimum-redundancy maximum-relevance pre-selection on the training cohort
 * (classic mRMR, Gaussian MI −½log(1−r²); mRMRe 2.1 `mRMR.classic`), over the signature's candidate features
 * that passed the ICC filter, z-scored. Without an `mrmr` setting every candidate goes on to LASSO.
 * Leakage guard: only training rows and training outcomes are read.
 */
import { gaussianMutualInformation, mrmrClassic, normaliseForCorrelation, pearsonCorrelation } from '../../selection/mrmr';
import { signatureCandidates } from '../featureSets';
import { signatureSelection, type SignatureDefinition, type StudyDefinition } from '../definition';
import { take } from '../split';
import type { StageSpec } from '../stageGraph';
import type { FeaturesOutput, SplitOutput } from '../stageTypes';
import type { ZScoreOutput } from './zscoreStage';

export interface MrmrOutput {
  signature: string;
  /** Candidates after the ICC filter, feature order. */
  candidates: string[];
  k: number | null;
  scheme: string | null;
  /** Features going to LASSO, in selection order (all candidates when mRMR is off). */
  selected: string[];
  /** Score at the step each feature was selected (mRMRe `scores()`), and mRMRe's internal score (MID). */
  score: Float64Array;
  internalScore: Float64Array;
  /** Relevance I(f; outcome) (nats) and Pearson r with the outcome of every candidate, training cohort. */
  relevance: Float64Array;
  correlation: Float64Array;
  /** Best minus second-best score at each step (how far each pick is from flipping). */
  runnerUpGap: Float64Array;
  excludedConstant: string[];
  warnings: string[];
}

/**
 * Runner-up margins of a greedy mRMR run: at each step, the selected feature's score minus the best score
 * among the other unselected candidates (same MID/MIQ score as the selection; NaN at the last candidate).
 * Built from the selection's own relevance vector and pairwise Gaussian MI.
 */
export function mrmrRunnerUpGaps(features: readonly Float64Array[], relevance: Float64Array, selected: readonly number[], scheme: 'MID' | 'MIQ'): Float64Array {
  const z = features.map((x) => normaliseForCorrelation(x));
  const G = features.length;
  const redundancy = new Float64Array(G);
  const chosen = new Uint8Array(G);
  const gaps = new Float64Array(selected.length);
  selected.forEach((best, step) => {
    let bestScore = -Infinity;
    let second = -Infinity;
    for (let g = 0; g < G; g++) {
      if (chosen[g] || z[g] === null) continue;
      const sc = step === 0 ? relevance[g] : scheme === 'MID' ? relevance[g] - redundancy[g] / step : relevance[g] / (redundancy[g] / step);
      if (g === best) bestScore = sc;
      else if (sc > second) second = sc;
    }
    gaps[step] = second === -Infinity ? NaN : bestScore - second;
    chosen[best] = 1;
    const zs = z[best] as Float64Array;
    for (let g = 0; g < G; g++) {
      const zg = z[g];
      if (!chosen[g] && zg !== null) redundancy[g] += gaussianMutualInformation(dotProduct(zg, zs));
    }
  });
  return gaps;
}

function dotProduct(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** mRMR fitted on the training rows (`training` indexes the columns). */
export function mrmrOnTraining(
  zColumns: readonly Float64Array[],
  y: Float64Array,
  training: Int32Array,
  k: number,
  scheme: 'MID' | 'MIQ',
): ReturnType<typeof mrmrClassic> & { correlation: Float64Array; runnerUpGap: Float64Array } {
  const x = zColumns.map((c) => take(c, training));
  const yt = take(y, training);
  const r = mrmrClassic(x, yt, k, scheme);
  const correlation = Float64Array.from(x, (c) => pearsonCorrelation(c, yt));
  return { ...r, correlation, runnerUpGap: mrmrRunnerUpGaps(x, r.relevance, r.selected, scheme) };
}

export function mrmrStage(d: StudyDefinition, s: SignatureDefinition): StageSpec {
  const sel = signatureSelection(d, s);
  return {
    name: `mrmr:${s.name}`,
    settings: { groups: s.groups, patterns: s.patterns, mrmr: sel.mrmr, fitOn: sel.fitOn },
    inputs: ['split', 'features', 'zscore'],
    data: [],
    run(ctx): MrmrOutput {
      const split = ctx.input<SplitOutput>('split');
      const features = ctx.input<FeaturesOutput>('features');
      const zs = ctx.input<ZScoreOutput>('zscore');
      const kept = new Set(zs.names);
      const candidates = signatureCandidates(s, features.groups, features.names).filter((n) => kept.has(n));
      const zIndex = new Map(zs.names.map((n, j) => [n, j]));
      const cols = candidates.map((n) => zs.z[zIndex.get(n) as number]);
      if (!sel.mrmr) {
        const nan = new Float64Array(candidates.length).fill(NaN);
        const yt = take(split.y, split.training);
        return {
          signature: s.name,
          candidates,
          k: null,
          scheme: null,
          selected: candidates,
          score: nan,
          internalScore: nan,
          relevance: nan,
          correlation: Float64Array.from(cols, (c) => pearsonCorrelation(take(c, split.training), yt)),
          runnerUpGap: nan,
          excludedConstant: [],
          warnings: [],
        };
      }
      const r = mrmrOnTraining(cols, split.y, split.training, sel.mrmr.k, sel.mrmr.scheme);
      return {
        signature: s.name,
        candidates,
        k: sel.mrmr.k,
        scheme: sel.mrmr.scheme,
        selected: r.selected.map((g) => candidates[g]),
        score: r.score,
        internalScore: r.internalScore,
        relevance: r.relevance,
        correlation: r.correlation,
        runnerUpGap: r.runnerUpGap,
        excludedConstant: r.excludedConstant.map((g) => candidates[g]),
        warnings: r.warnings,
      };
    },
  };
}
