/**
 * Stage `icc`: reproducibility filter. For every feature the filter applies to, the ICC of each configured
 * pair of rating columns (inter-observer: two readers; intra-observer: one reader twice) over the rated
 * patients; the feature is kept when every ICC exceeds the threshold (ICC > t, or ≥ t). ICCs use no outcome,
 * so the rated patients may come from either cohort without leakage.
 * R: `irr::icc(cbind(r1, r2), model, type, unit)` (McGraw & Wong 1996).
 */
import { iccAnova, iccFromAnova } from '../../stats/icc';
import { namesFor } from '../featureSets';
import type { IccDefinition, StudyDefinition } from '../definition';
import type { IccRatings } from '../studyData';
import type { StageSpec } from '../stageGraph';
import type { FeaturesOutput } from '../stageTypes';

export interface IccFeatureRow {
  feature: string;
  /** Patients rated for this feature. */
  n: number;
  /** ICC per comparison (`inter`, `intra`); null when undefined (constant ratings), with the reason. */
  inter: number | null;
  interLower: number | null;
  interUpper: number | null;
  intra: number | null;
  intraLower: number | null;
  intraUpper: number | null;
  kept: boolean;
  reason: string | null;
}

export interface IccOutput {
  /** null when the study has no ICC filter (every feature kept). */
  applied: boolean;
  threshold: number | null;
  comparison: string | null;
  form: { model: string; type: string; unit: string } | null;
  comparisons: string[];
  /** Features that passed (every used feature the filter does not apply to passes), feature order. */
  kept: string[];
  rows: IccFeatureRow[];
}

/**
 * ICC of one feature for one pair of rating columns (k = 2 raters, n rated patients).
 * @returns null values and a reason when the ICC is undefined (e.g. identical constant ratings)
 */
export function featureIcc(
  ratings: IccRatings,
  rowsOfFeature: readonly number[],
  pair: readonly [string, string],
  form: IccDefinition['form'],
): { icc: number | null; lower: number | null; upper: number | null; reason: string | null } {
  const a = ratings.ratings.get(pair[0]) as Float64Array;
  const b = ratings.ratings.get(pair[1]) as Float64Array;
  try {
    const r = iccFromAnova(
      iccAnova([Float64Array.from(rowsOfFeature, (i) => a[i]), Float64Array.from(rowsOfFeature, (i) => b[i])]),
      form.model,
      form.type,
      form.unit,
    );
    const fin = (v: number): number | null => (Number.isFinite(v) ? v : null);
    return { icc: fin(r.icc), lower: fin(r.lower), upper: fin(r.upper), reason: Number.isFinite(r.icc) ? (r.undefinedDf ?? null) : 'ICC undefined' };
  } catch (err) {
    return { icc: null, lower: null, upper: null, reason: `ICC undefined: ${(err as Error).message}` };
  }
}

export function iccStage(d: StudyDefinition): StageSpec {
  return {
    name: 'icc',
    settings: d.icc ?? null,
    inputs: ['features'],
    data: d.icc ? [{ kind: 'icc' }] : [],
    run(ctx): IccOutput {
      const features = ctx.input<FeaturesOutput>('features');
      const icc = d.icc;
      if (!icc) return { applied: false, threshold: null, comparison: null, form: null, comparisons: [], kept: features.names, rows: [] };
      const ratings = ctx.data.icc as IccRatings;
      const subject = new Set(namesFor(icc.appliesTo, features.groups, features.names));
      const rowsBy = new Map<string, number[]>();
      ratings.feature.forEach((f, i) => {
        if (!subject.has(f)) return;
        const list = rowsBy.get(f) ?? [];
        list.push(i);
        rowsBy.set(f, list);
      });
      const pass = (v: number | null): boolean => v !== null && (icc.comparison === '>' ? v > icc.threshold : v >= icc.threshold);
      const rows: IccFeatureRow[] = [];
      const dropped = new Set<string>();
      for (const f of features.names) {
        if (!subject.has(f)) continue;
        const idx = rowsBy.get(f) ?? [];
        const inter = icc.inter ? featureIcc(ratings, idx, icc.inter, icc.form) : null;
        const intra = icc.intra ? featureIcc(ratings, idx, icc.intra, icc.form) : null;
        const kept = (!inter || pass(inter.icc)) && (!intra || pass(intra.icc));
        if (!kept) dropped.add(f);
        rows.push({
          feature: f,
          n: idx.length,
          inter: inter?.icc ?? null,
          interLower: inter?.lower ?? null,
          interUpper: inter?.upper ?? null,
          intra: intra?.icc ?? null,
          intraLower: intra?.lower ?? null,
          intraUpper: intra?.upper ?? null,
          kept,
          reason: inter?.reason ?? intra?.reason ?? null,
        });
      }
      return {
        applied: true,
        threshold: icc.threshold,
        comparison: icc.comparison,
        form: icc.form,
        comparisons: [...(icc.inter ? ['inter'] : []), ...(icc.intra ? ['intra'] : [])],
        kept: features.names.filter((n) => !dropped.has(n)),
        rows,
      };
    },
  };
}
