/**
 * Pixel data access (DICOM PS3.3 C.7.6.3 Image Pixel module, PS3.5 §8 and Annex A.4): the pixel
 * format of an image, frame extraction from native or encapsulated Pixel Data, and stored-value
 * decoding for native and RLE data. Other compressed syntaxes go through `itkDecode.ts`.
 */
import type { DicomFile } from './parse';
import { decodeRleFrame } from './rle';
import { TAG } from './tags';
import { TS } from './transferSyntax';

export interface PixelFormat {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  bitsStored: number;
  highBit: number;
  /** PixelRepresentation 1: two's complement stored values. */
  signed: boolean;
  photometricInterpretation: string;
  numberOfFrames: number;
}

/** Typed array of stored pixel values of one frame. */
export type StoredArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array;

function label(file: DicomFile): string {
  return file.path ?? 'DICOM data';
}

/** Reads the Image Pixel module. @throws when Rows, Columns or BitsAllocated is missing. */
export function pixelFormat(file: DicomFile): PixelFormat {
  const ds = file.dataset;
  const rows = ds.number(TAG.Rows);
  const columns = ds.number(TAG.Columns);
  const bitsAllocated = ds.number(TAG.BitsAllocated);
  if (!rows || !columns || !bitsAllocated) {
    throw new Error(`${label(file)}: not an image (Rows, Columns or BitsAllocated missing)`);
  }
  const bitsStored = ds.number(TAG.BitsStored) ?? bitsAllocated;
  return {
    rows,
    columns,
    samplesPerPixel: ds.number(TAG.SamplesPerPixel) ?? 1,
    bitsAllocated,
    bitsStored,
    highBit: ds.number(TAG.HighBit) ?? bitsStored - 1,
    signed: ds.number(TAG.PixelRepresentation) === 1,
    photometricInterpretation: ds.string(TAG.PhotometricInterpretation) ?? 'MONOCHROME2',
    numberOfFrames: Math.max(1, Math.trunc(ds.number(TAG.NumberOfFrames) ?? 1)),
  };
}

/**
 * Range of stored values allowed by BitsStored and PixelRepresentation:
 * unsigned [0, 2^b − 1], signed [−2^(b−1), 2^(b−1) − 1] (what GDCM's PixelFormat::GetMin/GetMax report).
 */
export function storedValueRange(pf: PixelFormat): [number, number] {
  const b = pf.bitsStored;
  return pf.signed ? [-(2 ** (b - 1)), 2 ** (b - 1) - 1] : [0, 2 ** b - 1];
}

/** True when this file's pixel data can be decoded by {@link readStoredFrame} (native or RLE). */
export function isNativelyDecodable(file: DicomFile): boolean {
  return !file.transferSyntax.encapsulated || file.transferSyntax.uid === TS.RLELossless;
}

/**
 * The compressed bytes of one frame of encapsulated Pixel Data (PS3.5 A.4): all fragments for a
 * single-frame image; otherwise split by the Extended or Basic Offset Table (offsets count from the
 * first fragment's item tag), or one fragment per frame when there are as many fragments as frames.
 */
export function encapsulatedFrame(file: DicomFile, frame: number, numberOfFrames: number): Uint8Array {
  const el = file.dataset.element(TAG.PixelData);
  if (!el?.encapsulated) throw new Error(`${label(file)}: Pixel Data is not encapsulated`);
  const bytes = file.dataset.bytes;
  const { fragments, offsetTable } = el.encapsulated;
  if (fragments.length === 0) throw new Error(`${label(file)}: encapsulated Pixel Data has no fragments`);
  let selected = fragments;
  if (numberOfFrames > 1) {
    let offsets = file.dataset.numbers(TAG.ExtendedOffsetTable);
    if (offsets.length === 0 && offsetTable.length > 0) {
      const v = new DataView(bytes.buffer, bytes.byteOffset + offsetTable.offset, offsetTable.length);
      offsets = Array.from({ length: offsetTable.length / 4 }, (_, i) => v.getUint32(4 * i, true));
    }
    if (offsets.length >= numberOfFrames) {
      const base = fragments[0].offset - 8;
      const start = offsets[frame];
      const end = frame + 1 < numberOfFrames ? offsets[frame + 1] : Infinity;
      selected = fragments.filter((f) => f.offset - 8 - base >= start && f.offset - 8 - base < end);
    } else if (fragments.length === numberOfFrames) {
      selected = [fragments[frame]];
    } else {
      throw new Error(
        `${label(file)}: cannot split ${fragments.length} pixel data fragments into ${numberOfFrames} frames without an offset table`,
      );
    }
  }
  if (selected.length === 1) return bytes.subarray(selected[0].offset, selected[0].offset + selected[0].length);
  const total = selected.reduce((s, f) => s + f.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const f of selected) {
    out.set(bytes.subarray(f.offset, f.offset + f.length), o);
    o += f.length;
  }
  return out;
}

/**
 * The native little-endian bytes of one frame (for 8/16/32-bit single-sample pixels): a view into
 * the file for native Little Endian data, a byte-swapped copy for Big Endian, a decoded buffer for RLE.
 */
function nativeFrameBytes(file: DicomFile, pf: PixelFormat, frame: number): Uint8Array {
  const el = file.dataset.element(TAG.PixelData);
  if (!el) throw new Error(`${label(file)}: no Pixel Data element`);
  const bytesPerPixel = pf.bitsAllocated / 8;
  const pixelCount = pf.rows * pf.columns;
  const frameLength = pixelCount * bytesPerPixel;
  const frameName = `${label(file)} frame ${frame + 1}`;
  if (file.transferSyntax.uid === TS.RLELossless) {
    return decodeRleFrame(encapsulatedFrame(file, frame, pf.numberOfFrames), pixelCount, bytesPerPixel, frameName);
  }
  if (file.transferSyntax.encapsulated) {
    throw new Error(`${label(file)}: ${file.transferSyntax.name} pixel data needs the compressed-image decoder`);
  }
  const start = frame * frameLength;
  if (start + frameLength > el.length) {
    throw new Error(
      `${label(file)}: Pixel Data holds ${el.length} bytes but frame ${frame + 1} of ${pf.rows}×${pf.columns}×${pf.bitsAllocated}-bit pixels needs bytes up to ${start + frameLength}`,
    );
  }
  const bytes = file.dataset.bytes.subarray(el.offset + start, el.offset + start + frameLength);
  if (file.transferSyntax.littleEndian || bytesPerPixel === 1) return bytes;
  const swapped = new Uint8Array(frameLength);
  for (let i = 0; i < frameLength; i += bytesPerPixel) {
    for (let k = 0; k < bytesPerPixel; k++) swapped[i + k] = bytes[i + bytesPerPixel - 1 - k];
  }
  return swapped;
}

/**
 * Stored values of one frame of a single-sample image with 8, 16 or 32 bits allocated. Bits
 * outside BitsStored/HighBit are discarded (value = (raw >> (HighBit + 1 − BitsStored)) masked to
 * BitsStored bits, sign-extended when PixelRepresentation is 1), as PS3.5 §8.1.1 defines them.
 * The result may be a view into the file buffer: do not modify it.
 */
export function readStoredFrame(file: DicomFile, pf: PixelFormat, frame: number): StoredArray {
  if (pf.samplesPerPixel !== 1) {
    throw new Error(`${label(file)}: ${pf.samplesPerPixel} samples per pixel (${pf.photometricInterpretation}); only single-sample (grey) images are supported`);
  }
  if (pf.bitsAllocated !== 8 && pf.bitsAllocated !== 16 && pf.bitsAllocated !== 32) {
    throw new Error(`${label(file)}: BitsAllocated ${pf.bitsAllocated} is not supported for images`);
  }
  if (pf.bitsStored < 1 || pf.bitsStored > pf.bitsAllocated || pf.highBit + 1 < pf.bitsStored || pf.highBit >= pf.bitsAllocated) {
    throw new Error(`${label(file)}: inconsistent BitsStored ${pf.bitsStored} / HighBit ${pf.highBit} / BitsAllocated ${pf.bitsAllocated}`);
  }
  const bytes = nativeFrameBytes(file, pf, frame);
  const raw = typedView(bytes, pf.bitsAllocated, pf.signed);
  if (pf.bitsStored === pf.bitsAllocated) return raw;
  return maskStoredBits(raw, pf);
}

function typedView(bytes: Uint8Array, bitsAllocated: number, signed: boolean): StoredArray {
  const n = bytes.length / (bitsAllocated / 8);
  const aligned = bytes.byteOffset % (bitsAllocated / 8) === 0 ? bytes : bytes.slice();
  switch (bitsAllocated) {
    case 8:
      return signed ? new Int8Array(aligned.buffer, aligned.byteOffset, n) : aligned;
    case 16:
      return signed ? new Int16Array(aligned.buffer, aligned.byteOffset, n) : new Uint16Array(aligned.buffer, aligned.byteOffset, n);
    default:
      return signed ? new Int32Array(aligned.buffer, aligned.byteOffset, n) : new Uint32Array(aligned.buffer, aligned.byteOffset, n);
  }
}

function maskStoredBits(raw: StoredArray, pf: PixelFormat): StoredArray {
  const shift = pf.highBit + 1 - pf.bitsStored;
  const bits = pf.bitsStored;
  const n = raw.length;
  const out: StoredArray =
    pf.bitsAllocated === 8
      ? pf.signed ? new Int8Array(n) : new Uint8Array(n)
      : pf.bitsAllocated === 16
        ? pf.signed ? new Int16Array(n) : new Uint16Array(n)
        : pf.signed ? new Int32Array(n) : new Uint32Array(n);
  if (pf.signed) {
    // Shift the stored field to the top of a 32-bit int, then arithmetic-shift back down.
    const up = 32 - bits - shift;
    const down = 32 - bits;
    const unsignedMask = pf.bitsAllocated === 32 ? 0xffffffff : (1 << pf.bitsAllocated) - 1;
    for (let i = 0; i < n; i++) out[i] = ((raw[i] & unsignedMask) << up) >> down;
  } else {
    const mask = bits === 32 ? 0xffffffff : 2 ** bits - 1;
    for (let i = 0; i < n; i++) out[i] = (raw[i] >>> shift) & mask;
  }
  return out;
}
