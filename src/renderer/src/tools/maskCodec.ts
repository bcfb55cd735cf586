/**
 * Run-length coding of label maps for crash-recovery drafts: each run is its value byte followed
 * by the run length as an unsigned LEB128 varint. A mostly empty 512×512×120 map is a few KB.
 */
export function encodeRuns(labels: Uint8Array): Uint8Array {
  const out: number[] = [];
  let i = 0;
  while (i < labels.length) {
    const value = labels[i];
    let j = i + 1;
    while (j < labels.length && labels[j] === value) j++;
    out.push(value);
    let n = j - i;
    while (n >= 0x80) {
      out.push((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    out.push(n);
    i = j;
  }
  return Uint8Array.from(out);
}

/** Decode runs into a map of exactly `length` voxels; anything else is a damaged draft. */
export function decodeRuns(runs: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let pos = 0;
  let p = 0;
  while (p < runs.length) {
    const value = runs[p++];
    let n = 0;
    let scale = 1;
    for (;;) {
      if (p >= runs.length) throw new Error('damaged draft: truncated run length');
      const byte = runs[p++];
      n += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
      scale *= 128;
    }
    if (pos + n > length) throw new Error('damaged draft: more voxels than the volume has');
    out.fill(value, pos, pos + n);
    pos += n;
  }
  if (pos !== length) throw new Error(`damaged draft: ${pos} voxels, expected ${length}`);
  return out;
}
