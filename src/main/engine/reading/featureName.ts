/**
 * Parts of a wide feature-table column name `<phase prefix>_<image type>_<feature class>_<feature>`,
 * e.g. `A_wavelet-LLH_glcm_Idmn` (pyradiomics key `wavelet-LLH_glcm_Idmn` of the arterial phase). Image
 * types never contain '_' (`original`, `log-sigma-3-0-mm-3D`, `wavelet-HLL`, `lbp-3D-m1`, …).
 */
export interface FeatureNameParts {
  /** Phase prefix (A, V, D, N) or '' when the name has none. */
  phase: string;
  imageType: string;
  featureClass: string;
  feature: string;
}

/** Splits a feature column name; names that do not follow the pattern keep everything in `feature`. */
export function featureNameParts(name: string): FeatureNameParts {
  const parts = name.split('_');
  const hasPhase = parts.length >= 4 && /^[A-Z]$/.test(parts[0]);
  const rest = hasPhase ? parts.slice(1) : parts;
  if (rest.length < 3) return { phase: hasPhase ? parts[0] : '', imageType: '', featureClass: '', feature: rest.join('_') };
  return { phase: hasPhase ? parts[0] : '', imageType: rest[0], featureClass: rest[1], feature: rest.slice(2).join('_') };
}
