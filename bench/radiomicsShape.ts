/**
 * Benchmark: pyradiomics `shape` (all 17 features, mesh + exact diameters + PCA) on a ~200k-voxel ROI,
 * the workload of design/performance.md §3 (1 mm isotropic, bounding box inside 256×256×40).
 * Run: node --import tsx bench/radiomicsShape.ts
 */
import type { Vec3 } from '../src/main/engine/image/volume';
import { shape } from '../src/main/engine/radiomics/families/shape';
import { DEFAULT_SETTINGS } from '../src/main/engine/radiomics/settings';

/** A cropped ellipsoidal ROI with semi-axes (a, b, c) voxels; `lobes` adds a radial ripple. */
function ellipsoid(a: number, b: number, c: number, lobes: number): { mask: Uint8Array; size: Vec3 } {
  const size: Vec3 = [2 * Math.ceil(a * 1.2) + 1, 2 * Math.ceil(b * 1.2) + 1, 2 * Math.ceil(c) + 1];
  const mask = new Uint8Array(size[0] * size[1] * size[2]);
  const [cx, cy, cz] = size.map((n) => (n - 1) / 2) as Vec3;
  for (let z = 0, i = 0; z < size[2]; z++) {
    for (let y = 0; y < size[1]; y++) {
      for (let x = 0; x < size[0]; x++, i++) {
        const u = (x - cx) / a, v = (y - cy) / b, w = (z - cz) / c;
        const ripple = 1 + 0.15 * Math.sin(lobes * Math.atan2(v, u)) * Math.cos(3 * w);
        mask[i] = u * u + v * v + w * w <= ripple * ripple ? 1 : 0;
      }
    }
  }
  return { mask, size };
}

const ALL = shape.features.map((f) => f.name);
for (const [label, lobes] of [['smooth ellipsoid', 0], ['lobulated ellipsoid', 5]] as const) {
  const { mask, size } = ellipsoid(50, 50, 19, lobes);
  const input = { image: new Float64Array(mask.length), imageIsFloat32: false, mask, morphologicalMask: mask, size, spacing: [1, 1, 1] as Vec3, settings: DEFAULT_SETTINGS };
  const voxels = mask.reduce((s, v) => s + v, 0);
  const times: number[] = [];
  let result = new Map<string, number>();
  for (let run = 0; run < 7; run++) {
    const t0 = performance.now();
    result = shape.compute(input, ALL);
    times.push(performance.now() - t0);
  }
  const first = times[0]!;
  times.sort((p, q) => p - q);
  console.log(
    `shape ${label}: ${voxels} voxels, box ${size.join('×')}: median of 7 ${times[3]!.toFixed(1)} ms ` +
      `(first run ${first.toFixed(1)} ms, incl. JIT warm-up); Maximum3DDiameter ${result.get('Maximum3DDiameter')!.toFixed(3)} mm`,
  );
}
