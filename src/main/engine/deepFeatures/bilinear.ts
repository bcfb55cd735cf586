/**
 * Bilinear resizing of a 2-D single-channel image with half-pixel centres: the convention of
 * PyTorch's `torch.nn.functional.interpolate(mode='bilinear', align_corners=False, antialias=False)`
 * (and of OpenCV's `INTER_LINEAR`, TensorFlow's `half_pixel_centers=True`).
 *
 * Output pixel j (0-based) samples the source at
 * \( s_j = \max\!\big(0,\; (j + \tfrac12)\,\tfrac{n_{in}}{n_{out}} - \tfrac12\big) \),
 * with \( i_0 = \lfloor s_j \rfloor \), \( i_1 = \min(i_0 + 1, n_{in} - 1) \), \( \lambda = s_j - i_0 \) and
 * value \((1-\lambda)\,v_{i_0} + \lambda\,v_{i_1}\) per axis (x then y). Samples beyond the last pixel
 * repeat it (edge clamping), as PyTorch does. No antialiasing when shrinking.
 */

interface Taps {
  i0: Int32Array;
  i1: Int32Array;
  lambda: Float64Array;
}

function taps(nIn: number, nOut: number): Taps {
  const i0 = new Int32Array(nOut);
  const i1 = new Int32Array(nOut);
  const lambda = new Float64Array(nOut);
  const scale = nIn / nOut;
  for (let j = 0; j < nOut; j++) {
    const s = Math.max(0, (j + 0.5) * scale - 0.5);
    const a = Math.min(Math.floor(s), nIn - 1);
    i0[j] = a;
    i1[j] = Math.min(a + 1, nIn - 1);
    lambda[j] = a === nIn - 1 ? 0 : s - a;
  }
  return { i0, i1, lambda };
}

/**
 * Resize `src` (row-major, `srcWidth` × `srcHeight`, x fastest) to `dstWidth` × `dstHeight`.
 * Returns a new Float32Array; arithmetic is done in float64.
 */
export function resizeBilinear(src: ArrayLike<number>, srcWidth: number, srcHeight: number, dstWidth: number, dstHeight: number): Float32Array {
  if (srcWidth < 1 || srcHeight < 1 || dstWidth < 1 || dstHeight < 1) throw new RangeError('resizeBilinear: sizes must be positive');
  if (src.length !== srcWidth * srcHeight) throw new RangeError(`resizeBilinear: ${src.length} values for a ${srcWidth}×${srcHeight} image`);
  const tx = taps(srcWidth, dstWidth);
  const ty = taps(srcHeight, dstHeight);
  const out = new Float32Array(dstWidth * dstHeight);
  for (let y = 0; y < dstHeight; y++) {
    const r0 = ty.i0[y] * srcWidth;
    const r1 = ty.i1[y] * srcWidth;
    const ly = ty.lambda[y];
    for (let x = 0; x < dstWidth; x++) {
      const a = tx.i0[x];
      const b = tx.i1[x];
      const lx = tx.lambda[x];
      const top = (1 - lx) * src[r0 + a] + lx * src[r0 + b];
      const bottom = (1 - lx) * src[r1 + a] + lx * src[r1 + b];
      out[y * dstWidth + x] = (1 - ly) * top + ly * bottom;
    }
  }
  return out;
}
