/**
 * shape / shape2D vs pyradiomics' own baselines (oracle/pyradiomics/data/baseline/baseline_shape*.csv),
 * every column and every feature row, both ways: every baseline feature is produced and every feature
 * we emit has a baseline. Each column's settings come from its diagnostics_Configuration_Settings row.
 *
 * lung1/lung2 have no image in the oracle: the label NRRD carries the image geometry (oracle README §4),
 * and their single-slice shape2D masks are rebuilt from the 3-D label (z = 33 and 22).
 */
import { describe, expect, it } from 'vitest';
import { resampleImage, type Interpolator } from '../../../src/main/engine/image/resample';
import type { Vec3, Volume } from '../../../src/main/engine/image/volume';
import { readImage } from '../../../src/main/engine/io/readImage';
import type { FeatureFamily } from '../../../src/main/engine/radiomics/family';
import { shape } from '../../../src/main/engine/radiomics/families/shape';
import { shape2D } from '../../../src/main/engine/radiomics/families/shape2d';
import { paramsFromObject, type ParamValue } from '../../../src/main/engine/radiomics/paramsFile';
import type { ExtractionSettings } from '../../../src/main/engine/radiomics/settings';
import { oraclePath } from '../../support/oracle';
import { parsePyLiteral } from '../../support/pyLiteral';
import { loadBaseline } from '../../support/pyradiomicsBaseline';

/** Agreement required with the baselines, relative; they carry 12 significant digits at worst. */
const RELATIVE_TOLERANCE = 1e-9;

/**
 * brain1 (default settings): the baseline's mesh values predate pyradiomics' current C mesh kernel
 * (algorithms.md §8.3: a peer run of current pyradiomics differs from them by up to 9e-4; the mask's
 * SHA-1 equals the baseline's diagnostics_Mask-original_Hash). The three triTable versions in
 * pyradiomics' history triangulate every cube configuration of this mask identically, and the same
 * code reproduces brain1_resampling and all other columns to ≤ 4e-12, so these four rows are held
 * to the documented bound only (measured: 1.2e-4, 7.9e-4, 9.1e-4, 8.7e-4); all other brain1 rows to 1e-9.
 */
const BRAIN1_OLD_MESH: Record<string, number> = {
  MeshVolume: 2e-4,
  SurfaceArea: 1e-3,
  SurfaceVolumeRatio: 1e-3,
  Sphericity: 1e-3,
};

/** A column's diagnostics_Configuration_Settings (a Python dict literal), resolved over pyradiomics' defaults. */
function columnSettings(literal: string): ExtractionSettings {
  return paramsFromObject({ setting: parsePyLiteral(literal) as Record<string, ParamValue> }).settings;
}

const SINGLE_SLICE_OF: Record<string, number> = { lung1: 33, lung2: 22 };

/** Image (geometry) and label of a test case id ('brain1', 'lung2_2D', …). */
function loadCase(testCase: string): { image: Volume; label: Volume } {
  const name = testCase.replace(/_2D$/, '');
  const is2D = testCase.endsWith('_2D');
  const file = (suffix: string): string => oraclePath('pyradiomics', 'data', `${name}_${suffix}.nrrd`);
  let label = readImage(is2D && !(name in SINGLE_SLICE_OF) ? file('label_2D') : file('label'));
  if (is2D && name in SINGLE_SLICE_OF) {
    const [nx, ny] = label.size;
    const keep = SINGLE_SLICE_OF[name]!;
    const data = label.data.slice();
    data.forEach((_, i) => {
      if (Math.floor(i / (nx * ny)) !== keep) data[i] = 0;
    });
    label = { ...label, data };
  }
  const image = name in SINGLE_SLICE_OF ? label : readImage(file('image'));
  return { image, label };
}

/**
 * The extractor's steps up to a shape class (pyradiomics `execute`): resample when both
 * resampledPixelSpacing and interpolator are set, then crop the mask (== label) to its bounding box.
 */
function familyInput(testCase: string, settings: ExtractionSettings): Parameters<FeatureFamily['compute']>[0] {
  let { image, label } = loadCase(testCase);
  if (settings.resampledPixelSpacing && settings.interpolator) {
    ({ image, mask: label } = resampleImage(image, label, settings.resampledPixelSpacing, settings.interpolator as Interpolator, settings.label, settings.padDistance));
  }
  const [nx, ny, nz] = label.size;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-1, -1, -1];
  for (let z = 0, i = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++, i++) {
    if (label.data[i] !== settings.label) continue;
    [x, y, z].forEach((c, d) => {
      lo[d] = Math.min(lo[d]!, c);
      hi[d] = Math.max(hi[d]!, c);
    });
  }
  const size = [0, 1, 2].map((d) => hi[d]! - lo[d]! + 1) as Vec3;
  const mask = new Uint8Array(size[0] * size[1] * size[2]);
  for (let z = 0, o = 0; z < size[2]; z++) for (let y = 0; y < size[1]; y++) for (let x = 0; x < size[0]; x++, o++) {
    mask[o] = label.data[x + lo[0]! + nx * (y + lo[1]! + ny * (z + lo[2]!))] === settings.label ? 1 : 0;
  }
  return { image: new Float64Array(mask.length), imageIsFloat32: false, mask, morphologicalMask: mask, size, spacing: [...image.spacing] as Vec3, settings };
}

const relative = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

function checkBaseline(cls: string, family: FeatureFamily): void {
  const columns = loadBaseline(cls);
  const prefix = `original_${family.name}_`;
  const enabled = family.features.filter((f) => f.enabledByDefault).map((f) => f.name);

  it('emits exactly the baseline feature set (all non-deprecated features) in every column', () => {
    for (const column of columns.values()) {
      const rows = [...column.keys()].filter((k) => k.startsWith(prefix));
      expect(enabled.map((n) => prefix + n).sort()).toEqual(rows.sort());
    }
  });

  for (const [name, column] of columns) {
    const testCase = column.get('diagnostics_Configuration_TestCase')!;
    const settings = columnSettings(column.get('diagnostics_Configuration_Settings')!);
    const bounds: Record<string, number> = name === 'brain1' && family === shape ? BRAIN1_OLD_MESH : {};
    const exceptions = Object.entries(bounds).map(([feature, bound]) => `${feature} ≤ ${bound}`);
    const title = exceptions.length ? ` except the pre-current mesh rows (${exceptions.join(', ')})` : '';
    it(`${name} (${testCase}): every feature within ${RELATIVE_TOLERANCE} relative${title}`, () => {
      const input = familyInput(testCase, settings);
      const voxels = input.mask.reduce((a, b) => a + b, 0);
      const count = ['interpolated', 'corrected', 'original'].map((k) => column.get(`diagnostics_Mask-${k}_VoxelNum`)).find(Boolean);
      expect(voxels).toBe(Number(count));
      const got = family.compute(input, enabled);
      for (const feature of enabled) {
        const want = Number(column.get(prefix + feature));
        expect(relative(got.get(feature)!, want), `${name} ${feature}: ${got.get(feature)} vs ${want}`).toBeLessThanOrEqual(
          bounds[feature] ?? RELATIVE_TOLERANCE,
        );
      }
    });
  }
}

describe('shape vs pyradiomics baseline_shape.csv', () => checkBaseline('shape', shape));
describe('shape2D vs pyradiomics baseline_shape2D.csv', () => checkBaseline('shape2D', shape2D));
