/** ibsi-mode extraction on a small synthetic case: dispatch, keys, diagnostics and errors. */
import { describe, expect, it } from 'vitest';
import type { Volume } from '../../../../../../src/main/engine/image/volume';
import { extractCase, prepareCase } from '../../../../../../src/main/engine/radiomics/extractor';
import { extractCaseIbsi } from '../../../../../../src/main/engine/radiomics/ibsi/extract';
import { parseParams } from '../../../../../../src/main/engine/radiomics/paramsFile';

function phantom(): { image: Volume; maskChannels: Volume[] } {
  const size: [number, number, number] = [12, 10, 8];
  const n = 960;
  const image = new Int16Array(n);
  const mask = new Uint8Array(n);
  for (let z = 0, i = 0; z < 8; z++) {
    for (let y = 0; y < 10; y++) {
      for (let x = 0; x < 12; x++, i++) {
        image[i] = ((x * 7 + y * 13 + z * 29) % 50) - 20;
        mask[i] = x >= 2 && x < 10 && y >= 2 && y < 8 && z >= 1 && z < 7 ? 1 : 0;
      }
    }
  }
  const geometry = { size, spacing: [1, 1, 2] as [number, number, number], origin: [0, 0, 0] as [number, number, number], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] as Volume['direction'] };
  return { image: { ...geometry, data: image }, maskChannels: [{ ...geometry, data: mask }] };
}

describe('ibsi-mode extraction', () => {
  const params = parseParams('setting: {binWidth: 10, resegmentRange: [-15, 25], interpolator: sitkLinear, resampledPixelSpacing: [1, 1, 1]}\nfeatureClass: {firstorder: [Mean], glcm: [Contrast], glszm: [], shape: [MeshVolume]}\nibsi: {}');

  it('extractCase dispatches parameters with an ibsi block; prepareCase refuses them', () => {
    const c = phantom();
    expect([...extractCase(c, params)]).toEqual([...extractCaseIbsi(c, params)]);
    expect(() => prepareCase(c, params)).toThrow(/ibsi block/);
  });

  it('emits pyradiomics-named features, IBSI-only features under _ibsi_ and IBSI diagnostics', () => {
    const row = extractCaseIbsi(phantom(), params, { prefix: 'A_' });
    const keys = [...row.keys()];
    expect(keys).toContain('A_original_firstorder_Mean');
    expect(keys).toContain('A_original_glcm_Contrast');
    expect(keys).toContain('A_original_shape_MeshVolume');
    for (const tag of ['ih_mode', 'ivh_v10', 'loc_peak_glob', 'dzm_sde', 'morph_moran_i', 'morph_vol_dens_conv_hull']) expect(keys.some((k) => k.endsWith(`_ibsi_${tag}`))).toBe(true);
    expect(row.get('A_diagnostics_IBSI_img_dim_z_interp_img')).toBe('16'); // ⌈8·2/1⌉
    expect(row.get('A_diagnostics_IBSI_vox_dim_z_interp_img')).toBe('1');
    expect(Number(row.get('A_diagnostics_IBSI_int_mask_vox_count_reseg_roi'))).toBeLessThanOrEqual(Number(row.get('A_diagnostics_IBSI_morph_mask_vox_count_reseg_roi')));
    expect(Number(row.get('A_diagnostics_IBSI_int_mask_min_int_reseg_roi'))).toBeGreaterThanOrEqual(-15);
    // FBS bins from the resegmentation minimum −15 in steps of 10
    const withoutExtras = parseParams('setting: {binWidth: 10, resegmentRange: [-15, 25]}\nfeatureClass: {firstorder: [Minimum]}\nibsi: {extraFeatures: false}');
    expect([...extractCaseIbsi(phantom(), withoutExtras).keys()].filter((k) => k.includes('_ibsi_'))).toEqual([]);
  });

  it('fails clearly when the ROI vanishes or the label is absent', () => {
    const c = phantom();
    expect(() => extractCaseIbsi(c, params, { label: 2 })).toThrow(/Label \(2\) not present/);
    const tiny = phantom();
    tiny.maskChannels[0]!.data.fill(0);
    for (const [x, y] of [[5, 5], [6, 5], [5, 6], [6, 6]]) (tiny.maskChannels[0]!.data as Uint8Array)[x! + 12 * y! + 120 * 4] = 1;
    const coarse = parseParams('setting: {interpolator: sitkLinear, resampledPixelSpacing: [4, 4, 4]}\nibsi: {maskPartialVolumeThreshold: 0.9}');
    expect(() => extractCaseIbsi(tiny, coarse)).toThrow(/no voxel left after interpolation/);
  });
});
