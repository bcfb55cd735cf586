import { describe, expect, it } from 'vitest';
import { dnorm, pbeta, pchisq, pf, pnorm, pt, qbeta, qchisq, qf, qnorm, qt } from '../../../../../src/main/engine/stats/distributions';
import { lgamma } from '../../../../../src/main/engine/stats/special';
import { StatsInputError } from '../../../../../src/main/engine/stats/errors';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('special functions', () => {
  it('lgamma matches log-factorials and Γ(½) = √π', () => {
    let lf = 0;
    for (let k = 1; k <= 170; k++) {
      lf += Math.log(k);
      expect(Math.abs(lgamma(k + 1) - lf)).toBeLessThan(1e-13 * Math.max(1, lf));
    }
    expect(rel(lgamma(0.5), 0.5 * Math.log(Math.PI))).toBeLessThan(1e-15);
    expect(lgamma(0)).toBe(Infinity);
  });
});

describe('normal distribution', () => {
  it('reproduces R values', () => {
    expect(rel(pnorm(-1.96), 0.0249978951482204)).toBeLessThan(1e-14);
    expect(rel(pnorm(-10), 7.61985302416047e-24)).toBeLessThan(1e-13);
    expect(rel(qnorm(0.975), 1.959963984540054)).toBeLessThan(1e-15);
    expect(pnorm(0)).toBe(0.5);
    expect(rel(dnorm(1), Math.exp(-0.5) / Math.sqrt(2 * Math.PI))).toBeLessThan(1e-15);
  });
  it('keeps both tails accurate and inverts to ~1e-15', () => {
    for (const z of [0.01, 0.5, 1.4, 1.6, 2, 3, 5, 8, 12, 20, 35]) {
      expect(pnorm(z, false)).toBe(pnorm(-z));
      expect(rel(-qnorm(pnorm(-z)), z)).toBeLessThan(1e-14);
      expect(rel(qnorm(pnorm(-z), false), z)).toBeLessThan(1e-14);
    }
    expect(qnorm(0)).toBe(-Infinity);
    expect(qnorm(1)).toBe(Infinity);
  });
});

describe('t, chi-square, F and beta against closed forms', () => {
  it('t with 1 and 2 df (Cauchy and closed form)', () => {
    for (const t of [-50, -10, -3, -1, -0.1, 0.3, 2, 7, 30]) {
      expect(rel(pt(t, 1), 0.5 + Math.atan(t) / Math.PI)).toBeLessThan(1e-14);
      const s = Math.sqrt(2 + t * t);
      expect(rel(pt(t, 2), t < 0 ? 1 / (s * (s - t)) : 0.5 + t / (2 * s))).toBeLessThan(1e-14);
    }
    expect(rel(pt(2, 10, false), 0.0366940173853701)).toBeLessThan(1e-13);
    expect(rel(qt(0.975, 10), 2.228138851986274)).toBeLessThan(1e-14);
    expect(rel(pt(1.5, Infinity), pnorm(1.5))).toBeLessThan(1e-15);
  });
  it('t with very large df stays accurate (A&S 26.7.8 above 4e5, as R)', () => {
    // Reference: high-precision incomplete beta (mpmath, 40 digits).
    expect(rel(pt(-2, 1e6), 0.0227502669256596)).toBeLessThan(1e-11);
    expect(rel(pt(-2, 1e8), 0.02275013329795337)).toBeLessThan(1e-11);
    expect(rel(pt(-2, 1e10), 0.02275013196167695)).toBeLessThan(1e-11);
    expect(rel(pt(qt(0.975, 1e7), 1e7), 0.975)).toBeLessThan(1e-14);
  });
  it('chi-square with 1 and 2 df, F(2, 2), beta(a, 1)', () => {
    for (const x of [0.001, 0.1, 1, 2, 5, 20, 100, 700]) {
      expect(rel(pchisq(x, 2, false), Math.exp(-x / 2))).toBeLessThan(1e-13);
      expect(rel(pchisq(x, 1, false), 2 * pnorm(-Math.sqrt(x)))).toBeLessThan(1e-13);
      expect(rel(pf(x, 2, 2), x / (1 + x))).toBeLessThan(1e-14);
      expect(rel(pf(x, 2, 2, false), 1 / (1 + x))).toBeLessThan(1e-13);
    }
    for (const x of [0.01, 0.3, 0.9]) expect(rel(pbeta(x, 3.5, 1), x ** 3.5)).toBeLessThan(1e-14);
  });
  it('quantiles invert the CDFs, including non-integer df', () => {
    for (const df of [1, 2, 3.5, 10, 49, 120.5, 1000]) {
      for (const p of [1e-10, 0.025, 0.3, 0.8, 0.975]) {
        expect(rel(pt(qt(p, df), df), p)).toBeLessThan(1e-12);
        expect(rel(pchisq(qchisq(p, df), df), p)).toBeLessThan(1e-12);
        expect(rel(pf(qf(p, df, 11.3793), df, 11.3793), p)).toBeLessThan(1e-12);
        expect(rel(pbeta(qbeta(p, df, 2.5), df, 2.5), p)).toBeLessThan(1e-12);
      }
    }
  });
  it('rejects invalid arguments with a StatsInputError', () => {
    expect(() => qnorm(1.5)).toThrow(StatsInputError);
    expect(() => pt(1, 0)).toThrow(/df must be > 0/);
    expect(() => qf(0.5, 1, -2)).toThrow(StatsInputError);
  });
});
