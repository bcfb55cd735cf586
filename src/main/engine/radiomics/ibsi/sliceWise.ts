/**
 * IBSI "2D" texture aggregation (IBSI-1 reference manual §3.6–3.11, "2D: features computed per slice
 * and averaged"): the ROI is discretised once as a volume, each slice's matrix is built from that
 * slice alone, and every feature is the mean over the slices holding ROI voxels (slices where a
 * feature is undefined, NaN, are left out of its mean). pyradiomics has no such mode: its `force2D`
 * merges the slices' matrices (IBSI "2.5D").
 */
import type { Vec3 } from '../../image/volume';
import { discretise } from '../discretise';
import type { FamilyInput, FeatureFamily } from '../family';

/**
 * One slice of a family input as its own grid: the sliced numpy axis (`force2Ddimension`, 0 = z)
 * gets size 1, so the texture classes only see in-plane neighbours. `image` holds grey levels.
 */
function sliceInput(input: FamilyInput, greyLevels: Float64Array, ng: number, axis: 0 | 1 | 2, index: number): FamilyInput | null {
  const [nx, ny, nz] = input.size;
  const d = 2 - axis; // (x, y, z) position of the numpy axis
  const size = [...input.size] as Vec3;
  size[d] = 1;
  const n = size[0] * size[1] * size[2];
  const image = new Float64Array(n);
  const mask = new Uint8Array(n);
  const morph = new Uint8Array(n);
  let count = 0;
  let o = 0;
  for (let z = d === 2 ? index : 0; z < (d === 2 ? index + 1 : nz); z++) {
    for (let y = d === 1 ? index : 0; y < (d === 1 ? index + 1 : ny); y++) {
      for (let x = d === 0 ? index : 0; x < (d === 0 ? index + 1 : nx); x++, o++) {
        const i = x + nx * (y + ny * z);
        image[o] = greyLevels[i]!;
        mask[o] = input.mask[i]!;
        morph[o] = input.morphologicalMask[i]!;
        if (mask[o]) count++;
      }
    }
  }
  if (count === 0) return null;
  // Grey levels are bin numbers already: bins of width 1 starting at 0.5 keep them unchanged, and
  // N_g stays the whole ROI's (IBSI normalises e.g. Idn, Idmn by the discretisation's level count).
  const settings = { ...input.settings, binWidth: 1, binCount: null, binLowerBound: 0.5, greyLevelCount: ng };
  return { image, imageIsFloat32: false, mask, morphologicalMask: morph, size, spacing: input.spacing, settings };
}

/**
 * The features `names` of a texture family in IBSI "2D" aggregation: per slice along numpy axis
 * `settings.force2Ddimension`, then the mean over slices of each finite value.
 */
export function sliceWiseFeatures(family: FeatureFamily, input: FamilyInput, names: readonly string[]): Map<string, number> {
  const axis = input.settings.force2Ddimension;
  const { bins, ng } = discretise(input.image, input.mask, input.imageIsFloat32, input.settings);
  const greyLevels = Float64Array.from(bins);
  const sums = new Map<string, number>(names.map((n) => [n, 0]));
  const counts = new Map<string, number>(names.map((n) => [n, 0]));
  const slices = input.size[2 - axis]!;
  for (let k = 0; k < slices; k++) {
    const slice = sliceInput(input, greyLevels, ng, axis, k);
    if (!slice) continue;
    for (const [name, v] of family.compute(slice, names)) {
      if (!Number.isFinite(v)) continue;
      sums.set(name, sums.get(name)! + v);
      counts.set(name, counts.get(name)! + 1);
    }
  }
  return new Map(names.map((n) => [n, counts.get(n)! > 0 ? sums.get(n)! / counts.get(n)! : NaN]));
}
