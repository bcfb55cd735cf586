/**
 * One patient scored with a study's DLRN (from results.json): the signature score (given, or computed from the
 * patient's feature values with the signature's coefficients), the nomogram points of every predictor, the
 * predicted risk with a Wald interval, and the risk group of the study's Kaplan–Meier cut.
 *
 * Risk: \(\eta = x^\top\hat\beta\), \(p = 1/(1+e^{-\eta})\); interval \(\operatorname{plogis}(\eta \pm z_{1-\alpha/2}\sqrt{x^\top V x})\)
 * with V the DLRN's covariance (R: `predict(glm, se.fit = TRUE)` on the link scale). The score enters as a
 * known value, so the interval does not include the uncertainty of the signature's own coefficients.
 */
import type { StudyDefinition } from '../study/definition';
import type { StudyResults } from '../study/resultsSchema';
import { qnorm } from '../stats/distributions';

/** A value the patient's data do not allow (missing predictor, unknown level, non-finite number). */
export class PatientInputError extends Error {
  override name = 'PatientInputError';
}

export interface PatientPrediction {
  /** Signature score and where it came from. */
  score: { value: number; source: 'given' | 'features'; features: string[] };
  /** Value of each nomogram predictor, in axis order. */
  values: number[];
  /** Nomogram points of each predictor and their total. */
  points: number[];
  totalPoints: number;
  /** Linear predictor and its standard error. */
  linearPredictor: number;
  se: number;
  risk: number;
  riskLower: number;
  riskUpper: number;
  confLevel: number;
  /** High/low by the study's KM cut on the DLRN linear predictor (null when the study has none). */
  riskGroup: { level: 'high' | 'low'; cut: number; rule: string } | null;
}

const plogis = (eta: number): number => 1 / (1 + Math.exp(-eta));

function need(values: Record<string, number>, name: string, what: string): number {
  const v = values[name];
  if (v === undefined) throw new PatientInputError(`missing value for ${what} "${name}"`);
  if (!Number.isFinite(v)) throw new PatientInputError(`value of "${name}" is ${v}`);
  return v;
}

/**
 * The DLRN signature's score from the patient's values: `score` if given, else
 * \(a_0 + \sum_j b_j (x_j - \bar x_j)/s_j\) over the signature's features (values on the harmonised scale).
 */
export function signatureScore(r: StudyResults, values: Record<string, number>): PatientPrediction['score'] {
  if (values.score !== undefined) return { value: need(values, 'score', 'the signature score'), source: 'given', features: [] };
  const sig = r.signatures.find((s) => s.name === r.dlrn.signature);
  if (!sig) throw new PatientInputError(`the results have no signature "${r.dlrn.signature}"`);
  const missing = sig.coefficients.features.filter((f) => values[f.feature] === undefined).map((f) => f.feature);
  if (missing.length) throw new PatientInputError(`give score=… or every feature of the ${sig.label}: missing ${missing.join(', ')}`);
  let s = sig.coefficients.intercept;
  for (const f of sig.coefficients.features) s += (f.coefficient * (need(values, f.feature, 'feature') - f.mean)) / f.sd;
  return { value: s, source: 'features', features: sig.coefficients.features.map((f) => f.feature) };
}

/** Scores a patient. `values`: predictor name → value (`score` or the signature features, and the clinical predictors). */
export function predictPatient(r: StudyResults, d: StudyDefinition, values: Record<string, number>, confLevel = d.evaluation.confLevel): PatientPrediction {
  const score = signatureScore(r, values);
  const all: Record<string, number> = { ...values, score: score.value };
  const nom = r.dlrn.nomogram;
  const axisValues = nom.axes.map((a) => need(all, a.name, 'predictor'));
  const points = nom.axes.map((a, k) => {
    const cand = d.clinical.candidates.find((c) => c.name === a.name);
    let xbeta: number;
    if (cand?.levels) {
      const j = a.x.indexOf(axisValues[k]);
      if (j < 0) throw new PatientInputError(`${a.name} = ${axisValues[k]} is not one of its levels ${a.x.join(', ')}`);
      xbeta = a.xbeta[j];
    } else {
      const beta = r.dlrn.model.terms.find((t) => t.term === a.name)?.estimate;
      if (beta === undefined) throw new PatientInputError(`the DLRN has no coefficient for ${a.name}`);
      xbeta = beta * axisValues[k];
    }
    return (xbeta - Math.min(...a.xbeta)) * nom.pointsPerUnitLp;
  });
  const x = r.dlrn.model.terms.map((t) => {
    if (t.term === '(Intercept)') return 1;
    if (t.term in all) return all[t.term];
    const cand = d.clinical.candidates.find((c) => c.levels && t.term.startsWith(c.name) && c.levels.map(String).includes(t.term.slice(c.name.length)));
    if (cand) return String(all[cand.name]) === t.term.slice(cand.name.length) ? 1 : 0;
    throw new PatientInputError(`no value for the DLRN term "${t.term}"`);
  });
  const eta = r.dlrn.model.terms.reduce((s, t, k) => s + t.estimate * x[k], 0);
  const V = r.dlrn.model.vcov;
  let variance = 0;
  for (let i = 0; i < x.length; i++) for (let j = 0; j < x.length; j++) variance += x[i] * V[i][j] * x[j];
  const se = Math.sqrt(Math.max(0, variance));
  const z = qnorm(1 - (1 - confLevel) / 2);
  const km = r.evaluation.km;
  const riskGroup = km && km.model === 'dlrn' ? { level: eta >= km.cut ? ('high' as const) : ('low' as const), cut: km.cut, rule: `training ${km.cutRule} of the DLRN linear predictor` } : null;
  return {
    score,
    values: axisValues,
    points,
    totalPoints: points.reduce((a, b) => a + b, 0),
    linearPredictor: eta,
    se,
    risk: plogis(eta),
    riskLower: plogis(eta - z * se),
    riskUpper: plogis(eta + z * se),
    confLevel,
    riskGroup,
  };
}
