/**
 * The IBSI compliance check behind `dlrn self-test`: IBSI-1 reference features of the digital phantom
 * and CT-phantom configurations A–E in both modes ({@link computeIbsiTags}), and the IBSI-2 filter
 * response maps ({@link checkFilterMaps}), summarised per feature family and configuration.
 *
 * Data layout (an IBSI data root, as the IBSI repositories distribute it):
 *   data_sets/ibsi_1_digital_phantom/nifti/{image/phantom.nii.gz, mask/mask.nii.gz}
 *   data_sets/ibsi_1_ct_radiomics_phantom/nifti/{image/phantom.nii.gz, mask/mask.nii.gz}
 *   data_sets/ibsi_2_digital_phantom/nifti/<phantom>/image/<phantom>.nii.gz
 *   ibsi_2_reference_data/reference_response_maps/<id>-ValidCRM.nii
 *   z-rad_tests_data/ibsi_1_reference_values_{digital_phantom,config_A..E}.csv
 *
 * Verdict: ibsi mode must pass every value it computes; pyradiomics mode must pass every value it
 * computes on the digital phantom and configuration A except the documented deviations
 * ({@link EXPECTED_PYRADIOMICS_DEVIATIONS}); configurations B–E are reported for pyradiomics mode but not
 * judged (its resampling conventions differ from IBSI's by design; docs/IBSI.md). Every IBSI-2 map must
 * pass in ibsi mode; in pyradiomics mode the maps its filters express must pass except 2_a.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseImages } from '../extractor';
import { readImage } from '../../io/readImage';
import { computeIbsiTags, withinTolerance, type TagResult } from './benchmark';
import { IBSI_CONFIG_IDS, type IbsiConfigId, type IbsiMode } from './configurations';
import { checkFilterMaps, type FilterMapResult } from './filterMaps';
import { readIbsiReferences, type IbsiReference } from './referenceTable';

/** pyradiomics-mode values known to miss IBSI on the judged data sets, with the reason. */
export const EXPECTED_PYRADIOMICS_DEVIATIONS: Record<string, Record<string, string>> = {
  phantom: {
    morph_pca_min_axis: 'pyradiomics PCA uses the population covariance (N), IBSI the sample covariance (N − 1); N = 74',
    morph_pca_least_axis: 'pyradiomics PCA uses the population covariance (N), IBSI the sample covariance (N − 1); N = 74',
  },
  A: {},
};

/** IBSI-2 maps pyradiomics' filters are known to miss. */
export const EXPECTED_PYRADIOMICS_MAP_DEVIATIONS: Record<string, string> = {
  '2_a': "ITK's recursive (Deriche) Gaussian misses the impulse peak by 1.37 % of the range at σ = 1.5 voxels",
};

/** Absolute paths of the IBSI data under a data root. */
export function ibsiDataFiles(root: string) {
  const p = (...parts: string[]): string => join(root, ...parts);
  return {
    image: (config: IbsiConfigId): string =>
      config === 'phantom' ? p('data_sets', 'ibsi_1_digital_phantom', 'nifti', 'image', 'phantom.nii.gz') : p('data_sets', 'ibsi_1_ct_radiomics_phantom', 'nifti', 'image', 'phantom.nii.gz'),
    mask: (config: IbsiConfigId): string =>
      config === 'phantom' ? p('data_sets', 'ibsi_1_digital_phantom', 'nifti', 'mask', 'mask.nii.gz') : p('data_sets', 'ibsi_1_ct_radiomics_phantom', 'nifti', 'mask', 'mask.nii.gz'),
    references: (config: IbsiConfigId): string => p('z-rad_tests_data', `ibsi_1_reference_values_${config === 'phantom' ? 'digital_phantom' : `config_${config}`}.csv`),
    phantom: (name: string): string => p('data_sets', 'ibsi_2_digital_phantom', 'nifti', name, 'image', `${name}.nii.gz`),
    map: (id: string): string => p('ibsi_2_reference_data', 'reference_response_maps', `${id}-ValidCRM.nii`),
  };
}

/** Whether a folder has the IBSI data layout (the CT phantom and its reference sheets). */
export function isIbsiDataRoot(root: string): boolean {
  const f = ibsiDataFiles(root);
  return existsSync(f.image('A')) && existsSync(f.references('A'));
}

/** One reference value judged. */
export interface JudgedValue {
  config: IbsiConfigId;
  mode: IbsiMode;
  reference: IbsiReference;
  family: string;
  result: TagResult;
  /** null when not computed. */
  passed: boolean | null;
}

/** IBSI family of a reference row without its aggregation, e.g. 'Co-occurrence matrix'; diagnostics as one family. */
export function familyOf(reference: IbsiReference): string {
  if (reference.family.startsWith('Diagnostics')) return 'Diagnostics';
  return reference.family.replace(/\s*\(.*\)\s*$/, '');
}

/** Everything the self-test found. */
export interface ComplianceReport {
  modes: IbsiMode[];
  configs: IbsiConfigId[];
  values: JudgedValue[];
  maps: FilterMapResult[];
  /** Failures that break the verdict (see the module comment), as text. */
  unexpected: string[];
  seconds: number;
}

/** Whether a mode's results on a configuration are judged. */
export function isJudged(mode: IbsiMode, config: IbsiConfigId): boolean {
  return mode === 'ibsi' || config in EXPECTED_PYRADIOMICS_DEVIATIONS;
}

/** Run the IBSI checks on the data under `root`. */
export function runIbsiCompliance(
  root: string,
  options: { configs?: readonly IbsiConfigId[]; modes?: readonly IbsiMode[]; maps?: boolean } = {},
): ComplianceReport {
  const t0 = performance.now();
  const files = ibsiDataFiles(root);
  const configs = [...(options.configs ?? IBSI_CONFIG_IDS)];
  const modes = [...(options.modes ?? (['pyradiomics', 'ibsi'] as IbsiMode[]))];
  const values: JudgedValue[] = [];
  const unexpected: string[] = [];
  let ct: CaseImages | undefined;
  for (const config of configs) {
    const images: CaseImages =
      config === 'phantom'
        ? { image: readImage(files.image(config)), maskChannels: [readImage(files.mask(config))] }
        : (ct ??= { image: readImage(files.image(config)), maskChannels: [readImage(files.mask(config))] });
    const references = readIbsiReferences(files.references(config));
    for (const mode of modes) {
      const results = computeIbsiTags(images, config, mode, references);
      for (const reference of references) {
        const result = results.get(reference.tag)!;
        const passed = result.value === null ? null : withinTolerance(result.value, reference);
        values.push({ config, mode, reference, family: familyOf(reference), result, passed });
        if (passed !== false || !isJudged(mode, config)) continue;
        if (mode === 'pyradiomics' && EXPECTED_PYRADIOMICS_DEVIATIONS[config]![reference.tag]) continue;
        unexpected.push(`${mode} ${config} ${reference.tag}: ${result.value} outside ${reference.value} ± ${reference.tolerance}`);
      }
    }
  }
  const maps = options.maps === false ? [] : checkFilterMaps(files, modes);
  for (const m of maps) {
    if (m.worst === null || m.passed) continue;
    if (m.mode === 'pyradiomics' && EXPECTED_PYRADIOMICS_MAP_DEVIATIONS[m.id]) continue;
    unexpected.push(`${m.mode} IBSI-2 map ${m.id}: worst voxel ${(100 * m.worst).toFixed(2)} % of the range (limit 1 %)`);
  }
  return { modes, configs, values, maps, unexpected, seconds: (performance.now() - t0) / 1000 };
}
