/**
 * Radix-2 complex FFT of a 3-D array (x fastest), in place, for the linear convolutions of the IBSI
 * spatial-autocorrelation features. Each axis length must be a power of two. Forward:
 * X_k = Σ_n x_n e^{−2πikn/N}; inverse: x_n = (1/N) Σ_k X_k e^{+2πikn/N} (scaled per axis).
 */

/** Smallest power of two ≥ n (n ≥ 1). */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** Twiddle factors cos/sin(2πk/n), k < n/2, and the bit-reversal permutation of one length. */
interface Plan {
  n: number;
  cos: Float64Array;
  sin: Float64Array;
  reversed: Int32Array;
}

function plan(n: number): Plan {
  const cos = new Float64Array(n >> 1);
  const sin = new Float64Array(n >> 1);
  for (let k = 0; k < n >> 1; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / n);
    sin[k] = Math.sin((2 * Math.PI * k) / n);
  }
  const reversed = new Int32Array(n);
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    reversed[i] = j;
  }
  return { n, cos, sin, reversed };
}

/**
 * In-place iterative radix-2 FFT of `count` interleaved lines: sample k of line j sits at
 * `offset + k·stride + j` (lines contiguous for the y and z axes, so every butterfly sweeps memory in
 * order; count = 1 for x).
 */
function fftLines(re: Float64Array, im: Float64Array, p: Plan, offset: number, stride: number, count: number, inverse: boolean): void {
  const { n, cos, sin, reversed } = p;
  for (let i = 1; i < n; i++) {
    const r = reversed[i]!;
    if (i >= r) continue;
    const a = offset + i * stride;
    const b = offset + r * stride;
    for (let j = 0; j < count; j++) {
      const tr = re[a + j]!;
      re[a + j] = re[b + j]!;
      re[b + j] = tr;
      const ti = im[a + j]!;
      im[a + j] = im[b + j]!;
      im[b + j] = ti;
    }
  }
  const sign = inverse ? 1 : -1;
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const step = n / len;
    for (let k = 0; k < half; k++) {
      const wr = cos[k * step]!;
      const wi = sign * sin[k * step]!;
      for (let start = k; start < n; start += len) {
        const a = offset + start * stride;
        const b = a + half * stride;
        for (let j = 0; j < count; j++) {
          const br = re[b + j]!;
          const bi = im[b + j]!;
          const xr = br * wr - bi * wi;
          const xi = br * wi + bi * wr;
          const ar = re[a + j]!;
          const ai = im[a + j]!;
          re[b + j] = ar - xr;
          im[b + j] = ai - xi;
          re[a + j] = ar + xr;
          im[a + j] = ai + xi;
        }
      }
    }
  }
  if (inverse) {
    for (let k = 0; k < n; k++) {
      const a = offset + k * stride;
      for (let j = 0; j < count; j++) {
        re[a + j] = re[a + j]! / n;
        im[a + j] = im[a + j]! / n;
      }
    }
  }
}

/** In-place 3-D FFT of (re, im) with axis lengths `size` (x, y, z), each a power of two. */
export function fft3d(re: Float64Array, im: Float64Array, size: readonly [number, number, number], inverse = false): void {
  const [nx, ny, nz] = size;
  for (const n of size) if (n !== nextPowerOfTwo(n)) throw new Error(`fft3d: axis length ${n} is not a power of two`);
  if (nx > 1) {
    const p = plan(nx);
    for (let line = 0; line < ny * nz; line++) fftLines(re, im, p, line * nx, 1, 1, inverse);
  }
  if (ny > 1) {
    const p = plan(ny);
    for (let z = 0; z < nz; z++) fftLines(re, im, p, z * nx * ny, nx, nx, inverse);
  }
  if (nz > 1) fftLines(re, im, plan(nz), 0, nx * ny, nx * ny, inverse);
}
