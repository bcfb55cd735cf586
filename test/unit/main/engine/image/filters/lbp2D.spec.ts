/** scikit-image local_binary_pattern conventions (pyradiomics LBP2D), hand-computed on a 3 × 3 image. */
import { describe, expect, it } from 'vitest';
import { lbp2DImage, localBinaryPattern } from '../../../../../../src/main/engine/image/filters/lbp2D';
import type { Vec3 } from '../../../../../../src/main/engine/image/volume';

// rows × cols = 3 × 3, values 1 … 9 row-major; centre pixel (1, 1) = 5.
const image = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
// P = 8, R = 1: offsets (row, col) = (−sin, cos)(2πp/8) rounded to 5 decimals; d = 0.70711.
const d = 0.70711;
const bilinear = (r: number, c: number) => {
  const [r0, c0] = [Math.floor(r), Math.floor(c)];
  const [dr, dc] = [r - r0, c - c0];
  const px = (i: number, j: number) => image[i * 3 + j]!;
  const top = (1 - dc) * px(r0, c0) + dc * px(r0, Math.ceil(c));
  const bottom = (1 - dc) * px(Math.ceil(r), c0) + dc * px(Math.ceil(r), Math.ceil(c));
  return (1 - dr) * top + dr * bottom;
};
// Samples around the centre, p = 0 … 7: (1, 2), (1 − d, 1 + d), (0, 1), (1 − d, 1 − d), (1, 0), (1 + d, 1 − d), (2, 1), (1 + d, 1 + d).
const texture = [6, bilinear(1 - d, 1 + d), 2, bilinear(1 - d, 1 - d), 4, bilinear(1 + d, 1 - d), 8, bilinear(1 + d, 1 + d)];
// ≈ [6, 3.586, 2, 2.172, 4, 6.414, 8, 7.828] → bits (≥ 5) = 1 0 0 0 0 1 1 1.

describe('localBinaryPattern (scikit-image)', () => {
  it('default: Σ s_p 2^p = 1 + 32 + 64 + 128', () => {
    expect(localBinaryPattern(image, 3, 3, 8, 1, 'default')[4]).toBe(225);
  });

  it('ror: smallest cyclic rotation of 11100001₂ = 00001111₂', () => {
    expect(localBinaryPattern(image, 3, 3, 8, 1, 'ror')[4]).toBe(15);
  });

  it('uniform: 2 transitions → number of ones (4); non-uniform → P + 1', () => {
    expect(localBinaryPattern(image, 3, 3, 8, 1, 'uniform')[4]).toBe(4);
    const checker = Float64Array.from([9, 0, 9, 0, 3, 0, 9, 0, 9]); // diagonal samples ≈ 4.8 ≥ 3, axis samples 0 < 3
    expect(localBinaryPattern(checker, 3, 3, 8, 1, 'uniform')[4]).toBe(9);
  });

  it('var: biased variance of the 8 bilinear samples', () => {
    const sum = texture.reduce((a, b) => a + b, 0);
    const sumSquares = texture.reduce((a, b) => a + b * b, 0);
    expect(localBinaryPattern(image, 3, 3, 8, 1, 'var')[4]).toBeCloseTo((sumSquares - (sum * sum) / 8) / 8, 12);
    expect(Number.isNaN(localBinaryPattern(new Float64Array(9).fill(3), 3, 3, 8, 1, 'var')[4])).toBe(true);
  });

  it('samples outside the image are 0: the corner (0, 0) = 1 sees 2, 0, 0, 0, 0, 0, 4, 3.1…', () => {
    // bits: p0 (0,1)=2 ≥ 1; p1..p5 outside or partly outside → < 1; p6 (1,0) = 4; p7 bilinear inside ≥ 1.
    expect(localBinaryPattern(image, 3, 3, 8, 1, 'default')[0]).toBe(1 + 64 + 128);
  });
});

describe('lbp2DImage (pyradiomics slicing)', () => {
  it('slices across force2Ddimension with pyradiomics swapaxes orientation and keeps the input type', () => {
    const size: Vec3 = [3, 3, 2];
    // slice z = 0 is the 3 × 3 image above, slice z = 1 its transpose
    const data = Int16Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 4, 7, 2, 5, 8, 3, 6, 9]);
    const out = lbp2DImage({ data, size, spacing: [1, 1, 1] }, { radius: 1, samples: 8, method: 'default', force2Ddimension: 0 });
    expect(out).toBeInstanceOf(Int16Array);
    expect(out[4]).toBe(225);
    const transposed = localBinaryPattern(Float64Array.from(data.subarray(9)), 3, 3, 8, 1, 'default');
    expect(Array.from(out.subarray(9))).toEqual(Array.from(transposed));
    // force2Ddimension = 2: slices at fixed x, rows y, cols z
    const sideways = lbp2DImage({ data, size, spacing: [1, 1, 1] }, { radius: 1, samples: 8, method: 'uniform', force2Ddimension: 2 });
    for (let x = 0; x < 3; x++) {
      const slice = Float64Array.from({ length: 6 }, (_, k) => data[x + 3 * (Math.floor(k / 2) + 3 * (k % 2))]!);
      const codes = localBinaryPattern(slice, 3, 2, 8, 1, 'uniform');
      for (let k = 0; k < 6; k++) expect(sideways[x + 3 * (Math.floor(k / 2) + 3 * (k % 2))]).toBe(codes[k]);
    }
  });
});
