/**
 * RLE Lossless decoding (DICOM PS3.5 Annex G): a 64-byte header of little-endian uint32 (segment
 * count, then up to 15 segment offsets) followed by PackBits-coded segments, one per byte plane;
 * for multi-byte samples the most significant byte plane comes first (G.2).
 */

/** Decodes one PackBits segment (PS3.5 G.3.1) into `out` (exactly `out.length` bytes). */
function unpackSegment(src: Uint8Array, start: number, end: number, out: Uint8Array, frameLabel: string): void {
  let p = start;
  let o = 0;
  const n = out.length;
  while (o < n && p < end) {
    const h = src[p++];
    if (h < 128) {
      const count = h + 1;
      if (p + count > end || o + count > n) throw new Error(`${frameLabel}: RLE literal run overruns its segment`);
      out.set(src.subarray(p, p + count), o);
      p += count;
      o += count;
    } else if (h > 128) {
      const count = 257 - h;
      if (p >= end || o + count > n) throw new Error(`${frameLabel}: RLE replicate run overruns its segment`);
      out.fill(src[p++], o, o + count);
      o += count;
    }
    // h === 128 is a no-op byte.
  }
  if (o < n) throw new Error(`${frameLabel}: RLE segment decodes to ${o} bytes, expected ${n}`);
}

/**
 * Decodes an RLE frame of `pixelCount` single-sample pixels of `bytesPerPixel` bytes into
 * little-endian native bytes (the layout of uncompressed Little Endian pixel data).
 * @param frameLabel prefix of error messages (file path and frame).
 */
export function decodeRleFrame(frame: Uint8Array, pixelCount: number, bytesPerPixel: number, frameLabel: string): Uint8Array {
  if (frame.length < 64) throw new Error(`${frameLabel}: RLE frame shorter than its 64-byte header`);
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const segments = view.getUint32(0, true);
  if (segments !== bytesPerPixel) {
    throw new Error(`${frameLabel}: RLE frame has ${segments} segments, expected ${bytesPerPixel} (one per byte of a single-sample pixel)`);
  }
  const out = new Uint8Array(pixelCount * bytesPerPixel);
  const plane = new Uint8Array(pixelCount);
  for (let s = 0; s < segments; s++) {
    const start = view.getUint32(4 + 4 * s, true);
    const end = s + 1 < segments ? view.getUint32(8 + 4 * s, true) : frame.length;
    if (start < 64 || end > frame.length || start > end) throw new Error(`${frameLabel}: RLE segment ${s} offsets out of range`);
    unpackSegment(frame, start, end, plane, frameLabel);
    // Segment 0 holds the most significant byte; little-endian byte k of a pixel is segment (bytes − 1 − k).
    const k = bytesPerPixel - 1 - s;
    for (let i = 0; i < pixelCount; i++) out[i * bytesPerPixel + k] = plane[i];
  }
  return out;
}
