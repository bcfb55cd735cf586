/**
 * Univariate and multivariable logistic-regression tables as in a radiomics paper's "Table 2"
 * (OR [95% CI], p for each candidate alone, then for the selected candidates together).
 */
import { StatsInputError } from '../stats/errors';
import { fitLogistic, type DesignColumn, type LogisticModel } from './logistic';
import { profileConfidenceIntervals } from './logisticProfile';

/** A candidate predictor. */
export interface TablePredictor {
  /** Variable name (used for term names and table rows). */
  name: string;
  /** One value per patient; for a categorical predictor the level codes. */
  values: ArrayLike<number>;
  /**
   * Levels of a categorical predictor, reference first (R: `factor(x, levels)` with treatment contrasts).
   * Absent for a numeric or binary 0/1 predictor, which enters as one column.
   */
  levels?: readonly number[];
}

/** Which interval the table reports. */
export type OddsRatioInterval = 'wald' | 'profile';

/** Odds ratio with interval and Wald p for one model term. */
export interface OddsRatioCell {
  oddsRatio: number;
  lower: number;
  upper: number;
  p: number;
}

/** One row of the table: a model term (a categorical predictor has one row per non-reference level). */
export interface LogisticTableRow {
  variable: string;
  term: string;
  univariate: OddsRatioCell;
  /** Present when the variable entered the multivariable model. */
  multivariable?: OddsRatioCell;
}

/** Result of {@link logisticTable}. */
export interface LogisticTable {
  rows: LogisticTableRow[];
  /** Variables entering the multivariable model, in candidate order. */
  selected: string[];
  univariateModels: Record<string, LogisticModel>;
  multivariableModel: LogisticModel;
}

/**
 * Treatment-contrast dummy columns of a categorical predictor (R: `model.matrix(~ factor(x, levels))`):
 * one 0/1 column per non-reference level, named `<name><level>` (e.g. `grade2`, `grade3`).
 * @throws StatsInputError when a value is not one of `levels`.
 */
export function treatmentDummies(name: string, values: ArrayLike<number>, levels: readonly number[]): DesignColumn[] {
  if (levels.length < 2) throw new StatsInputError(`${name}: a categorical predictor needs at least two levels`);
  for (let i = 0; i < values.length; i++) {
    if (!levels.includes(values[i])) throw new StatsInputError(`${name}: value ${values[i]} at row ${i + 1} is not a declared level`);
  }
  return levels.slice(1).map((level) => ({
    name: `${name}${level}`,
    values: Float64Array.from({ length: values.length }, (_, i) => (values[i] === level ? 1 : 0)),
  }));
}

/** Design columns of a predictor: itself, or its treatment dummies. */
export function designColumns(predictor: TablePredictor): DesignColumn[] {
  return predictor.levels
    ? treatmentDummies(predictor.name, predictor.values, predictor.levels)
    : [{ name: predictor.name, values: predictor.values }];
}

/**
 * Builds Table 2:
 * 1. each candidate alone: `glm(y ~ candidate, binomial)`;
 * 2. a candidate is selected when any of its terms has univariate Wald p < `entryP` (default 0.05); if none
 *    qualifies, the candidate with the smallest p is kept (the study convention of the oracle pipeline,
 *    `step6_clinical`);
 * 3. `glm(y ~ selected…, binomial)` in candidate order.
 * ORs are \(e^{\hat\beta}\); intervals are Wald (R `confint.default`) or profile likelihood (R/MASS `confint`),
 * p-values are Wald, \(2\Phi(-|\hat\beta/SE|)\). Unitless (OR per unit of each predictor).
 *
 * @param predictors candidates in the order they should appear
 * @param y outcome coded 0/1
 */
export function logisticTable(
  predictors: readonly TablePredictor[],
  y: ArrayLike<number>,
  options: { entryP?: number; interval?: OddsRatioInterval; level?: number } = {},
): LogisticTable {
  if (predictors.length === 0) throw new StatsInputError('logisticTable: no candidate predictors');
  const entryP = options.entryP ?? 0.05;
  const interval = options.interval ?? 'profile';
  const level = options.level ?? 0.95;
  const univariateModels: Record<string, LogisticModel> = {};
  const cells = new Map<string, OddsRatioCell>();
  const minP = new Map<string, number>();
  for (const pred of predictors) {
    const model = fitLogistic(designColumns(pred), y, level);
    univariateModels[pred.name] = model;
    const modelCells = oddsRatioCells(model, interval);
    let best = Infinity;
    model.terms.slice(1).forEach((t, k) => {
      cells.set(t.term, modelCells[k + 1]);
      best = Math.min(best, t.p);
    });
    minP.set(pred.name, best);
  }
  let selected = predictors.filter((p) => (minP.get(p.name) ?? 1) < entryP);
  if (selected.length === 0) {
    selected = [predictors.reduce((a, b) => ((minP.get(b.name) ?? 1) < (minP.get(a.name) ?? 1) ? b : a))];
  }
  const multivariableModel = fitLogistic(selected.flatMap(designColumns), y, level);
  const multiCells = oddsRatioCells(multivariableModel, interval);
  const multiByTerm = new Map(multivariableModel.terms.map((t, j) => [t.term, multiCells[j]]));
  const rows = predictors.flatMap((pred) =>
    univariateModels[pred.name].terms.slice(1).map((t) => ({
      variable: pred.name,
      term: t.term,
      univariate: cells.get(t.term) as OddsRatioCell,
      ...(multiByTerm.has(t.term) ? { multivariable: multiByTerm.get(t.term) } : {}),
    })),
  );
  return { rows, selected: selected.map((p) => p.name), univariateModels, multivariableModel };
}

/** OR, interval (at the model's confidence level) and Wald p of every term of a model, intercept first. */
export function oddsRatioCells(model: LogisticModel, interval: OddsRatioInterval): OddsRatioCell[] {
  if (interval === 'wald') {
    return model.terms.map((t) => ({ oddsRatio: t.oddsRatio, lower: t.orLower, upper: t.orUpper, p: t.p }));
  }
  const profile = profileConfidenceIntervals(model, model.level);
  return model.terms.map((t, j) => ({
    oddsRatio: t.oddsRatio,
    lower: Math.exp(profile[j].lower),
    upper: Math.exp(profile[j].upper),
    p: t.p,
  }));
}
