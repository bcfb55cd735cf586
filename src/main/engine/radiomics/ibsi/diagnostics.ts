/**
 * IBSI-1 diagnostic features (reference manual, "Diagnostic features"; reference data
 * `05_Reference_data_sets`): image and ROI descriptors after each processing step, keyed by the
 * IBSI compliance-sheet tags, e.g. `img_dim_x_init_img`, `int_mask_vox_count_reseg_roi`.
 * Stages: 'init' (as loaded), 'interp' (after interpolation; equal to 'init' without one), 'reseg'
 * (after re-segmentation; image rows do not exist for it).
 */
import type { Volume } from '../../image/volume';

/** Processing stage of a diagnostic. */
export type IbsiStage = 'init' | 'interp' | 'reseg';

const AXES = ['x', 'y', 'z'] as const;

/** Image diagnostics: dimensions (voxels), voxel dimensions (mm), mean, minimum and maximum intensity of the whole image. */
export function imageDiagnostics(out: Map<string, number>, image: Volume, stage: 'init' | 'interp'): void {
  let sum = 0;
  let mn = Infinity;
  let mx = -Infinity;
  for (let i = 0; i < image.data.length; i++) {
    const v = image.data[i]!;
    sum += v;
    if (v < mn) mn = v;
    if (v > mx) mx = v;
  }
  AXES.forEach((a, d) => {
    out.set(`img_dim_${a}_${stage}_img`, image.size[d]!);
    out.set(`vox_dim_${a}_${stage}_img`, image.spacing[d]!);
  });
  out.set(`mean_int_${stage}_img`, sum / image.data.length);
  out.set(`min_int_${stage}_img`, mn);
  out.set(`max_int_${stage}_img`, mx);
}

/** Voxel count and bounding-box extent (voxels, x y z) of a 0/1 mask. */
function maskExtent(mask: Volume<Uint8Array>): { count: number; box: number[] } {
  const [nx, ny, nz] = mask.size;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  let count = 0;
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (!mask.data[i]) continue;
        count++;
        if (x < lo[0]!) lo[0] = x;
        if (x > hi[0]!) hi[0] = x;
        if (y < lo[1]!) lo[1] = y;
        if (y > hi[1]!) hi[1] = y;
        if (z < lo[2]!) lo[2] = z;
        if (z > hi[2]!) hi[2] = z;
      }
    }
  }
  return { count, box: [0, 1, 2].map((d) => (count ? hi[d]! - lo[d]! + 1 : 0)) };
}

/**
 * ROI diagnostics: intensity-mask grid dimensions, intensity- and morphological-mask bounding-box
 * dimensions and voxel counts, and the mean, minimum and maximum intensity inside the intensity mask.
 */
export function roiDiagnostics(
  out: Map<string, number>,
  image: Volume,
  intensityMask: Volume<Uint8Array>,
  morphologicalMask: Volume<Uint8Array>,
  stage: IbsiStage,
): void {
  const int = maskExtent(intensityMask);
  const morph = maskExtent(morphologicalMask);
  AXES.forEach((a, d) => {
    out.set(`int_mask_dim_${a}_${stage}_roi`, intensityMask.size[d]!);
    out.set(`int_mask_bb_dim_${a}_${stage}_roi`, int.box[d]!);
    out.set(`morph_mask_bb_dim_${a}_${stage}_roi`, morph.box[d]!);
  });
  out.set(`int_mask_vox_count_${stage}_roi`, int.count);
  out.set(`morph_mask_vox_count_${stage}_roi`, morph.count);
  let sum = 0;
  let mn = Infinity;
  let mx = -Infinity;
  for (let i = 0; i < intensityMask.data.length; i++) {
    if (!intensityMask.data[i]) continue;
    const v = image.data[i]!;
    sum += v;
    if (v < mn) mn = v;
    if (v > mx) mx = v;
  }
  out.set(`int_mask_mean_int_${stage}_roi`, sum / int.count);
  out.set(`int_mask_min_int_${stage}_roi`, mn);
  out.set(`int_mask_max_int_${stage}_roi`, mx);
}
