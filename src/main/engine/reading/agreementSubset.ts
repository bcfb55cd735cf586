/**
 * The patient subset of an agreement study. The paper re-delineated 60 of its 179 patients (radiologists
 * 1 and 2, three weeks after the first reading); a smaller cohort keeps the same share.
 */
import { Rng } from '../stats/rng';

/** The paper's subset: 60 patients of 179. */
export const PAPER_SUBSET = { patients: 60, cohort: 179 } as const;

/**
 * Default subset size for a cohort of n patients: min(60, n, max(2, round(n · 60/179))), i.e. 60 from
 * 179 patients on, the paper's share below, and at least the 2 subjects an ICC needs.
 */
export function agreementSubsetSize(n: number, target: number = PAPER_SUBSET.patients): number {
  if (!Number.isInteger(n) || n < 0) throw new Error(`cohort size must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(target) || target < 1) throw new Error(`subset size must be a positive integer, got ${target}`);
  return Math.min(target, n, Math.max(2, Math.round((n * PAPER_SUBSET.patients) / PAPER_SUBSET.cohort)));
}

/**
 * A seeded random subset of `size` patients: the ids are sorted (code-unit order) and drawn without
 * replacement with the R-compatible generator, so R reproduces it as
 * `set.seed(seed); sort(ids)[sample(length(ids), size)]` (ids compared in the C locale). The result is
 * returned sorted.
 */
export function drawAgreementSubset(patientIds: readonly string[], size: number, seed: number): string[] {
  const pool = [...new Set(patientIds)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (size > pool.length) throw new Error(`cannot draw ${size} patients from ${pool.length}`);
  const picked = new Rng(seed).sampleWithoutReplacement(pool.length, size);
  return Array.from(picked, (i) => pool[i]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
