import { describe, expect, it } from 'vitest';
import { drawFourierField, evaluateFieldRow } from '../../../../../src/main/engine/demo/fourierField';
import { Rng } from '../../../../../src/main/engine/stats/rng';

/** ξ(p) = √(2/K) Σ cos(ω_k·p + φ_k), written out directly. */
function direct(f: ReturnType<typeof drawFourierField>, p: number[]): number {
  let s = 0;
  for (let k = 0; k < f.phases.length; k++) s += Math.cos(f.frequencies[3 * k] * p[0] + f.frequencies[3 * k + 1] * p[1] + f.frequencies[3 * k + 2] * p[2] + f.phases[k]);
  return s * Math.sqrt(2 / f.phases.length);
}

describe('random plane-wave fields', () => {
  it('row evaluation by the angle-addition recurrence equals the direct sum', () => {
    const f = drawFourierField(new Rng(4), 24, 8, 30);
    const q0 = [-40.5, 12.25, 3];
    const step = [3.1, -1.7, 0.2];
    const row = new Float64Array(96);
    evaluateFieldRow(f, q0, step, 96, row);
    for (let i = 0; i < 96; i++) expect(row[i]).toBeCloseTo(direct(f, [q0[0] + i * step[0], q0[1] + i * step[1], q0[2] + i * step[2]]), 12);
  });

  it('wavelengths lie in the requested range and the field has unit variance over draws', () => {
    const rng = new Rng(8);
    const values: number[] = [];
    let lo = Infinity;
    let hi = 0;
    for (let d = 0; d < 4000; d++) {
      const f = drawFourierField(rng, 16, 20, 60);
      for (let k = 0; k < 16; k++) {
        const w = Math.hypot(f.frequencies[3 * k], f.frequencies[3 * k + 1], f.frequencies[3 * k + 2]);
        lo = Math.min(lo, w);
        hi = Math.max(hi, w);
      }
      values.push(direct(f, [5, -7, 11]));
    }
    expect(lo).toBeGreaterThanOrEqual((2 * Math.PI) / 60 - 1e-12);
    expect(hi).toBeLessThanOrEqual((2 * Math.PI) / 20 + 1e-12);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(4000));
    expect(Math.abs(variance - 1)).toBeLessThan(0.12);
  });
});
