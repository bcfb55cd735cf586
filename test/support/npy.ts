import { readFileSync } from 'node:fs';

/** A numpy array read from a `.npy` file: values as float64 in C order. */
export interface NpyArray {
  shape: number[];
  data: Float64Array;
}

const DTYPES: Record<string, { bytes: number; read: (v: DataView, o: number) => number }> = {
  '<f8': { bytes: 8, read: (v, o) => v.getFloat64(o, true) },
  '<f4': { bytes: 4, read: (v, o) => v.getFloat32(o, true) },
  '<i8': { bytes: 8, read: (v, o) => Number(v.getBigInt64(o, true)) },
  '<i4': { bytes: 4, read: (v, o) => v.getInt32(o, true) },
  '<i2': { bytes: 2, read: (v, o) => v.getInt16(o, true) },
  '|u1': { bytes: 1, read: (v, o) => v.getUint8(o) },
  '|i1': { bytes: 1, read: (v, o) => v.getInt8(o) },
};

/** Minimal `.npy` reader (format versions 1–3, little-endian numeric dtypes; Fortran order is transposed to C order). */
export function readNpy(path: string): NpyArray {
  const buf = readFileSync(path);
  if (buf.readUInt8(0) !== 0x93 || buf.toString('latin1', 1, 6) !== 'NUMPY') throw new Error(`${path}: not a .npy file`);
  const major = buf.readUInt8(6);
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const headerStart = major === 1 ? 10 : 12;
  const header = buf.toString('latin1', headerStart, headerStart + headerLen);
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || shapeText === undefined) throw new Error(`${path}: unreadable header ${header}`);
  const dtype = DTYPES[descr];
  if (!dtype) throw new Error(`${path}: dtype ${descr} not supported`);
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const view = new DataView(buf.buffer, buf.byteOffset + headerStart + headerLen, count * dtype.bytes);
  const data = new Float64Array(count);
  if (fortran === 'False') {
    for (let i = 0; i < count; i++) data[i] = dtype.read(view, i * dtype.bytes);
    return { shape, data };
  }
  // Fortran order: the first index varies fastest in the file.
  const idx = new Array<number>(shape.length).fill(0);
  for (let f = 0; f < count; f++) {
    let c = 0;
    for (let d = 0; d < shape.length; d++) c = c * shape[d]! + idx[d]!;
    data[c] = dtype.read(view, f * dtype.bytes);
    for (let d = 0; d < shape.length; d++) {
      if (++idx[d]! < shape[d]!) break;
      idx[d] = 0;
    }
  }
  return { shape, data };
}
