import { describe, expect, it } from 'vitest';
import { activationHeatmap, camWeightsFromCoefficients, jet, overlayHeatmap, weightedActivation } from '../../../../../src/main/engine/deepFeatures/cam';

describe('class-activation maps of a signature', () => {
  // One image, 3 channels on a 2×2 grid.
  const layer = Float32Array.from([1, 2, 3, 4, 0, 0, 8, 0, 5, 5, 5, 5]);
  const mean = (c: number): number => (layer[4 * c] + layer[4 * c + 1] + layer[4 * c + 2] + layer[4 * c + 3]) / 4;

  it('mean of S = Σ w_k A_k equals the signature term Σ w_k f_k (f_k = channel mean)', () => {
    const weights = [
      { channel: 0, weight: 0.5 },
      { channel: 1, weight: -2 },
    ];
    const s = weightedActivation(layer, 3, 2, 2, weights);
    expect(Array.from(s.map)).toEqual([0.5, 1, 1.5 - 16, 2]);
    expect(s.contribution).toBeCloseTo(0.5 * mean(0) - 2 * mean(1), 12);
    expect(() => weightedActivation(layer, 3, 2, 2, [{ channel: 3, weight: 1 }])).toThrow(/outside/);
  });

  it('picks this phase and model stem from named coefficients', () => {
    const w = camWeightsFromCoefficients(
      [
        ['V_resnet18_avgpool_0002', 0.3],
        ['A_resnet18_avgpool_0001', 1],
        ['V_resnet18_avgpool_0005', 0],
        ['original_glcm_Idm', 4],
      ],
      'V',
      'resnet18_avgpool',
    );
    expect(w).toEqual([{ channel: 2, weight: 0.3 }]);
  });

  it('heat map = ReLU, bilinear upsampling, divided by the maximum', () => {
    const heat = activationHeatmap([-1, 2, 0, 4], 2, 2, 4, 4);
    expect(Math.max(...heat)).toBe(1);
    expect(Math.min(...heat)).toBe(0);
    // Top-left output pixel samples source (0, 0) exactly: ReLU(−1) = 0.
    expect(heat[0]).toBe(0);
    // Row 0, column 1: 0.75·0 + 0.25·2 = 0.5 → 0.5 / 4.
    expect(heat[1]).toBeCloseTo(0.125, 7);
    expect(Array.from(activationHeatmap([-1, -2], 1, 2, 2, 2))).toEqual([0, 0, 0, 0]);
  });

  it('jet runs blue → cyan → yellow → red and the overlay blends only inside the box', () => {
    expect(jet(0)).toEqual([0, 0, 0.5]);
    expect(jet(0.5)).toEqual([0.5, 1, 0.5]);
    expect(jet(1)).toEqual([0.5, 0, 0]);
    const grey = Float32Array.from([0.2, 0.2, 0.2, 0.2]);
    const img = overlayHeatmap(grey, 2, 2, Float32Array.from([1]), { x0: 1, x1: 1, y0: 1, y1: 1 }, 0.5);
    expect(Array.from(img.data.subarray(0, 3))).toEqual([51, 51, 51]);
    // (1 − 0.5)·0.2 + 0.5·jet(1) = (0.35, 0.1, 0.1) → 89, 26, 26.
    expect(Array.from(img.data.subarray(9, 12))).toEqual([89, 26, 26]);
  });
});
