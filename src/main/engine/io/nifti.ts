/**
 * NIfTI-1 reader (`.nii`, `.nii.gz`, `.hdr`/`.img` pairs; https://nifti.nimh.nih.gov/nifti-1) producing
 * {@link Volume}s with the geometry and pixel type ITK's NiftiImageIO (ITK ≥ 5.2, SimpleITK 2.x) gives:
 *  - spacing = |pixdim[1..3]| (0 → 1), scaled to mm by `xyzt_units` (m × 1000, µm × 0.001);
 *  - voxel→RAS transform from the sform when it is a rotation times scaling and either
 *    `sform_code` = NIFTI_XFORM_SCANNER_ANAT (1), `qform_code` = 0, or the sform and qform agree;
 *    otherwise from the qform (quaternion b, c, d with a = √(1 − b² − c² − d²), qfac = sign(pixdim[0]));
 *    with neither code set, the NIfTI "method 1" transform (identity rotation, zero offset);
 *  - RAS → LPS as ITK does: the x and y rows of the direction matrix and the x, y origin are negated;
 *  - `scl_slope`/`scl_inter`: when a rescale is needed (slope ≠ 0 and (slope, inter) ≠ (1, 0)), values
 *    become slope·x + inter and integer types are promoted to float32 (float64 stays float64),
 *    the pixel type ITK reports, which pyradiomics hashes and resamples in.
 * Vector images (dim[5] > 1) yield one Volume per component; 4-D time series are rejected.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Direction, Vec3, Volume, VoxelArray } from '../image/volume';
import { ImageReadError } from './imageReadError';
import { allocate, bytesPerSample, decodeSamples, type ScalarType } from './samples';

const DATATYPES: Record<number, ScalarType | string> = {
  2: 'uint8',
  4: 'int16',
  8: 'int32',
  16: 'float32',
  64: 'float64',
  256: 'int8',
  512: 'uint16',
  768: 'uint32',
  1: 'binary (1-bit)',
  32: 'complex64',
  128: 'RGB24',
  1024: 'int64',
  1280: 'uint64',
  1536: 'float128',
  1792: 'complex128',
  2048: 'complex256',
  2304: 'RGBA32',
};
const NATIVE = new Set<string>(['uint8', 'int16', 'int32', 'float32', 'float64', 'int8', 'uint16', 'uint32']);

/** The fields of a NIfTI-1 header this reader uses. */
export interface NiftiHeader {
  littleEndian: boolean;
  dim: number[];
  datatype: number;
  pixdim: number[];
  voxOffset: number;
  sclSlope: number;
  sclInter: number;
  xyztUnits: number;
  qformCode: number;
  sformCode: number;
  quatern: [number, number, number];
  qoffset: Vec3;
  srow: [number[], number[], number[]];
  magic: string;
}

/** Parse the 348-byte NIfTI-1 header at the start of `bytes`. */
export function parseNiftiHeader(bytes: Uint8Array, file: string): NiftiHeader {
  if (bytes.length < 348) throw new ImageReadError(file, `truncated NIfTI file: ${bytes.length} bytes, the header alone has 348`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  let le = true;
  const sizeLe = view.getInt32(0, true);
  if (sizeLe !== 348) {
    if (view.getInt32(0, false) === 348) le = false;
    else if (sizeLe === 540 || view.getInt32(0, false) === 540) throw new ImageReadError(file, 'NIfTI-2 files are not supported (NIfTI-1 only)');
    else throw new ImageReadError(file, 'not a NIfTI-1 file (sizeof_hdr is not 348)');
  }
  const i16 = (o: number): number => view.getInt16(o, le);
  const f32 = (o: number): number => view.getFloat32(o, le);
  const magic = Buffer.from(bytes.subarray(344, 347)).toString('latin1');
  if (magic !== 'n+1' && magic !== 'ni1') throw new ImageReadError(file, `not a NIfTI-1 file (magic '${magic}'; Analyze 7.5 is not supported)`);
  return {
    littleEndian: le,
    dim: Array.from({ length: 8 }, (_, i) => i16(40 + 2 * i)),
    datatype: i16(70),
    pixdim: Array.from({ length: 8 }, (_, i) => f32(76 + 4 * i)),
    voxOffset: f32(108),
    sclSlope: f32(112),
    sclInter: f32(116),
    xyztUnits: bytes[123],
    qformCode: i16(252),
    sformCode: i16(254),
    quatern: [f32(256), f32(260), f32(264)],
    qoffset: [f32(268), f32(272), f32(276)],
    srow: [0, 1, 2].map((r) => [0, 1, 2, 3].map((c) => f32(280 + 16 * r + 4 * c))) as [number[], number[], number[]],
    magic,
  };
}

/** Rotation part (columns = unit axis vectors, RAS) and offset of the voxel→RAS transform. */
interface RasTransform {
  rotation: number[][];
  offset: Vec3;
}

function qformTransform(h: NiftiHeader): RasTransform {
  let [b, c, d] = h.quatern;
  let a = 1 - (b * b + c * c + d * d);
  if (a < 1e-7) {
    const s = 1 / Math.sqrt(b * b + c * c + d * d);
    b *= s;
    c *= s;
    d *= s;
    a = 0;
  } else {
    a = Math.sqrt(a);
  }
  const qfac = h.pixdim[0] < 0 ? -1 : 1;
  const r = [
    [a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)],
    [2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)],
    [2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b],
  ];
  for (let row = 0; row < 3; row++) r[row][2] *= qfac;
  return { rotation: r, offset: [...h.qoffset] };
}

/** The sform as rotation + offset, or null when its 3×3 part is not a rotation times a scaling. */
function sformTransform(h: NiftiHeader): RasTransform | null {
  const m = h.srow;
  const rotation = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (let col = 0; col < 3; col++) {
    const norm = Math.hypot(m[0][col], m[1][col], m[2][col]);
    if (!(norm > 0)) return null;
    for (let row = 0; row < 3; row++) rotation[row][col] = m[row][col] / norm;
  }
  for (let i = 0; i < 3; i++) {
    for (let j = i + 1; j < 3; j++) {
      const dot = rotation[0][i] * rotation[0][j] + rotation[1][i] * rotation[1][j] + rotation[2][i] * rotation[2][j];
      if (Math.abs(dot) > 1e-4) return null;
    }
  }
  return { rotation, offset: [m[0][3], m[1][3], m[2][3]] };
}

function similar(a: RasTransform, b: RasTransform): boolean {
  for (let r = 0; r < 3; r++) {
    if (Math.abs(a.offset[r] - b.offset[r]) > 1e-3 * Math.max(1, Math.abs(a.offset[r]))) return false;
    for (let c = 0; c < 3; c++) if (Math.abs(a.rotation[r][c] - b.rotation[r][c]) > 1e-4) return false;
  }
  return true;
}

function chooseTransform(h: NiftiHeader, file: string): RasTransform {
  const q = h.qformCode > 0 ? qformTransform(h) : null;
  if (h.sformCode > 0) {
    const s = sformTransform(h);
    if (s && (h.sformCode === 1 || !q || similar(s, q))) return s;
    if (!s && !q) throw new ImageReadError(file, 'NIfTI sform has shear or zero scaling and no qform is set: no rigid orientation can be derived');
  }
  if (q) return q;
  return {
    rotation: [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ],
    offset: [0, 0, 0],
  };
}

function unitScale(xyztUnits: number): number {
  switch (xyztUnits & 0x07) {
    case 1:
      return 1000; // metre
    case 3:
      return 0.001; // micron
    default:
      return 1; // mm or unknown
  }
}

function tidy(v: number): number {
  return v === 0 ? 0 : v; // no -0 in geometry
}

function inflate(bytes: Uint8Array, file: string): Uint8Array {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return new Uint8Array(gunzipSync(bytes));
    } catch (err) {
      throw new ImageReadError(file, `truncated or corrupt gzip data (${(err as Error).message})`);
    }
  }
  return bytes;
}

function readBytes(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (err) {
    throw new ImageReadError(path, `cannot read file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/**
 * Decode a NIfTI-1 image already in memory (gzip-compressed or not) into one Volume per component.
 * `imgBytes` holds the voxel data for `.hdr`/`.img` pairs; for `.nii` the data follows the header.
 */
export function decodeNifti(bytes: Uint8Array, file: string, imgBytes?: Uint8Array): Volume[] {
  const raw = inflate(bytes, file);
  const h = parseNiftiHeader(raw, file);
  const typeName = DATATYPES[h.datatype];
  if (typeName === undefined) throw new ImageReadError(file, `unknown NIfTI datatype code ${h.datatype}`);
  if (!NATIVE.has(typeName)) throw new ImageReadError(file, `unsupported NIfTI pixel type ${typeName} (datatype ${h.datatype})`);
  const type = typeName as ScalarType;
  const ndim = h.dim[0];
  if (ndim < 1 || ndim > 7) throw new ImageReadError(file, `malformed NIfTI dim[0] = ${ndim}`);
  const dims = [1, 2, 3, 4, 5].map((i) => (i <= ndim ? Math.max(1, h.dim[i]) : 1));
  if (dims[3] > 1) throw new ImageReadError(file, `4-D NIfTI (time series of ${dims[3]}) is not supported; extract one 3-D volume first`);
  if (ndim > 5 && h.dim.slice(6, ndim + 1).some((n) => n > 1)) throw new ImageReadError(file, `unsupported NIfTI with ${ndim} dimensions`);
  const size: Vec3 = [dims[0], dims[1], dims[2]];
  const components = dims[4];
  const voxels = size[0] * size[1] * size[2];
  const n = voxels * components;

  const data = imgBytes ? inflate(imgBytes, file) : raw;
  const offset = imgBytes ? Math.max(0, Math.round(h.voxOffset)) : Math.max(352, Math.round(h.voxOffset));
  const need = n * bytesPerSample(type);
  if (data.length - offset < need) {
    throw new ImageReadError(file, `truncated NIfTI data: expected ${need} bytes after offset ${offset}, found ${Math.max(0, data.length - offset)}`);
  }
  let all: VoxelArray = decodeSamples(data, offset, type, n, h.littleEndian);

  const slope = h.sclSlope;
  const inter = h.sclInter;
  const eps = 1e-20;
  if (Number.isFinite(slope) && Math.abs(slope) > eps && (Math.abs(slope - 1) > eps || Math.abs(inter) > eps)) {
    const rescaled = allocate(type === 'float64' ? 'float64' : 'float32', n);
    for (let i = 0; i < n; i++) rescaled[i] = all[i] * slope + inter;
    all = rescaled;
  }

  const scale = unitScale(h.xyztUnits);
  const spacing: Vec3 = [1, 2, 3].map((i) => {
    const p = ndim >= i ? Math.abs(h.pixdim[i]) : 1;
    return (p > 0 && Number.isFinite(p) ? p : 1) * scale;
  }) as Vec3;
  const t = chooseTransform(h, file);
  const lps = [-1, -1, 1];
  const direction = [0, 0, 0, 0, 0, 0, 0, 0, 0] as Direction;
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) direction[3 * r + c] = tidy(lps[r] * t.rotation[r][c]);
  const origin: Vec3 = [tidy(-t.offset[0] * scale), tidy(-t.offset[1] * scale), tidy(t.offset[2] * scale)];

  const volumes: Volume[] = [];
  for (let c = 0; c < components; c++) {
    const part = components === 1 ? all : (all.slice(c * voxels, (c + 1) * voxels) as VoxelArray);
    volumes.push({ size: [...size], spacing: [...spacing], origin: [...origin], direction: [...direction], data: part });
  }
  return volumes;
}

/** Read a NIfTI-1 file as one Volume per component (usually one). */
export function readNiftiChannels(path: string): Volume[] {
  if (/\.hdr(\.gz)?$/i.test(path)) {
    const img = path.replace(/\.hdr(\.gz)?$/i, (_m, gz: string | undefined) => `.img${gz ?? ''}`);
    const imgPath = existsSync(img) ? img : existsSync(img.replace(/\.gz$/i, '')) ? img.replace(/\.gz$/i, '') : img;
    return decodeNifti(readBytes(path), path, readBytes(imgPath));
  }
  return decodeNifti(readBytes(path), path);
}

/** Read a scalar NIfTI-1 image. A multi-component file is an error naming the component count. */
export function readNifti(path: string): Volume {
  const channels = readNiftiChannels(path);
  if (channels.length !== 1) {
    throw new ImageReadError(path, `has ${channels.length} components per voxel; select one (label_channel) with readNiftiChannels`);
  }
  return channels[0];
}
