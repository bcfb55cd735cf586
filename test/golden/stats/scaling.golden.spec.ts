/**
 * Z-score fit vs oracle/stats/expected/pipeline.json `zscore` (README "pipeline", step 3: training mean and
 * R sd(), n - 1). The training features are the ComBat ref-A output, which equals the raw training features.
 * Compared at 1e-8 relative (closed form).
 */
import { describe, expect, it } from 'vitest';
import { loadCohort, loadExpected, whereStr } from '../../support/statsOracle';
import { fitZScore } from '../../../src/main/engine/harmonisation/scaling';

const pipeline = loadExpected<{ zscore: { features: string[]; mean_train: number[]; sd_train: number[] } }>('pipeline');
const cohort = loadCohort();
const train = whereStr(cohort, 'cohort', 'train');

describe('z-score vs pipeline.json', () => {
  it('training mean and sample SD of f01..f40', () => {
    const { features, mean_train, sd_train } = pipeline.zscore;
    const fit = fitZScore(features.map((f) => {
      const col = cohort.f64(f);
      return Float64Array.from(train, (i) => col[i]);
    }));
    let worst = 0;
    features.forEach((_, g) => {
      worst = Math.max(worst, Math.abs(fit.mean[g] - mean_train[g]) / Math.abs(mean_train[g]));
      worst = Math.max(worst, Math.abs(fit.sd[g] - sd_train[g]) / Math.abs(sd_train[g]));
    });
    console.info(`z-score worst relative deviation: ${worst.toExponential(2)}`);
    expect(worst).toBeLessThanOrEqual(1e-8);
  });
});
