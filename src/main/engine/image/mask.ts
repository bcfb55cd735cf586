/**
 * Label maps: channel selection, the UInt32 cast, labels present, ROI statistics
 * (pyradiomics `imageoperations.getMask`; SimpleITK LabelStatistics / LabelShapeStatistics).
 */
import { ImageCheckError } from './imageError';
import type { Vec3, Volume } from './volume';

/** Inclusive index bounds of a ROI in (x, y, z), SimpleITK `GetBoundingBox` as pyradiomics stores it (L, U per axis). */
export interface BoundingBox {
  lower: Vec3;
  upper: Vec3;
}

/** Extent (U − L + 1) of a bounding box per axis. */
export function boxSize(b: BoundingBox): Vec3 {
  return [b.upper[0] - b.lower[0] + 1, b.upper[1] - b.lower[1] + 1, b.upper[2] - b.lower[2] + 1];
}

/** C++ static_cast to uint32 of every voxel: integers wrap modulo 2³², floats truncate first. */
function toUint32(src: Volume['data']): Uint32Array {
  if (src instanceof Uint32Array) return src;
  const out = new Uint32Array(src.length);
  if (src instanceof Float32Array || src instanceof Float64Array) {
    for (let i = 0; i < src.length; i++) out[i] = Math.trunc(src[i]!);
  } else {
    out.set(src);
  }
  return out;
}

/** Sorted distinct values of a label map. */
export function labelsPresent(mask: Volume): number[] {
  const seen = new Set<number>();
  const d = mask.data;
  let last = NaN;
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (v !== last) {
      seen.add(v);
      last = v;
    }
  }
  return [...seen].sort((a, b) => a - b);
}

function formatLabels(labels: number[]): string {
  return `[${labels.filter((l) => l !== 0).join(', ')}]`;
}

/**
 * pyradiomics `getMask`: pick component `labelChannel` of a multi-component mask, cast it to UInt32
 * (C++ static_cast: negative integers wrap, fractions truncate; the buffer pyradiomics hashes),
 * and check that `label` occurs. Errors: no nonzero label at all; the label absent (listing the
 * labels present); a channel index out of range.
 */
export function getMask(channels: readonly Volume[], label: number, labelChannel = 0): Volume<Uint32Array> {
  if (labelChannel < 0 || labelChannel >= channels.length) {
    throw new ImageCheckError(`label_channel ${labelChannel} is out of range: the mask has ${channels.length} channel(s)`);
  }
  const src = channels[labelChannel]!;
  const data = toUint32(src.data);
  const mask: Volume<Uint32Array> = { size: [...src.size], spacing: [...src.spacing], origin: [...src.origin], direction: [...src.direction], data };
  const labels = labelsPresent(mask);
  if (labels.length === 1 && labels[0] === 0) throw new ImageCheckError('No labels found in this mask (i.e. nothing is segmented)!');
  if (!labels.includes(label)) throw new ImageCheckError(`Label (${label}) not present in mask. Choose from ${formatLabels(labels)}`);
  return mask;
}

/** Voxel count and inclusive (x, y, z) bounding box of `label`; null when the label is absent. */
export function labelBox(mask: Volume, label: number): { count: number; box: BoundingBox } | null {
  const [nx, ny, nz] = mask.size;
  const lower: Vec3 = [Infinity, Infinity, Infinity];
  const upper: Vec3 = [-Infinity, -Infinity, -Infinity];
  let count = 0;
  const d = mask.data;
  let i = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (d[i] !== label) continue;
        count++;
        if (x < lower[0]) lower[0] = x;
        if (x > upper[0]) upper[0] = x;
        if (y < lower[1]) lower[1] = y;
        if (y > upper[1]) upper[1] = y;
        if (z < lower[2]) lower[2] = z;
        if (z > upper[2]) upper[2] = z;
      }
    }
  }
  return count === 0 ? null : { count, box: { lower, upper } };
}

/** The ROI `mask == label` as a 0/1 Uint8 volume on the same grid. */
export function roiOf(mask: Volume, label: number): Volume<Uint8Array> {
  const d = mask.data;
  const roi = new Uint8Array(d.length);
  for (let i = 0; i < d.length; i++) roi[i] = d[i] === label ? 1 : 0;
  return { size: [...mask.size], spacing: [...mask.spacing], origin: [...mask.origin], direction: [...mask.direction], data: roi };
}

/** Whether `label` occurs in the mask; throws the pyradiomics error listing the labels present when not. */
export function requireLabel(mask: Volume, label: number): void {
  const labels = labelsPresent(mask);
  if (!labels.includes(label)) throw new ImageCheckError(`Label (${label}) not present in mask. Choose from ${formatLabels(labels)}`);
}
