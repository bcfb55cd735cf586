/**
 * Texture-class timing: prints milliseconds for the ROI discretisation (done once per image type
 * and shared by the classes) and per feature class (matrix + all default features) on a
 * synthetic CT-like 256×256×40 grid (not cropped, a pessimistic case) with an ellipsoidal ROI of
 * ~200k voxels, binWidth 25. Medians of wall and CPU time; run on an idle machine for comparable
 * figures.
 * Run: npx tsx bench/radiomicsTexture.ts
 */
import { performance } from 'node:perf_hooks';
import type { Vec3 } from '../src/main/engine/image/volume';
import type { FamilyInput, FeatureFamily } from '../src/main/engine/radiomics/family';
import { glcmFamily } from '../src/main/engine/radiomics/families/glcm';
import { gldmFamily } from '../src/main/engine/radiomics/families/gldm';
import { glrlmFamily } from '../src/main/engine/radiomics/families/glrlm';
import { glszmFamily } from '../src/main/engine/radiomics/families/glszm';
import { ngtdmFamily } from '../src/main/engine/radiomics/families/ngtdm';
import { binRoi } from '../src/main/engine/radiomics/matrices/binnedRoi';
import { DEFAULT_SETTINGS } from '../src/main/engine/radiomics/settings';
import { rng } from './mulberry32';


function syntheticCase(): FamilyInput {
  const size: Vec3 = [256, 256, 40];
  const n = size[0] * size[1] * size[2];
  const image = new Float64Array(n);
  const mask = new Uint8Array(n);
  const rand = rng(42);
  const [cx, cy, cz] = [128, 128, 19.5];
  const [ax, ay, az] = [50, 50, 19];
  for (let z = 0, i = 0; z < size[2]; z++) {
    for (let y = 0; y < size[1]; y++) {
      for (let x = 0; x < size[0]; x++, i++) {
        // soft tissue with lobular structure, a denser core and noise, rounded like CT (int16 HU)
        const r2 = ((x - cx) / ax) ** 2 + ((y - cy) / ay) ** 2 + ((z - cz) / az) ** 2;
        const structure = 60 * Math.sin(x / 7) * Math.cos(y / 9) + 40 * Math.sin(z / 3 + x / 11);
        image[i] = Math.round(40 + structure + 150 * Math.max(0, 1 - 2 * r2) + 35 * (rand() + rand() + rand() - 1.5) - 300 * (r2 > 1.3 ? 1 : 0));
        if (r2 <= 1) mask[i] = 1;
      }
    }
  }
  return { image, imageIsFloat32: false, mask, morphologicalMask: mask, size, spacing: [0.7, 0.7, 2.5], settings: DEFAULT_SETTINGS };
}

const input = syntheticCase();
const roiVoxels = input.mask.reduce((s, v) => s + v, 0);
console.log(`grid ${input.size.join('×')}, ROI ${roiVoxels} voxels, binWidth ${input.settings.binWidth}`);

/** Median wall and CPU (user + system) milliseconds of `runs` calls after one warm-up call (JIT). */
function median(f: () => unknown, runs = 5): { wall: number; cpu: number } {
  f();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < runs; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const mid = (v: number[]): number => v.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
  return { wall: mid(wall), cpu: mid(cpu) };
}

const report = (label: string, t: { wall: number; cpu: number }, note: string): void =>
  console.log(`${label.padEnd(10)} ${t.wall.toFixed(1).padStart(8)} ms wall ${t.cpu.toFixed(1).padStart(8)} ms CPU  ${note}`);
report('binning', median(() => binRoi(input.image, input.mask, input.size, false, input.settings)), '(once per image type)');
const families: FeatureFamily[] = [glcmFamily, glrlmFamily, glszmFamily, gldmFamily, ngtdmFamily];
const total = { wall: 0, cpu: 0 };
for (const family of families) {
  const names = family.features.filter((f) => f.enabledByDefault).map((f) => f.name);
  // the same input object every call: the binned ROI is shared, as in the extractor
  const t = median(() => family.compute(input, names));
  total.wall += t.wall;
  total.cpu += t.cpu;
  report(family.name, t, `(${names.length} features)`);
}
report('classes', total, '(sum)');
