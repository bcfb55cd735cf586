/**
 * PyWavelets' single-level stationary wavelet transform along one axis (`pywt.swt` level 1, the
 * periodic convolution `downsampling_convolution_periodization` with step 1; algorithms.md §6.3):
 *
 *   y[n] = Σ_{k=0}^{F−1} f[k] · x[(n + F/2 − k) mod N],   n = 0 … N − 1,
 *
 * with the terms summed in pywt's order, so float64 results are bit-identical to pywt and float32
 * results follow pywt's float arithmetic (float taps, float accumulator).
 */
import { axisStrides, wholeGrid, type Axis, type GridImage, type Region } from './grid';

/** The float types pywt computes in: float64 (integer or float64 input) or float32 (float32 input). */
export type WaveletArray = Float64Array | Float32Array;

/**
 * The (tap, sample) index pairs of every output sample, in pywt's summation order. For outputs whose
 * centre i = n + F/2 is inside the signal the taps run k = 0 … F − 1; past the end (i ≥ N) pywt first
 * sums the wrapped taps k = i − N down to 0, then k = i − N + 1 … F − 1.
 */
function summationOrder(n: number, f: number): { taps: Int32Array; samples: Int32Array } {
  const taps = new Int32Array(n * f);
  const samples = new Int32Array(n * f);
  const mod = (v: number) => ((v % n) + n) % n;
  for (let o = 0, t = 0; o < n; o++) {
    const i = o + Math.floor(f / 2);
    const order: number[] = [];
    if (i < n) {
      for (let k = 0; k < f; k++) order.push(k);
    } else {
      for (let k = i - n; k >= 0; k--) order.push(k);
      for (let k = i - n + 1; k < f; k++) order.push(k);
    }
    for (const k of order) {
      taps[t] = k;
      samples[t] = mod(i - k);
      t++;
    }
  }
  return { taps, samples };
}

/**
 * Convolve every line along `axis` with `filter` periodically (pywt level-1 SWT). The line length must
 * be even, as pywt requires. The result has the input's float type: float32 input is computed as pywt's
 * float code does, with its float32 taps (pass them as a Float32Array) and a float32 accumulator
 * rounded after each multiply and add; float64 input in double with the float64 taps.
 * With `region`, only the outputs inside it are computed (the others stay 0); they read the input at
 * the region's coordinates widened along `axis` by the filter support (see {@link swtInputRange}).
 */
export function swtAxis(image: GridImage<WaveletArray>, axis: Axis, filter: Float64Array | Float32Array, region: Region = wholeGrid(image.size)): WaveletArray {
  const n = image.size[axis];
  if (n % 2 !== 0) throw new Error(`stationary wavelet transform: axis length ${n} is odd`);
  const f = filter.length;
  const float32 = image.data instanceof Float32Array;
  if (float32 !== filter instanceof Float32Array) throw new Error('stationary wavelet transform: taps and data must share their float type');
  const dst: WaveletArray = float32 ? new Float32Array(image.data.length) : new Float64Array(image.data.length);
  const { taps, samples } = summationOrder(n, f);
  const src = image.data;
  const strides = axisStrides(image.size);
  const ss = strides[axis];
  // lines lie across `across` (x unless filtering along x), one bundle per index along `outer`
  const across = axis === 0 ? 1 : 0;
  const outer = axis === 2 ? 1 : 2;
  const ls = strides[across];
  const lines = region.hi[across] - region.lo[across];
  const h = new Float64Array(f);
  const at = new Int32Array(f);
  const [first, end] = [region.lo[axis], region.hi[axis]];
  for (let q = region.lo[outer]; q < region.hi[outer]; q++) {
    const base = q * strides[outer] + region.lo[across] * ls;
    for (let o = first; o < end; o++) {
      // this output's taps and sample offsets, in pywt's summation order
      for (let j = 0, t = o * f; j < f; j++, t++) {
        h[j] = filter[taps[t]!]!;
        at[j] = samples[t]! * ss;
      }
      const to = base + o * ss;
      if (float32) {
        // float32 accumulator: each step rounds the product, then the sum, to float32 (pywt's float code)
        for (let k = 0, s0 = base; k < lines; k++, s0 += ls) {
          let acc = 0;
          for (let j = 0; j < f; j++) acc = Math.fround(acc + Math.fround(h[j]! * src[s0 + at[j]!]!));
          dst[to + k * ls] = acc;
        }
      } else if (f === 6) {
        // coif1 (pyradiomics' default): the six taps in locals
        const [h0, h1, h2, h3, h4, h5] = [h[0]!, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!];
        const [a0, a1, a2, a3, a4, a5] = [at[0]!, at[1]!, at[2]!, at[3]!, at[4]!, at[5]!];
        for (let k = 0, s0 = base; k < lines; k++, s0 += ls) {
          dst[to + k * ls] = 0 + h0 * src[s0 + a0]! + h1 * src[s0 + a1]! + h2 * src[s0 + a2]! + h3 * src[s0 + a3]! + h4 * src[s0 + a4]! + h5 * src[s0 + a5]!;
        }
      } else {
        for (let k = 0, s0 = base; k < lines; k++, s0 += ls) {
          let acc = 0;
          for (let j = 0; j < f; j++) acc += h[j]! * src[s0 + at[j]!]!;
          dst[to + k * ls] = acc;
        }
      }
    }
  }
  return dst;
}

/**
 * Input samples along the axis that the outputs [lo, hi) of {@link swtAxis} read:
 * [lo − (F − 1 − ⌊F/2⌋), hi + ⌊F/2⌋), or the whole axis [0, n) where that range would wrap around.
 */
export function swtInputRange(lo: number, hi: number, n: number, taps: number): [number, number] {
  const from = lo - (taps - 1 - Math.floor(taps / 2));
  const to = hi + Math.floor(taps / 2);
  return from < 0 || to > n ? [0, n] : [from, to];
}
