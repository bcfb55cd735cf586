/**
 * The IBSI-1 NGLDM features pyradiomics does not emit (reference manual §3.11), from the same
 * dependence matrix s(i, j) as pyradiomics `gldm` (α = `gldm_a`, Chebyshev distance `distances`),
 * N_s = Σ s (one entry per ROI voxel), N_v the ROI voxel count:
 * - ngl_glnu_norm (5SPA): Σ_i (Σ_j s(i, j))² / N_s²;
 * - ngl_dc_perc (6XV8): N_s / N_v (1 by construction);
 * - ngl_dc_energy (CAS9): Σ (s(i, j)/N_s)².
 */
import type { FamilyInput, FeatureFamily } from '../../family';
import { binFamilyInput } from '../../matrices/fromInput';
import { gldmCounts } from '../../matrices/gldm';

const TAGS = ['ngl_glnu_norm', 'ngl_dc_perc', 'ngl_dc_energy'] as const;

function compute(input: FamilyInput, enabled: readonly string[]): Map<string, number> {
  const roi = binFamilyInput(input);
  const { counts, columns } = gldmCounts(roi, input.settings);
  const rows = counts.length / columns;
  let total = 0;
  let energy = 0;
  let rowSquares = 0;
  for (let r = 0; r < rows; r++) {
    let rowSum = 0;
    for (let c = 0; c < columns; c++) {
      const v = counts[r * columns + c]!;
      rowSum += v;
      energy += v * v;
    }
    rowSquares += rowSum * rowSum;
    total += rowSum;
  }
  const value = (tag: string): number => {
    switch (tag) {
      case 'ngl_glnu_norm': return rowSquares / (total * total);
      case 'ngl_dc_perc': return total / roi.roi.length;
      case 'ngl_dc_energy': return energy / (total * total);
      default: throw new Error(`IBSI NGLDM: unknown feature '${tag}'`);
    }
  };
  return new Map(enabled.map((t) => [t, value(t)]));
}

/** IBSI NGLDM features absent from pyradiomics' gldm output, keyed by IBSI tag. */
export const ibsiNgldm: FeatureFamily = {
  name: 'ibsi',
  features: TAGS.map((name) => ({ name, enabledByDefault: true })),
  compute,
};
