/** IBSI additions to the discretisation: FBS bins from a given origin, N_g of a slice kept at the volume's. */
import { describe, expect, it } from 'vitest';
import { discretiseValues } from '../../../../../../src/main/engine/radiomics/discretise';

describe('IBSI fixed bin size', () => {
  it('starts the bins at binLowerBound: ⌊(x − b)/w⌋ + 1 (pyradiomics aligns them to multiples of w)', () => {
    const values = [-939, -925.5, -900, 0, 393];
    const ibsi = discretiseValues(values, false, { binWidth: 25, binCount: null, binLowerBound: -1000 });
    expect(Array.from(ibsi.bins)).toEqual(values.map((v) => Math.floor((v + 1000) / 25) + 1));
    expect(Array.from(ibsi.bins)).toEqual([3, 3, 5, 41, 56]);
    // pyradiomics: lowBound = −939 − (−939 mod 25) = −950, two bins lower
    expect(Array.from(discretiseValues(values, false, { binWidth: 25, binCount: null }).bins)).toEqual([1, 1, 3, 39, 54]);
  });

  it('keeps bin numbers unchanged with width 1 from 0.5 (how IBSI 2D slices are re-binned) and raises N_g to greyLevelCount', () => {
    const d = discretiseValues([3, 7, 7, 12], false, { binWidth: 1, binCount: null, binLowerBound: 0.5, greyLevelCount: 36 });
    expect(Array.from(d.bins)).toEqual([3, 7, 7, 12]);
    expect(Array.from(d.grayLevels)).toEqual([3, 7, 12]);
    expect(d.ng).toBe(36);
  });
});
