/**
 * NRRD reader (teem NRRD0001–NRRD0005, http://teem.sourceforge.net/nrrd/format.html) producing
 * {@link Volume}s with the geometry ITK's NrrdImageIO gives SimpleITK, which is what pyradiomics
 * sees:
 *  - spacing_c = ‖d_c‖₂ of each `space directions` vector d_c (so 0.78124999999999989 stays
 *    0.7812499999999999, as in pyradiomics' baseline diagnostics);
 *  - direction column c = d_c / ‖d_c‖₂;
 *  - `space: right-anterior-superior` (RAS) and `left-anterior-superior` (LAS) are converted to
 *    ITK's LPS by negating the x (RAS) and y (RAS, LAS) components of directions and origin;
 *  - origin = `space origin` (the centre of the first sample), 0 when absent;
 *  - without `space directions`, `spacings` (or 1) with the identity direction.
 * Encodings raw, gzip and ascii/text; `byte skip`, `line skip`, detached headers (`data file`).
 * A first axis of non-spatial kind (vector, list, RGB-color, …) is a component axis: each
 * component becomes its own Volume (pyradiomics' `label_channel` picks one of them).
 * 2-D images become volumes with one slice (z spacing 1, as ITK does when a 2-D image is
 * treated as 3-D).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Direction, Vec3, Volume, VoxelArray } from '../image/volume';
import { ImageReadError } from './imageReadError';
import { allocate, bytesPerSample, decodeSamples, type ScalarType } from './samples';

const TYPE_NAMES: Record<string, ScalarType | 'unsupported'> = {
  'signed char': 'int8',
  int8: 'int8',
  int8_t: 'int8',
  uchar: 'uint8',
  'unsigned char': 'uint8',
  uint8: 'uint8',
  uint8_t: 'uint8',
  short: 'int16',
  'short int': 'int16',
  'signed short': 'int16',
  'signed short int': 'int16',
  int16: 'int16',
  int16_t: 'int16',
  ushort: 'uint16',
  'unsigned short': 'uint16',
  'unsigned short int': 'uint16',
  uint16: 'uint16',
  uint16_t: 'uint16',
  int: 'int32',
  'signed int': 'int32',
  int32: 'int32',
  int32_t: 'int32',
  uint: 'uint32',
  'unsigned int': 'uint32',
  uint32: 'uint32',
  uint32_t: 'uint32',
  float: 'float32',
  double: 'float64',
  longlong: 'unsupported',
  'long long': 'unsupported',
  'long long int': 'unsupported',
  'signed long long': 'unsupported',
  'signed long long int': 'unsupported',
  int64: 'unsupported',
  int64_t: 'unsupported',
  ulonglong: 'unsupported',
  'unsigned long long': 'unsupported',
  'unsigned long long int': 'unsupported',
  uint64: 'unsupported',
  uint64_t: 'unsupported',
  block: 'unsupported',
};

const DOMAIN_KINDS = new Set(['domain', 'space', 'time', '???', 'none']);

/** Parsed NRRD header fields (lower-cased field names, raw string values). */
export interface NrrdHeader {
  magic: string;
  fields: Map<string, string>;
  /** Byte offset of the first data byte in the header file (attached data). */
  dataOffset: number;
}

/** Split the header text from the data. Throws if the file is not NRRD or the header never ends. */
export function parseNrrdHeader(bytes: Uint8Array, file: string): NrrdHeader {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1 << 20)).toString('latin1');
  if (!head.startsWith('NRRD000')) throw new ImageReadError(file, 'not a NRRD file (missing NRRD000x magic line)');
  const fields = new Map<string, string>();
  let pos = 0;
  let magic = '';
  let ended = false;
  while (pos < head.length) {
    let nl = head.indexOf('\n', pos);
    if (nl < 0) nl = head.length;
    const line = head.slice(pos, nl).replace(/\r$/, '');
    pos = nl + 1;
    if (!magic) {
      magic = line.trim();
      continue;
    }
    if (line === '') {
      ended = true;
      break;
    }
    if (line.startsWith('#')) continue;
    if (line.includes(':=')) continue; // key/value pairs carry no geometry
    const colon = line.indexOf(': ');
    if (colon < 0) throw new ImageReadError(file, `malformed NRRD header line '${line}'`);
    fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 2).trim());
  }
  const detached = fields.has('data file') || fields.has('datafile');
  if (!ended && !detached) throw new ImageReadError(file, 'truncated NRRD file: header has no terminating blank line');
  return { magic, fields, dataOffset: ended ? pos : bytes.length };
}

function parseVector(text: string, file: string): number[] | null {
  const t = text.trim();
  if (t === 'none') return null;
  if (!t.startsWith('(') || !t.endsWith(')')) throw new ImageReadError(file, `malformed NRRD vector '${text}'`);
  const parts = t.slice(1, -1).split(',').map((s) => Number(s.trim()));
  if (parts.some((v) => !Number.isFinite(v))) throw new ImageReadError(file, `malformed NRRD vector '${text}'`);
  return parts;
}

function parseVectorList(text: string, file: string): (number[] | null)[] {
  const tokens = text.match(/\([^)]*\)|none/g) ?? [];
  return tokens.map((t) => parseVector(t, file));
}

function required(fields: Map<string, string>, key: string, file: string): string {
  const v = fields.get(key);
  if (v === undefined) throw new ImageReadError(file, `NRRD header lacks the required field '${key}'`);
  return v;
}

function scalarType(name: string, file: string): ScalarType {
  const t = TYPE_NAMES[name.toLowerCase()];
  if (t === undefined) throw new ImageReadError(file, `unknown NRRD pixel type '${name}'`);
  if (t === 'unsupported') {
    throw new ImageReadError(file, `unsupported NRRD pixel type '${name}' (supported: 8/16/32-bit integers, float, double)`);
  }
  return t;
}

/** Raw (still encoded) sample bytes of the file, attached or detached. */
function dataBytes(header: NrrdHeader, bytes: Uint8Array, file: string): { data: Uint8Array; source: string } {
  const dataFile = header.fields.get('data file') ?? header.fields.get('datafile');
  if (dataFile === undefined) return { data: bytes.subarray(header.dataOffset), source: file };
  if (/^list$/i.test(dataFile) || /%/.test(dataFile) || /\s/.test(dataFile.trim())) {
    throw new ImageReadError(file, `unsupported NRRD 'data file' form '${dataFile}' (only a single detached file is supported)`);
  }
  const path = resolve(dirname(file), dataFile);
  try {
    return { data: new Uint8Array(readFileSync(path)), source: path };
  } catch (err) {
    throw new ImageReadError(file, `cannot read detached data file ${path}: ${(err as Error).message}`);
  }
}

function skipLines(data: Uint8Array, lines: number): Uint8Array {
  let pos = 0;
  for (let i = 0; i < lines; i++) {
    const nl = data.indexOf(10, pos);
    if (nl < 0) return data.subarray(data.length);
    pos = nl + 1;
  }
  return data.subarray(pos);
}

function decodeAscii(data: Uint8Array, type: ScalarType, n: number, file: string): VoxelArray {
  const tokens = Buffer.from(data.buffer, data.byteOffset, data.length).toString('latin1').split(/[\s,]+/).filter(Boolean);
  if (tokens.length < n) throw new ImageReadError(file, `truncated NRRD ascii data: expected ${n} values, found ${tokens.length}`);
  const out = allocate(type, n);
  for (let i = 0; i < n; i++) {
    const v = Number(tokens[i]);
    if (Number.isNaN(v) && !/nan/i.test(tokens[i])) throw new ImageReadError(file, `malformed NRRD ascii value '${tokens[i]}'`);
    out[i] = v;
  }
  return out;
}

/** Decode the samples of a NRRD (header + data), `n` samples in file order. */
function decodeData(header: NrrdHeader, bytes: Uint8Array, file: string, type: ScalarType, n: number): VoxelArray {
  const f = header.fields;
  const encoding = (f.get('encoding') ?? 'raw').toLowerCase();
  let { data, source } = dataBytes(header, bytes, file);
  const lineSkip = Number(f.get('line skip') ?? f.get('lineskip') ?? 0);
  if (lineSkip > 0) data = skipLines(data, lineSkip);
  const byteSkip = Number(f.get('byte skip') ?? f.get('byteskip') ?? 0);
  const width = bytesPerSample(type);
  const need = n * width;
  if (encoding === 'ascii' || encoding === 'text' || encoding === 'txt') return decodeAscii(data, type, n, source);
  if (encoding === 'gzip' || encoding === 'gz') {
    try {
      data = new Uint8Array(gunzipSync(data));
    } catch (err) {
      throw new ImageReadError(source, `truncated or corrupt gzip data (${(err as Error).message})`);
    }
  } else if (encoding !== 'raw') {
    throw new ImageReadError(file, `unsupported NRRD encoding '${encoding}' (supported: raw, gzip, ascii)`);
  }
  let offset = 0;
  if (byteSkip === -1) offset = data.length - need;
  else if (byteSkip > 0) offset = byteSkip;
  if (offset < 0 || data.length - offset < need) {
    throw new ImageReadError(source, `truncated NRRD data: expected ${need} bytes, found ${Math.max(0, data.length - offset)}`);
  }
  const endian = (f.get('endian') ?? 'little').toLowerCase();
  if (width > 1 && !f.has('endian')) throw new ImageReadError(file, "NRRD header lacks the required field 'endian'");
  if (endian !== 'little' && endian !== 'big') throw new ImageReadError(file, `malformed NRRD endian '${endian}'`);
  return decodeSamples(data, offset, type, n, endian === 'little');
}

/** Sign flips that bring a NRRD space to ITK's LPS (x, y, z). */
function spaceToLps(space: string | undefined): Vec3 {
  switch ((space ?? '').toLowerCase()) {
    case 'right-anterior-superior':
    case 'ras':
      return [-1, -1, 1];
    case 'left-anterior-superior':
    case 'las':
      return [1, -1, 1];
    default:
      return [1, 1, 1];
  }
}

interface Geometry {
  size: Vec3;
  spacing: Vec3;
  origin: Vec3;
  direction: Direction;
  components: number;
}

function geometry(header: NrrdHeader, file: string): Geometry {
  const f = header.fields;
  const dimension = Number(required(f, 'dimension', file));
  const sizes = required(f, 'sizes', file).split(/\s+/).map(Number);
  if (!Number.isInteger(dimension) || sizes.length !== dimension || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new ImageReadError(file, `malformed NRRD 'dimension'/'sizes' (${dimension}; ${f.get('sizes')})`);
  }
  const kinds = f.get('kinds')?.split(/\s+/).map((k) => k.toLowerCase());
  const isDomain = sizes.map((_, i) => (kinds ? DOMAIN_KINDS.has(kinds[i]) : true));
  let components = 1;
  let axes = sizes.map((_, i) => i);
  if (isDomain.length > 0 && !isDomain[0]) {
    components = sizes[0];
    axes = axes.slice(1);
  }
  if (axes.some((a) => !isDomain[a])) throw new ImageReadError(file, `unsupported NRRD axis kinds '${f.get('kinds')}' (only the first axis may be non-spatial)`);
  if (axes.length < 2 || axes.length > 3) {
    throw new ImageReadError(file, `unsupported NRRD dimension: ${axes.length} spatial axes (only 2-D and 3-D images are supported)`);
  }
  const size: Vec3 = [sizes[axes[0]], sizes[axes[1]], axes.length === 3 ? sizes[axes[2]] : 1];
  const spacing: Vec3 = [1, 1, 1];
  const direction: Direction = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  const origin: Vec3 = [0, 0, 0];
  const flip = spaceToLps(f.get('space'));
  const dirText = f.get('space directions');
  if (dirText !== undefined) {
    const vectors = parseVectorList(dirText, file);
    if (vectors.length !== dimension) throw new ImageReadError(file, `NRRD 'space directions' has ${vectors.length} entries for ${dimension} axes`);
    axes.forEach((a, c) => {
      const v = vectors[a];
      if (!v) throw new ImageReadError(file, `NRRD 'space directions' is 'none' for spatial axis ${a}`);
      const comp = [v[0] ?? 0, v[1] ?? 0, v[2] ?? 0];
      const norm = Math.sqrt(comp[0] * comp[0] + comp[1] * comp[1] + comp[2] * comp[2]);
      if (!(norm > 0)) throw new ImageReadError(file, `NRRD 'space directions' vector of axis ${a} has zero length`);
      spacing[c] = norm;
      for (let r = 0; r < 3; r++) direction[3 * r + c] = (flip[r] * comp[r]) / norm + 0; // + 0: no -0
    });
  } else if (f.has('spacings')) {
    const values = f.get('spacings')!.split(/\s+/).map(Number);
    axes.forEach((a, c) => {
      const s = values[a];
      if (Number.isFinite(s) && s !== 0) spacing[c] = Math.abs(s);
    });
  }
  const originText = f.get('space origin');
  if (originText !== undefined) {
    const o = parseVector(originText, file);
    if (o) for (let r = 0; r < 3; r++) origin[r] = flip[r] * (o[r] ?? 0) + 0;
  }
  return { size, spacing, origin, direction, components };
}

/** Decode a NRRD already in memory into one Volume per component. `file` names it in errors. */
export function decodeNrrd(bytes: Uint8Array, file: string): Volume[] {
  const header = parseNrrdHeader(bytes, file);
  const type = scalarType(required(header.fields, 'type', file), file);
  const g = geometry(header, file);
  const voxels = g.size[0] * g.size[1] * g.size[2];
  const all = decodeData(header, bytes, file, type, voxels * g.components);
  const make = (data: VoxelArray): Volume => ({
    size: [...g.size],
    spacing: [...g.spacing],
    origin: [...g.origin],
    direction: [...g.direction],
    data,
  });
  if (g.components === 1) return [make(all)];
  const out: Volume[] = [];
  for (let c = 0; c < g.components; c++) {
    const data = allocate(type, voxels);
    for (let i = 0; i < voxels; i++) data[i] = all[i * g.components + c];
    out.push(make(data));
  }
  return out;
}

function readBytes(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (err) {
    throw new ImageReadError(path, `cannot read file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/** Read a NRRD (`.nrrd` or `.nhdr` + data file) as one Volume per component (usually one). */
export function readNrrdChannels(path: string): Volume[] {
  return decodeNrrd(readBytes(path), path);
}

/** Read a scalar NRRD image. A multi-component file is an error naming the component count. */
export function readNrrd(path: string): Volume {
  const channels = readNrrdChannels(path);
  if (channels.length !== 1) {
    throw new ImageReadError(path, `has ${channels.length} components per voxel; select one (label_channel) with readNrrdChannels`);
  }
  return channels[0];
}
