import { describe, expect, it } from 'vitest';
import { deepFeatureName, deepFeatureNames, parseDeepFeatureName } from '../../../../../src/main/engine/deepFeatures/naming';
import { dropNullFeatures, nullFeatureColumns } from '../../../../../src/main/engine/deepFeatures/nullFeatures';

describe('deep-feature names', () => {
  it('formats <phase>_<stem>_<4-digit index> and parses it back', () => {
    expect(deepFeatureName('V', 'resnet18_avgpool', 137)).toBe('V_resnet18_avgpool_0137');
    expect(deepFeatureNames('A', 'resnet18_avgpool', 512).at(-1)).toBe('A_resnet18_avgpool_0511');
    expect(parseDeepFeatureName('V_resnet18_avgpool_0137')).toEqual({ phase: 'V', stem: 'resnet18_avgpool', index: 137 });
    expect(parseDeepFeatureName('D2_resnet18v2_avgpool_0000')).toEqual({ phase: 'D2', stem: 'resnet18v2_avgpool', index: 0 });
    expect(parseDeepFeatureName('original_glcm_Autocorrelation')).toBeUndefined();
  });

  it('rejects prefixes with an underscore and bad indices', () => {
    expect(() => deepFeatureName('V_1', 'resnet18_avgpool', 0)).toThrow(/phase prefix/);
    expect(() => deepFeatureName('V', 'resnet18_avgpool', -1)).toThrow(/index/);
  });
});

describe('null deep features', () => {
  it('finds columns that are zero (or missing) for every patient and drops them', () => {
    // 3 patients × 4 features: column 1 all zero, column 3 zero/NaN, column 2 constant non-zero (kept).
    const values = [1, 0, 5, 0, 2, 0, 5, NaN, 0, 0, 5, 0];
    expect(nullFeatureColumns(values, 3, 4)).toEqual([1, 3]);
    const r = dropNullFeatures(values, ['a', 'b', 'c', 'd'], 3);
    expect(r.names).toEqual(['a', 'c']);
    expect(r.dropped).toEqual(['b', 'd']);
    expect(Array.from(r.values)).toEqual([1, 5, 2, 5, 0, 5]);
  });
});
