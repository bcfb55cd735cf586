/** Bins of the ICC distribution chart: values < 0 in one bin, then [0, 1] in equal bins (the last closed). */
export interface IccBin {
  lo: number;
  hi: number;
  count: number;
}

export function iccBins(values: readonly (number | null)[], bins = 20): { bins: IccBin[]; negative: number; undefined: number } {
  const out: IccBin[] = Array.from({ length: bins }, (_, i) => ({ lo: i / bins, hi: (i + 1) / bins, count: 0 }));
  let negative = 0;
  let missing = 0;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) missing++;
    else if (v < 0) negative++;
    else out[Math.min(bins - 1, Math.floor(v * bins))].count++;
  }
  return { bins: out, negative, undefined: missing };
}
