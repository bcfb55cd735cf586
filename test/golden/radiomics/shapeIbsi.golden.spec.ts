/**
 * shape vs the IBSI-1 morphological reference values (oracle/ibsi/z-rad_tests_data, IBSI tags
 * `morph_*`), with IBSI's own acceptance rule: reference ± tolerance. Tags map to pyradiomics names
 * through pyradiomics' IBSI benchmark mapping (oracle/ibsi/pyradiomics_ibsi-benchmark/mapping).
 *
 * Where pyradiomics' definition differs from IBSI's the test says so and checks the documented
 * relation instead of loosening anything.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { roiOf } from '../../../src/main/engine/image/mask';
import { resampleImage } from '../../../src/main/engine/image/resample';
import type { Vec3, Volume } from '../../../src/main/engine/image/volume';
import { readImage } from '../../../src/main/engine/io/readImage';
import { shape } from '../../../src/main/engine/radiomics/families/shape';
import { ibsiPreprocess } from '../../../src/main/engine/radiomics/ibsi/preprocess';
import { parseParams } from '../../../src/main/engine/radiomics/paramsFile';
import { DEFAULT_SETTINGS } from '../../../src/main/engine/radiomics/settings';
import { oraclePath } from '../../support/oracle';

const splitCsv = (line: string): string[] =>
  line.match(/("[^"]*"|[^,]*)(,|$)/g)!.slice(0, -1).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));

/** IBSI morph tag → pyradiomics shape feature name. */
const NAME_OF_TAG = new Map(
  readFileSync(oraclePath('ibsi', 'pyradiomics_ibsi-benchmark', 'mapping', 'mapping_phantom.csv'), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.split(','))
    .filter(([tag, name]) => tag?.startsWith('morph_') && name?.startsWith('3D_original_shape_'))
    .map(([tag, name]) => [tag!, name!.replace('3D_original_shape_', '')]),
);

interface Reference {
  tag: string;
  value: number;
  tolerance: number;
}

/** The Morphology rows with a consensus value that pyradiomics computes. */
function references(file: string): Reference[] {
  const text = readFileSync(oraclePath('ibsi', 'z-rad_tests_data', file), 'utf8').replace(/^\uFEFF/, '');
  const [header, ...rows] = text.split(/\r?\n/).filter(Boolean).map(splitCsv);
  const col = (name: string): number => header!.indexOf(name);
  return rows
    .filter((r) => r[col('family')] === 'Morphology' && r[col('reference value')] !== '' && NAME_OF_TAG.has(r[col('tag')]!))
    .map((r) => ({ tag: r[col('tag')]!, value: Number(r[col('reference value')]), tolerance: Number(r[col('tolerance')]) }));
}

/** Shape features of label 1 of `mask` cropped to its bounding box, with the given spacing. */
function shapeOf(mask: Volume, spacing: Vec3): { features: Map<string, number>; voxels: number } {
  const [nx, ny, nz] = mask.size;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-1, -1, -1];
  for (let z = 0, i = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++, i++) {
    if (mask.data[i] !== 1) continue;
    [x, y, z].forEach((c, d) => {
      lo[d] = Math.min(lo[d]!, c);
      hi[d] = Math.max(hi[d]!, c);
    });
  }
  const size = [0, 1, 2].map((d) => hi[d]! - lo[d]! + 1) as Vec3;
  const roi = new Uint8Array(size[0] * size[1] * size[2]);
  for (let z = 0, o = 0; z < size[2]; z++) for (let y = 0; y < size[1]; y++) for (let x = 0; x < size[0]; x++, o++) {
    roi[o] = mask.data[x + lo[0]! + nx * (y + lo[1]! + ny * (z + lo[2]!))] === 1 ? 1 : 0;
  }
  const input = { image: new Float64Array(roi.length), imageIsFloat32: false, mask: roi, morphologicalMask: roi, size, spacing, settings: DEFAULT_SETTINGS };
  return { features: shape.compute(input, [...new Set(NAME_OF_TAG.values())]), voxels: roi.reduce((a, b) => a + b, 0) };
}

/** Tags whose value is outside IBSI's tolerance, given our value per tag. */
function outside(refs: Reference[], value: (tag: string) => number): string[] {
  return refs.filter((r) => !(Math.abs(value(r.tag) - r.value) <= r.tolerance)).map((r) => `${r.tag}: ${value(r.tag)} vs ${r.value} ± ${r.tolerance}`);
}

/**
 * pyradiomics' PCA uses the population covariance (divisor N); the IBSI consensus values of the axis
 * lengths correspond to the sample covariance (divisor N − 1): on the digital phantom (N = 74) all
 * three lengths match IBSI only after the factor √(N/(N − 1)) = 1.0068. Ratios (elongation, flatness)
 * are unaffected; for the CT phantom (N > 10⁵) the factor is 1 + 4e-6.
 */
const AXIS_LENGTH_TAGS = new Set(['morph_pca_maj_axis', 'morph_pca_min_axis', 'morph_pca_least_axis']);

describe('shape vs IBSI-1 digital phantom (morph_*)', () => {
  const dir = ['ibsi', 'data_sets', 'ibsi_1_digital_phantom', 'nifti'];
  const image = readImage(oraclePath(...dir, 'image', 'phantom.nii.gz'));
  const { features, voxels } = shapeOf(readImage(oraclePath(...dir, 'mask', 'mask.nii.gz')), image.spacing);
  const refs = references('ibsi_1_reference_values_digital_phantom.csv');
  const ours = (tag: string): number => features.get(NAME_OF_TAG.get(tag)!)!;

  it('covers the 14 morphological features pyradiomics implements', () => {
    expect(refs.map((r) => NAME_OF_TAG.get(r.tag)).sort()).toEqual([...new Set(NAME_OF_TAG.values())].sort());
  });

  it('mesh, voxel, diameter and PCA-ratio features lie within IBSI tolerance', () => {
    expect(outside(refs.filter((r) => !AXIS_LENGTH_TAGS.has(r.tag)), ours)).toEqual([]);
  });

  it('axis lengths lie within IBSI tolerance after the population → sample covariance factor √(N/(N−1))', () => {
    const sample = (tag: string): number => ours(tag) * Math.sqrt(voxels / (voxels - 1));
    expect(voxels).toBe(74);
    expect(outside(refs.filter((r) => AXIS_LENGTH_TAGS.has(r.tag)), sample)).toEqual([]);
    // Documented difference: with pyradiomics' own (population) definition, minor and least fall outside.
    expect(outside(refs.filter((r) => AXIS_LENGTH_TAGS.has(r.tag)), ours).map((s) => s.split(':')[0])).toEqual([
      'morph_pca_min_axis',
      'morph_pca_least_axis',
    ]);
  });
});

describe('shape vs IBSI-1 CT phantom (morph_*)', () => {
  const dir = ['ibsi', 'data_sets', 'ibsi_1_ct_radiomics_phantom', 'nifti'];
  const image = readImage(oraclePath(...dir, 'image', 'phantom.nii.gz'));
  const mask = readImage(oraclePath(...dir, 'mask', 'mask.nii.gz'));

  it('configuration A (no resampling): every morphological feature within IBSI tolerance', () => {
    const { features, voxels } = shapeOf(mask, image.spacing);
    expect(voxels).toBe(125256);
    const refs = references('ibsi_1_reference_values_config_A.csv');
    expect(refs).toHaveLength(14);
    expect(outside(refs, (tag) => features.get(NAME_OF_TAG.get(tag)!)!)).toEqual([]);
  });

  it('configuration B with pyradiomics resampling (2×2 mm in-plane, sitkLinear image, nearest-neighbour mask): all but Compactness2 and Flatness within IBSI tolerance', () => {
    // IBSI interpolates the mask linearly on a centre-aligned grid and keeps partial volume ≥ 0.5;
    // pyradiomics resamples the mask nearest-neighbour on a corner-aligned grid (oracle README §4).
    // The 63 voxels' difference (29779 vs 29842) moves Compactness2 (0.3753 vs 0.377 ± 0.001) and
    // Flatness (0.7544 vs 0.758 ± 0.001) out of tolerance: a resampling convention, not a shape one.
    const resampled = resampleImage(image, mask, [2, 2, 0], 'sitkLinear', 1, 5);
    const { features, voxels } = shapeOf(resampled.mask, resampled.mask.spacing);
    expect(voxels).toBe(29779);
    const refs = references('ibsi_1_reference_values_config_B.csv');
    expect(refs).toHaveLength(14);
    expect(outside(refs, (tag) => features.get(NAME_OF_TAG.get(tag)!)!).map((s) => s.split(':')[0])).toEqual([
      'morph_comp_2',
      'morph_pca_flatness',
    ]);
  });

  it('configuration B with IBSI resampling (ibsi mode: centre-aligned grid, linear mask, partial volume ≥ 0.5): every morphological feature within IBSI tolerance', () => {
    const settings = parseParams('setting: {interpolator: sitkLinear, resampledPixelSpacing: [2, 2, 0]}\nibsi: {}').settings;
    const { morphologicalMask } = ibsiPreprocess(image, roiOf(mask, 1), settings);
    const { features, voxels } = shapeOf(morphologicalMask, morphologicalMask.spacing);
    expect(voxels).toBe(29842); // IBSI: 29842 ± 100
    const refs = references('ibsi_1_reference_values_config_B.csv');
    // axis lengths as IBSI defines them (sample covariance); a factor of 1 + 2e-5 at N = 29842
    const sample = (tag: string): number => features.get(NAME_OF_TAG.get(tag)!)! * (AXIS_LENGTH_TAGS.has(tag) ? Math.sqrt(voxels / (voxels - 1)) : 1);
    expect(outside(refs, sample)).toEqual([]);
  });
});
