/** pyradiomics square / squareroot / logarithm / exponential against hand-computed values (M = max|x| = 4). */
import { describe, expect, it } from 'vitest';
import { exponentialImage, logarithmImage, squareImage, squareRootImage } from '../../../../../../src/main/engine/image/filters/simple';

const x = Int16Array.from([-4, -1, 0, 1, 2, 4]);

describe('pyradiomics intensity transforms (whole-image M = max|x|)', () => {
  it('square: (x/√M)², sign not restored', () => {
    const out = squareImage(x);
    expect(out).toBeInstanceOf(Float64Array);
    expect(Array.from(out)).toEqual([4, 0.25, 0, 0.25, 1, 4]);
  });

  it('squareroot: ±√(M|x|)', () => {
    expect(Array.from(squareRootImage(x))).toEqual([-4, -2, 0, 2, Math.sqrt(8), 4]);
  });

  it('logarithm: ±ln(|x| + 1), rescaled so max|f| = M', () => {
    const l5 = Math.log(5);
    const expected = [-4, (-Math.log(2) * 4) / l5, 0, (Math.log(2) * 4) / l5, (Math.log(3) * 4) / l5, 4];
    logarithmImage(x).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 14));
  });

  it('exponential: exp(x·ln(M)/M), no sign handling', () => {
    const expected = [0.25, 4 ** -0.25, 1, 4 ** 0.25, 2, 4];
    exponentialImage(x).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 14));
  });

  it('degenerate images give what numpy gives: M = 0 → NaN/∞, M = 1 → constant exponential', () => {
    const zeros = new Float32Array(3);
    expect(Array.from(squareImage(zeros)).every(Number.isNaN)).toBe(true);
    expect(Array.from(logarithmImage(zeros)).every(Number.isNaN)).toBe(true);
    expect(Array.from(exponentialImage(Float32Array.from([0, 1, -1])))).toEqual([1, 1, 1]);
  });
});
