import { describe, expect, it } from 'vitest';
import { resizeBilinear } from '../../../../../src/main/engine/deepFeatures/bilinear';

describe('bilinear resize with half-pixel centres (PyTorch align_corners=False)', () => {
  it('upsamples 2×2 → 4×4 to the values F.interpolate gives by hand', () => {
    // x: s_j = max(0, (j + 0.5)/2 − 0.5) = 0, 0.25, 0.75, 1.25→clamped pair (1,1): weights (1,0),(0.75,0.25),(0.25,0.75),(0,1).
    const out = resizeBilinear([1, 2, 3, 4], 2, 2, 4, 4);
    expect(Array.from(out)).toEqual([1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3, 3.25, 3.75, 4]);
  });

  it('downsamples 4 → 2 by averaging neighbour pairs (s = 0.5, 2.5)', () => {
    const out = resizeBilinear([0, 10, 20, 30], 4, 1, 2, 1);
    expect(Array.from(out)).toEqual([5, 25]);
  });

  it('is the identity at equal size and stretches anisotropically', () => {
    const src = [1, 2, 3, 4, 5, 6];
    expect(Array.from(resizeBilinear(src, 3, 2, 3, 2))).toEqual(src);
    // 3×1 → 3×2: rows repeat (y taps clamp to the single row).
    expect(Array.from(resizeBilinear([7, 8, 9], 3, 1, 3, 2))).toEqual([7, 8, 9, 7, 8, 9]);
  });

  it('upsamples a single pixel to a constant and rejects a wrong length', () => {
    expect(Array.from(resizeBilinear([3], 1, 1, 2, 3))).toEqual([3, 3, 3, 3, 3, 3]);
    expect(() => resizeBilinear([1, 2, 3], 2, 2, 4, 4)).toThrow(/3 values for a 2×2/);
  });
});
