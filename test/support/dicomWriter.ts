/**
 * A minimal, independent DICOM Part-10 writer for tests: writes datasets in Implicit VR LE,
 * Explicit VR LE/BE or RLE Lossless, so the importer can be exercised on synthetic series.
 * Deliberately separate from the product's SEG writer, so a shared misunderstanding of the
 * standard cannot make a round trip pass.
 */
import { writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';

export type TestValue = string | number | number[] | Uint8Array | Int16Array | Uint16Array | TestElement[][];

export interface TestElement {
  tag: number;
  vr: string;
  value: TestValue;
}

export type TestSyntax = 'implicit' | 'explicit' | 'bigEndian' | 'rle' | 'deflated';

const TS_UID: Record<TestSyntax, string> = {
  implicit: '1.2.840.10008.1.2',
  explicit: '1.2.840.10008.1.2.1',
  bigEndian: '1.2.840.10008.1.2.2',
  rle: '1.2.840.10008.1.2.5',
  deflated: '1.2.840.10008.1.2.1.99',
};

const LONG = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

class Out {
  chunks: number[] = [];
  u16(v: number, le: boolean): void {
    if (le) this.chunks.push(v & 0xff, (v >> 8) & 0xff);
    else this.chunks.push((v >> 8) & 0xff, v & 0xff);
  }
  u32(v: number, le: boolean): void {
    const b = [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
    this.chunks.push(...(le ? b : b.reverse()));
  }
  bytes(b: ArrayLike<number>): void {
    for (let i = 0; i < b.length; i++) this.chunks.push(b[i]);
  }
}

function valueBytes(el: TestElement, le: boolean, explicit: boolean, undefinedSeq: boolean): number[] | 'seq' {
  const { vr, value } = el;
  if (vr === 'SQ') return 'seq';
  const o = new Out();
  if (typeof value === 'string') {
    const s = Buffer.from(value, 'utf8');
    o.bytes(s);
    if (s.length % 2) o.chunks.push(vr === 'UI' ? 0 : 0x20);
    return o.chunks;
  }
  if (value instanceof Uint8Array) {
    o.bytes(value);
    if (value.length % 2) o.chunks.push(0);
    return o.chunks;
  }
  if (value instanceof Int16Array || value instanceof Uint16Array) {
    for (const v of value) o.u16(v & 0xffff, le);
    return o.chunks;
  }
  const nums = typeof value === 'number' ? [value] : (value as number[]);
  if (vr === 'DS' || vr === 'IS') return valueBytes({ tag: el.tag, vr, value: nums.join('\\') }, le, explicit, undefinedSeq);
  const dv = new DataView(new ArrayBuffer(8));
  for (const v of nums) {
    if (vr === 'US' || vr === 'SS') o.u16(v & 0xffff, le);
    else if (vr === 'UL' || vr === 'SL') o.u32(v >>> 0, le);
    else if (vr === 'FL') {
      dv.setFloat32(0, v, le);
      o.bytes(new Uint8Array(dv.buffer, 0, 4));
    } else if (vr === 'FD') {
      dv.setFloat64(0, v, le);
      o.bytes(new Uint8Array(dv.buffer, 0, 8));
    } else throw new Error(`test writer: no numeric encoding for ${vr}`);
  }
  return o.chunks;
}

function writeElements(o: Out, elements: TestElement[], le: boolean, explicit: boolean, undefinedSeq: boolean): void {
  for (const el of [...elements].sort((a, b) => a.tag - b.tag)) {
    o.u16(el.tag >>> 16, le);
    o.u16(el.tag & 0xffff, le);
    const v = valueBytes(el, le, explicit, undefinedSeq);
    if (v === 'seq') {
      const inner = new Out();
      for (const item of el.value as TestElement[][]) {
        const body = new Out();
        writeElements(body, item, le, explicit, undefinedSeq);
        inner.u16(0xfffe, le);
        inner.u16(0xe000, le);
        if (undefinedSeq) {
          inner.u32(0xffffffff, le);
          inner.bytes(body.chunks);
          inner.u16(0xfffe, le);
          inner.u16(0xe00d, le);
          inner.u32(0, le);
        } else {
          inner.u32(body.chunks.length, le);
          inner.bytes(body.chunks);
        }
      }
      if (explicit) {
        o.bytes([0x53, 0x51, 0, 0]);
      }
      if (undefinedSeq) {
        o.u32(0xffffffff, le);
        o.bytes(inner.chunks);
        o.u16(0xfffe, le);
        o.u16(0xe0dd, le);
        o.u32(0, le);
      } else {
        o.u32(inner.chunks.length, le);
        o.bytes(inner.chunks);
      }
      continue;
    }
    if (explicit) {
      o.bytes([el.vr.charCodeAt(0), el.vr.charCodeAt(1)]);
      if (LONG.has(el.vr)) {
        o.u16(0, le);
        o.u32(v.length, le);
      } else o.u16(v.length, le);
    } else o.u32(v.length, le);
    o.bytes(v);
  }
}

/** PackBits encoding of one byte plane (PS3.5 G.3.1): replicate runs of ≥ 3 equal bytes, literals otherwise. */
export function packBits(plane: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < plane.length) {
    let run = 1;
    while (i + run < plane.length && run < 128 && plane[i + run] === plane[i]) run++;
    if (run >= 3) {
      out.push(257 - run, plane[i]);
      i += run;
      continue;
    }
    const start = i;
    while (i < plane.length && i - start < 128) {
      if (i + 2 < plane.length && plane[i] === plane[i + 1] && plane[i] === plane[i + 2]) break;
      i++;
    }
    out.push(i - start - 1, ...plane.subarray(start, i));
  }
  if (out.length % 2) out.push(128);
  return out;
}

/** An RLE Lossless frame of 16-bit little-endian samples (two segments, high bytes first). */
export function rleFrame16(samples: Int16Array | Uint16Array): Uint8Array {
  const n = samples.length;
  const hi = new Uint8Array(n);
  const lo = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    hi[i] = (samples[i] >> 8) & 0xff;
    lo[i] = samples[i] & 0xff;
  }
  const s0 = packBits(hi);
  const s1 = packBits(lo);
  const header = new Uint8Array(64);
  const dv = new DataView(header.buffer);
  dv.setUint32(0, 2, true);
  dv.setUint32(4, 64, true);
  dv.setUint32(8, 64 + s0.length, true);
  return Uint8Array.from([...header, ...s0, ...s1]);
}

export interface WriteOptions {
  syntax?: TestSyntax;
  /** Encode sequences and items with undefined length (delimiters). */
  undefinedLengthSequences?: boolean;
  /** Omit the 128-byte preamble and DICM marker (a raw dataset with meta group). */
  noPreamble?: boolean;
}

/**
 * Serialises a dataset. The meta group (always Explicit VR LE) is generated from the SOP
 * Class/Instance UIDs in `elements`. Pixel data given as an OW element is written natively, or
 * as one RLE fragment for syntax 'rle'.
 */
export function encodeTestDicom(elements: TestElement[], options: WriteOptions = {}): Uint8Array {
  const syntax = options.syntax ?? 'explicit';
  const le = syntax !== 'bigEndian';
  const explicit = syntax !== 'implicit';
  const sopClass = String(elements.find((e) => e.tag === 0x00080016)?.value ?? '1.2.840.10008.5.1.4.1.1.2');
  const sopInstance = String(elements.find((e) => e.tag === 0x00080018)?.value ?? '1.2.3.4');
  const metaBody = new Out();
  writeElements(
    metaBody,
    [
      { tag: 0x00020001, vr: 'OB', value: Uint8Array.of(0, 1) },
      { tag: 0x00020002, vr: 'UI', value: sopClass },
      { tag: 0x00020003, vr: 'UI', value: sopInstance },
      { tag: 0x00020010, vr: 'UI', value: TS_UID[syntax] },
      { tag: 0x00020012, vr: 'UI', value: '1.2.3.4.5.6' },
    ],
    true,
    true,
    false,
  );
  const o = new Out();
  if (!options.noPreamble) {
    o.bytes(new Uint8Array(128));
    o.bytes([0x44, 0x49, 0x43, 0x4d]);
  }
  writeElements(o, [{ tag: 0x00020000, vr: 'UL', value: [metaBody.chunks.length] }], true, true, false);
  o.bytes(metaBody.chunks);
  if (syntax === 'deflated') {
    const body = new Out();
    writeElements(body, elements, true, true, options.undefinedLengthSequences ?? false);
    o.bytes(deflateRawSync(Uint8Array.from(body.chunks)));
    return Uint8Array.from(o.chunks);
  }
  const pixel = elements.find((e) => e.tag === 0x7fe00010);
  const rest = elements.filter((e) => e !== pixel);
  writeElements(o, rest, le, explicit, options.undefinedLengthSequences ?? false);
  if (pixel) {
    if (syntax === 'rle') {
      const frame = rleFrame16(pixel.value as Int16Array);
      const padded = frame.length % 2 ? Uint8Array.from([...frame, 0]) : frame;
      o.u16(0x7fe0, true);
      o.u16(0x0010, true);
      o.bytes([0x4f, 0x42, 0, 0]);
      o.u32(0xffffffff, true);
      o.bytes([0xfe, 0xff, 0x00, 0xe0, 0, 0, 0, 0]); // empty basic offset table
      o.bytes([0xfe, 0xff, 0x00, 0xe0]);
      o.u32(padded.length, true);
      o.bytes(padded);
      o.bytes([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]);
    } else {
      writeElements(o, [pixel], le, explicit, false);
    }
  }
  return Uint8Array.from(o.chunks);
}

export interface TestSlice {
  rows: number;
  columns: number;
  position: [number, number, number];
  orientation?: number[];
  pixelSpacing?: [number, number];
  pixels: Int16Array | Uint16Array;
  signed?: boolean;
  bitsStored?: number;
  slope?: number;
  intercept?: number;
  studyUid?: string;
  seriesUid?: string;
  sopUid: string;
  instanceNumber?: number;
  seriesDescription?: string;
  extra?: TestElement[];
}

/** Elements of a minimal CT Image slice. */
export function ctSliceElements(s: TestSlice): TestElement[] {
  return [
    { tag: 0x00080016, vr: 'UI', value: '1.2.840.10008.5.1.4.1.1.2' },
    { tag: 0x00080018, vr: 'UI', value: s.sopUid },
    { tag: 0x00080060, vr: 'CS', value: 'CT' },
    { tag: 0x0008103e, vr: 'LO', value: s.seriesDescription ?? 'synthetic' },
    { tag: 0x0020000d, vr: 'UI', value: s.studyUid ?? '1.2.826.0.1.3680043.9.7433.1' },
    { tag: 0x0020000e, vr: 'UI', value: s.seriesUid ?? '1.2.826.0.1.3680043.9.7433.1.1' },
    { tag: 0x00200011, vr: 'IS', value: [1] },
    { tag: 0x00200013, vr: 'IS', value: [s.instanceNumber ?? 1] },
    { tag: 0x00200032, vr: 'DS', value: s.position },
    { tag: 0x00200037, vr: 'DS', value: s.orientation ?? [1, 0, 0, 0, 1, 0] },
    { tag: 0x00200052, vr: 'UI', value: '1.2.826.0.1.3680043.9.7433.1.9' },
    { tag: 0x00280002, vr: 'US', value: [1] },
    { tag: 0x00280004, vr: 'CS', value: 'MONOCHROME2' },
    { tag: 0x00280010, vr: 'US', value: [s.rows] },
    { tag: 0x00280011, vr: 'US', value: [s.columns] },
    { tag: 0x00280030, vr: 'DS', value: s.pixelSpacing ?? [0.5, 0.5] },
    { tag: 0x00280100, vr: 'US', value: [16] },
    { tag: 0x00280101, vr: 'US', value: [s.bitsStored ?? 16] },
    { tag: 0x00280102, vr: 'US', value: [(s.bitsStored ?? 16) - 1] },
    { tag: 0x00280103, vr: 'US', value: [s.signed === false ? 0 : 1] },
    { tag: 0x00281052, vr: 'DS', value: [s.intercept ?? 0] },
    { tag: 0x00281053, vr: 'DS', value: [s.slope ?? 1] },
    ...(s.extra ?? []),
    { tag: 0x7fe00010, vr: 'OW', value: s.pixels },
  ];
}

/** Writes a slice file and returns its path. */
export function writeCtSlice(path: string, s: TestSlice, options?: WriteOptions): string {
  writeFileSync(path, encodeTestDicom(ctSliceElements(s), options));
  return path;
}
