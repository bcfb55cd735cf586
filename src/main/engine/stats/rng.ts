/**
 * Seeded pseudo-random numbers for resampling (bootstrap, cross-validation folds, permutations).
 *
 * Generator: Mersenne Twister MT19937 (Matsumoto & Nishimura 1998, ACM TOMACS 8:3-30), seeded the way
 * R's `set.seed(seed)` seeds its default `RNGkind("Mersenne-Twister", "Inversion", "Rejection")`
 * (R >= 3.6.0):
 *
 * 1. scramble the seed: \(s \leftarrow 69069\,s + 1 \pmod{2^{32}}\) fifty times;
 * 2. fill the 625-word seed vector with 625 further steps of the same LCG; word 0 (R's `mti`) is then
 *    forced to 624, so the first draw regenerates the whole 624-word state from words 1..624.
 *
 * Uniforms follow R's `unif_rand()`: the tempered 32-bit output \(y\) gives \(u = y \cdot 2.3283064365386963\times10^{-10}\),
 * then R's `fixup` keeps \(u\) strictly inside (0, 1). Integer draws follow R's `R_unif_index` with the
 * "Rejection" sample kind: draw \(\lceil\log_2 n\rceil\) bits (16 bits per uniform, `rbits`) and reject values \(\ge n\).
 * Hence `sampleWithReplacement`/`permutation` reproduce `set.seed(s); sample(n, k, replace = TRUE)` /
 * `sample(n)` of R (0-based here; R's are 1-based), as long as the consumption order of draws matches.
 *
 * One concern only: no distributions other than uniform/integer live here.
 */

import { StatsInputError } from './errors';

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
/** 2^-32 as R writes it (`MT_genrand`). */
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;
/** R's `i2_32m1` = 1/(2^32 - 1), used by `fixup` to move 0 and 1 inside the open interval. */
const I2_32M1 = 2.328306437080797e-10;

/** A seeded MT19937 stream with R-compatible uniform and integer draws. */
export class Rng {
  private readonly mt = new Uint32Array(N);
  private mti = N;

  /**
   * @param seed integer seed as passed to R's `set.seed` (taken modulo 2^32; negative values wrap like R's
   *   `(unsigned int)` cast).
   */
  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new StatsInputError(`Rng: seed must be an integer, got ${seed}`);
    let s = seed >>> 0;
    for (let j = 0; j < 50; j++) s = lcg(s);
    // word 0 of R's seed vector is mti; it is consumed by the LCG and then overwritten with 624
    s = lcg(s);
    for (let j = 0; j < N; j++) {
      s = lcg(s);
      this.mt[j] = s;
    }
    this.mti = N;
  }

  /** Next tempered 32-bit output of MT19937 (R's `MT_genrand` before scaling). */
  nextUint32(): number {
    const mt = this.mt;
    if (this.mti >= N) {
      let kk = 0;
      let y: number;
      for (; kk < N - M; kk++) {
        y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      for (; kk < N - 1; kk++) {
        y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
      mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      this.mti = 0;
    }
    let y = mt[this.mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** Uniform on the open interval (0, 1): R's `unif_rand()` (`runif(1)`). */
  uniform(): number {
    const u = this.nextUint32() * TWO_POW_MINUS_32;
    if (u <= 0) return 0.5 * I2_32M1;
    if (1 - u <= 0) return 1 - 0.5 * I2_32M1;
    return u;
  }

  /**
   * Uniform integer in \(\{0, \dots, n-1\}\): R's `R_unif_index(n)` with sample.kind "Rejection".
   * @param n number of outcomes, integer in [1, 2^31)
   */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n >= 2 ** 31) throw new StatsInputError(`Rng.int: n must be an integer in [1, 2^31), got ${n}`);
    // n = 1: zero bits, yet one uniform is consumed, as in R
    const bits = Math.ceil(Math.log2(n));
    let v: number;
    do v = this.rbits(bits);
    while (v >= n);
    return v;
  }

  /**
   * R's `rbits(bits)`: 16 bits per uniform, high chunks first, keeping the `bits` low bits.
   * With bits < 32 at most two chunks are drawn, so the value stays an exact integer below 2^32.
   */
  private rbits(bits: number): number {
    let v = 0;
    for (let k = 0; k <= bits; k += 16) v = v * 65536 + Math.floor(this.uniform() * 65536);
    return v % 2 ** bits;
  }

  /**
   * `k` indices drawn uniformly with replacement from \(\{0,\dots,n-1\}\) (bootstrap resample):
   * R's `sample(n, k, replace = TRUE) - 1`.
   */
  sampleWithReplacement(n: number, k: number = n): Int32Array {
    if (!Number.isInteger(n) || n < 1 || n >= 2 ** 31) throw new StatsInputError(`Rng.sampleWithReplacement: bad n ${n}`);
    const out = new Int32Array(k);
    const bits = Math.ceil(Math.log2(n));
    for (let i = 0; i < k; i++) {
      let v: number;
      do v = this.rbits(bits);
      while (v >= n);
      out[i] = v;
    }
    return out;
  }

  /**
   * `k` distinct indices from \(\{0,\dots,n-1\}\) in draw order (R's `sample(n, k) - 1`; `k = n` gives a
   * random permutation). Algorithm as R's `do_sample` without replacement: pick slot j, emit x[j],
   * move the last live element into slot j.
   */
  sampleWithoutReplacement(n: number, k: number = n): Int32Array {
    if (k > n) throw new StatsInputError(`Rng.sampleWithoutReplacement: cannot take ${k} of ${n} without replacement`);
    const x = new Int32Array(n);
    for (let i = 0; i < n; i++) x[i] = i;
    const out = new Int32Array(k);
    let live = n;
    for (let i = 0; i < k; i++) {
      const j = this.int(live);
      out[i] = x[j];
      x[j] = x[--live];
    }
    return out;
  }

  /** Random permutation of \(\{0,\dots,n-1\}\) (R's `sample(n) - 1`). */
  permutation(n: number): Int32Array {
    return this.sampleWithoutReplacement(n, n);
  }

  /** Shuffles `values` in place using `permutation` order and returns it (R's `x[sample(length(x))]`). */
  shuffle<T>(values: T[]): T[] {
    const perm = this.permutation(values.length);
    const copy = values.slice();
    for (let i = 0; i < values.length; i++) values[i] = copy[perm[i]];
    return values;
  }
}

function lcg(s: number): number {
  return (Math.imul(69069, s) + 1) >>> 0;
}
