/**
 * DICOM Part-10 writer, Explicit VR Little Endian (PS3.10 §7, PS3.5 §7.1.2), for the objects we
 * export (DICOM SEG). Text is written in UTF-8 (Specific Character Set "ISO_IR 192", which the
 * caller includes); sequences and items use defined lengths.
 */
import { formatTag } from './tags';
import { TS } from './transferSyntax';

/** Value of an element: text (multi-valued as an array), numbers, raw bytes, or sequence items. */
export type WriteValue = string | string[] | number[] | Uint8Array | WriteElement[][];

export interface WriteElement {
  tag: number;
  vr: string;
  value: WriteValue;
}

const LONG_LENGTH_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const NUMERIC_SIZES: Record<string, number> = { US: 2, SS: 2, UL: 4, SL: 4, FL: 4, FD: 8, AT: 4 };
const encoder = new TextEncoder();

/**
 * A decimal string (VR DS) of at most 16 characters (PS3.5 §6.2): the shortest round-trip form
 * when it fits, otherwise the most significant digits that fit.
 */
export function formatDecimalString(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`DS value must be finite, got ${x}`);
  const plain = String(x);
  if (plain.length <= 16 && !plain.includes('e')) return plain;
  for (let p = 16; p >= 1; p--) {
    const s = String(Number(x.toPrecision(p)));
    if (s.length <= 16) return s;
    const e = x.toExponential(p - 1).replace('e+', 'e');
    if (e.length <= 16) return e;
  }
  throw new Error(`cannot format ${x} as a DS value`);
}

function textBytes(el: WriteElement): Uint8Array {
  const values = Array.isArray(el.value) ? (el.value as (string | number)[]) : [el.value as string];
  const parts = values.map((v) => (typeof v === 'number' ? (el.vr === 'DS' ? formatDecimalString(v) : String(Math.trunc(v))) : v));
  const raw = encoder.encode(parts.join('\\'));
  if (raw.length % 2 === 0) return raw;
  const padded = new Uint8Array(raw.length + 1);
  padded.set(raw);
  padded[raw.length] = el.vr === 'UI' ? 0 : 0x20;
  return padded;
}

function numericBytes(el: WriteElement): Uint8Array {
  const values = el.value as number[];
  const size = NUMERIC_SIZES[el.vr];
  const out = new Uint8Array(values.length * size);
  const v = new DataView(out.buffer);
  values.forEach((x, i) => {
    const p = i * size;
    switch (el.vr) {
      case 'US':
        v.setUint16(p, x, true);
        break;
      case 'SS':
        v.setInt16(p, x, true);
        break;
      case 'UL':
        v.setUint32(p, x, true);
        break;
      case 'SL':
        v.setInt32(p, x, true);
        break;
      case 'FL':
        v.setFloat32(p, x, true);
        break;
      case 'FD':
        v.setFloat64(p, x, true);
        break;
      default: // AT: group then element
        v.setUint16(p, x >>> 16, true);
        v.setUint16(p + 2, x & 0xffff, true);
    }
  });
  return out;
}

function header(tag: number, vr: string, length: number): Uint8Array {
  const long = LONG_LENGTH_VRS.has(vr);
  const out = new Uint8Array(long ? 12 : 8);
  const v = new DataView(out.buffer);
  v.setUint16(0, tag >>> 16, true);
  v.setUint16(2, tag & 0xffff, true);
  out[4] = vr.charCodeAt(0);
  out[5] = vr.charCodeAt(1);
  if (long) v.setUint32(8, length, true);
  else {
    if (length > 0xffff) throw new Error(`value of ${formatTag(tag)} (${vr}) is ${length} bytes, over the 65534-byte limit of its VR`);
    v.setUint16(6, length, true);
  }
  return out;
}

function itemHeader(tag: number, length: number): Uint8Array {
  const out = new Uint8Array(8);
  const v = new DataView(out.buffer);
  v.setUint16(0, 0xfffe, true);
  v.setUint16(2, tag, true);
  v.setUint32(4, length, true);
  return out;
}

function encodeElements(elements: WriteElement[], chunks: Uint8Array[]): number {
  let total = 0;
  for (const el of [...elements].sort((a, b) => a.tag - b.tag)) {
    if (el.vr === 'SQ') {
      const inner: Uint8Array[] = [];
      let seqLength = 0;
      for (const item of el.value as WriteElement[][]) {
        const itemChunks: Uint8Array[] = [];
        const itemLength = encodeElements(item, itemChunks);
        inner.push(itemHeader(0xe000, itemLength), ...itemChunks);
        seqLength += 8 + itemLength;
      }
      const h = header(el.tag, 'SQ', seqLength);
      chunks.push(h, ...inner);
      total += h.length + seqLength;
      continue;
    }
    let value: Uint8Array;
    if (el.value instanceof Uint8Array) {
      value = el.value;
      if (value.length % 2) {
        const padded = new Uint8Array(value.length + 1);
        padded.set(value);
        value = padded;
      }
    } else if (NUMERIC_SIZES[el.vr]) value = numericBytes(el);
    else value = textBytes(el);
    const h = header(el.tag, el.vr, value.length);
    chunks.push(h, value);
    total += h.length + value.length;
  }
  return total;
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/**
 * Serialises a dataset as a Part-10 file: 128-byte zero preamble, "DICM", the file meta group
 * (version 00\01, SOP class/instance from the dataset's (0008,0016)/(0008,0018), Explicit VR
 * Little Endian, our implementation UID), then the dataset sorted by tag.
 */
export function encodeDicomFile(dataset: WriteElement[], implementationClassUid: string): Uint8Array {
  const sopClass = dataset.find((e) => e.tag === 0x00080016)?.value;
  const sopInstance = dataset.find((e) => e.tag === 0x00080018)?.value;
  if (typeof sopClass !== 'string' || typeof sopInstance !== 'string') throw new Error('encodeDicomFile: SOPClassUID and SOPInstanceUID are required');
  const metaChunks: Uint8Array[] = [];
  const metaLength = encodeElements(
    [
      { tag: 0x00020001, vr: 'OB', value: Uint8Array.of(0, 1) },
      { tag: 0x00020002, vr: 'UI', value: sopClass },
      { tag: 0x00020003, vr: 'UI', value: sopInstance },
      { tag: 0x00020010, vr: 'UI', value: TS.ExplicitVRLittleEndian },
      { tag: 0x00020012, vr: 'UI', value: implementationClassUid },
      { tag: 0x00020013, vr: 'SH', value: 'DLRN_STUDIO' },
    ],
    metaChunks,
  );
  const chunks: Uint8Array[] = [new Uint8Array(128), encoder.encode('DICM')];
  let total = 132;
  total += encodeElements([{ tag: 0x00020000, vr: 'UL', value: [metaLength] }], chunks);
  chunks.push(...metaChunks);
  total += metaLength;
  total += encodeElements(dataset, chunks);
  return concat(chunks, total);
}
