/**
 * Minimal PNG encoder (ISO/IEC 15948:2004, W3C PNG 2nd ed.) for 8-bit greyscale, RGB or RGBA images:
 * signature, IHDR (bit depth 8, colour type 0/2/6, deflate, filter method 0, no interlace), one IDAT
 * holding the zlib stream of the scanlines (each prefixed by filter type 0, "None"), IEND. Chunk CRCs
 * are CRC-32 (ISO 3309) over type and data, from `node:zlib`.
 */
import { crc32, deflateSync } from 'node:zlib';

export interface RasterImage {
  width: number;
  height: number;
  /** 1 = grey, 3 = RGB, 4 = RGBA. */
  channels: 1 | 3 | 4;
  /** Row-major, top row first, channels interleaved. */
  data: Uint8Array;
}

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const COLOUR_TYPE = { 1: 0, 3: 2, 4: 6 } as const;

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** Encode an image as PNG bytes. */
export function encodePng(image: RasterImage): Uint8Array {
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new RangeError(`invalid PNG size ${width}×${height}`);
  if (data.length !== width * height * channels) throw new RangeError(`${data.length} bytes for a ${width}×${height}×${channels} image`);
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  header[8] = 8;
  header[9] = COLOUR_TYPE[channels];
  const stride = width * channels;
  const raw = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) raw.set(data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const parts = [SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}
