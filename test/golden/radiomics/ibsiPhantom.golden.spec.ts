/**
 * IBSI-1 digital phantom (5×4×4, grey levels 1, 3, 4, 6; no discretisation = binWidth 1, whose bins
 * equal the grey levels since every slice's minimum is 1).
 *
 * Matrices: `ibsi-doc/06_Digital_phantom_texture_matrices.rst` (exact counts; NGTDM s_i to the 6
 * printed decimals). Per-direction / per-slice tables are compared as multisets because their
 * captions are garbled in the converted text.
 *
 * Features: `z-rad_tests_data/ibsi_1_reference_values_digital_phantom.csv` (values quoted to 3
 * significant figures, tolerance 0: ours rounded to 3 significant figures must equal the
 * reference, or lie within the listed tolerance). IBSI aggregation ↔ our settings:
 * - GLCM/GLRLM `3D_avg` = pyradiomics default (features per direction, nanmean);
 * - `3D_comb` = weightingNorm 'no_weighting' (directions merged into one matrix);
 * - `2_5D_avg` = force2D (matrices pooled over slices per in-plane direction, features averaged);
 * - `2_5D_comb` = force2D + 'no_weighting';
 * - GLSZM/NGTDM/NGLDM `3D` = default, `2_5D` = force2D;
 * - IBSI `2D*` (per-slice features averaged over slices) has no pyradiomics setting: it is checked
 *   by running each slice as its own single-slice grid (which keeps only in-plane offsets) and
 *   averaging, `2D_comb` with 'no_weighting'.
 * Not comparable: ngl_dc_energy (not in pyradiomics), ngl_glnu_norm and ngl_dc_perc (deprecated
 * in pyradiomics, never emitted).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../../src/main/engine/image/volume';
import { readImage } from '../../../src/main/engine/io/readImage';
import { buildAngles } from '../../../src/main/engine/radiomics/angles';
import type { FeatureFamily } from '../../../src/main/engine/radiomics/family';
import { glcmFamily } from '../../../src/main/engine/radiomics/families/glcm';
import { gldmFamily } from '../../../src/main/engine/radiomics/families/gldm';
import { glrlmFamily } from '../../../src/main/engine/radiomics/families/glrlm';
import { glszmFamily } from '../../../src/main/engine/radiomics/families/glszm';
import { ngtdmFamily } from '../../../src/main/engine/radiomics/families/ngtdm';
import { binRoi, type BinnedRoi } from '../../../src/main/engine/radiomics/matrices/binnedRoi';
import { glcmCounts } from '../../../src/main/engine/radiomics/matrices/glcm';
import { gldmCounts } from '../../../src/main/engine/radiomics/matrices/gldm';
import { glrlmCounts } from '../../../src/main/engine/radiomics/matrices/glrlm';
import { glszmCounts } from '../../../src/main/engine/radiomics/matrices/glszm';
import { computeNgtdm } from '../../../src/main/engine/radiomics/matrices/ngtdm';
import { DEFAULT_SETTINGS, type ExtractionSettings } from '../../../src/main/engine/radiomics/settings';
import { oraclePath } from '../../support/oracle';
import { readPhantomMatrixTables, type RstTable } from './ibsiPhantomMatrices';

const phantomImage = readImage(oraclePath('ibsi', 'data_sets', 'ibsi_1_digital_phantom', 'nifti', 'image', 'phantom.nii.gz'));
const phantomMask = readImage(oraclePath('ibsi', 'data_sets', 'ibsi_1_digital_phantom', 'nifti', 'mask', 'mask.nii.gz'));
const IMAGE = Float64Array.from(phantomImage.data);
const MASK = Uint8Array.from(phantomMask.data);
const SIZE = phantomImage.size;
const SPACING = phantomImage.spacing;
const SETTINGS: ExtractionSettings = { ...DEFAULT_SETTINGS, binWidth: 1 };
const TABLES = readPhantomMatrixTables();

interface Grid {
  image: Float64Array;
  mask: Uint8Array;
  size: Vec3;
}
const VOLUME: Grid = { image: IMAGE, mask: MASK, size: SIZE };
const SLICES: Grid[] = Array.from({ length: SIZE[2] }, (_, z) => {
  const n = SIZE[0] * SIZE[1];
  return { image: IMAGE.slice(z * n, (z + 1) * n), mask: MASK.slice(z * n, (z + 1) * n), size: [SIZE[0], SIZE[1], 1] };
});

const bin = (g: Grid): BinnedRoi => binRoi(g.image, g.mask, g.size, false, SETTINGS);

/** Canonical text of a sparse matrix: sorted "a|b|n" rows of the nonzero entries. */
const canonical = (rows: number[][]): string =>
  rows
    .filter((r) => r[2] !== 0)
    .map((r) => r.map((v) => String(v)).join('|'))
    .sort()
    .join(' ');
const canonicalTables = (tables: RstTable[]): string[] => tables.map((t) => canonical(t.rows)).sort();
const section = (title: string): RstTable[] => {
  const t = TABLES.get(title);
  if (!t) throw new Error(`section missing: ${title}`);
  return t;
};

/** Symmetric GLCM count tables (i, j, n) per unidirectional angle, in original gray levels. */
function glcmTables(g: Grid): number[][][] {
  const roi = bin(g);
  const angles = buildAngles(g.size, { distances: [1], force2D: false, force2Ddimension: 0, bidirectional: false });
  const c = glcmCounts(roi, angles);
  const L = roi.grayLevels.length;
  return angles.map((_, a) => {
    const rows: number[][] = [];
    for (let i = 0; i < L; i++)
      for (let j = 0; j < L; j++)
        rows.push([roi.grayLevels[i]!, roi.grayLevels[j]!, c[(a * L + i) * L + j]! + c[(a * L + j) * L + i]!]);
    return rows;
  });
}

/** GLRLM count tables (i, r, n) per unidirectional angle. */
function glrlmTables(g: Grid): number[][][] {
  const roi = bin(g);
  const angles = buildAngles(g.size, { distances: [1], force2D: false, force2Ddimension: 0, bidirectional: false });
  const { counts, maxRun } = glrlmCounts(roi, angles);
  const L = roi.grayLevels.length;
  return angles.map((_, a) => {
    const rows: number[][] = [];
    for (let i = 0; i < L; i++) for (let r = 0; r < maxRun; r++) rows.push([roi.grayLevels[i]!, r + 1, counts[(a * L + i) * maxRun + r]!]);
    return rows;
  });
}

/** Element-wise sum of tables with identical row layout. */
const merge = (tables: number[][][]): number[][] =>
  tables[0]!.map((row, k) => [row[0]!, row[1]!, tables.reduce((s, t) => s + t[k]![2]!, 0)]);

function glszmTable(g: Grid): number[][] {
  const roi = bin(g);
  const { counts, maxZone } = glszmCounts(roi, SETTINGS);
  const rows: number[][] = [];
  roi.grayLevels.forEach((gl, i) => {
    for (let s = 0; s < maxZone; s++) rows.push([gl, s + 1, counts[i * maxZone + s]!]);
  });
  return rows;
}

function ngldmTable(g: Grid): number[][] {
  const roi = bin(g);
  const { counts, columns } = gldmCounts(roi, SETTINGS);
  const rows: number[][] = [];
  roi.grayLevels.forEach((gl, i) => {
    for (let c = 0; c < columns; c++) rows.push([gl, c + 1, counts[i * columns + c]!]);
  });
  return rows;
}

function expectNgtdm(g: Grid, table: RstTable): void {
  const m = computeNgtdm(bin(g), SETTINGS);
  expect(table.header).toEqual(['i', 's', 'n']);
  expect(table.rows.map((r) => r[0])).toEqual(Array.from(m.levels));
  table.rows.forEach((r, k) => {
    expect(m.n[k]).toBe(r[2]);
    expect(Math.abs(m.s[k]! - r[1]!)).toBeLessThanOrEqual(5e-7);
  });
}

describe('IBSI digital phantom texture matrices', () => {
  it('GLCM 3D: the 13 symmetric direction matrices and their merge', () => {
    const ours = glcmTables(VOLUME);
    expect(ours.map(canonical).sort()).toEqual(canonicalTables(section('Grey level co-occurrence matrix (3D)')));
    expect(canonical(merge(ours))).toBe(canonical(section('Grey level co-occurrence matrix (3D, merged)')[0]!.rows));
  });

  it('GLCM 2D: per slice, 4 in-plane directions (single-slice grids keep only in-plane offsets) and per-slice merges', () => {
    const perSlice = SLICES.map(glcmTables);
    expect(perSlice.every((t) => t.length === 4)).toBe(true);
    expect(perSlice.flat().map(canonical).sort()).toEqual(canonicalTables(section('Grey level co-occurrence matrix (2D)')));
    expect(perSlice.map((t) => canonical(merge(t))).sort()).toEqual(
      canonicalTables(section('Grey level co-occurrence matrix (2D, merged)')),
    );
  });

  it('GLRLM 3D: the 13 direction matrices and their merge', () => {
    const ours = glrlmTables(VOLUME);
    expect(ours.map(canonical).sort()).toEqual(canonicalTables(section('Grey level run length matrix (3D)')));
    expect(canonical(merge(ours))).toBe(canonical(section('Grey level run length matrix (3D, merged)')[0]!.rows));
  });

  it('GLRLM 2D: per slice and direction, and per-slice merges', () => {
    const perSlice = SLICES.map(glrlmTables);
    expect(perSlice.flat().map(canonical).sort()).toEqual(canonicalTables(section('Grey level run length matrix (2D)')));
    expect(perSlice.map((t) => canonical(merge(t))).sort()).toEqual(
      canonicalTables(section('Grey level run length matrix (2D, merged)')),
    );
  });

  it('GLSZM 3D (26-connected) and 2D per slice (8-connected)', () => {
    expect(canonical(glszmTable(VOLUME))).toBe(canonical(section('Grey level size zone matrix (3D)')[0]!.rows));
    expect(SLICES.map((s) => canonical(glszmTable(s))).sort()).toEqual(canonicalTables(section('Grey level size zone matrix (2D)')));
  });

  it('NGLDM 3D and 2D per slice (α = 0, Chebyshev 1; column = dependence size)', () => {
    expect(canonical(ngldmTable(VOLUME))).toBe(canonical(section('Neighbouring grey level dependence matrix (3D)')[0]!.rows));
    expect(SLICES.map((s) => canonical(ngldmTable(s))).sort()).toEqual(
      canonicalTables(section('Neighbouring grey level dependence matrix (2D)')),
    );
  });

  it('NGTDM 3D (and 2D per slice, in document order)', () => {
    expectNgtdm(VOLUME, section('Neighbourhood grey tone difference matrix (3D)')[0]!);
    section('Neighbourhood grey tone difference matrix (2D)').forEach((t, z) => expectNgtdm(SLICES[z]!, t));
  });
});

/** IBSI tag stem → pyradiomics class and feature. */
const FEATURE_MAP: Record<string, [FeatureFamily, string]> = {
  cm_joint_max: [glcmFamily, 'MaximumProbability'],
  cm_joint_avg: [glcmFamily, 'JointAverage'],
  cm_joint_var: [glcmFamily, 'SumSquares'],
  cm_joint_entr: [glcmFamily, 'JointEntropy'],
  cm_diff_avg: [glcmFamily, 'DifferenceAverage'],
  cm_diff_var: [glcmFamily, 'DifferenceVariance'],
  cm_diff_entr: [glcmFamily, 'DifferenceEntropy'],
  cm_sum_avg: [glcmFamily, 'SumAverage'],
  cm_sum_var: [glcmFamily, 'ClusterTendency'],
  cm_sum_entr: [glcmFamily, 'SumEntropy'],
  cm_energy: [glcmFamily, 'JointEnergy'],
  cm_contrast: [glcmFamily, 'Contrast'],
  cm_dissimilarity: [glcmFamily, 'DifferenceAverage'],
  cm_inv_diff: [glcmFamily, 'Id'],
  cm_inv_diff_norm: [glcmFamily, 'Idn'],
  cm_inv_diff_mom: [glcmFamily, 'Idm'],
  cm_inv_diff_mom_norm: [glcmFamily, 'Idmn'],
  cm_inv_var: [glcmFamily, 'InverseVariance'],
  cm_corr: [glcmFamily, 'Correlation'],
  cm_auto_corr: [glcmFamily, 'Autocorrelation'],
  cm_clust_tend: [glcmFamily, 'ClusterTendency'],
  cm_clust_shade: [glcmFamily, 'ClusterShade'],
  cm_clust_prom: [glcmFamily, 'ClusterProminence'],
  cm_info_corr1: [glcmFamily, 'Imc1'],
  cm_info_corr2: [glcmFamily, 'Imc2'],
  rlm_sre: [glrlmFamily, 'ShortRunEmphasis'],
  rlm_lre: [glrlmFamily, 'LongRunEmphasis'],
  rlm_lgre: [glrlmFamily, 'LowGrayLevelRunEmphasis'],
  rlm_hgre: [glrlmFamily, 'HighGrayLevelRunEmphasis'],
  rlm_srlge: [glrlmFamily, 'ShortRunLowGrayLevelEmphasis'],
  rlm_srhge: [glrlmFamily, 'ShortRunHighGrayLevelEmphasis'],
  rlm_lrlge: [glrlmFamily, 'LongRunLowGrayLevelEmphasis'],
  rlm_lrhge: [glrlmFamily, 'LongRunHighGrayLevelEmphasis'],
  rlm_glnu: [glrlmFamily, 'GrayLevelNonUniformity'],
  rlm_glnu_norm: [glrlmFamily, 'GrayLevelNonUniformityNormalized'],
  rlm_rlnu: [glrlmFamily, 'RunLengthNonUniformity'],
  rlm_rlnu_norm: [glrlmFamily, 'RunLengthNonUniformityNormalized'],
  rlm_r_perc: [glrlmFamily, 'RunPercentage'],
  rlm_gl_var: [glrlmFamily, 'GrayLevelVariance'],
  rlm_rl_var: [glrlmFamily, 'RunVariance'],
  rlm_rl_entr: [glrlmFamily, 'RunEntropy'],
  szm_sze: [glszmFamily, 'SmallAreaEmphasis'],
  szm_lze: [glszmFamily, 'LargeAreaEmphasis'],
  szm_lgze: [glszmFamily, 'LowGrayLevelZoneEmphasis'],
  szm_hgze: [glszmFamily, 'HighGrayLevelZoneEmphasis'],
  szm_szlge: [glszmFamily, 'SmallAreaLowGrayLevelEmphasis'],
  szm_szhge: [glszmFamily, 'SmallAreaHighGrayLevelEmphasis'],
  szm_lzlge: [glszmFamily, 'LargeAreaLowGrayLevelEmphasis'],
  szm_lzhge: [glszmFamily, 'LargeAreaHighGrayLevelEmphasis'],
  szm_glnu: [glszmFamily, 'GrayLevelNonUniformity'],
  szm_glnu_norm: [glszmFamily, 'GrayLevelNonUniformityNormalized'],
  szm_zsnu: [glszmFamily, 'SizeZoneNonUniformity'],
  szm_zsnu_norm: [glszmFamily, 'SizeZoneNonUniformityNormalized'],
  szm_z_perc: [glszmFamily, 'ZonePercentage'],
  szm_gl_var: [glszmFamily, 'GrayLevelVariance'],
  szm_zs_var: [glszmFamily, 'ZoneVariance'],
  szm_zs_entr: [glszmFamily, 'ZoneEntropy'],
  ngt_coarseness: [ngtdmFamily, 'Coarseness'],
  ngt_contrast: [ngtdmFamily, 'Contrast'],
  ngt_busyness: [ngtdmFamily, 'Busyness'],
  ngt_complexity: [ngtdmFamily, 'Complexity'],
  ngt_strength: [ngtdmFamily, 'Strength'],
  ngl_lde: [gldmFamily, 'SmallDependenceEmphasis'],
  ngl_hde: [gldmFamily, 'LargeDependenceEmphasis'],
  ngl_lgce: [gldmFamily, 'LowGrayLevelEmphasis'],
  ngl_hgce: [gldmFamily, 'HighGrayLevelEmphasis'],
  ngl_ldlge: [gldmFamily, 'SmallDependenceLowGrayLevelEmphasis'],
  ngl_ldhge: [gldmFamily, 'SmallDependenceHighGrayLevelEmphasis'],
  ngl_hdlge: [gldmFamily, 'LargeDependenceLowGrayLevelEmphasis'],
  ngl_hdhge: [gldmFamily, 'LargeDependenceHighGrayLevelEmphasis'],
  ngl_glnu: [gldmFamily, 'GrayLevelNonUniformity'],
  ngl_dcnu: [gldmFamily, 'DependenceNonUniformity'],
  ngl_dcnu_norm: [gldmFamily, 'DependenceNonUniformityNormalized'],
  ngl_gl_var: [gldmFamily, 'GrayLevelVariance'],
  ngl_dc_var: [gldmFamily, 'DependenceVariance'],
  ngl_dc_entr: [gldmFamily, 'DependenceEntropy'],
};
const NOT_IN_PYRADIOMICS = new Set(['ngl_dc_energy', 'ngl_glnu_norm', 'ngl_dc_perc']);

/** Settings per IBSI aggregation suffix (3-D grid). */
const AGGREGATION: Record<string, Partial<ExtractionSettings>> = {
  '3D_avg': {},
  '3D_comb': { weightingNorm: 'no_weighting' },
  '2_5D_avg': { force2D: true },
  '2_5D_comb': { force2D: true, weightingNorm: 'no_weighting' },
  '3D': {},
  '2_5D': { force2D: true },
};

function featureValue(family: FeatureFamily, name: string, aggregation: string): number {
  const run = (g: Grid, settings: ExtractionSettings): number =>
    family
      .compute(
        { image: g.image, imageIsFloat32: false, mask: g.mask, morphologicalMask: g.mask, size: g.size, spacing: SPACING, settings },
        [name],
      )
      .get(name)!;
  if (aggregation.startsWith('2D')) {
    const settings = { ...SETTINGS, weightingNorm: aggregation === '2D_comb' ? ('no_weighting' as const) : null };
    return SLICES.reduce((s, g) => s + run(g, settings), 0) / SLICES.length;
  }
  return run(VOLUME, { ...SETTINGS, ...AGGREGATION[aggregation] });
}

interface ReferenceRow {
  tag: string;
  stem: string;
  aggregation: string;
  value: number;
  tolerance: number;
}

function referenceRows(): ReferenceRow[] {
  const text = readFileSync(oraclePath('ibsi', 'z-rad_tests_data', 'ibsi_1_reference_values_digital_phantom.csv'), 'utf8');
  const rows: ReferenceRow[] = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/).slice(1)) {
    const f = line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    const m = /^((?:cm|rlm|szm|ngt|ngl)_.*)_(2D|2_5D|3D)(_avg|_comb)?$/.exec(f[9] ?? '');
    if (!m || f[4] === '') continue;
    rows.push({ tag: f[9]!, stem: m[1]!, aggregation: m[2]! + (m[3] ?? ''), value: Number(f[4]), tolerance: Number(f[5]) });
  }
  return rows;
}

describe('IBSI digital phantom texture features', () => {
  const rows = referenceRows().filter((r) => !NOT_IN_PYRADIOMICS.has(r.stem));

  it('maps every IBSI texture tag of the reference table', () => {
    expect(rows.length).toBeGreaterThan(340);
    expect(rows.filter((r) => !(r.stem in FEATURE_MAP)).map((r) => r.tag)).toEqual([]);
  });

  it.each(rows.map((r) => [r.tag, r] as const))('%s', (_tag, r) => {
    const [family, name] = FEATURE_MAP[r.stem]!;
    const v = featureValue(family, name, r.aggregation);
    const sameTo3Sf = Number(v.toPrecision(3)) === Number(r.value.toPrecision(3));
    expect(sameTo3Sf || Math.abs(v - r.value) <= r.tolerance, `ours ${v}, IBSI ${r.value}`).toBe(true);
  });
});
