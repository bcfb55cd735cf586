/**
 * Cell formats of the report tables, matching the study paper: odds ratios "13.445 [7.879, 73.527]", AUCs and
 * proportions to three decimals, intervals with an en dash, p-values "< 0.001", medians "59 [50, 64]".
 */
import { formatInterval, formatNumber, formatP } from './format';
import type { TableCell } from './document';

/** `v` with at most `decimals` decimals, trailing zeros dropped ("59", "48.2"). */
export function formatCompact(v: number, decimals: number): string {
  const s = formatNumber(v, decimals);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** A table cell with options. */
export const cell = (text: string, o: Omit<TableCell, 'text'> = {}): TableCell => ({ text, ...o });
/** A number with three decimals, right-aligned. */
export const num3 = (v: number): TableCell => cell(formatNumber(v, 3), { align: 'right' });
/** A p-value cell ("< 0.001", "0.012"; "–" when absent). */
export const pCell = (p: number | null | undefined): TableCell => cell(p === null || p === undefined ? '–' : formatP(p), { align: 'right' });
/** The "not applicable" cell. */
export const dash = (): TableCell => cell('–', { align: 'center' });
/** An interval "lo–hi" with three decimals. */
export const ci3 = (lo: number, hi: number): TableCell => cell(formatInterval(lo, hi, 3), { align: 'right' });

/** "OR [lower, upper]" with three decimals, as the paper's Table 2. */
export function orCell(or: number, lower: number, upper: number): TableCell {
  return cell(`${formatNumber(or, 3)} [${formatNumber(lower, 3)}, ${formatNumber(upper, 3)}]`, { align: 'right' });
}
