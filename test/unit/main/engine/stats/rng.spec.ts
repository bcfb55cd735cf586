import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../../src/main/engine/stats/rng';

// Reference values: R 4.x, default RNGkind("Mersenne-Twister", "Inversion", "Rejection").
describe('Rng (MT19937 seeded like R set.seed)', () => {
  it('set.seed(1); runif(3)', () => {
    const r = new Rng(1);
    expect(r.uniform()).toBeCloseTo(0.2655087, 7);
    expect(r.uniform()).toBeCloseTo(0.3721239, 7);
    expect(r.uniform()).toBeCloseTo(0.5728534, 7);
  });
  it('set.seed(42); runif(1)', () => {
    expect(new Rng(42).uniform()).toBeCloseTo(0.914806, 6);
  });
  it('sample(10) after set.seed(1 / 123 / 42)', () => {
    const perm = (s: number): number[] => Array.from(new Rng(s).permutation(10), (v) => v + 1);
    expect(perm(1)).toEqual([9, 4, 7, 1, 2, 5, 3, 10, 6, 8]);
    expect(perm(123)).toEqual([3, 10, 2, 8, 6, 9, 1, 7, 5, 4]);
    expect(perm(42)).toEqual([1, 5, 10, 8, 2, 4, 6, 9, 7, 3]);
  });
  it('sample(10, replace = TRUE) after set.seed(42 / 123)', () => {
    const boot = (s: number): number[] => Array.from(new Rng(s).sampleWithReplacement(10), (v) => v + 1);
    expect(boot(42)).toEqual([1, 5, 1, 9, 10, 4, 2, 10, 1, 8]);
    expect(boot(123)).toEqual([3, 3, 10, 2, 6, 5, 4, 6, 9, 10]);
  });
  it('integer draws stay in range and cover it', () => {
    const r = new Rng(7);
    const seen = new Set<number>();
    for (const v of r.sampleWithReplacement(5, 500)) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(5);
      seen.add(v);
    }
    expect(seen.size).toBe(5);
  });
  it('is reproducible and rejects bad arguments', () => {
    expect(Array.from(new Rng(99).sampleWithReplacement(200))).toEqual(Array.from(new Rng(99).sampleWithReplacement(200)));
    expect(() => new Rng(1.5)).toThrow(/integer/);
    expect(() => new Rng(1).int(0)).toThrow(/n must be/);
    expect(() => new Rng(1).sampleWithoutReplacement(3, 4)).toThrow(/without replacement/);
  });
  it('shuffle permutes values', () => {
    const v = new Rng(3).shuffle([1, 2, 3, 4, 5, 6]);
    expect([...v].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
