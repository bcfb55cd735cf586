/**
 * Splitting a score by a binary 0/1 outcome, with the input checks every ROC-type method needs.
 */
import { StatsInputError, assertFinite } from './errors';

/** Scores of the cases (y = 1) and of the controls (y = 0). */
export interface CasesControls {
  cases: Float64Array;
  controls: Float64Array;
}

/**
 * Splits `score` by `y` ∈ {0, 1} (pROC `levels = c(0, 1)`: 0 = control, 1 = case). Throws a
 * {@link StatsInputError} for unequal lengths, NaN/Inf scores, outcomes other than 0/1, or a
 * single-class outcome.
 */
export function splitByOutcome(y: ArrayLike<number>, score: ArrayLike<number>, what: string): CasesControls {
  if (y.length !== score.length) throw new StatsInputError(`${what}: ${y.length} outcomes vs ${score.length} scores`);
  assertFinite(score, `${what} score`);
  const cases: number[] = [];
  const controls: number[] = [];
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 1) cases.push(score[i]);
    else if (y[i] === 0) controls.push(score[i]);
    else throw new StatsInputError(`${what}: outcome at index ${i} is ${y[i]}; expected 0 or 1`);
  }
  if (cases.length === 0) throw new StatsInputError(`${what}: single-class outcome, no cases (y = 1)`);
  if (controls.length === 0) throw new StatsInputError(`${what}: single-class outcome, no controls (y = 0)`);
  return { cases: Float64Array.from(cases), controls: Float64Array.from(controls) };
}
