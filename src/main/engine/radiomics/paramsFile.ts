/**
 * pyradiomics parameter files (YAML or JSON), read unchanged and validated against pyradiomics'
 * schema (`radiomics/schemas/paramSchema.yaml` plus its custom checks `checkInterpolator`,
 * `checkWeighting`, `checkWavelet`, `checkFeatureClass`, `checkImageType`):
 *  - top level: `setting`, `voxelSetting`, `featureClass`, `imageType`; any other key is rejected;
 *  - `setting` and each image type's custom block: the keys of the schema's settings map, each with
 *    its type (`int` rejects 1.0, `float` accepts integers, `bool` is strict) and range;
 *    `null` (an empty YAML value) means "not set" and leaves the default;
 *  - `featureClass`: pyradiomics class names, each with null / [] (all default features) or a list of
 *    that class' feature names;
 *  - `imageType`: pyradiomics image type names, each with a (possibly empty) settings mapping;
 *  - `ibsi` (our extension, not pyradiomics'): the IBSI compliance mode's options (`ibsi/paramsBlock.ts`,
 *    docs/IBSI.md), copied into every resolved settings object as `settings.ibsi`.
 * YAML is parsed with YAML 1.1 rules, as PyYAML does (`yes`/`no` are booleans); JSON is YAML.
 * Defaults when absent: `imageType: {Original: {}}`; every class except shape2D with its default features.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { IbsiBlockError, parseIbsiBlock } from './ibsi/paramsBlock';
import { DEFAULT_FILTER_SETTINGS, PYRADIOMICS_IMAGE_TYPE_KEYS, type FilterSettings } from './imageTypes';
import { pyFloat } from './pyRepr';
import { FEATURE_CLASS_NAMES, findFamily, isFeatureClassName } from './registry';
import { DEFAULT_SETTINGS, type ExtractionSettings } from './settings';

/** A value as it appears in a parameter file. */
export type ParamValue = null | boolean | number | string | ParamValue[] | { [key: string]: ParamValue };

/** A parameter file (or settings override) that breaks pyradiomics' schema. */
export class ParamsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParamsError';
  }
}

type Rule =
  | { type: 'int' | 'float'; min?: number; max?: number; minEx?: boolean }
  | { type: 'bool' }
  | { type: 'str'; values?: readonly string[] }
  | { type: 'seq'; item: 'int' | 'float'; min?: number; minEx?: boolean }
  | { type: 'interpolator' | 'weighting' | 'wavelet' };

/** The schema's settings map (pyradiomics paramSchema.yaml `setting`). */
const SETTING_RULES: Record<string, Rule> = {
  minimumROIDimensions: { type: 'int', min: 1, max: 3 },
  minimumROISize: { type: 'int', min: 0, minEx: true },
  geometryTolerance: { type: 'float', min: 0, minEx: true },
  correctMask: { type: 'bool' },
  additionalInfo: { type: 'bool' },
  label: { type: 'int', min: 0, minEx: true },
  label_channel: { type: 'int', min: 0 },
  binWidth: { type: 'float', min: 0, minEx: true },
  binCount: { type: 'int', min: 0, minEx: true },
  normalize: { type: 'bool' },
  normalizeScale: { type: 'float', min: 0, minEx: true },
  removeOutliers: { type: 'float', min: 0, minEx: true },
  resampledPixelSpacing: { type: 'seq', item: 'float', min: 0 },
  interpolator: { type: 'interpolator' },
  padDistance: { type: 'int', min: 0 },
  distances: { type: 'seq', item: 'int', min: 0, minEx: true },
  force2D: { type: 'bool' },
  force2Ddimension: { type: 'int', min: 0, max: 2 },
  resegmentRange: { type: 'seq', item: 'float' },
  resegmentMode: { type: 'str', values: ['absolute', 'relative', 'sigma'] },
  resegmentShape: { type: 'bool' },
  preCrop: { type: 'bool' },
  sigma: { type: 'seq', item: 'float', min: 0, minEx: true },
  start_level: { type: 'int', min: 0 },
  level: { type: 'int', min: 0, minEx: true },
  wavelet: { type: 'wavelet' },
  gradientUseSpacing: { type: 'bool' },
  lbp2DRadius: { type: 'float', min: 0, minEx: true },
  lbp2DSamples: { type: 'int', min: 1 },
  lbp2DMethod: { type: 'str', values: ['default', 'ror', 'uniform', 'var'] },
  lbp3DLevels: { type: 'int', min: 1 },
  lbp3DIcosphereRadius: { type: 'float', min: 0, minEx: true },
  lbp3DIcosphereSubdivision: { type: 'int', min: 0 },
  voxelArrayShift: { type: 'int' },
  symmetricalGLCM: { type: 'bool' },
  weightingNorm: { type: 'weighting' },
  gldm_a: { type: 'int', min: 0 },
};

const VOXEL_RULES: Record<string, Rule> = {
  kernelRadius: { type: 'int', min: 0, minEx: true },
  maskedKernel: { type: 'bool' },
  initValue: { type: 'float' },
  voxelBatch: { type: 'int', min: 0, minEx: true },
};

/** SimpleITK interpolator enum names in enum order (value = index + 1), pyradiomics `checkInterpolator`. */
export const SITK_INTERPOLATORS = [
  'sitkNearestNeighbor',
  'sitkLinear',
  'sitkBSpline',
  'sitkGaussian',
  'sitkLabelGaussian',
  'sitkHammingWindowedSinc',
  'sitkCosineWindowedSinc',
  'sitkWelchWindowedSinc',
  'sitkLanczosWindowedSinc',
  'sitkBlackmanWindowedSinc',
] as const;

const WEIGHTING_NORMS = ['manhattan', 'euclidean', 'infinity', 'no_weighting'];

/** pywt's discrete wavelets (`pywt.wavelist(kind='discrete')`), pyradiomics `checkWavelet`. */
const WAVELETS = new Set<string>([
  'haar',
  'dmey',
  ...['1.1', '1.3', '1.5', '2.2', '2.4', '2.6', '2.8', '3.1', '3.3', '3.5', '3.7', '3.9', '4.4', '5.5', '6.8'].flatMap((v) => [`bior${v}`, `rbio${v}`]),
  ...Array.from({ length: 17 }, (_, i) => `coif${i + 1}`),
  ...Array.from({ length: 38 }, (_, i) => `db${i + 1}`),
  ...Array.from({ length: 19 }, (_, i) => `sym${i + 2}`),
]);

function describe(v: ParamValue): string {
  return typeof v === 'string' ? `'${v}'` : JSON.stringify(v);
}

/** Python `float(s)` for a string (pykwalify's float type accepts e.g. 'nan', '1e-06'); NaN when not a float. */
function pythonFloat(s: string): number {
  const t = s.trim().replace(/_/g, '').toLowerCase();
  if (/^[-+]?(nan)$/.test(t)) return NaN;
  if (/^[-+]?(inf|infinity)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(t)) return Number(t);
  return Number.NaN;
}

function isPythonFloatString(v: ParamValue): v is string {
  return typeof v === 'string' && (!Number.isNaN(pythonFloat(v)) || /^\s*[-+]?nan\s*$/i.test(v));
}

/** A float-typed value as a number (numeric strings converted as Python's `float()` does). */
function floatValue(v: ParamValue): ParamValue {
  return isPythonFloatString(v) ? pythonFloat(v) : v;
}

function checkNumber(v: ParamValue, kind: 'int' | 'float', where: string, rule: { min?: number; max?: number; minEx?: boolean }): void {
  if (kind === 'float' && isPythonFloatString(v)) v = pythonFloat(v);
  if (typeof v !== 'number' || (kind === 'int' && !Number.isInteger(v)) || (kind === 'float' && Number.isNaN(v) && rule.min !== undefined)) {
    throw new ParamsError(`${where}: value ${describe(v)} is not of type '${kind}'`);
  }
  if (rule.min !== undefined && (rule.minEx ? !(v > rule.min) : !(v >= rule.min))) {
    throw new ParamsError(`${where}: value ${describe(v)} must be ${rule.minEx ? '>' : '>='} ${rule.min}`);
  }
  if (rule.max !== undefined && !(v <= rule.max)) throw new ParamsError(`${where}: value ${describe(v)} must be <= ${rule.max}`);
}

function checkRule(v: ParamValue, rule: Rule, where: string): void {
  if (v === null) return; // pykwalify: an empty value means "not set"
  switch (rule.type) {
    case 'int':
    case 'float':
      return checkNumber(v, rule.type, where, rule);
    case 'bool':
      if (typeof v !== 'boolean') throw new ParamsError(`${where}: value ${describe(v)} is not of type 'bool'`);
      return;
    case 'str':
      if (typeof v !== 'string') throw new ParamsError(`${where}: value ${describe(v)} is not of type 'str'`);
      if (rule.values && !rule.values.includes(v)) throw new ParamsError(`${where}: '${v}' is not one of ${rule.values.join(', ')}`);
      return;
    case 'seq':
      if (!Array.isArray(v)) throw new ParamsError(`${where}: value ${describe(v)} is not a list`);
      v.forEach((item, i) => checkNumber(item, rule.item, `${where}[${i}]`, rule));
      return;
    case 'interpolator':
      if (typeof v === 'string') {
        if (!(SITK_INTERPOLATORS as readonly string[]).includes(v)) {
          throw new ParamsError(`${where}: interpolator '${v}' not recognized; choose from ${SITK_INTERPOLATORS.join(', ')}`);
        }
      } else if (typeof v === 'number') {
        if (!Number.isInteger(v) || v < 1 || v > SITK_INTERPOLATORS.length) throw new ParamsError(`${where}: interpolator value ${v} not in 1..${SITK_INTERPOLATORS.length}`);
      } else {
        throw new ParamsError(`${where}: interpolator must be a name or an integer, got ${describe(v)}`);
      }
      return;
    case 'weighting':
      if (typeof v !== 'string' || !WEIGHTING_NORMS.includes(v)) {
        throw new ParamsError(`${where}: weightingNorm ${describe(v)} not recognized; choose from ${WEIGHTING_NORMS.join(', ')} or leave empty`);
      }
      return;
    case 'wavelet':
      if (typeof v !== 'string' || !WAVELETS.has(v)) throw new ParamsError(`${where}: wavelet ${describe(v)} is not a discrete wavelet known to pywt`);
      return;
  }
}

function asMapping(v: ParamValue, where: string): Record<string, ParamValue> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new ParamsError(`${where}: expected a mapping, got ${describe(v)}`);
  return v;
}

/**
 * Check a block against its rules (unknown keys rejected, naming them) and return it with float-typed
 * numeric strings converted to numbers.
 */
function validateBlock(block: Record<string, ParamValue>, rules: Record<string, Rule>, where: string): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const [key, value] of Object.entries(block)) {
    const rule = rules[key];
    if (!rule) throw new ParamsError(`${where}: unknown key '${key}'`);
    checkRule(value, rule, `${where}.${key}`);
    if (rule.type === 'float') out[key] = floatValue(value);
    else if (rule.type === 'seq' && rule.item === 'float' && Array.isArray(value)) out[key] = value.map(floatValue);
    else out[key] = value;
  }
  return out;
}

/**
 * Check a `setting`-style block (keys, types, ranges); throws {@link ParamsError} naming the key.
 * Returns the block with numeric strings of float settings converted (pykwalify accepts '1e-06').
 */
export function validateSettingBlock(block: Record<string, ParamValue>, where = 'setting'): Record<string, ParamValue> {
  return validateBlock(block, SETTING_RULES, where);
}

/** One enabled image type with its custom block and the settings merged for it. */
export interface ImageTypeSpec {
  /** Parameter-file key, e.g. 'LoG'. */
  key: string;
  /** The image type's own settings block, as written. */
  custom: Record<string, ParamValue>;
  settings: ExtractionSettings;
  filter: FilterSettings;
}

/** A parsed, validated parameter file. */
export interface ExtractionParams {
  /** The `setting` block as written (null values dropped). */
  setting: Record<string, ParamValue>;
  /** Python `str()` of each σ of the `setting` block and of each image type's block, by location. */
  sigmaText: Map<string, string[]>;
  settings: ExtractionSettings;
  filter: FilterSettings;
  /** Enabled image types in file order. */
  imageTypes: ImageTypeSpec[];
  /** Enabled classes in file order; null = the class' default features. */
  featureClasses: Map<string, string[] | null>;
  voxelSetting: Record<string, ParamValue>;
  /** The `ibsi` block as written (absent in pyradiomics parameter files). */
  ibsi?: ParamValue;
}

const NUM = (v: ParamValue | undefined): number | undefined => (typeof v === 'number' ? v : undefined);

/**
 * pyradiomics settings with defaults applied: the `setting` keys override {@link DEFAULT_SETTINGS}.
 * `null` values leave the default, except for the keys whose pyradiomics default is itself None.
 */
export function resolveSettings(block: Record<string, ParamValue>, base: ExtractionSettings = DEFAULT_SETTINGS): ExtractionSettings {
  const s: ExtractionSettings = { ...base };
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(block, k);
  const v = (k: string): ParamValue => block[k]!;
  if (has('binWidth') && v('binWidth') !== null) s.binWidth = NUM(v('binWidth'))!;
  if (has('binCount')) s.binCount = NUM(v('binCount')) ?? null;
  if (has('resampledPixelSpacing')) {
    const r = v('resampledPixelSpacing');
    s.resampledPixelSpacing = Array.isArray(r) ? (r.map(Number) as [number, number, number]) : null;
  }
  if (has('interpolator')) {
    const i = v('interpolator');
    s.interpolator = typeof i === 'number' ? SITK_INTERPOLATORS[i - 1] : typeof i === 'string' ? i : null;
  }
  for (const k of ['padDistance', 'normalizeScale', 'voxelArrayShift', 'label', 'label_channel', 'gldm_a', 'minimumROIDimensions'] as const) {
    if (has(k) && v(k) !== null) s[k] = NUM(v(k))!;
  }
  for (const k of ['normalize', 'resegmentShape', 'preCrop', 'force2D', 'symmetricalGLCM', 'correctMask', 'additionalInfo'] as const) {
    if (has(k) && v(k) !== null) s[k] = v(k) as boolean;
  }
  if (has('removeOutliers')) s.removeOutliers = NUM(v('removeOutliers')) ?? null;
  if (has('resegmentRange')) {
    const r = v('resegmentRange');
    s.resegmentRange = Array.isArray(r) ? r.map(Number) : null;
  }
  if (has('resegmentMode') && v('resegmentMode') !== null) s.resegmentMode = v('resegmentMode') as ExtractionSettings['resegmentMode'];
  if (has('force2Ddimension') && v('force2Ddimension') !== null) s.force2Ddimension = v('force2Ddimension') as 0 | 1 | 2;
  if (has('distances') && Array.isArray(v('distances'))) s.distances = (v('distances') as number[]).slice();
  if (has('weightingNorm')) s.weightingNorm = (v('weightingNorm') as ExtractionSettings['weightingNorm']) ?? null;
  if (has('geometryTolerance')) s.geometryTolerance = NUM(v('geometryTolerance')) ?? null;
  if (has('minimumROISize')) s.minimumROISize = NUM(v('minimumROISize')) ?? null;
  return s;
}

/** Filter settings with defaults applied (`setting` keys, then the image type's block on top). */
export function resolveFilterSettings(
  block: Record<string, ParamValue>,
  sigmaText: string[] | undefined,
  base: FilterSettings = DEFAULT_FILTER_SETTINGS,
): FilterSettings {
  const f: FilterSettings = { ...base, sigma: [...base.sigma], sigmaText: [...base.sigmaText] };
  if (Array.isArray(block.sigma)) {
    f.sigma = block.sigma.map(Number);
    f.sigmaText = sigmaText ?? f.sigma.map((s) => pyFloat(s));
  }
  const copy = <K extends keyof FilterSettings>(k: K): void => {
    const v = block[k];
    if (v !== undefined && v !== null) (f[k] as unknown) = v;
  };
  for (const k of ['wavelet', 'start_level', 'level', 'lbp2DRadius', 'lbp2DSamples', 'lbp2DMethod', 'lbp3DLevels', 'lbp3DIcosphereRadius', 'lbp3DIcosphereSubdivision', 'gradientUseSpacing'] as const) copy(k);
  return f;
}

function dropNulls(block: Record<string, ParamValue>): Record<string, ParamValue> {
  return Object.fromEntries(Object.entries(block).filter(([, v]) => v !== null));
}

/** Python `str()` of YAML numbers: integers as written, floats via repr (so `1.0` stays '1.0'). */
function sigmaTexts(node: Node | null | undefined): string[] | undefined {
  if (!node || !isSeq(node)) return undefined;
  return node.items.map((item) => {
    if (!isScalar(item) || typeof item.value !== 'number') return String(isScalar(item) ? item.value : item);
    const src = (item as { source?: string }).source ?? String(item.value);
    return /^[-+]?(0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|0o?[0-7_]+)$/.test(src.trim()) ? String(item.value) : pyFloat(item.value);
  });
}

/** Validate a `featureClass` block (class names; feature names for implemented classes). */
function parseFeatureClasses(block: ParamValue): Map<string, string[] | null> {
  const map = asMapping(block, 'featureClass');
  const out = new Map<string, string[] | null>();
  for (const [cls, features] of Object.entries(map)) {
    if (!isFeatureClassName(cls)) {
      throw new ParamsError(`featureClass: feature class '${cls}' is not recognized; available: ${FEATURE_CLASS_NAMES.join(', ')}`);
    }
    if (features === null || (Array.isArray(features) && features.length === 0)) {
      out.set(cls, null);
      continue;
    }
    if (!Array.isArray(features) || features.some((f) => typeof f !== 'string')) {
      throw new ParamsError(`featureClass.${cls}: expected a list of feature names, got ${describe(features)}`);
    }
    const family = findFamily(cls);
    if (family) {
      const known = new Set(family.features.map((f) => f.name));
      const unknown = (features as string[]).filter((f) => !known.has(f));
      if (unknown.length) throw new ParamsError(`featureClass.${cls}: unrecognized feature(s) ${unknown.join(', ')}`);
    }
    out.set(cls, features as string[]);
  }
  return out;
}

/** The default feature classes: all but shape2D, each with its default features. */
export function defaultFeatureClasses(): Map<string, string[] | null> {
  return new Map(FEATURE_CLASS_NAMES.filter((c) => c !== 'shape2D').map((c) => [c, null]));
}

/**
 * Build validated extraction parameters from a parsed parameter object. `sigmaText` gives the
 * literal σ strings by block ('setting' or the image type key) when known from the source text.
 */
export function paramsFromObject(root: ParamValue, sigmaText: Map<string, string[]> = new Map()): ExtractionParams {
  const top = root === null ? {} : asMapping(root, 'parameter file');
  for (const key of Object.keys(top)) {
    if (!['setting', 'voxelSetting', 'featureClass', 'imageType', 'ibsi'].includes(key)) {
      throw new ParamsError(`unknown top-level key '${key}' (expected setting, voxelSetting, featureClass, imageType, ibsi)`);
    }
  }
  const setting = validateSettingBlock(top.setting == null ? {} : asMapping(top.setting, 'setting'));
  const voxelSetting = validateBlock(top.voxelSetting == null ? {} : asMapping(top.voxelSetting, 'voxelSetting'), VOXEL_RULES, 'voxelSetting');
  const settings = resolveSettings(setting);
  if (top.ibsi !== undefined) {
    try {
      settings.ibsi = parseIbsiBlock(top.ibsi);
    } catch (err) {
      if (err instanceof IbsiBlockError) throw new ParamsError(err.message);
      throw err;
    }
  }
  const filter = resolveFilterSettings(setting, sigmaText.get('setting'));

  let imageTypeBlock: Record<string, ParamValue> = { Original: {} };
  if (top.imageType !== undefined) {
    if (top.imageType === null) throw new ParamsError('imageType: the image type mapping cannot be empty (null)');
    imageTypeBlock = asMapping(top.imageType, 'imageType');
  }
  const imageTypes: ImageTypeSpec[] = [];
  for (const [key, customValue] of Object.entries(imageTypeBlock)) {
    if (!(PYRADIOMICS_IMAGE_TYPE_KEYS as readonly string[]).includes(key)) {
      throw new ParamsError(`imageType: image type '${key}' is not recognized; available: ${PYRADIOMICS_IMAGE_TYPE_KEYS.join(', ')}`);
    }
    if (customValue === null) throw new ParamsError(`imageType.${key}: use {} for no custom settings (null is not allowed)`);
    const custom = validateSettingBlock(asMapping(customValue, `imageType.${key}`), `imageType.${key}`);
    imageTypes.push({
      key,
      custom: dropNulls(custom),
      settings: resolveSettings(custom, settings),
      filter: resolveFilterSettings(custom, sigmaText.get(key), filter),
    });
  }
  // pyradiomics: a missing or empty featureClass block enables every class (but shape2D) with its defaults.
  let featureClasses = top.featureClass == null ? defaultFeatureClasses() : parseFeatureClasses(top.featureClass);
  if (featureClasses.size === 0) featureClasses = defaultFeatureClasses();
  const params: ExtractionParams = { setting: dropNulls(setting), sigmaText, settings, filter, imageTypes, featureClasses, voxelSetting: dropNulls(voxelSetting) };
  if (top.ibsi !== undefined) params.ibsi = top.ibsi;
  return params;
}

/** Parse and validate the text of a YAML or JSON parameter file. `source` names it in errors. */
export function parseParams(text: string, source = 'parameter file'): ExtractionParams {
  let doc;
  try {
    doc = parseDocument(text, { version: '1.1', uniqueKeys: true });
  } catch (err) {
    throw new ParamsError(`${source}: ${(err as Error).message}`);
  }
  if (doc.errors.length) throw new ParamsError(`${source}: ${doc.errors[0]!.message}`);
  const sigmaText = new Map<string, string[]>();
  const settingNode = doc.get('setting', true);
  if (isMap(settingNode)) {
    const t = sigmaTexts(settingNode.get('sigma', true) as Node);
    if (t) sigmaText.set('setting', t);
  }
  const imageTypeNode = doc.get('imageType', true);
  if (isMap(imageTypeNode)) {
    for (const pair of imageTypeNode.items) {
      if (isScalar(pair.key) && isMap(pair.value)) {
        const t = sigmaTexts(pair.value.get('sigma', true) as Node);
        if (t) sigmaText.set(String(pair.key.value), t);
      }
    }
  }
  try {
    return paramsFromObject(doc.toJS() as ParamValue, sigmaText);
  } catch (err) {
    if (err instanceof ParamsError) throw new ParamsError(`${source}: ${err.message}`);
    throw err;
  }
}

/** Read and validate a parameter file (`.yaml`, `.yml` or `.json`). */
export function readParamsFile(path: string): ExtractionParams {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ParamsError(`${path}: cannot read parameter file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return parseParams(text, path);
}

/**
 * Apply `setting` overrides (pyradiomics CLI `--setting key:value`) to parsed parameters; values are
 * validated like the file's own `setting` block and re-merged into every image type.
 */
export function withSettingOverrides(params: ExtractionParams, overrides: Record<string, ParamValue>): ExtractionParams {
  const setting = { ...params.setting, ...validateSettingBlock(overrides, 'setting override') };
  const sigmaText = new Map(params.sigmaText);
  if (Array.isArray(overrides.sigma)) sigmaText.delete('setting');
  const imageTypes = Object.fromEntries(params.imageTypes.map((t) => [t.key, t.custom]));
  const root: ParamValue = { setting, imageType: imageTypes, featureClass: Object.fromEntries(params.featureClasses) };
  if (Object.keys(params.voxelSetting).length) (root as Record<string, ParamValue>).voxelSetting = params.voxelSetting;
  if (params.ibsi !== undefined) (root as Record<string, ParamValue>).ibsi = params.ibsi;
  return paramsFromObject(root, sigmaText);
}

/** The parameters with an `ibsi` block (IBSI compliance mode; `{}` = every IBSI default), e.g. for `dlrn extract --ibsi`. */
export function withIbsiBlock(params: ExtractionParams, block: ParamValue = {}): ExtractionParams {
  const imageTypes = Object.fromEntries(params.imageTypes.map((t) => [t.key, t.custom]));
  const root: Record<string, ParamValue> = { setting: params.setting, imageType: imageTypes, featureClass: Object.fromEntries(params.featureClasses), ibsi: block };
  if (Object.keys(params.voxelSetting).length) root.voxelSetting = params.voxelSetting;
  return paramsFromObject(root, params.sigmaText);
}

/**
 * One `key:value` setting override as pyradiomics' CLI takes it (`--setting binWidth:10`). List settings
 * take comma-separated values (`resampledPixelSpacing:2,2,0`, brackets optional); other values are read
 * as YAML scalars (`true`, `2.5`, `sitkLinear`). The key must be a schema setting.
 */
export function parseSettingOverride(text: string): [string, ParamValue] {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new ParamsError(`setting override '${text}' is not of the form key:value`);
  const key = text.slice(0, colon).trim();
  const raw = text.slice(colon + 1).trim();
  const rule = SETTING_RULES[key];
  if (!rule) throw new ParamsError(`setting override: unknown key '${key}'`);
  let value: ParamValue;
  if (rule.type === 'seq') {
    const body = raw.replace(/^\[|\]$/g, '').trim();
    value = body === '' ? [] : body.split(',').map((s) => scalarOf(s.trim()));
  } else {
    value = scalarOf(raw);
  }
  return [key, value];
}

function scalarOf(text: string): ParamValue {
  const doc = parseDocument(text, { version: '1.1' });
  const v = doc.toJS() as ParamValue;
  return v === undefined ? null : v;
}
