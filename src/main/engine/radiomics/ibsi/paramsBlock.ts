/**
 * The `ibsi:` top-level block of a parameter file (our extension; docs/IBSI.md), which switches the
 * extractor to IBSI compliance mode. pyradiomics parameter files never contain it and keep their
 * meaning. `ibsi: {}` (or `ibsi: true`) takes {@link IBSI_DEFAULTS}; each key overrides one default:
 *
 * | key | type | default |
 * |---|---|---|
 * | binAlignToResegmentMinimum | bool | true |
 * | centreAlignedResampling | bool | true |
 * | roundAfterInterpolation | bool | true |
 * | maskPartialVolumeThreshold | float in (0, 1], or null = nearest-neighbour mask | 0.5 |
 * | outlierSigma | float > 0, or null = no outlier filter | null |
 * | sliceWiseTexture | bool | false |
 * | ivhBinWidth | float > 0, or null | null |
 * | ivhBinCount | int > 0, or null | null |
 * | extraFeatures | bool | true |
 * | filterPadding | constant, mirror, nearest, periodic | mirror |
 * | waveletRotationInvariant | bool | false |
 *
 * Unlike `setting:`, an explicit null here means "none" (the value null), not "default".
 */
import { IBSI_DEFAULTS, type IbsiOptions } from '../settings';

/** A value of the block as parsed from YAML/JSON. */
type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

/** An invalid `ibsi` block; the parameter-file parser rethrows it as its own error type. */
export class IbsiBlockError extends Error {
  constructor(message: string) {
    super(`ibsi: ${message}`);
    this.name = 'IbsiBlockError';
  }
}

const PADDINGS = ['constant', 'mirror', 'nearest', 'periodic'] as const;

function bool(key: string, v: Value): boolean {
  if (typeof v !== 'boolean') throw new IbsiBlockError(`${key} must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

function positive(key: string, v: Value, options: { integer?: boolean; max?: number } = {}): number | null {
  if (v === null) return null;
  if (typeof v !== 'number' || !(v > 0) || (options.integer && !Number.isInteger(v)) || (options.max !== undefined && v > options.max)) {
    const what = options.integer ? 'a positive integer' : options.max !== undefined ? `a number in (0, ${options.max}]` : 'a positive number';
    throw new IbsiBlockError(`${key} must be ${what} or null, got ${JSON.stringify(v)}`);
  }
  return v;
}

/**
 * Validate an `ibsi` block and resolve it over {@link IBSI_DEFAULTS}.
 * @throws IbsiBlockError naming the offending key (unknown keys are rejected).
 */
export function parseIbsiBlock(block: Value): IbsiOptions {
  if (block === true || block === null) return { ...IBSI_DEFAULTS, ivh: { ...IBSI_DEFAULTS.ivh } };
  if (typeof block !== 'object' || Array.isArray(block)) throw new IbsiBlockError(`expected a mapping (or true), got ${JSON.stringify(block)}`);
  const o: IbsiOptions = { ...IBSI_DEFAULTS, ivh: { ...IBSI_DEFAULTS.ivh } };
  for (const [key, v] of Object.entries(block)) {
    switch (key) {
      case 'binAlignToResegmentMinimum':
      case 'centreAlignedResampling':
      case 'roundAfterInterpolation':
      case 'sliceWiseTexture':
      case 'extraFeatures':
      case 'waveletRotationInvariant':
        o[key] = bool(key, v);
        break;
      case 'maskPartialVolumeThreshold':
        o.maskPartialVolumeThreshold = positive(key, v, { max: 1 });
        break;
      case 'outlierSigma':
        o.outlierSigma = positive(key, v);
        break;
      case 'ivhBinWidth':
        o.ivh.binWidth = positive(key, v);
        break;
      case 'ivhBinCount':
        o.ivh.binCount = positive(key, v, { integer: true });
        break;
      case 'filterPadding':
        if (!(PADDINGS as readonly Value[]).includes(v)) throw new IbsiBlockError(`filterPadding must be one of ${PADDINGS.join(', ')}, got ${JSON.stringify(v)}`);
        o.filterPadding = v as IbsiOptions['filterPadding'];
        break;
      default:
        throw new IbsiBlockError(`unknown key '${key}'`);
    }
  }
  if (o.ivh.binWidth !== null && o.ivh.binCount !== null) throw new IbsiBlockError('set ivhBinWidth or ivhBinCount, not both');
  return o;
}
