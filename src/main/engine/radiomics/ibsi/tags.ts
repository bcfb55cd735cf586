/**
 * IBSI-1 feature tags (the compliance-sheet tags, e.g. `cm_joint_max_2_5D_avg`) ↔ extractor output
 * keys. A tag is a stem (`cm_joint_max`) and, for texture features, an aggregation suffix:
 * `_3D_avg`, `_3D_comb`, `_2_5D_avg`, `_2_5D_comb`, `_2D_avg`, `_2D_comb` (GLCM, GLRLM) or `_3D`,
 * `_2_5D`, `_2D` (GLSZM, NGTDM, NGLDM, GLDZM). The stems map to pyradiomics class/feature names as in
 * pyradiomics' own IBSI mapping (`featuresDict_IBSIv7`, IBSI benchmark `mapping_*.csv`), or to the
 * `ibsi` extras of this engine (key `<imageType>_ibsi_<stem>`).
 */

/** Where the value of an IBSI stem comes from. */
export type TagSource =
  | { kind: 'pyradiomics'; cls: string; feature: string; offset?: number }
  | { kind: 'ibsi' }
  | { kind: 'unsupported'; reason: string };

const py = (cls: string, feature: string, offset?: number): TagSource => ({ kind: 'pyradiomics', cls, feature, ...(offset ? { offset } : {}) });
const EXTRA: TagSource = { kind: 'ibsi' };

/** pyradiomics counterparts, by IBSI stem. Kurtosis is m₄/m₂² in pyradiomics, IBSI's excess kurtosis + 3. */
const PYRADIOMICS: Record<string, TagSource> = {
  morph_volume: py('shape', 'MeshVolume'),
  morph_vol_approx: py('shape', 'VoxelVolume'),
  morph_area_mesh: py('shape', 'SurfaceArea'),
  morph_av: py('shape', 'SurfaceVolumeRatio'),
  morph_comp_1: py('shape', 'Compactness1'),
  morph_comp_2: py('shape', 'Compactness2'),
  morph_sph_dispr: py('shape', 'SphericalDisproportion'),
  morph_sphericity: py('shape', 'Sphericity'),
  morph_diam: py('shape', 'Maximum3DDiameter'),
  morph_pca_maj_axis: py('shape', 'MajorAxisLength'),
  morph_pca_min_axis: py('shape', 'MinorAxisLength'),
  morph_pca_least_axis: py('shape', 'LeastAxisLength'),
  morph_pca_elongation: py('shape', 'Elongation'),
  morph_pca_flatness: py('shape', 'Flatness'),
  stat_mean: py('firstorder', 'Mean'),
  stat_var: py('firstorder', 'Variance'),
  stat_skew: py('firstorder', 'Skewness'),
  stat_kurt: py('firstorder', 'Kurtosis', -3),
  stat_median: py('firstorder', 'Median'),
  stat_min: py('firstorder', 'Minimum'),
  stat_p10: py('firstorder', '10Percentile'),
  stat_p90: py('firstorder', '90Percentile'),
  stat_max: py('firstorder', 'Maximum'),
  stat_iqr: py('firstorder', 'InterquartileRange'),
  stat_range: py('firstorder', 'Range'),
  stat_mad: py('firstorder', 'MeanAbsoluteDeviation'),
  stat_rmad: py('firstorder', 'RobustMeanAbsoluteDeviation'),
  stat_energy: py('firstorder', 'Energy'),
  stat_rms: py('firstorder', 'RootMeanSquared'),
  ih_entropy: py('firstorder', 'Entropy'),
  ih_uniformity: py('firstorder', 'Uniformity'),
  cm_joint_max: py('glcm', 'MaximumProbability'),
  cm_joint_avg: py('glcm', 'JointAverage'),
  cm_joint_var: py('glcm', 'SumSquares'),
  cm_joint_entr: py('glcm', 'JointEntropy'),
  cm_diff_avg: py('glcm', 'DifferenceAverage'),
  cm_diff_var: py('glcm', 'DifferenceVariance'),
  cm_diff_entr: py('glcm', 'DifferenceEntropy'),
  cm_sum_avg: py('glcm', 'SumAverage'),
  cm_sum_var: py('glcm', 'ClusterTendency'),
  cm_sum_entr: py('glcm', 'SumEntropy'),
  cm_energy: py('glcm', 'JointEnergy'),
  cm_contrast: py('glcm', 'Contrast'),
  cm_dissimilarity: py('glcm', 'DifferenceAverage'),
  cm_inv_diff: py('glcm', 'Id'),
  cm_inv_diff_norm: py('glcm', 'Idn'),
  cm_inv_diff_mom: py('glcm', 'Idm'),
  cm_inv_diff_mom_norm: py('glcm', 'Idmn'),
  cm_inv_var: py('glcm', 'InverseVariance'),
  cm_corr: py('glcm', 'Correlation'),
  cm_auto_corr: py('glcm', 'Autocorrelation'),
  cm_clust_tend: py('glcm', 'ClusterTendency'),
  cm_clust_shade: py('glcm', 'ClusterShade'),
  cm_clust_prom: py('glcm', 'ClusterProminence'),
  cm_info_corr1: py('glcm', 'Imc1'),
  cm_info_corr2: py('glcm', 'Imc2'),
  rlm_sre: py('glrlm', 'ShortRunEmphasis'),
  rlm_lre: py('glrlm', 'LongRunEmphasis'),
  rlm_lgre: py('glrlm', 'LowGrayLevelRunEmphasis'),
  rlm_hgre: py('glrlm', 'HighGrayLevelRunEmphasis'),
  rlm_srlge: py('glrlm', 'ShortRunLowGrayLevelEmphasis'),
  rlm_srhge: py('glrlm', 'ShortRunHighGrayLevelEmphasis'),
  rlm_lrlge: py('glrlm', 'LongRunLowGrayLevelEmphasis'),
  rlm_lrhge: py('glrlm', 'LongRunHighGrayLevelEmphasis'),
  rlm_glnu: py('glrlm', 'GrayLevelNonUniformity'),
  rlm_glnu_norm: py('glrlm', 'GrayLevelNonUniformityNormalized'),
  rlm_rlnu: py('glrlm', 'RunLengthNonUniformity'),
  rlm_rlnu_norm: py('glrlm', 'RunLengthNonUniformityNormalized'),
  rlm_r_perc: py('glrlm', 'RunPercentage'),
  rlm_gl_var: py('glrlm', 'GrayLevelVariance'),
  rlm_rl_var: py('glrlm', 'RunVariance'),
  rlm_rl_entr: py('glrlm', 'RunEntropy'),
  szm_sze: py('glszm', 'SmallAreaEmphasis'),
  szm_lze: py('glszm', 'LargeAreaEmphasis'),
  szm_lgze: py('glszm', 'LowGrayLevelZoneEmphasis'),
  szm_hgze: py('glszm', 'HighGrayLevelZoneEmphasis'),
  szm_szlge: py('glszm', 'SmallAreaLowGrayLevelEmphasis'),
  szm_szhge: py('glszm', 'SmallAreaHighGrayLevelEmphasis'),
  szm_lzlge: py('glszm', 'LargeAreaLowGrayLevelEmphasis'),
  szm_lzhge: py('glszm', 'LargeAreaHighGrayLevelEmphasis'),
  szm_glnu: py('glszm', 'GrayLevelNonUniformity'),
  szm_glnu_norm: py('glszm', 'GrayLevelNonUniformityNormalized'),
  szm_zsnu: py('glszm', 'SizeZoneNonUniformity'),
  szm_zsnu_norm: py('glszm', 'SizeZoneNonUniformityNormalized'),
  szm_z_perc: py('glszm', 'ZonePercentage'),
  szm_gl_var: py('glszm', 'GrayLevelVariance'),
  szm_zs_var: py('glszm', 'ZoneVariance'),
  szm_zs_entr: py('glszm', 'ZoneEntropy'),
  ngt_coarseness: py('ngtdm', 'Coarseness'),
  ngt_contrast: py('ngtdm', 'Contrast'),
  ngt_busyness: py('ngtdm', 'Busyness'),
  ngt_complexity: py('ngtdm', 'Complexity'),
  ngt_strength: py('ngtdm', 'Strength'),
  ngl_lde: py('gldm', 'SmallDependenceEmphasis'),
  ngl_hde: py('gldm', 'LargeDependenceEmphasis'),
  ngl_lgce: py('gldm', 'LowGrayLevelEmphasis'),
  ngl_hgce: py('gldm', 'HighGrayLevelEmphasis'),
  ngl_ldlge: py('gldm', 'SmallDependenceLowGrayLevelEmphasis'),
  ngl_ldhge: py('gldm', 'SmallDependenceHighGrayLevelEmphasis'),
  ngl_hdlge: py('gldm', 'LargeDependenceLowGrayLevelEmphasis'),
  ngl_hdhge: py('gldm', 'LargeDependenceHighGrayLevelEmphasis'),
  ngl_glnu: py('gldm', 'GrayLevelNonUniformity'),
  ngl_dcnu: py('gldm', 'DependenceNonUniformity'),
  ngl_dcnu_norm: py('gldm', 'DependenceNonUniformityNormalized'),
  ngl_gl_var: py('gldm', 'GrayLevelVariance'),
  ngl_dc_var: py('gldm', 'DependenceVariance'),
  ngl_dc_entr: py('gldm', 'DependenceEntropy'),
};

/** Stems computed only by the `ibsi` extras (`ibsi/families/*`). */
const EXTRAS = [
  'morph_asphericity', 'morph_com', 'morph_integ_int', 'morph_moran_i', 'morph_geary_c', 'morph_vol_dens_conv_hull',
  'morph_area_dens_conv_hull', 'morph_vol_dens_aabb', 'morph_area_dens_aabb', 'morph_vol_dens_aee', 'morph_area_dens_aee',
  'stat_medad', 'stat_cov', 'stat_qcod',
  'ih_mean', 'ih_var', 'ih_skew', 'ih_kurt', 'ih_median', 'ih_min', 'ih_p10', 'ih_p90', 'ih_max', 'ih_mode', 'ih_iqr', 'ih_range',
  'ih_mad', 'ih_rmad', 'ih_medad', 'ih_cov', 'ih_qcod', 'ih_max_grad', 'ih_max_grad_g', 'ih_min_grad', 'ih_min_grad_g',
  'ivh_v10', 'ivh_v90', 'ivh_i10', 'ivh_i90', 'ivh_diff_v10_v90', 'ivh_diff_i10_i90',
  'ngl_glnu_norm', 'ngl_dc_perc', 'ngl_dc_energy',
  'loc_peak_loc', 'loc_peak_glob',
  ...['sde', 'lde', 'lgze', 'hgze', 'sdlge', 'sdhge', 'ldlge', 'ldhge', 'glnu', 'glnu_norm', 'zdnu', 'zdnu_norm', 'z_perc', 'gl_var', 'zd_var', 'zd_entr'].map((f) => `dzm_${f}`),
];

/** Texture aggregation suffixes, longest first. */
export const AGGREGATIONS = ['2_5D_avg', '2_5D_comb', '3D_avg', '3D_comb', '2D_avg', '2D_comb', '2_5D', '3D', '2D'] as const;
/** An IBSI texture aggregation suffix (e.g. '2_5D_avg': matrices merged over slices, averaged over directions). */
export type Aggregation = (typeof AGGREGATIONS)[number];

/** A tag split into stem and aggregation (null for non-texture tags). */
export function splitTag(tag: string): { stem: string; aggregation: Aggregation | null } {
  if (/^(cm|rlm|szm|dzm|ngt|ngl)_/.test(tag)) {
    for (const a of AGGREGATIONS) if (tag.endsWith(`_${a}`)) return { stem: tag.slice(0, -a.length - 1), aggregation: a };
  }
  return { stem: tag, aggregation: null };
}

/** Where the value of an IBSI feature stem comes from in this engine. */
export function tagSource(stem: string, mode: 'pyradiomics' | 'ibsi'): TagSource {
  // One NGLDM entry per voxel: its normalised grey-level non-uniformity is the grey-level uniformity.
  if (stem === 'ngl_glnu_norm' && mode === 'pyradiomics') return py('firstorder', 'Uniformity');
  if (PYRADIOMICS[stem]) return PYRADIOMICS[stem]!;
  if (EXTRAS.includes(stem)) return mode === 'ibsi' ? EXTRA : { kind: 'unsupported', reason: 'pyradiomics has no such feature (computed in ibsi mode)' };
  return { kind: 'unsupported', reason: `no mapping for IBSI feature '${stem}'` };
}

/** Extractor output key of a pyradiomics or extra source for image type `imageType`. */
export function outputKey(source: TagSource, stem: string, imageType = 'original'): string | null {
  if (source.kind === 'pyradiomics') return `${imageType}_${source.cls}_${source.feature}`;
  if (source.kind === 'ibsi') return `${imageType}_ibsi_${stem}`;
  return null;
}

/** The pyradiomics feature lists (by class) that cover every mapped IBSI stem. */
export function mappedFeatureClasses(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const source of Object.values(PYRADIOMICS)) {
    if (source.kind !== 'pyradiomics') continue;
    const list = out.get(source.cls) ?? [];
    if (!list.includes(source.feature)) list.push(source.feature);
    out.set(source.cls, list);
  }
  return out;
}
