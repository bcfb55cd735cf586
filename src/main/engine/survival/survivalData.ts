/**
 * Validation of right-censored survival data (R's `Surv(time, event)`).
 */
import { StatsInputError, assertFinite } from '../stats/errors';

/**
 * Checks that `time` and `event` have equal length n ≥ 1, times are finite and ≥ 0 and every
 * event indicator is 0 (censored) or 1 (event). Throws a {@link StatsInputError} naming the problem.
 */
export function checkSurvivalData(time: ArrayLike<number>, event: ArrayLike<number>, what: string): void {
  if (time.length !== event.length) throw new StatsInputError(`${what}: ${time.length} times vs ${event.length} event indicators`);
  if (time.length === 0) throw new StatsInputError(`${what}: no subjects`);
  assertFinite(time, `${what} time`);
  for (let i = 0; i < time.length; i++) {
    if (time[i] < 0) throw new StatsInputError(`${what}: negative time ${time[i]} at index ${i}`);
    if (event[i] !== 0 && event[i] !== 1) throw new StatsInputError(`${what}: event at index ${i} is ${event[i]}; expected 0 or 1`);
  }
}

/**
 * Group labels and their levels: `levels` when given (every label must be one of them), else
 * the distinct labels in ascending order (R's default factor levels). Empty levels are rejected.
 */
export function groupLevels(group: readonly string[], levels: readonly string[] | undefined, what: string): string[] {
  const lv = levels ? [...levels] : [...new Set(group)].sort();
  const set = new Set(lv);
  for (let i = 0; i < group.length; i++) {
    if (!set.has(group[i])) throw new StatsInputError(`${what}: group "${group[i]}" at index ${i} is not one of the levels`);
  }
  for (const l of lv) if (!group.includes(l)) throw new StatsInputError(`${what}: group "${l}" has no subjects`);
  return lv;
}
