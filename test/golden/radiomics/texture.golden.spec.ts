/**
 * Texture features vs pyradiomics' baseline CSVs (`baseline_{glcm,glrlm,glszm,gldm,ngtdm}.csv`),
 * each column with the settings read from its own `diagnostics_Configuration_Settings` row.
 *
 * Covered variants: default (binWidth 25), `_2d` (force2D, axial), `_FBN` (binCount 64),
 * `_flatRegion` (binWidth 5000 + resegmentRange [0], a single gray level) and `_combined`
 * (weightingNorm 'no_weighting', GLCM/GLRLM only) for brain1, brain2 and breast1.
 * Not here: `_normalization`, `_resampling` and `_resegmentation` (sigma mode) need the extractor's
 * image operations and are checked by the end-to-end extractor harness; lung1/lung2 have no image.
 *
 * Tolerance: 1e-9 relative (oracle README §2.5), and a baseline of exactly 0 must be exactly 0.
 * MCC goes through a general eigen-solver (ml-matrix vs LAPACK) and agrees to ~1e-12.
 */
import { describe, expect, it } from 'vitest';
import type { FeatureFamily } from '../../../src/main/engine/radiomics/family';
import { glcmFamily } from '../../../src/main/engine/radiomics/families/glcm';
import { gldmFamily } from '../../../src/main/engine/radiomics/families/gldm';
import { glrlmFamily } from '../../../src/main/engine/radiomics/families/glrlm';
import { glszmFamily } from '../../../src/main/engine/radiomics/families/glszm';
import { ngtdmFamily } from '../../../src/main/engine/radiomics/families/ngtdm';
import {
  columnSettings,
  loadCroppedCase,
  parsePythonDict,
  readBaseline,
  resegmentLowerBound,
  type CroppedCase,
} from './textureCases';

const FAMILIES: FeatureFamily[] = [glcmFamily, glrlmFamily, glszmFamily, gldmFamily, ngtdmFamily];
const CASES = ['brain1', 'brain2', 'breast1'];
const VARIANTS = ['', '_2d', '_FBN', '_flatRegion', '_combined'];
const REL_TOL = 1e-9;

const caseCache = new Map<string, CroppedCase>();
function croppedCase(name: string, resegmentLow: number | null): CroppedCase {
  const key = `${name}|${resegmentLow}`;
  let c = caseCache.get(key);
  if (!c) {
    c = loadCroppedCase(name, resegmentLow === null ? undefined : (im, lab) => resegmentLowerBound(im, lab, resegmentLow));
    caseCache.set(key, c);
  }
  return c;
}

describe.each(FAMILIES)('$name vs pyradiomics baseline', (family) => {
  const table = readBaseline(family.name);
  const columns = CASES.flatMap((c) => VARIANTS.map((v) => c + v)).filter((col) => table.columns.includes(col));

  it.each(columns)('%s', (column) => {
    const c = table.columns.indexOf(column);
    const dict = parsePythonDict(table.rows.get('diagnostics_Configuration_Settings')![c]!);
    const settings = columnSettings(dict);
    const range = settings.resegmentRange;
    if (range !== null) {
      // Only the absolute lower-bound form is used by the covered columns.
      expect(range.length).toBe(1);
      expect(settings.resegmentMode).toBe('absolute');
    }
    const k = croppedCase(column.split('_')[0]!, range === null ? null : range[0]!);
    const prefix = `original_${family.name}_`;
    const names = [...table.rows.keys()].filter((r) => r.startsWith(prefix)).map((r) => r.slice(prefix.length));
    expect(names.length).toBeGreaterThan(0);
    const values = family.compute(
      { image: k.image, imageIsFloat32: false, mask: k.mask, morphologicalMask: k.mask, size: k.size, spacing: k.spacing, settings },
      names,
    );
    const failures: string[] = [];
    for (const n of names) {
      const ref = Number(table.rows.get(prefix + n)![c]);
      const v = values.get(n);
      const ok = v !== undefined && (ref === 0 ? v === 0 : Math.abs(v / ref - 1) <= REL_TOL);
      if (!ok) failures.push(`${n}: ours ${v}, pyradiomics ${ref}`);
    }
    expect(failures).toEqual([]);
  });
});
