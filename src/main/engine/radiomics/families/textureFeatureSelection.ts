/**
 * Feature selection shared by the texture families: which of the requested names are computed.
 */
import type { FeatureSpec } from '../family';

/**
 * The requested features that produce a value. Deprecated ones are dropped (pyradiomics raises a
 * DeprecationWarning in their getters, which removes them from the output without a NaN); an
 * unknown name is an error, as pyradiomics' `enableFeatureByName` raises a LookupError.
 */
export function selectFeatures(family: string, specs: readonly FeatureSpec[], enabled: readonly string[]): string[] {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const out: string[] = [];
  for (const name of enabled) {
    const spec = byName.get(name);
    if (!spec) throw new Error(`${family}: unknown feature '${name}'`);
    if (!spec.deprecated) out.push(name);
  }
  return out;
}
