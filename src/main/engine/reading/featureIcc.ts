/**
 * Per-feature reproducibility between two readings (reader 1 vs reader 2: inter-observer; reader 1 vs
 * reader 1 repeated: intra-observer), the paper's "ICC > 0.8" gate before feature selection. The ICC is
 * McGraw & Wong's, in the configured form (default two-way random effects, absolute agreement, single
 * measure: ICC(A,1)), with its F-based 95 % CI, as R's `irr::icc(cbind(r1, r2), model, type, unit)`.
 */
import { StatsInputError } from '../stats/errors';
import { iccAnova, iccFromAnova, type IccModel, type IccType, type IccUnit } from '../stats/icc';
import { featureNameParts } from './featureName';

export interface IccForm {
  model: IccModel;
  type: IccType;
  unit: IccUnit;
}

/** Short codes of the McGraw & Wong forms: A1 = ICC(A,1), Ak = ICC(A,k), C1, Ck, and one-way 1, k. */
export const ICC_FORMS: Record<string, IccForm> = {
  A1: { model: 'twoway', type: 'agreement', unit: 'single' },
  Ak: { model: 'twoway', type: 'agreement', unit: 'average' },
  C1: { model: 'twoway', type: 'consistency', unit: 'single' },
  Ck: { model: 'twoway', type: 'consistency', unit: 'average' },
  '1': { model: 'oneway', type: 'consistency', unit: 'single' },
  k: { model: 'oneway', type: 'consistency', unit: 'average' },
};

/** The default: two-way random effects, absolute agreement, single measure, ICC(A,1). */
export const DEFAULT_ICC_FORM: IccForm = ICC_FORMS.A1;

/** The form of a code (`A1`, `C1`, `Ak`, `Ck`, `1`, `k`); throws naming the valid codes. */
export function parseIccForm(code: string): IccForm {
  const form = Object.prototype.hasOwnProperty.call(ICC_FORMS, code) ? ICC_FORMS[code] : undefined;
  if (!form) throw new Error(`unknown ICC form '${code}'; use one of A1, Ak, C1, Ck, 1, k`);
  return form;
}

/** McGraw & Wong's label of a form: ICC(A,1), ICC(C,k), ICC(1), … */
export function iccFormLabel(form: IccForm): string {
  const unit = form.unit === 'single' ? '1' : 'k';
  if (form.model === 'oneway') return `ICC(${unit})`;
  return `ICC(${form.type === 'agreement' ? 'A' : 'C'},${unit})`;
}

export interface PairIcc {
  /** Patients whose value is finite in both readings (the subjects of the ICC). */
  n: number;
  /** Patients read in both readings but with a missing (NaN/undefined) value of this feature in either. */
  missingValue: number;
  icc: number | null;
  lower: number | null;
  upper: number | null;
  /** Upper-tail p-value of the F test of ICC = 0; null when undefined. */
  p: number | null;
  /** Why the ICC or its CI is undefined (e.g. a constant feature), else null. */
  reason: string | null;
}

/**
 * ICC of one feature between two readings, over the patients present in both (`a[i]`, `b[i]` for the
 * same patient i) with finite values. Undefined cases (fewer than 2 subjects, a feature constant within
 * both readings, no subject variance) give icc = null with the reason — never 0 or 1; perfect agreement gives ICC 1 with
 * the CI noted as undefined when the Satterthwaite df is (ICC(A,·)).
 */
export function pairIcc(a: ArrayLike<number | null>, b: ArrayLike<number | null>, form: IccForm, confLevel = 0.95): PairIcc {
  if (a.length !== b.length) throw new Error(`paired readings differ in length: ${a.length} vs ${b.length}`);
  const x: number[] = [];
  const y: number[] = [];
  let missingValue = 0;
  for (let i = 0; i < a.length; i++) {
    const u = a[i];
    const v = b[i];
    if (u === null || v === null || !Number.isFinite(u) || !Number.isFinite(v)) missingValue++;
    else {
      x.push(u);
      y.push(v);
    }
  }
  const undefinedIcc = (reason: string): PairIcc => ({ n: x.length, missingValue, icc: null, lower: null, upper: null, p: null, reason });
  if (x.length < 2) return undefinedIcc(`ICC undefined: ${x.length} patient${x.length === 1 ? '' : 's'} with values in both readings (need 2)`);
  // Tested exactly on the values: the ANOVA's mean of n identical doubles can differ from them by
  // rounding, which would turn a constant feature into a spurious "perfect agreement".
  const constant = (v: number[]): boolean => v.every((u) => u === v[0]);
  if (constant(x) && constant(y)) {
    return undefinedIcc(
      x[0] === y[0]
        ? 'ICC undefined: every rating is identical (constant feature, zero variance)'
        : 'ICC undefined: the feature does not vary between patients in either reading (zero subject variance)',
    );
  }
  try {
    const r = iccFromAnova(iccAnova([x, y]), form.model, form.type, form.unit, confLevel);
    if (!Number.isFinite(r.icc)) return undefinedIcc('ICC undefined: 0/0 variance ratio');
    const fin = (v: number): number | null => (Number.isFinite(v) ? v : null);
    return { n: x.length, missingValue, icc: r.icc, lower: fin(r.lower), upper: fin(r.upper), p: fin(r.pOneSided), reason: r.undefinedDf ?? null };
  } catch (err) {
    if (err instanceof StatsInputError) return undefinedIcc(err.message.startsWith('ICC undefined') ? err.message : `ICC undefined: ${err.message}`);
    throw err;
  }
}

export type Comparison = 'inter' | 'intra';

export interface FeatureIccRow {
  feature: string;
  phase: string;
  imageType: string;
  featureClass: string;
  /** One entry per configured comparison. */
  comparisons: Partial<Record<Comparison, PairIcc>>;
}

export interface ReproducibilityRule {
  threshold: number;
  /** '>' (the paper's ICC > 0.8) or '>='. */
  comparison: '>' | '>=';
  /** Comparisons a feature must pass; a missing or undefined ICC in one of them fails the feature. */
  required: Comparison[];
}

/** The paper's rule: ICC > 0.8 in both the inter- and the intra-observer comparison. */
export const PAPER_RULE: ReproducibilityRule = { threshold: 0.8, comparison: '>', required: ['inter', 'intra'] };

/** Whether a row passes the rule: every required comparison has a defined ICC above the threshold. */
export function passes(row: FeatureIccRow, rule: ReproducibilityRule): boolean {
  return rule.required.every((c) => {
    const v = row.comparisons[c]?.icc ?? null;
    return v !== null && (rule.comparison === '>' ? v > rule.threshold : v >= rule.threshold);
  });
}

/**
 * The features kept by the reproducibility filter, in row order: those with ICC above the threshold in
 * all required comparisons (the list the study's ICC stage keeps from the same ratings).
 */
export function keepReproducible(rows: readonly FeatureIccRow[], rule: ReproducibilityRule = PAPER_RULE): string[] {
  return rows.filter((r) => passes(r, rule)).map((r) => r.feature);
}

export interface PassCount {
  group: string;
  total: number;
  kept: number;
  /** Features with an undefined ICC in a required comparison. */
  undefined: number;
}

/** How many features pass, grouped by phase prefix, image type (filter) and feature class. */
export function passSummaries(rows: readonly FeatureIccRow[], rule: ReproducibilityRule): Record<'phase' | 'imageType' | 'featureClass', PassCount[]> {
  const by = (key: 'phase' | 'imageType' | 'featureClass'): PassCount[] => {
    const groups = new Map<string, PassCount>();
    for (const r of rows) {
      const g = groups.get(r[key]) ?? groups.set(r[key], { group: r[key], total: 0, kept: 0, undefined: 0 }).get(r[key])!;
      g.total++;
      if (passes(r, rule)) g.kept++;
      if (rule.required.some((c) => (r.comparisons[c]?.icc ?? null) === null)) g.undefined++;
    }
    return [...groups.values()].sort((p, q) => (p.group < q.group ? -1 : p.group > q.group ? 1 : 0));
  };
  return { phase: by('phase'), imageType: by('imageType'), featureClass: by('featureClass') };
}

/** A wide feature table: one row per patient, one column per feature (null = missing). */
export interface WideTable {
  patients: string[];
  columns: string[];
  values: (number | null)[][];
}

export interface ReadingPair {
  comparison: Comparison;
  reference: WideTable;
  other: WideTable;
  /** Patients the comparison should cover (e.g. the session's patients); default: those of either table. */
  expected?: readonly string[];
}

export interface PairCoverage {
  comparison: Comparison;
  /** Patients the comparison should cover. */
  expected: number;
  /** Patients with features from both readings (the ICC subjects, before per-feature missing values). */
  paired: string[];
  /** Expected patients without the reference reading, and without the other reading: excluded, listed. */
  missingReference: string[];
  missingOther: string[];
}

/**
 * Per-feature ICCs of every reading pair over the features both tables of a pair share (the union over
 * pairs, in first-seen order), on the expected patients present in both tables. A patient missing from
 * one table is excluded from that comparison and listed in the coverage, never dropped silently.
 */
export function featureIccTable(pairs: readonly ReadingPair[], form: IccForm, confLevel = 0.95): { rows: FeatureIccRow[]; coverage: PairCoverage[] } {
  const rowsByFeature = new Map<string, FeatureIccRow>();
  const coverage: PairCoverage[] = [];
  for (const pair of pairs) {
    const refRow = new Map(pair.reference.patients.map((p, i) => [p, i]));
    const otherRow = new Map(pair.other.patients.map((p, i) => [p, i]));
    const expected = [...new Set(pair.expected ?? [...pair.reference.patients, ...pair.other.patients])];
    const paired = expected.filter((p) => refRow.has(p) && otherRow.has(p));
    coverage.push({
      comparison: pair.comparison,
      expected: expected.length,
      paired,
      missingReference: expected.filter((p) => !refRow.has(p)),
      missingOther: expected.filter((p) => !otherRow.has(p)),
    });
    const otherCol = new Map(pair.other.columns.map((c, j) => [c, j]));
    pair.reference.columns.forEach((feature, j) => {
      const k = otherCol.get(feature);
      if (k === undefined) return;
      const a = paired.map((p) => pair.reference.values[refRow.get(p)!][j]);
      const b = paired.map((p) => pair.other.values[otherRow.get(p)!][k]);
      let row = rowsByFeature.get(feature);
      if (!row) {
        const { phase, imageType, featureClass } = featureNameParts(feature);
        row = { feature, phase, imageType, featureClass, comparisons: {} };
        rowsByFeature.set(feature, row);
      }
      row.comparisons[pair.comparison] = pairIcc(a, b, form, confLevel);
    });
  }
  return { rows: [...rowsByFeature.values()], coverage };
}
