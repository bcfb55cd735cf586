/**
 * Input check shared by the calibration, Hosmer–Lemeshow, decision-curve and bootstrap-calibration modules:
 * 0/1 outcomes with predicted probabilities.
 */
import { StatsInputError, assertFinite } from './errors';

/**
 * y in {0, 1}, p finite in [0, 1], same length; with `requireBothClasses`, at least
 * one event and one non-event (needed by anything that fits a logistic model or ranks cases vs controls).
 */
export function validateOutcomeAndProbability(y: ArrayLike<number>, p: ArrayLike<number>, requireBothClasses = false): void {
  if (y.length !== p.length) throw new StatsInputError(`y has ${y.length} values, p has ${p.length}`);
  if (y.length === 0) throw new StatsInputError('empty sample');
  assertFinite(p, 'predicted probability');
  let ones = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new StatsInputError(`outcome at index ${i} is ${y[i]}; expected 0 or 1`);
    if (!(p[i] >= 0 && p[i] <= 1)) throw new StatsInputError(`predicted probability at index ${i} is ${p[i]}, outside [0, 1]`);
    ones += y[i];
  }
  if (requireBothClasses && (ones === 0 || ones === y.length)) {
    throw new StatsInputError(`outcome has a single class (${ones === 0 ? 'no events' : 'all events'})`);
  }
}
