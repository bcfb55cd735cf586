/**
 * A small synthetic CT phase for the deep-feature tests: air outside a soft-tissue disc (≈ 40 HU),
 * an ellipsoidal "tumour" (≈ 80 HU with a seeded texture) and its mask, plus a raw NRRD writer so the
 * CLI can read them.
 */
import { writeFileSync } from 'node:fs';
import { IDENTITY_DIRECTION, type Vec3, type Volume } from '../../src/main/engine/image/volume';
import { Rng } from '../../src/main/engine/stats/rng';

export interface SyntheticPhase {
  image: Volume<Int16Array>;
  mask: Volume<Uint8Array>;
}

/** An nx × ny × nz phase; `shift` adds HU (contrast phases differ by enhancement). */
export function syntheticPhase(size: Vec3 = [64, 64, 7], shift = 0, seed = 7): SyntheticPhase {
  const [nx, ny, nz] = size;
  const rng = new Rng(seed);
  const image = new Int16Array(nx * ny * nz);
  const mask = new Uint8Array(nx * ny * nz);
  const cx = nx / 2;
  const cy = ny / 2;
  const cz = (nz - 1) / 2;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const i = x + nx * (y + ny * z);
        const body = (x - cx) ** 2 + (y - cy) ** 2 < (0.45 * nx) ** 2;
        const t = ((x - cx - 3) / (0.25 * nx)) ** 2 + ((y - cy + 2) / (0.18 * ny)) ** 2 + ((z - cz) / (0.45 * nz)) ** 2;
        const noise = Math.round(20 * (rng.uniform() - 0.5));
        image[i] = !body ? -1000 : t < 1 ? 80 + shift + noise + Math.round(30 * Math.sin(x / 2) * Math.cos(y / 3)) : 40 + noise;
        mask[i] = t < 1 ? 1 : 0;
      }
    }
  }
  const geometry = { size, spacing: [0.8, 0.8, 2.5] as Vec3, origin: [-25, -25, 0] as Vec3, direction: IDENTITY_DIRECTION };
  return { image: { ...geometry, data: image }, mask: { ...geometry, data: mask } };
}

/** Write a volume as a raw little-endian NRRD (short or uchar) in LPS. */
export function writeRawNrrd(path: string, v: Volume<Int16Array | Uint8Array>): void {
  const type = v.data instanceof Int16Array ? 'short' : 'uchar';
  const d = v.direction;
  const dirs = [0, 1, 2].map((c) => `(${[0, 1, 2].map((r) => d[3 * r + c] * v.spacing[c]).join(',')})`).join(' ');
  const header = [
    'NRRD0004',
    `type: ${type}`,
    'dimension: 3',
    'space: left-posterior-superior',
    `sizes: ${v.size.join(' ')}`,
    `space directions: ${dirs}`,
    'kinds: domain domain domain',
    'endian: little',
    'encoding: raw',
    `space origin: (${v.origin.join(',')})`,
  ].join('\n');
  writeFileSync(path, Buffer.concat([Buffer.from(header + '\n\n', 'latin1'), Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength)]));
}
