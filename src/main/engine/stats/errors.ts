/**
 * Errors thrown by the statistics engine. Every invalid input (empty group, single-class outcome,
 * NaN value, constant ratings...) raises one of these with a message naming the problem, so a
 * caller never receives a silent NaN.
 */

/** The input cannot be analysed by the requested method (wrong size, NaN, degenerate data...). */
export class StatsInputError extends Error {
  override name = 'StatsInputError';
}

/** An iterative method (root finder, Newton–Raphson fit) failed to converge. */
export class StatsConvergenceError extends Error {
  override name = 'StatsConvergenceError';
}

/**
 * Throws a {@link StatsInputError} naming `what` when any value of `values` is NaN or infinite.
 */
export function assertFinite(values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new StatsInputError(`${what}: value at index ${i} is ${values[i]} (NaN/Inf not allowed)`);
    }
  }
}
