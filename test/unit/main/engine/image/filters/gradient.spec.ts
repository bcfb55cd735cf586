/** SimpleITK GradientMagnitude (pyradiomics Gradient) against hand-computed central differences. */
import { describe, expect, it } from 'vitest';
import { gradientMagnitude } from '../../../../../../src/main/engine/image/filters/gradient';
import type { Vec3 } from '../../../../../../src/main/engine/image/volume';

describe('gradientMagnitude', () => {
  // 3 × 2 × 2 volume, value = x² + 10y + 100z (x fastest).
  const size: Vec3 = [3, 2, 2];
  const data = Int16Array.from({ length: 12 }, (_, i) => (i % 3) ** 2 + 10 * (Math.floor(i / 3) % 2) + 100 * Math.floor(i / 6));

  it('central differences inside, half differences at the edges (zero-flux), divided by spacing', () => {
    const spacing: Vec3 = [0.5, 2, 4];
    const out = gradientMagnitude({ data, size, spacing });
    expect(out).toBeInstanceOf(Float32Array);
    // x: (x[1]−x[0])/2 = 0.5 at x = 0, (4−0)/2 = 2 at x = 1, (4−1)/2 = 1.5 at x = 2, each / 0.5 mm.
    // y: (10 − 0)/2 = 5 at both y, / 2 mm = 2.5. z: (100 − 0)/2 = 50, / 4 mm = 12.5.
    const gx = [1, 4, 3];
    for (let i = 0; i < 12; i++) expect(out[i]).toBe(Math.fround(Math.sqrt(gx[i % 3]! ** 2 + 2.5 ** 2 + 12.5 ** 2)));
  });

  it('gradientUseSpacing = false uses unit spacing', () => {
    const out = gradientMagnitude({ data, size, spacing: [0.5, 2, 4] }, false);
    const gx = [0.5, 2, 1.5];
    for (let i = 0; i < 12; i++) expect(out[i]).toBe(Math.fround(Math.sqrt(gx[i % 3]! ** 2 + 5 ** 2 + 50 ** 2)));
  });

  it('an axis of one voxel contributes nothing', () => {
    const out = gradientMagnitude({ data: Float64Array.from([1, 5, 2]), size: [3, 1, 1], spacing: [1, 1, 1] });
    expect(Array.from(out)).toEqual([2, 0.5, 1.5]);
  });
});
