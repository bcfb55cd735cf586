/**
 * NIfTI-1 writer (https://nifti.nimh.nih.gov/nifti-1, `nifti1.h`) for volumes and masks: one
 * `.nii` file (gzip-compressed when the path ends in `.gz`), as ITK's NiftiImageIO writes it:
 *  - LPS → RAS: the x and y rows of the direction matrix and the x, y origin are negated;
 *  - sform (code 1, scanner) = R_RAS · diag(spacing) with the RAS origin as offset;
 *  - qform (code 1) = the same rotation as a quaternion (b, c, d), qfac = pixdim[0] = −1 when
 *    det R < 0 (the third column is negated before the quaternion is taken);
 *  - pixdim[1..3] = spacing, xyzt_units = mm, scl_slope = 1, scl_inter = 0, vox_offset = 352.
 * The header stores float32, so geometry written from float64 comes back rounded to float32
 * (≈ 1e-7 relative); voxel values are stored losslessly in the volume's own type.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Volume } from '../image/volume';
import { scalarTypeOf, type ScalarType } from './samples';

const DATATYPE: Record<ScalarType, [code: number, bitpix: number]> = {
  uint8: [2, 8],
  int16: [4, 16],
  int32: [8, 32],
  float32: [16, 32],
  float64: [64, 64],
  int8: [256, 8],
  uint16: [512, 16],
  uint32: [768, 32],
};

/**
 * Unit quaternion (b, c, d; a ≥ 0 implied) of a proper rotation matrix R (rows r, columns c),
 * by Shepperd's method: the largest of 1 + trace, 1 + 2R₀₀ − trace, … gives the best-conditioned component.
 */
export function rotationToQuaternion(r: number[][]): [number, number, number] {
  const trace = r[0][0] + r[1][1] + r[2][2];
  let a: number;
  let b: number;
  let c: number;
  let d: number;
  if (trace > 0) {
    const s = 2 * Math.sqrt(1 + trace);
    a = s / 4;
    b = (r[2][1] - r[1][2]) / s;
    c = (r[0][2] - r[2][0]) / s;
    d = (r[1][0] - r[0][1]) / s;
  } else if (r[0][0] > r[1][1] && r[0][0] > r[2][2]) {
    const s = 2 * Math.sqrt(1 + r[0][0] - r[1][1] - r[2][2]);
    a = (r[2][1] - r[1][2]) / s;
    b = s / 4;
    c = (r[0][1] + r[1][0]) / s;
    d = (r[0][2] + r[2][0]) / s;
  } else if (r[1][1] > r[2][2]) {
    const s = 2 * Math.sqrt(1 + r[1][1] - r[0][0] - r[2][2]);
    a = (r[0][2] - r[2][0]) / s;
    b = (r[0][1] + r[1][0]) / s;
    c = s / 4;
    d = (r[1][2] + r[2][1]) / s;
  } else {
    const s = 2 * Math.sqrt(1 + r[2][2] - r[0][0] - r[1][1]);
    a = (r[1][0] - r[0][1]) / s;
    b = (r[0][2] + r[2][0]) / s;
    c = (r[1][2] + r[2][1]) / s;
    d = s / 4;
  }
  // q and −q are the same rotation; NIfTI stores the one with a ≥ 0.
  return a < 0 ? [-b, -c, -d] : [b, c, d];
}

/** Encodes a volume as a NIfTI-1 `.nii` byte stream (uncompressed). */
export function encodeNifti(volume: Volume): Uint8Array {
  const { size, spacing, origin, direction: dir } = volume;
  const [code, bitpix] = DATATYPE[scalarTypeOf(volume.data)];
  const header = new ArrayBuffer(352);
  const v = new DataView(header);
  const bytes = new Uint8Array(header);
  v.setInt32(0, 348, true);
  bytes[38] = 'r'.charCodeAt(0); // regular
  const dims = [3, size[0], size[1], size[2], 1, 1, 1, 1];
  dims.forEach((x, i) => v.setInt16(40 + 2 * i, x, true));
  v.setInt16(70, code, true);
  v.setInt16(72, bitpix, true);

  // Voxel → RAS rotation: LPS direction with the x and y rows negated.
  const ras = [0, 1, 2].map((row) => [0, 1, 2].map((col) => (row < 2 ? -1 : 1) * dir[3 * row + col]));
  const det =
    ras[0][0] * (ras[1][1] * ras[2][2] - ras[1][2] * ras[2][1]) -
    ras[0][1] * (ras[1][0] * ras[2][2] - ras[1][2] * ras[2][0]) +
    ras[0][2] * (ras[1][0] * ras[2][1] - ras[1][1] * ras[2][0]);
  const qfac = det < 0 ? -1 : 1;
  const proper = ras.map((row) => [row[0], row[1], qfac * row[2]]);
  const pixdim = [qfac, spacing[0], spacing[1], spacing[2], 0, 0, 0, 0];
  pixdim.forEach((x, i) => v.setFloat32(76 + 4 * i, x, true));
  v.setFloat32(108, 352, true); // vox_offset
  v.setFloat32(112, 1, true); // scl_slope
  v.setFloat32(116, 0, true); // scl_inter
  bytes[123] = 2; // xyzt_units: NIFTI_UNITS_MM
  v.setInt16(252, 1, true); // qform_code: NIFTI_XFORM_SCANNER_ANAT
  v.setInt16(254, 1, true); // sform_code
  const offset = [-origin[0], -origin[1], origin[2]];
  rotationToQuaternion(proper).forEach((x, i) => v.setFloat32(256 + 4 * i, x, true));
  offset.forEach((x, i) => v.setFloat32(268 + 4 * i, x, true));
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 3; col++) v.setFloat32(280 + 16 * row + 4 * col, ras[row][col] * spacing[col], true);
    v.setFloat32(280 + 16 * row + 12, offset[row], true);
  }
  bytes.set([0x6e, 0x2b, 0x31, 0x00], 344); // magic "n+1\0"; bytes 348–351: no extension

  const data = volume.data;
  const out = new Uint8Array(352 + data.byteLength);
  out.set(bytes, 0);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 352);
  return out;
}

/** Writes a volume as `.nii`, or gzip-compressed when `path` ends in `.gz` (`.nii.gz`). */
export function writeNifti(path: string, volume: Volume): void {
  const bytes = encodeNifti(volume);
  writeFileSync(path, /\.gz$/i.test(path) ? gzipSync(bytes) : bytes);
}
