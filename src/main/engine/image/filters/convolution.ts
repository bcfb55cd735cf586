/**
 * Separable 1-D convolution along one axis with the IBSI boundary (padding) modes, used by the IBSI
 * compliance variants of the LoG and wavelet filters (IBSI reference manual, "Image filtering",
 * arXiv:2006.05470, §"Boundary conditions").
 */
import { forEachLineBundle, gatherBundle, scatterBundle, type Axis, type GridImage } from './grid';

/**
 * IBSI padding modes: 'constant' (zeros), 'mirror' (symmetric, edge sample repeated: …c b a | a b c…;
 * numpy `symmetric`), 'nearest' (edge value repeated; numpy `edge`), 'periodic' (wrap; numpy `wrap`).
 */
export type PaddingMode = 'constant' | 'mirror' | 'nearest' | 'periodic';

/** The in-range sample an index maps to under `mode`, or −1 for a zero ('constant') sample. */
export function paddedIndex(i: number, n: number, mode: PaddingMode): number {
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case 'constant':
      return -1;
    case 'nearest':
      return i < 0 ? 0 : n - 1;
    case 'periodic':
      return ((i % n) + n) % n;
    case 'mirror': {
      const j = ((i % (2 * n)) + 2 * n) % (2 * n);
      return j < n ? j : 2 * n - 1 - j;
    }
  }
}

/** One 1-D kernel as applied along an axis. */
export interface AxisKernel {
  taps: Float64Array;
  /** Tap index aligned with the output sample (its offset is 0). */
  origin: number;
  /** Spacing between taps in samples (à trous dilation); 1 = contiguous. */
  dilation: number;
  /** Reverse the kernel about its origin (the filter of a flipped axis). */
  flipped: boolean;
}

/**
 * y[i] = Σ_k taps[k] · x[i + dilation·(origin − k)]   (or x[i + dilation·(k − origin)] when flipped),
 * with out-of-range samples given by `mode`; computed in double along every line of `axis`.
 */
export function convolveAxis(
  image: GridImage<Float64Array>,
  axis: Axis,
  kernel: AxisKernel,
  mode: PaddingMode,
): Float64Array {
  const n = image.size[axis];
  const { taps, origin, dilation, flipped } = kernel;
  const f = taps.length;
  const index = new Int32Array(n * f);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < f; k++) {
      const offset = dilation * (flipped ? k - origin : origin - k);
      index[i * f + k] = paddedIndex(i + offset, n, mode);
    }
  }
  const dst = new Float64Array(image.data.length);
  let block = new Float64Array(0);
  let out = block;
  forEachLineBundle(image.size, axis, (bundle) => {
    const K = bundle.lines;
    if (block.length !== n * K) [block, out] = [new Float64Array(n * K), new Float64Array(n * K)];
    gatherBundle(image.data, bundle, block);
    out.fill(0);
    for (let i = 0; i < n; i++) {
      const row = i * K;
      for (let k = 0; k < f; k++) {
        const s = index[i * f + k]!;
        if (s < 0) continue;
        const h = taps[k]!;
        const from = s * K;
        for (let j = 0; j < K; j++) out[row + j] = out[row + j]! + h * block[from + j]!;
      }
    }
    scatterBundle(out, bundle, dst);
  });
  return dst;
}
