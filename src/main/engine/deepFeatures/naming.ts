/**
 * Deep-feature names: `<phase>_<stem>_<index>`, e.g. `V_resnet18_avgpool_0137` — phase prefix
 * (letters and digits, no underscore: A = arterial, V = venous, D = delayed, …), the model's name stem
 * from its manifest, and the 0-based channel index of the pooled layer, zero-padded to 4 digits.
 * Channel k of the pooled output is the mean of channel k of the last conv block, which is what
 * {@link parseDeepFeatureName} gives back to the class-activation map.
 */

const PREFIX = /^[A-Za-z][A-Za-z0-9]*$/;
const STEM = /^[a-z0-9]+(_[a-z0-9]+)*$/;
const NAME = /^([A-Za-z][A-Za-z0-9]*)_([a-z0-9]+(?:_[a-z0-9]+)*)_(\d{4,})$/;

export interface DeepFeatureName {
  phase: string;
  stem: string;
  /** 0-based channel index. */
  index: number;
}

/** Check a phase prefix (throws a RangeError naming it). */
export function checkPhasePrefix(phase: string): string {
  if (!PREFIX.test(phase)) throw new RangeError(`phase prefix '${phase}' must be a letter followed by letters or digits (no '_')`);
  return phase;
}

/** Name of channel `index` of a model's pooled features for one phase. */
export function deepFeatureName(phase: string, stem: string, index: number): string {
  checkPhasePrefix(phase);
  if (!STEM.test(stem)) throw new RangeError(`feature name stem '${stem}' must be lowercase words joined by '_'`);
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`feature index must be a non-negative integer, got ${index}`);
  return `${phase}_${stem}_${String(index).padStart(4, '0')}`;
}

/** All `count` names of one phase, in channel order. */
export function deepFeatureNames(phase: string, stem: string, count: number): string[] {
  return Array.from({ length: count }, (_, k) => deepFeatureName(phase, stem, k));
}

/** Split a deep-feature name; undefined when `name` is not one. */
export function parseDeepFeatureName(name: string): DeepFeatureName | undefined {
  const m = NAME.exec(name);
  return m ? { phase: m[1], stem: m[2], index: Number(m[3]) } : undefined;
}
