/**
 * Computes the IBSI-1 reference features of one configuration with this engine, in pyradiomics-
 * compatible mode (the pyradiomics extractor, {@link extractCase}) or in ibsi mode
 * ({@link prepareIbsiCase} once, then the features per texture aggregation), and judges them against
 * the reference with IBSI's rule: |ours − reference| ≤ tolerance.
 */
import { extractCase, type CaseImages, type FeatureRow } from '../extractor';
import type { ExtractionParams } from '../paramsFile';
import { ibsiConfigParams, supportsAggregation, type IbsiConfigId, type IbsiConfigOverrides, type IbsiMode } from './configurations';
import { ibsiImageTypeFeatures, prepareIbsiCase } from './extract';
import type { IbsiReference } from './referenceTable';
import { outputKey, splitTag, tagSource, type Aggregation } from './tags';

/** Our value for one reference tag, or why there is none. */
export type TagResult = { value: number } | { value: null; reason: string };

/** The texture classes whose IBSI families come in '_comb' variants, and all texture classes. */
const COMB_CLASSES = ['glcm', 'glrlm'];
const TEXTURE_CLASSES = ['glcm', 'glrlm', 'glszm', 'gldm', 'ngtdm'];

/** The aggregation whose run also provides the non-texture features. */
function baseAggregation(config: IbsiConfigId, mode: IbsiMode): Aggregation {
  if (config === 'A' || config === 'B') return mode === 'ibsi' ? '2D_avg' : '2_5D_avg';
  return '3D_avg';
}

/** Runs of one configuration: aggregation → output row. */
function runAggregations(
  images: CaseImages,
  config: IbsiConfigId,
  mode: IbsiMode,
  aggregations: Set<Aggregation>,
  overrides: IbsiConfigOverrides,
): Map<Aggregation, FeatureRow> {
  const base = baseAggregation(config, mode);
  const rows = new Map<Aggregation, FeatureRow>();
  const paramsOf = (a: Aggregation): ExtractionParams =>
    ibsiConfigParams(config, mode, a, a === base ? undefined : a.endsWith('_comb') ? COMB_CLASSES : TEXTURE_CLASSES, overrides);
  const wanted = [base, ...[...aggregations].filter((a) => a !== base && supportsAggregation(mode, a))];
  if (mode === 'pyradiomics') {
    for (const a of wanted) rows.set(a, extractCase(images, paramsOf(a)));
    return rows;
  }
  const baseParams = paramsOf(base);
  const prepared = prepareIbsiCase(images, baseParams);
  for (const a of wanted) {
    const params = a === base ? baseParams : paramsOf(a);
    const row: FeatureRow = new Map(a === base ? prepared.head : []);
    for (const [k, v] of ibsiImageTypeFeatures(prepared, params.imageTypes[0]!, params)) row.set(k, v);
    rows.set(a, row);
  }
  return rows;
}

/** pyradiomics diagnostic behind an IBSI diagnostic tag: [key, tuple index or null], by stage. */
function pyradiomicsDiagnostic(tag: string, row: FeatureRow): number | null {
  const m = /^(img_dim|vox_dim|mean_int|min_int|max_int|int_mask_dim|int_mask_bb_dim|morph_mask_bb_dim|int_mask_vox_count|morph_mask_vox_count|int_mask_mean_int|int_mask_min_int|int_mask_max_int)(?:_([xyz]))?_(init|interp|reseg)_(img|roi)$/.exec(tag);
  if (!m) return null;
  const [, what, axis, stage] = m as unknown as [string, string, string | undefined, 'init' | 'interp' | 'reseg'];
  const axisIndex = axis ? 'xyz'.indexOf(axis) : -1;
  const interpolated = row.has('diagnostics_Image-interpolated_Size');
  const imageStage = stage === 'init' || !interpolated ? 'original' : 'interpolated';
  const maskStage = stage === 'init' || (!interpolated && stage === 'interp') ? 'original' : stage === 'interp' || what.startsWith('morph') ? (interpolated ? 'interpolated' : 'original') : 'resegmented';
  const read = (key: string, index: number | null): number | null => {
    const text = row.get(key);
    if (typeof text !== 'string') return null;
    const parts = text.replace(/[()[\]\s]/g, '').split(',').map(Number);
    const v = index === null ? Number(text) : parts[index];
    return v === undefined || Number.isNaN(v) ? null : v;
  };
  switch (what) {
    case 'img_dim': return read(`diagnostics_Image-${imageStage}_Size`, axisIndex);
    case 'vox_dim': return read(`diagnostics_Image-${imageStage}_Spacing`, axisIndex);
    case 'mean_int': return read(`diagnostics_Image-${imageStage}_Mean`, null);
    case 'min_int': return read(`diagnostics_Image-${imageStage}_Minimum`, null);
    case 'max_int': return read(`diagnostics_Image-${imageStage}_Maximum`, null);
    case 'int_mask_dim': return read(`diagnostics_Mask-${maskStage}_Size`, axisIndex);
    case 'int_mask_bb_dim':
    case 'morph_mask_bb_dim': return read(`diagnostics_Mask-${maskStage}_BoundingBox`, 3 + axisIndex);
    case 'int_mask_vox_count':
    case 'morph_mask_vox_count': return read(`diagnostics_Mask-${maskStage}_VoxelNum`, null);
    case 'int_mask_mean_int': return read(`diagnostics_Mask-${maskStage}_Mean`, null);
    case 'int_mask_min_int': return read(`diagnostics_Mask-${maskStage}_Minimum`, null);
    case 'int_mask_max_int': return read(`diagnostics_Mask-${maskStage}_Maximum`, null);
    default: return null;
  }
}

/**
 * Our value of every reference tag of one configuration. Texture tags read the run of their
 * aggregation; the other features and the diagnostics read the base run. `overrides` replace keys of
 * the configuration's setting and ibsi blocks, see {@link ibsiConfigParams}.
 */
export function computeIbsiTags(
  images: CaseImages,
  config: IbsiConfigId,
  mode: IbsiMode,
  references: readonly IbsiReference[],
  overrides: IbsiConfigOverrides = {},
): Map<string, TagResult> {
  const aggregations = new Set<Aggregation>();
  for (const r of references) {
    const { aggregation } = splitTag(r.tag);
    if (aggregation) aggregations.add(aggregation);
  }
  const rows = runAggregations(images, config, mode, aggregations, overrides);
  const base = rows.get(baseAggregation(config, mode))!;
  const out = new Map<string, TagResult>();
  for (const r of references) {
    if (r.family.startsWith('Diagnostics')) {
      const v = mode === 'ibsi' ? base.get(`diagnostics_IBSI_${r.tag}`) : pyradiomicsDiagnostic(r.tag, base);
      out.set(r.tag, v === undefined || v === null ? { value: null, reason: 'pyradiomics reports no such diagnostic' } : { value: Number(v) });
      continue;
    }
    const { stem, aggregation } = splitTag(r.tag);
    const source = tagSource(stem, mode);
    if (source.kind === 'unsupported') {
      out.set(r.tag, { value: null, reason: source.reason });
      continue;
    }
    if (aggregation && !supportsAggregation(mode, aggregation)) {
      out.set(r.tag, { value: null, reason: 'pyradiomics has no per-slice (IBSI 2D) aggregation; force2D is IBSI 2.5D' });
      continue;
    }
    // non-texture sources of texture tags (ngl_glnu_norm as firstorder Uniformity) come from the base run
    const texture = source.kind === 'ibsi' || TEXTURE_CLASSES.includes(source.cls);
    const row = aggregation && texture ? rows.get(aggregation)! : base;
    const v = row.get(outputKey(source, stem)!);
    if (typeof v !== 'number') {
      out.set(r.tag, { value: null, reason: `no output ${outputKey(source, stem)}` });
      continue;
    }
    out.set(r.tag, { value: v + (source.kind === 'pyradiomics' ? (source.offset ?? 0) : 0) });
  }
  return out;
}

/**
 * IBSI's acceptance rule: |value − reference| ≤ tolerance. References with tolerance 0 are quoted
 * to 3 significant figures (IBSI's reporting precision), so there the value passes when it rounds to
 * the reference at 3 significant figures.
 */
export function withinTolerance(value: number, reference: IbsiReference): boolean {
  if (Math.abs(value - reference.value) <= reference.tolerance) return true;
  return reference.tolerance === 0 && Number(value.toPrecision(3)) === Number(reference.value.toPrecision(3));
}
