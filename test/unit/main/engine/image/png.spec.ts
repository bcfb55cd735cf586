import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../../../../src/main/engine/image/png';

function chunks(png: Uint8Array): { type: string; data: Uint8Array; crcOk: boolean }[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out = [];
  for (let pos = 8; pos < png.length; ) {
    const len = view.getUint32(pos);
    const type = String.fromCharCode(...png.subarray(pos + 4, pos + 8));
    const data = png.subarray(pos + 8, pos + 8 + len);
    out.push({ type, data, crcOk: view.getUint32(pos + 8 + len) === crc32(png.subarray(pos + 4, pos + 8 + len)) });
    pos += 12 + len;
  }
  return out;
}

describe('PNG encoder', () => {
  it('writes signature, IHDR, IDAT (filter 0 scanlines) and IEND with valid CRCs', () => {
    const data = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]);
    const png = encodePng({ width: 2, height: 2, channels: 3, data });
    expect(Array.from(png.subarray(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const c = chunks(png);
    expect(c.map((x) => x.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(c.every((x) => x.crcOk)).toBe(true);
    // width 2, height 2, bit depth 8, colour type 2 (RGB), compression 0, filter 0, interlace 0.
    expect(Array.from(c[0].data)).toEqual([0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0]);
    expect(Array.from(inflateSync(c[1].data))).toEqual([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 10, 20, 30]);
  });

  it('uses colour type 0 for grey and checks the buffer length', () => {
    const png = encodePng({ width: 3, height: 1, channels: 1, data: Uint8Array.from([1, 2, 3]) });
    expect(chunks(png)[0].data[9]).toBe(0);
    expect(() => encodePng({ width: 2, height: 2, channels: 1, data: new Uint8Array(3) })).toThrow(/3 bytes/);
  });
});
