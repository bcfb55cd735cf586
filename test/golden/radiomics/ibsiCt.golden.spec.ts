/**
 * IBSI-1 CT radiomics phantom (CC BY-NC 3.0; test use only), configurations A–E, against the IBSI
 * reference values (`z-rad_tests_data/ibsi_1_reference_values_config_{A..E}.csv`) with IBSI's rule:
 * |ours − reference| ≤ tolerance (tolerance-0 values, quoted to 3 significant figures, compared at 3
 * significant figures). Every reference row is looked at: features and the diagnostic rows (image and
 * ROI after loading, interpolation and re-segmentation).
 *
 * Two modes (src/main/engine/radiomics/ibsi/configurations.ts):
 * - ibsi mode: IBSI's processing conventions; every reference value is computed and must pass in A–E.
 * - pyradiomics-compatible mode (pyradiomics' own IBSI-benchmark settings): must pass configuration A.
 *   It cannot pass B–E: every value it misses there is shown to be caused by pyradiomics' processing
 *   conventions — the same values fail in ibsi mode when exactly those conventions are switched back
 *   (corner-aligned grid, no rounding, nearest-neighbour mask, FBS alignment to 0, and for E the
 *   [−718, 400] HU stand-in for range + 3σ re-segmentation), and pass with IBSI's.
 * pyradiomics mode has no IBSI "2D" (per-slice) aggregation (its force2D is IBSI 2.5D) and lacks the
 * IBSI-only features; those rows are "not computed" with that reason.
 *
 * DICOM route: the phantom's DICOM series + RTSTRUCT (GTV-1) gives the NIfTI route's features.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCaseInputs } from '../../../src/main/engine/io/dicom/caseInputs';
import { readImage } from '../../../src/main/engine/io/readImage';
import { extractCase, type CaseImages, type FeatureRow } from '../../../src/main/engine/radiomics/extractor';
import { computeIbsiTags, withinTolerance, type TagResult } from '../../../src/main/engine/radiomics/ibsi/benchmark';
import { ibsiConfigParams, type IbsiConfigId, type IbsiConfigOverrides, type IbsiMode } from '../../../src/main/engine/radiomics/ibsi/configurations';
import { extractCaseIbsi } from '../../../src/main/engine/radiomics/ibsi/extract';
import { readIbsiReferences, type IbsiReference } from '../../../src/main/engine/radiomics/ibsi/referenceTable';
import { splitTag, tagSource } from '../../../src/main/engine/radiomics/ibsi/tags';
import { oraclePath } from '../../support/oracle';

const NIFTI = ['ibsi', 'data_sets', 'ibsi_1_ct_radiomics_phantom', 'nifti'];
const CT: CaseImages = { image: readImage(oraclePath(...NIFTI, 'image', 'phantom.nii.gz')), maskChannels: [readImage(oraclePath(...NIFTI, 'mask', 'mask.nii.gz'))] };
const CONFIGS = ['A', 'B', 'C', 'D', 'E'] as const;

const references = new Map<IbsiConfigId, IbsiReference[]>(
  CONFIGS.map((c) => [c, readIbsiReferences(oraclePath('ibsi', 'z-rad_tests_data', `ibsi_1_reference_values_config_${c}.csv`))]),
);
const refs = (c: IbsiConfigId): IbsiReference[] => references.get(c)!;

const cache = new Map<string, Map<string, TagResult>>();
function results(c: IbsiConfigId, mode: IbsiMode, overrides: IbsiConfigOverrides = {}): Map<string, TagResult> {
  const key = `${c} ${mode} ${JSON.stringify(overrides)}`;
  if (!cache.has(key)) cache.set(key, computeIbsiTags(CT, c, mode, refs(c), overrides));
  return cache.get(key)!;
}

/** Rows with a computed value outside tolerance, as readable text. */
function failures(c: IbsiConfigId, mode: IbsiMode, overrides: IbsiConfigOverrides = {}, filter = (_r: IbsiReference) => true): string[] {
  const res = results(c, mode, overrides);
  return refs(c)
    .filter(filter)
    .filter((r) => {
      const v = res.get(r.tag)!;
      return v.value !== null && !withinTolerance(v.value, r);
    })
    .map((r) => `${r.tag}: ${(res.get(r.tag) as { value: number }).value} vs ${r.value} ± ${r.tolerance}`);
}

const tagOf = (failure: string): string => failure.split(':')[0]!;
const isDiagnostic = (r: IbsiReference): boolean => r.family.startsWith('Diagnostics');

/** Reasons of the rows not computed, with their counts. */
function notComputed(c: IbsiConfigId, mode: IbsiMode): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [, v] of results(c, mode)) if (v.value === null) out[v.reason] = (out[v.reason] ?? 0) + 1;
  return out;
}

describe('IBSI tag → pyradiomics feature map', () => {
  it("agrees with pyradiomics' own IBSI benchmark mapping (mapping_*.csv) for every feature it maps", () => {
    const dir = oraclePath('ibsi', 'pyradiomics_ibsi-benchmark', 'mapping');
    const disagreements: string[] = [];
    let checked = 0;
    for (const file of readdirSync(dir)) {
      for (const line of readFileSync(`${dir}/${file}`, 'utf8').split(/\r?\n/).slice(1)) {
        const [tag, feature] = line.split(',');
        const m = /original_([a-z0-9]+)_(\w+)$/i.exec(feature ?? '');
        if (!tag || !m) continue;
        const source = tagSource(splitTag(tag).stem, 'pyradiomics');
        checked++;
        if (source.kind !== 'pyradiomics' || source.cls !== m[1] || source.feature !== m[2]) disagreements.push(`${file} ${tag}: ${feature} vs ${JSON.stringify(source)}`);
      }
    }
    expect(checked).toBeGreaterThan(900);
    expect(disagreements).toEqual([]);
  });
});

describe('IBSI-1 CT phantom in ibsi mode', () => {
  it.each(CONFIGS)('configuration %s: every reference feature computed and within IBSI tolerance', (c) => {
    expect(failures(c, 'ibsi', {}, (r) => !isDiagnostic(r))).toEqual([]);
    expect(notComputed(c, 'ibsi')).toEqual({});
  });

  it.each(CONFIGS)('configuration %s: every IBSI diagnostic row (dimensions, bounding boxes, voxel counts, intensities after loading, interpolation, re-segmentation) within tolerance', (c) => {
    const diagnostics = refs(c).filter(isDiagnostic);
    expect(diagnostics).toHaveLength(60);
    expect(diagnostics.every((r) => results(c, 'ibsi').get(r.tag)!.value !== null)).toBe(true);
    expect(failures(c, 'ibsi', {}, isDiagnostic)).toEqual([]);
  });

  it('config C counts: interpolated ROI 45985 voxels exactly (IBSI 45985 ± 100); A: 114596 voxels after [−500, 400] re-segmentation', () => {
    expect(results('C', 'ibsi').get('int_mask_vox_count_interp_roi')).toEqual({ value: 45985 });
    expect(results('A', 'ibsi').get('int_mask_vox_count_reseg_roi')).toEqual({ value: 114596 });
  });
});

describe('IBSI-1 CT phantom in pyradiomics-compatible mode', () => {
  it('configuration A: every computed value within IBSI tolerance (features and diagnostics)', () => {
    expect(failures('A', 'pyradiomics')).toEqual([]);
    expect(notComputed('A', 'pyradiomics')).toEqual({
      'pyradiomics has no per-slice (IBSI 2D) aggregation; force2D is IBSI 2.5D': 118,
      'pyradiomics has no such feature (computed in ibsi mode)': 79,
      // pyradiomics reports ROI intensities only after re-segmentation (and, when it resamples, after interpolation)
      'pyradiomics reports no such diagnostic': 6,
    });
  });

  const conventions: Record<'B' | 'C' | 'D' | 'E', IbsiConfigOverrides> = {
    B: { ibsi: { centreAlignedResampling: false, roundAfterInterpolation: false, maskPartialVolumeThreshold: null } },
    C: { ibsi: { centreAlignedResampling: false, roundAfterInterpolation: false, maskPartialVolumeThreshold: null, binAlignToResegmentMinimum: false } },
    D: { ibsi: { centreAlignedResampling: false, roundAfterInterpolation: false, maskPartialVolumeThreshold: null } },
    E: {
      setting: { resegmentRange: [-718, 400] },
      ibsi: { centreAlignedResampling: false, roundAfterInterpolation: false, maskPartialVolumeThreshold: null, binAlignToResegmentMinimum: false, outlierSigma: null },
    },
  };

  // Measured: B 92, C 124, D 126, E 140 feature values outside tolerance (diagnostics aside: pyradiomics
  // reports its cropped resampling grid, not IBSI's whole interpolated image).
  it.each(['B', 'C', 'D', 'E'] as const)(
    'configuration %s cannot pass: each value it misses also fails in ibsi mode with only pyradiomics\' processing conventions switched back',
    (c) => {
      const missed = new Set(failures(c, 'pyradiomics', {}, (r) => !isDiagnostic(r)).map(tagOf));
      expect(missed.size).toBeGreaterThan(50);
      const rows = refs(c).filter((r) => missed.has(r.tag));
      const switched = computeIbsiTags(CT, c, 'ibsi', rows, conventions[c]);
      expect(rows.filter((r) => withinTolerance((switched.get(r.tag) as { value: number }).value, r)).map((r) => r.tag)).toEqual([]);
    },
  );
});

describe('IBSI-1 digital phantom (5×4×4, no processing; values to 3 significant figures)', () => {
  const dir = ['ibsi', 'data_sets', 'ibsi_1_digital_phantom', 'nifti'];
  const phantom: CaseImages = { image: readImage(oraclePath(...dir, 'image', 'phantom.nii.gz')), maskChannels: [readImage(oraclePath(...dir, 'mask', 'mask.nii.gz'))] };
  const phantomRefs = readIbsiReferences(oraclePath('ibsi', 'z-rad_tests_data', 'ibsi_1_reference_values_digital_phantom.csv'));
  const missed = (mode: IbsiMode): string[] => {
    const res = computeIbsiTags(phantom, 'phantom', mode, phantomRefs);
    return phantomRefs.filter((r) => res.get(r.tag)!.value !== null && !withinTolerance((res.get(r.tag) as { value: number }).value, r)).map((r) => r.tag);
  };

  it('ibsi mode: all 482 reference values computed and passing, IBSI-only features (intensity histogram, IVH, local intensity, morphology, NGLDM, GLDZM) included', () => {
    expect(missed('ibsi')).toEqual([]);
    const res = computeIbsiTags(phantom, 'phantom', 'ibsi', phantomRefs);
    expect(phantomRefs.filter((r) => res.get(r.tag)!.value === null)).toEqual([]);
  });

  it('pyradiomics mode: all computed values pass but the minor and least PCA axes (population covariance, N = 74)', () => {
    expect(missed('pyradiomics')).toEqual(['morph_pca_min_axis', 'morph_pca_least_axis']);
  });
});

describe('IBSI CT phantom via DICOM (series + RTSTRUCT GTV-1) equals the NIfTI route', () => {
  const dicom = ['dicom', 'ibsi_1_ct_radiomics_phantom', 'dicom'];
  const numeric = (row: FeatureRow): [string, number][] => [...row].filter((e): e is [string, number] => typeof e[1] === 'number');

  it('ibsi mode, configurations A (2D, no interpolation) and C (trilinear 2 mm): every feature bit-identical', async () => {
    const dcm = await readCaseInputs(oraclePath(...dicom, 'image'), oraclePath(...dicom, 'mask'), 'GTV-1');
    expect(dcm.roiName).toBe('GTV-1');
    // A: every class and IBSI extra; C: the classes that see the interpolated intensities
    for (const [c, aggregation, classes] of [['A', '2D_avg', undefined], ['C', '3D_avg', ['firstorder', 'glcm', 'glszm']]] as const) {
      const params = ibsiConfigParams(c, 'ibsi', aggregation, classes);
      const viaDicom = numeric(extractCaseIbsi({ image: dcm.image, maskChannels: dcm.maskChannels }, params));
      expect(viaDicom.length).toBeGreaterThan(c === 'A' ? 140 : 60);
      expect(viaDicom).toEqual(numeric(extractCaseIbsi(CT, params)));
    }
  });

  it('pyradiomics mode, configuration A: identical but for shape (spacing 0.977 as a double vs NIfTI float32, ≤ 1.1e-13 relative)', async () => {
    const dcm = await readCaseInputs(oraclePath(...dicom, 'image'), oraclePath(...dicom, 'mask'), 'GTV-1');
    const params = ibsiConfigParams('A', 'pyradiomics', '2_5D_avg');
    const viaNifti = new Map(numeric(extractCase(CT, params)));
    const viaDicom = numeric(extractCase({ image: dcm.image, maskChannels: dcm.maskChannels }, params));
    expect(viaDicom.length).toBe(viaNifti.size);
    for (const [key, v] of viaDicom) {
      const tolerance = key.includes('_shape_') ? 1.1e-13 * Math.abs(v) : 0;
      expect(Math.abs(v - viaNifti.get(key)!), key).toBeLessThanOrEqual(tolerance);
    }
  });
});
