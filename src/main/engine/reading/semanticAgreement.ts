/**
 * Inter-observer agreement of radiologists' semantic ratings (the paper's Table S1): Cohen's kappa for
 * categorical variables, weighted kappa for ordinal ones, and the ICC for continuous ones such as the
 * tumour size. R: `irr::kappa2(cbind(r1, r2), weight)` and `irr::icc(cbind(r1, r2), model, type, unit)`.
 */
import { cohenKappa, type KappaWeighting } from '../stats/kappa';
import { StatsInputError } from '../stats/errors';
import { iccFormLabel, pairIcc, type IccForm } from './featureIcc';

export type SemanticScale = 'categorical' | 'ordinal' | 'continuous';

export interface SemanticVariable {
  name: string;
  scale: SemanticScale;
  /** Ordinal variables: kappa weights (default linear, irr's "equal"). */
  weighting?: Exclude<KappaWeighting, 'unweighted'>;
  /** Categorical/ordinal: the category codes in order (default: the codes seen, sorted). */
  levels?: number[];
}

/** The paper's CECT semantic features (Table 1): tumour size is continuous, the others binary. */
export const PAPER_SEMANTIC_VARIABLES: SemanticVariable[] = [
  { name: 'tumour_size_mm', scale: 'continuous' },
  { name: 'necrosis', scale: 'categorical' },
  { name: 'enhancement_degree', scale: 'categorical' },
  { name: 'enhancement_pattern', scale: 'categorical' },
  { name: 'contours', scale: 'categorical' },
  { name: 'adjacent_organ_involvement', scale: 'categorical' },
];

export interface SemanticAgreement {
  variable: string;
  scale: SemanticScale;
  /** "Cohen's kappa", "weighted kappa (linear)", or the ICC form label. */
  statistic: string;
  /** Patients rated by both readers. */
  n: number;
  /** Patients rated by only one reader (excluded). */
  missing: number;
  value: number | null;
  lower: number | null;
  upper: number | null;
  p: number | null;
  reason: string | null;
}

/**
 * Agreement of two readers' ratings of one variable over the same patients (`a[i]`, `b[i]`; null = not
 * rated). Kappa CIs are the asymptotic ones (psych::cohen.kappa); p is the z test of irr::kappa2.
 */
export function semanticAgreement(variable: SemanticVariable, a: readonly (number | null)[], b: readonly (number | null)[], iccForm: IccForm): SemanticAgreement {
  if (a.length !== b.length) throw new Error(`ratings differ in length: ${a.length} vs ${b.length}`);
  if (variable.scale === 'continuous') {
    const r = pairIcc(a, b, iccForm);
    return { variable: variable.name, scale: 'continuous', statistic: iccFormLabel(iccForm), n: r.n, missing: r.missingValue, value: r.icc, lower: r.lower, upper: r.upper, p: r.p, reason: r.reason };
  }
  const weighting: KappaWeighting = variable.scale === 'ordinal' ? (variable.weighting ?? 'linear') : 'unweighted';
  const statistic = weighting === 'unweighted' ? "Cohen's kappa" : `weighted kappa (${weighting})`;
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const u = a[i];
    const v = b[i];
    if (u !== null && v !== null && Number.isFinite(u) && Number.isFinite(v)) {
      x.push(u);
      y.push(v);
    }
  }
  const base = { variable: variable.name, scale: variable.scale, statistic, n: x.length, missing: a.length - x.length };
  try {
    if (x.length === 0) throw new StatsInputError('no patient rated by both readers');
    const k = cohenKappa(x, y, { weighting, levels: variable.levels });
    return { ...base, value: k.kappa, lower: k.lower, upper: k.upper, p: k.pValue, reason: null };
  } catch (err) {
    if (!(err instanceof StatsInputError)) throw err;
    return { ...base, value: null, lower: null, upper: null, p: null, reason: `kappa undefined: ${err.message}` };
  }
}
