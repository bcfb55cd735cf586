/**
 * `diagnostics_*` provenance columns, pyradiomics `radiomics/generalinfo.py` (algorithms.md §9):
 * hashes, geometry, ROI statistics of the original, interpolated, corrected and resegmented
 * image/mask, formatted as pyradiomics prints them (Python reprs).
 */
import { createHash } from 'node:crypto';
import { labelBox } from '../image/mask';
import { pairwiseSum, pairwiseSumFloat32 } from '../image/numpySum';
import { indexToPhysical, type Vec3, type Volume } from '../image/volume';
import { pyFloat, pyFloatTuple, pyIntTuple } from './pyRepr';

/** Diagnostics in insertion order, values already formatted. */
export type Diagnostics = Map<string, string>;

/** SimpleITK `Hash`: SHA-1 hex digest of the pixel buffer (x fastest, little-endian, no geometry). */
export function sitkHash(v: Volume): string {
  const d = v.data;
  return createHash('sha1').update(new Uint8Array(d.buffer, d.byteOffset, d.byteLength)).digest('hex');
}

/** Number of 26-connected components of the voxels equal to `label` (ITK ConnectedComponent, FullyConnected). */
export function countComponents(mask: Volume, label: number): number {
  const [nx, ny, nz] = mask.size;
  const d = mask.data;
  // the label's voxels on a grid with an empty margin of 1, so no neighbour leaves the array
  const [px, py] = [nx + 2, ny + 2];
  const open = new Uint8Array(px * py * (nz + 2));
  let count = 0;
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0, p = 1 + px * (y + 1 + py * (z + 1)); x < nx; x++, i++, p++) {
        if (d[i] !== label) continue;
        open[p] = 1;
        count++;
      }
    }
  }
  const steps: number[] = [];
  for (let dz = -1; dz <= 1; dz++) for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) if (dx || dy || dz) steps.push(dx + px * (dy + py * dz));
  const stack = new Int32Array(count);
  let components = 0;
  for (let start = 0; start < open.length; start++) {
    if (!open[start]) continue;
    components++;
    open[start] = 0;
    let top = 0;
    stack[top++] = start;
    while (top > 0) {
      const i = stack[--top]!;
      for (let k = 0; k < 26; k++) {
        const j = i + steps[k]!;
        if (!open[j]) continue;
        open[j] = 0;
        stack[top++] = j;
      }
    }
  }
  return components;
}

/** numpy mean of an array in its dtype (float32 arrays sum in float32, as numpy ≥ 2). */
function npMean(values: Float64Array, float32: boolean): number {
  return float32 ? Math.fround(pairwiseSumFloat32(values) / values.length) : pairwiseSum(values) / values.length;
}

function minMax(values: ArrayLike<number>): [number, number] {
  let mn = Infinity;
  let mx = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < mn) mn = v;
    if (v > mx) mx = v;
  }
  return [mn, mx];
}

/**
 * `addImageElements`: Hash and Dimensionality (original only), Spacing, Size and the whole-image
 * Mean/Minimum/Maximum (as float64).
 */
export function addImageElements(out: Diagnostics, image: Volume, prefix: 'original' | 'interpolated'): void {
  const key = (k: string): string => `diagnostics_Image-${prefix}_${k}`;
  if (prefix === 'original') {
    out.set(key('Hash'), sitkHash(image));
    out.set(key('Dimensionality'), '3D');
  }
  out.set(key('Spacing'), pyFloatTuple(image.spacing));
  out.set(key('Size'), pyIntTuple(image.size));
  const values = Float64Array.from(image.data as ArrayLike<number>);
  const [mn, mx] = minMax(values);
  out.set(key('Mean'), pyFloat(pairwiseSum(values) / values.length));
  out.set(key('Minimum'), pyFloat(mn));
  out.set(key('Maximum'), pyFloat(mx));
}

/**
 * `addMaskElements`: Hash (original only), Spacing, Size, BoundingBox (L_x, L_y, L_z, S_x, S_y, S_z),
 * VoxelNum, VolumeNum (26-connected components), CenterOfMassIndex (mean x, y, z index),
 * CenterOfMass (its physical point) and, when the image is given, Mean/Minimum/Maximum inside the ROI.
 */
export function addMaskElements(
  out: Diagnostics,
  image: Volume | null,
  mask: Volume,
  label: number,
  prefix: 'original' | 'interpolated' | 'corrected' | 'resegmented',
): void {
  const key = (k: string): string => `diagnostics_Mask-${prefix}_${k}`;
  if (prefix === 'original') out.set(key('Hash'), sitkHash(mask));
  out.set(key('Spacing'), pyFloatTuple(mask.spacing));
  out.set(key('Size'), pyIntTuple(mask.size));
  const stats = labelBox(mask, label);
  if (!stats) return;
  const { box, count } = stats;
  out.set(key('BoundingBox'), pyIntTuple([...box.lower, ...[0, 1, 2].map((d) => box.upper[d]! - box.lower[d]! + 1)]));
  out.set(key('VoxelNum'), String(count));
  out.set(key('VolumeNum'), String(countComponents(mask, label)));
  const [nx, ny, nz] = mask.size;
  const cx = new Float64Array(count);
  const cy = new Float64Array(count);
  const cz = new Float64Array(count);
  const d = mask.data;
  let k = 0;
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (d[i] !== label) continue;
        cx[k] = x;
        cy[k] = y;
        cz[k++] = z;
      }
    }
  }
  const centre: Vec3 = [pairwiseSum(cx) / count, pairwiseSum(cy) / count, pairwiseSum(cz) / count];
  out.set(key('CenterOfMassIndex'), pyFloatTuple(centre));
  out.set(key('CenterOfMass'), pyFloatTuple(indexToPhysical(mask, centre)));
  if (!image) return;
  const values = new Float64Array(count);
  const im = image.data;
  for (let i = 0, j = 0; i < d.length; i++) if (d[i] === label) values[j++] = im[i]!;
  const [mn, mx] = minMax(values);
  out.set(key('Mean'), pyFloat(npMean(values, im instanceof Float32Array)));
  out.set(key('Minimum'), pyFloat(mn));
  out.set(key('Maximum'), pyFloat(mx));
}
