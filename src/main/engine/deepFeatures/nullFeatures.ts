/**
 * Null deep features: columns that carry no information across the cohort. After the final ReLU and
 * global average pooling, a channel that never fires is exactly 0 for every patient; the study
 * eliminates such "null features" before selection (3 × 512 = 1,536 remained in its cohort).
 *
 * A column is null when every value is exactly 0 or not finite (missing). Columns that are constant
 * but non-zero are not null here; the variance filter of the selection stage handles those.
 */

/**
 * Indices of the null columns of a row-major matrix (`rows` × `cols`, one row per patient).
 */
export function nullFeatureColumns(values: ArrayLike<number>, rows: number, cols: number): number[] {
  if (values.length !== rows * cols) throw new RangeError(`${values.length} values for a ${rows}×${cols} matrix`);
  const out: number[] = [];
  for (let c = 0; c < cols; c++) {
    let informative = false;
    for (let r = 0; r < rows && !informative; r++) {
      const v = values[r * cols + c];
      if (Number.isFinite(v) && v !== 0) informative = true;
    }
    if (!informative) out.push(c);
  }
  return out;
}

/** Drop the null columns: returns the kept names and the reduced row-major matrix. */
export function dropNullFeatures(values: ArrayLike<number>, names: readonly string[], rows: number): { names: string[]; values: Float64Array; dropped: string[] } {
  const cols = names.length;
  const nulls = new Set(nullFeatureColumns(values, rows, cols));
  const keep = names.map((_, c) => c).filter((c) => !nulls.has(c));
  const out = new Float64Array(rows * keep.length);
  for (let r = 0; r < rows; r++) for (let j = 0; j < keep.length; j++) out[r * keep.length + j] = values[r * cols + keep[j]];
  return { names: keep.map((c) => names[c]), values: out, dropped: [...nulls].map((c) => names[c]) };
}
