/**
 * Cholesky factorisation of small symmetric positive-definite matrices (row arrays), used for
 * information matrices (Cox score/Wald tests) and log-rank variance quadratic forms.
 */
import { StatsInputError } from './errors';

/** Lower-triangular L with A = L·Lᵀ; throws when A is not positive definite (singular information). */
export function cholesky(a: readonly (readonly number[])[], what: string): number[][] {
  const p = a.length;
  const l = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let j = 0; j < p; j++) {
    let d = a[j][j];
    for (let k = 0; k < j; k++) d -= l[j][k] * l[j][k];
    if (!(d > 1e-13 * Math.abs(a[j][j])) || !(d > 0)) {
      throw new StatsInputError(`${what}: matrix is singular or not positive definite (pivot ${j})`);
    }
    l[j][j] = Math.sqrt(d);
    for (let i = j + 1; i < p; i++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      l[i][j] = s / l[j][j];
    }
  }
  return l;
}

/** Solves A·x = b given the Cholesky factor L of A. */
export function choleskySolve(l: readonly (readonly number[])[], b: readonly number[]): number[] {
  const p = l.length;
  const y = new Array<number>(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i][k] * y[k];
    y[i] = s / l[i][i];
  }
  const x = new Array<number>(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < p; k++) s -= l[k][i] * x[k];
    x[i] = s / l[i][i];
  }
  return x;
}

/** A⁻¹ from the Cholesky factor L of A. */
export function choleskyInverse(l: readonly (readonly number[])[]): number[][] {
  const p = l.length;
  const cols = Array.from({ length: p }, (_, j) => choleskySolve(l, Array.from({ length: p }, (_, i) => (i === j ? 1 : 0))));
  return Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => cols[j][i]));
}
