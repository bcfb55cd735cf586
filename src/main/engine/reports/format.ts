/**
 * Number formats shared by report tables and figures: fixed decimals with a true minus sign (U+2212),
 * p-values as journals print them, intervals with an en dash.
 */

/** Input a report cannot print (a NaN where a number is required). */
export class ReportFormatError extends Error {
  override name = 'ReportFormatError';
}

/**
 * `v` with `decimals` decimals (`toFixed`: the decimal nearest to the double's exact value, as C's printf),
 * minus as U+2212, never a signed zero ("−0.000").
 */
export function formatNumber(v: number, decimals: number): string {
  if (!Number.isFinite(v)) throw new ReportFormatError(`cannot format ${v}`);
  const s = v.toFixed(decimals);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s.replace('-', '−');
}

/**
 * A p-value: "< 0.001" below 0.001, otherwise three decimals ("0.012", "1.000" for p = 1).
 * @param decimals digits (default 3); the floor is 10^−decimals
 */
export function formatP(p: number, decimals = 3): string {
  if (!Number.isFinite(p) || p < 0 || p > 1 + 1e-12) throw new ReportFormatError(`p-value ${p} is not a probability`);
  const floor = 10 ** -decimals;
  return p < floor ? `< ${floor.toFixed(decimals)}` : formatNumber(Math.min(p, 1), decimals);
}

/** "p < 0.001" or "p = 0.012". */
export function pStatement(p: number, decimals = 3): string {
  const f = formatP(p, decimals);
  return f.startsWith('<') ? `p ${f}` : `p = ${f}`;
}

/** An interval "lo–hi" (en dash) with fixed decimals. */
export function formatInterval(lo: number, hi: number, decimals: number): string {
  return `${formatNumber(lo, decimals)}–${formatNumber(hi, decimals)}`;
}
