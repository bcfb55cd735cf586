import { describe, expect, it } from 'vitest';
import { bernoulli, expit, normal, normalArray, streamFor, subSeed, unitVector, weibull } from '../../../../../src/main/engine/demo/random';
import { demoUid } from '../../../../../src/main/engine/demo/uids';
import { Rng } from '../../../../../src/main/engine/stats/rng';

function moments(x: ArrayLike<number>): { mean: number; variance: number } {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  const mean = s / x.length;
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += (x[i] - mean) ** 2;
  return { mean, variance: ss / (x.length - 1) };
}

describe('demo random streams', () => {
  it('derives sub-seeds from SHA-256 of the label path: reproducible and label-sensitive', () => {
    expect(subSeed(7, 'patient', 3)).toBe(subSeed(7, 'patient', 3));
    const seeds = new Set([subSeed(7, 'patient', 3), subSeed(7, 'patient', 4), subSeed(8, 'patient', 3), subSeed(7, 'phantom', 3)]);
    expect(seeds.size).toBe(4);
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
    expect(streamFor(7, 'a').uniform()).toBe(new Rng(subSeed(7, 'a')).uniform());
  });

  it('normal deviates (single and paired Box–Muller) have mean 0 and variance 1', () => {
    const rng = new Rng(11);
    const single = Float64Array.from({ length: 40_000 }, () => normal(rng));
    const paired = normalArray(new Rng(12), 40_001);
    for (const x of [single, paired]) {
      const m = moments(x);
      // 5 standard errors: 5/√n for the mean, 5·√(2/n) for the variance
      expect(Math.abs(m.mean)).toBeLessThan(5 / Math.sqrt(x.length));
      expect(Math.abs(m.variance - 1)).toBeLessThan(5 * Math.sqrt(2 / x.length));
    }
    expect(paired.length).toBe(40_001);
  });

  it('a normal draw consumes exactly two uniforms', () => {
    const a = new Rng(5);
    normal(a);
    const b = new Rng(5);
    b.uniform();
    b.uniform();
    expect(a.uniform()).toBe(b.uniform());
  });

  it('Weibull deviates have median λ(ln 2)^{1/k}; Bernoulli has rate p; expit and unit vectors are right', () => {
    const rng = new Rng(3);
    const t = Float64Array.from({ length: 20_001 }, () => weibull(rng, 1.3, 14)).sort();
    const median = 14 * Math.log(2) ** (1 / 1.3);
    expect(Math.abs(t[10_000] - median) / median).toBeLessThan(0.03);
    let ones = 0;
    for (let i = 0; i < 20_000; i++) ones += bernoulli(rng, 0.3);
    expect(Math.abs(ones / 20_000 - 0.3)).toBeLessThan(5 * Math.sqrt(0.21 / 20_000));
    expect(expit(0)).toBe(0.5);
    expect(expit(Math.log(3))).toBeCloseTo(0.75, 15);
    for (let i = 0; i < 100; i++) expect(Math.hypot(...unitVector(rng))).toBeCloseTo(1, 14);
  });
});

describe('demo UIDs', () => {
  it('are 2.25 UIDs of name-based version-5 UUIDs, reproducible per seed and label', () => {
    const uid = demoUid(20230531, 'series', 'DEMO-001', 'PV');
    expect(uid).toMatch(/^2\.25\.[1-9]\d*$/);
    expect(uid.length).toBeLessThanOrEqual(64);
    const hex = BigInt(uid.slice(5)).toString(16).padStart(32, '0');
    expect(hex[12]).toBe('5'); // version nibble
    expect(['8', '9', 'a', 'b']).toContain(hex[16]); // RFC 4122 variant
    expect(demoUid(20230531, 'series', 'DEMO-001', 'PV')).toBe(uid);
    expect(demoUid(20230531, 'series', 'DEMO-001', 'ART')).not.toBe(uid);
    expect(demoUid(1, 'series', 'DEMO-001', 'PV')).not.toBe(uid);
  });
});
