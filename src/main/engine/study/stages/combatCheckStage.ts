/**
 * Stage `combatCheck` (studies that ComBat-harmonise): the distribution of each signature feature per batch
 * before and after harmonisation, for the report's ComBat figure — summaries only (see `batchSummary`), over all
 * study patients of the batch (training and validation). Features: those selected by some signature
 * (non-zero coefficient) that ComBat adjusted, the DLRN signature's first, by decreasing |coefficient|.
 * "Before" = the feature value as extracted (after the ICC filter), "after" = the harmonised value the
 * z-scoring and the signatures used; each patient's batch is read from the clinical table's batch column, as
 * the harmonise stage reads it.
 */
import type { StudyDefinition } from '../definition';
import type { StageSpec } from '../stageGraph';
import type { FeaturesOutput, SplitOutput } from '../stageTypes';
import { clinicalText } from '../studyData';
import { distributionSummary, type DistributionSummary } from '../batchSummary';
import type { HarmoniseOutput } from './harmoniseStage';
import type { SignatureOutput } from './signatureStage';

type Summary = DistributionSummary & { reasons?: Record<string, string> };

export interface CombatCheckOutput {
  /** How the features were chosen (in words). */
  selection: string;
  features: {
    feature: string;
    batches: { batch: string; before: Summary | null; after: Summary | null; reasons?: Record<string, string> }[];
  }[];
}

function summary(values: Float64Array): Summary | null {
  const s = distributionSummary(values);
  return s && s.sd === null ? { ...s, reasons: { sd: 'fewer than two values in the batch' } } : s;
}

/** The features to summarise: signature features ComBat adjusted, DLRN signature first, by |coefficient|. */
export function combatCheckFeatures(d: StudyDefinition, signatures: readonly SignatureOutput[], harmonised: readonly string[], unadjusted: readonly string[]): string[] {
  const adjusted = new Set(harmonised.filter((f) => !unadjusted.includes(f)));
  const ordered = [...signatures].sort((a, b) => Number(b.name === d.dlrn.signature) - Number(a.name === d.dlrn.signature));
  const out: string[] = [];
  for (const s of ordered) {
    const ranked = s.features.map((f, j) => ({ f, w: Math.abs(s.coefficients[j]) })).sort((a, b) => b.w - a.w);
    for (const { f } of ranked) if (adjusted.has(f) && !out.includes(f)) out.push(f);
  }
  return out;
}

/** The stage, or null when the study does not harmonise with ComBat. */
export function combatCheckStage(d: StudyDefinition): StageSpec | null {
  const h = d.harmonisation;
  if (h.method !== 'combat') return null;
  return {
    name: 'combatCheck',
    settings: { dlrn: d.dlrn.signature, signatures: d.signatures.map((s) => s.name), batchColumn: h.batchColumn },
    inputs: ['split', 'features', 'harmonise', ...d.signatures.map((s) => `signature:${s.name}`)],
    data: [{ kind: 'clinical', columns: [h.batchColumn] }],
    run(ctx): CombatCheckOutput {
      const split = ctx.input<SplitOutput>('split');
      const features = ctx.input<FeaturesOutput>('features');
      const harmonise = ctx.input<HarmoniseOutput>('harmonise');
      const c = harmonise.combat;
      if (!c) throw new Error('combatCheck: the harmonise stage ran without ComBat');
      const column = ctx.data.clinical.columns.get(h.batchColumn);
      if (!column) throw new Error(`combatCheck: batch column ${h.batchColumn} is missing`);
      const rowOf = new Map(ctx.data.clinical.ids.map((id, i) => [id, i]));
      const batchOf = split.ids.map((id) => clinicalText(column, rowOf.get(id) as number));
      const sigs = d.signatures.map((s) => ctx.input<SignatureOutput>(`signature:${s.name}`));
      const chosen = combatCheckFeatures(d, sigs, c.features, c.unadjusted);
      const rows = (batch: string): number[] => batchOf.flatMap((b, i) => (b === batch ? [i] : []));
      const batches = c.batches.map((b) => ({ batch: b.batch, rows: rows(b.batch) }));
      return {
        selection: 'features with a non-zero coefficient in a signature that ComBat adjusted; the DLRN signature first, by decreasing |coefficient|',
        features: chosen.map((f) => {
          const raw = features.columns[features.names.indexOf(f)];
          const harmonised = harmonise.columns[harmonise.names.indexOf(f)];
          return {
            feature: f,
            batches: batches.map(({ batch, rows: r }) => {
              const before = summary(Float64Array.from(r, (i) => raw[i]));
              const after = summary(Float64Array.from(r, (i) => harmonised[i]));
              const reasons: Record<string, string> = {};
              if (!before) reasons.before = 'no finite value in the batch';
              if (!after) reasons.after = 'no finite value in the batch';
              return { batch, before, after, ...(Object.keys(reasons).length ? { reasons } : {}) };
            }),
          };
        }),
      };
    },
  };
}
