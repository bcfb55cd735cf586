/**
 * NRRD writer (teem NRRD0004, http://teem.sourceforge.net/nrrd/format.html) for volumes and
 * masks, in the form ITK's NrrdImageIO and 3D Slicer write and read:
 * `space: left-posterior-superior`, `space directions` column c = spacing_c · D[:, c],
 * `space origin` = centre of voxel (0,0,0), `kinds: domain domain domain`, little endian, raw or
 * gzip. Numbers are written in the shortest form that parses back to the same float64, so an
 * axis-aligned geometry round-trips exactly through our reader (`nrrd.ts`); for oblique axes the
 * spacing read back as ‖spacing·D[:, c]‖ may differ in the last bit.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Volume } from '../image/volume';
import { scalarTypeOf, type ScalarType } from './samples';

const NRRD_TYPE: Record<ScalarType, string> = {
  int8: 'signed char',
  uint8: 'unsigned char',
  int16: 'short',
  uint16: 'unsigned short',
  int32: 'int',
  uint32: 'unsigned int',
  float32: 'float',
  float64: 'double',
};

export interface NrrdWriteOptions {
  /** 'gzip' (default) or 'raw'. */
  encoding?: 'gzip' | 'raw';
  /** `key:=value` pairs written after the fields (e.g. Slicer segment metadata), in order, UTF-8 as Slicer writes them. */
  keyValues?: [string, string][];
}

function vector(v: number[]): string {
  return `(${v.map((x) => String(x === 0 ? 0 : x)).join(',')})`;
}

/** Escapes a key/value text as NRRD requires (backslash and newline). */
function escapeValue(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Encodes a volume as an attached-header NRRD file. */
export function encodeNrrd(volume: Volume, options: NrrdWriteOptions = {}): Uint8Array {
  const { size, spacing, origin, direction: d } = volume;
  const encoding = options.encoding ?? 'gzip';
  const columns = [0, 1, 2].map((c) => vector([d[c] * spacing[c], d[3 + c] * spacing[c], d[6 + c] * spacing[c]]));
  const lines = [
    'NRRD0004',
    '# Complete NRRD file format specification at:',
    '# http://teem.sourceforge.net/nrrd/format.html',
    `type: ${NRRD_TYPE[scalarTypeOf(volume.data)]}`,
    'dimension: 3',
    'space: left-posterior-superior',
    `sizes: ${size.join(' ')}`,
    `space directions: ${columns.join(' ')}`,
    'kinds: domain domain domain',
    'endian: little',
    `encoding: ${encoding}`,
    `space origin: ${vector(origin)}`,
  ];
  for (const [key, value] of options.keyValues ?? []) {
    if (key.includes(':=') || /[\n\r]/.test(key)) throw new Error(`NRRD key '${key}' may not contain ':=' or a line break`);
    lines.push(`${key}:=${escapeValue(value)}`);
  }
  const header = Buffer.from(`${lines.join('\n')}\n\n`, 'utf8');
  const data = volume.data;
  // Typed arrays are in host byte order, little endian on every platform Node supports.
  const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const body = encoding === 'gzip' ? gzipSync(raw) : raw;
  const out = new Uint8Array(header.length + body.length);
  out.set(header, 0);
  out.set(body, header.length);
  return out;
}

/** Writes a volume as `.nrrd` (gzip-encoded unless options say 'raw'). */
export function writeNrrd(path: string, volume: Volume, options?: NrrdWriteOptions): void {
  writeFileSync(path, encodeNrrd(volume, options));
}
