/**
 * Which reader-pair masks go to adjudication. Within one comparison and phase, a patient's masks are
 * flagged when any of these holds:
 *
 * 1. a mask is empty (the overlap or the boundary distance is undefined);
 * 2. Dice < `minDice` (default 0.7, the usual threshold of good overlap, Zijdenbos et al. 1994);
 * 3. Dice below Tukey's lower fence Q1 − k·IQR of the group's Dice values (k = 1.5);
 * 4. HD95 above Tukey's upper fence Q3 + k·IQR of the group's HD95 values.
 *
 * Quartiles are numpy's linear percentiles; rules 3–4 need at least 4 defined values in the group.
 */
import { percentileLinear } from '../segmentation/agreement';

export interface OutlierRule {
  minDice: number;
  tukeyK: number;
}

export const DEFAULT_OUTLIER_RULE: OutlierRule = { minDice: 0.7, tukeyK: 1.5 };

/** Minimum group size for the Tukey fences. */
const MIN_FOR_FENCES = 4;

function fences(values: number[], k: number): { low: number; high: number } | null {
  if (values.length < MIN_FOR_FENCES) return null;
  const q1 = percentileLinear(values, 25);
  const q3 = percentileLinear(values, 75);
  return { low: q1 - k * (q3 - q1), high: q3 + k * (q3 - q1) };
}

/** For each item of one group, the reasons it is flagged for adjudication (empty = not flagged). */
export function adjudicationFlags(items: readonly { dice: number | null; hd95Mm: number | null }[], rule: OutlierRule = DEFAULT_OUTLIER_RULE): string[][] {
  const diceFence = fences(items.flatMap((i) => (i.dice === null ? [] : [i.dice])), rule.tukeyK);
  const hdFence = fences(items.flatMap((i) => (i.hd95Mm === null ? [] : [i.hd95Mm])), rule.tukeyK);
  return items.map((i) => {
    const why: string[] = [];
    if (i.dice === null || i.hd95Mm === null) why.push('empty mask');
    if (i.dice !== null && i.dice < rule.minDice) why.push(`Dice ${i.dice.toFixed(3)} < ${rule.minDice}`);
    if (i.dice !== null && diceFence && i.dice < diceFence.low) why.push(`Dice below the lower Tukey fence ${diceFence.low.toFixed(3)}`);
    if (i.hd95Mm !== null && hdFence && i.hd95Mm > hdFence.high) why.push(`HD95 above the upper Tukey fence ${hdFence.high.toFixed(2)} mm`);
    return why;
  });
}
