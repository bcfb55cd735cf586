/**
 * Whole-phase radiomics benchmark (design/performance.md §3 B1–B6, B11).
 *
 * Workload B6: one synthetic contrast-CT phase, 256×256×40 int16 HU at 0.8×0.8×2.5 mm (gzip NRRD),
 * an ellipsoidal tumour of ~316k ROI voxels with textured enhancement, pyradiomics parameter set (c):
 * Original + LoG σ 1–5 mm + Wavelet (coif1, 8 bands) + Square, SquareRoot, Logarithm, Exponential,
 * Gradient + LBP3D (binWidth 1), every feature class, binWidth 25 (2,060 features). pyradiomics 3.1
 * single-threaded took 37.4 s for this phase on the team's 2-core machine (performance.md §1b).
 *
 * Scenarios, each in its own child process (clean peak RSS, cold JIT like a CLI run):
 *  - single: `extractCase` on the main thread (load + extraction), per-stage wall and CPU times;
 *  - workers: the same phase with its image types spread over worker threads
 *    (`src/cli/extract/parallelCase.ts`, what `dlrn extract -j 2` does for a single case);
 *  - whole: a whole 512×512×160 phase with preCrop (crop to the ROI + padDistance before any filter),
 *    peak RSS (B11).
 * Each scenario runs one warm-up extraction and then `--runs` timed ones (median).
 *
 *   node --import tsx bench/radiomics.ts [--runs N] [--jobs N] [--skip-whole] [--dump FILE]
 *   node --import tsx bench/radiomics.ts --fixtures DIR   (write the B6 files only, for profiling a child:
 *   node --cpu-prof --import tsx bench/radiomics.ts --child single --dir DIR --runs 0)
 *
 * `--dump FILE` writes the single-thread feature row as JSON (exact doubles as hex; the worker run's
 * row to FILE.workers.json), to check that an optimisation or the parallel path left every value
 * bit-identical: run before and after, then compare the files.
 * Times are wall-clock AND process CPU (user + system of every thread): on a shared machine the wall
 * time grows with the load average, printed with the results.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parallelExtractCase, ImageTypePool } from '../src/cli/extract/parallelCase';
import { IDENTITY_DIRECTION, type Vec3, type Volume } from '../src/main/engine/image/volume';
import { writeNrrd } from '../src/main/engine/io/nrrdWrite';
import { readImage, readImageChannels } from '../src/main/engine/io/readImage';
import { extractCase, type FeatureRow } from '../src/main/engine/radiomics/extractor';
import { parseParams } from '../src/main/engine/radiomics/paramsFile';
import { rng } from './mulberry32';

/** pyradiomics parameter set (c) of performance.md §1b. */
const PARAMS_C = `
setting: {binWidth: 25, label: 1, additionalInfo: true}
imageType:
  Original: {}
  LoG: {sigma: [1.0, 2.0, 3.0, 4.0, 5.0]}
  Wavelet: {}
  Square: {}
  SquareRoot: {}
  Logarithm: {}
  Exponential: {}
  Gradient: {}
  LBP3D: {binWidth: 1}
`;

/** Targets of performance.md §3 (benchmarks, not tests). */
const TARGET = { b6SingleS: 3.7, b6TwoCoreS: 3.5, b11RssMb: 1536, b1GlcmMs: 25, b2OtherTextureMs: 80, b3LogMs: 60, b4WaveletMs: 150, b5ShapeMs: 150 };
const PYRADIOMICS_B6_S = 37.4;

// ---------------------------------------------------------------------------------------------
// Synthetic CT phase (deterministic)


interface Phantom {
  image: Volume<Int16Array>;
  mask: Volume<Uint8Array>;
  roiVoxels: number;
}

/**
 * A contrast-CT-like phase: air (−1000 HU) around an elliptic body of fat (−100) and soft tissue
 * (≈ 40), noise σ ≈ 12 HU, and an ellipsoidal tumour (semi-axes `axes` voxels, centred) with
 * lobular enhancement (+40 … +120), a hypodense core and voxel noise, rounded to int16.
 */
function phantom(size: Vec3, spacing: Vec3, axes: Vec3, seed: number): Phantom {
  const [nx, ny, nz] = size;
  const n = nx * ny * nz;
  const data = new Int16Array(n);
  const mask = new Uint8Array(n);
  const rand = rng(seed);
  const gauss = (): number => rand() + rand() + rand() + rand() - 2; // ≈ N(0, 1/3)
  const [cx, cy, cz] = [(nx - 1) / 2, (ny - 1) / 2, (nz - 1) / 2];
  const [bx, by] = [0.47 * nx, 0.4 * ny];
  let roiVoxels = 0;
  for (let z = 0, i = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        const body = ((x - cx) / bx) ** 2 + ((y - cy) / by) ** 2;
        const u = (x - cx) / axes[0];
        const v = (y - cy) / axes[1];
        const w = (z - cz) / axes[2];
        const r2 = u * u + v * v + w * w;
        let hu: number;
        if (body > 1) hu = -1000 + 20 * gauss();
        else if (body > 0.85) hu = -100 + 25 * gauss();
        else {
          hu = 40 + 15 * Math.sin(x / 13) * Math.cos(y / 17) + 20 * gauss();
          if (r2 <= 1.05) {
            const lobes = 45 * Math.sin(x / 5.3 + Math.cos(y / 7.1)) * Math.cos(y / 6.2 - z / 3.1) + 30 * Math.sin((x + y) / 9 + z / 2.3);
            const core = r2 < 0.15 ? -70 * (1 - r2 / 0.15) : 0;
            hu = 85 + lobes + core + 35 * gauss();
          }
        }
        data[i] = Math.round(hu);
        if (r2 <= 1) {
          mask[i] = 1;
          roiVoxels++;
        }
      }
    }
  }
  const geometry = { size, spacing, origin: [0, 0, 0] as Vec3, direction: IDENTITY_DIRECTION };
  return { image: { ...geometry, data }, mask: { ...geometry, data: mask }, roiVoxels };
}

const B6 = { size: [256, 256, 40] as Vec3, spacing: [0.8, 0.8, 2.5] as Vec3, axes: [63, 63, 19] as Vec3 };
const WHOLE = { size: [512, 512, 160] as Vec3, spacing: [0.7, 0.7, 1.25] as Vec3, axes: [63, 63, 19] as Vec3 };

// ---------------------------------------------------------------------------------------------
// Child: one scenario, JSON on the last stdout line

interface StageTimes {
  wall: Record<string, number>;
  cpu: Record<string, number>;
}

interface RunResult {
  wallMs: number;
  cpuMs: number;
  loadMs: number;
  features: number;
  stages: StageTimes;
}

interface ScenarioResult {
  scenario: string;
  runs: RunResult[];
  peakRssMb: number;
  maxRssMb: number;
  roiVoxels: number;
  loadavg: number[];
}

const cpuMs = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

function countFeatures(row: FeatureRow): number {
  let n = 0;
  for (const [k, v] of row) if (typeof v === 'number' && !k.includes('diagnostics_')) n++;
  return n;
}

function dumpRow(row: FeatureRow, file: string): void {
  const view = new DataView(new ArrayBuffer(8));
  const hex = (v: number): string => {
    view.setFloat64(0, v);
    return view.getBigUint64(0).toString(16).padStart(16, '0');
  };
  const out = [...row].map(([k, v]) => [k, typeof v === 'number' ? hex(v) : v]);
  writeFileSync(file, JSON.stringify(out, null, 0));
}

async function child(scenario: string, dir: string, runs: number, jobs: number, dump: string | undefined): Promise<void> {
  const whole = scenario === 'whole';
  const imagePath = join(dir, whole ? 'whole-image.nrrd' : 'b6-image.nrrd');
  const maskPath = join(dir, whole ? 'whole-mask.nrrd' : 'b6-mask.nrrd');
  const params = parseParams(whole ? PARAMS_C.replace('additionalInfo: true}', 'additionalInfo: true, preCrop: true}') : PARAMS_C);
  let peakRss = process.memoryUsage().rss;
  const sampleRss = (): void => {
    const rss = process.memoryUsage().rss;
    if (rss > peakRss) peakRss = rss;
  };
  const pool = scenario === 'workers' ? new ImageTypePool(jobs) : null;
  if (pool) await pool.ready();
  const results: RunResult[] = [];
  let roiVoxels = 0;
  for (let run = 0; run <= runs; run++) {
    const stages: StageTimes = { wall: {}, cpu: {} };
    let lastCpu = cpuMs();
    const onStage = (stage: string, ms: number): void => {
      const key = stageGroup(stage);
      const now = cpuMs();
      stages.wall[key] = (stages.wall[key] ?? 0) + ms;
      stages.cpu[key] = (stages.cpu[key] ?? 0) + (now - lastCpu);
      lastCpu = now;
      sampleRss();
    };
    const c0 = cpuMs();
    const t0 = performance.now();
    const images = { image: readImage(imagePath), maskChannels: readImageChannels(maskPath) };
    const loadMs = performance.now() - t0;
    stages.wall.load = loadMs;
    stages.cpu.load = cpuMs() - c0;
    lastCpu = cpuMs();
    sampleRss();
    if (run === 0) {
      const labels = images.maskChannels[0]!.data;
      for (let i = 0; i < labels.length; i++) if (labels[i] === 1) roiVoxels++;
    }
    const row = pool ? await parallelExtractCase(images, params, { onStage }, pool) : extractCase(images, params, { onStage });
    sampleRss();
    const result = { wallMs: performance.now() - t0, cpuMs: cpuMs() - c0, loadMs, features: countFeatures(row), stages };
    if (run > 0 || runs === 0) results.push(result);
    if (dump && run === 0) dumpRow(row, scenario === 'single' ? dump : `${dump}.${scenario}.json`);
  }
  await pool?.close();
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  const out: ScenarioResult = { scenario, runs: results, peakRssMb: peakRss / 2 ** 20, maxRssMb, roiVoxels, loadavg: loadavg() };
  console.log(JSON.stringify(out));
}

/** Stage names of the extractor's hook, grouped: per filter type, per class (summed over images). */
function stageGroup(stage: string): string {
  const [what, image] = stage.split(' ');
  if (!image) return what!;
  const type = image.startsWith('log-') ? 'LoG' : image.startsWith('wavelet') ? 'Wavelet' : image.startsWith('lbp-3D') ? 'LBP3D' : image;
  if (what === 'filter') return `filter ${type}`;
  if (what === 'crop') return 'crop (crop, check finite, to float64)';
  if (what === 'job') return 'image-type jobs (worker wall, summed)';
  return what!; // binning, firstorder, glcm, …: summed over every derived image
}

// ---------------------------------------------------------------------------------------------
// Parent: fixtures, scenarios, table

function runChild(scenario: string, dir: string, runs: number, jobs: number, dump?: string): ScenarioResult {
  const script = fileURLToPath(import.meta.url);
  const args = [...process.execArgv, script, '--child', scenario, '--dir', dir, '--runs', String(runs), '--jobs', String(jobs)];
  if (dump) args.push('--dump', dump);
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (r.status !== 0) throw new Error(`scenario ${scenario} failed (${r.status}):\n${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as ScenarioResult;
}

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const fmt = (ms: number): string => ms.toFixed(0).padStart(8);
const verdict = (ok: boolean): string => (ok ? 'MET' : 'NOT MET');

function medianStages(runs: RunResult[]): StageTimes {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.stages.wall)))];
  const out: StageTimes = { wall: {}, cpu: {} };
  for (const k of keys) {
    out.wall[k] = median(runs.map((r) => r.stages.wall[k] ?? 0));
    out.cpu[k] = median(runs.map((r) => r.stages.cpu[k] ?? 0));
  }
  return out;
}

function printScenario(title: string, s: ScenarioResult, perImage: Record<string, number>): { wall: number; cpu: number } {
  const wall = median(s.runs.map((r) => r.wallMs));
  const cpu = median(s.runs.map((r) => r.cpuMs));
  const features = s.runs[0]!.features;
  console.log(`\n${title}: ${s.runs.length} timed run(s) after a warm-up, medians; load average at the end ${s.loadavg.map((v) => v.toFixed(2)).join(' ')}`);
  const st = medianStages(s.runs);
  console.log(`${'stage'.padEnd(44)}${'wall ms'.padStart(8)}${'CPU ms'.padStart(8)}  per image (CPU)`);
  for (const k of Object.keys(st.wall)) {
    const images = perImage[k];
    const per = images ? `${(st.cpu[k]! / images).toFixed(1).padStart(8)} ms × ${images}` : '';
    console.log(`${k.padEnd(44)}${fmt(st.wall[k]!)}${fmt(st.cpu[k]!)}  ${per}`);
  }
  console.log(`${'total (load + extraction)'.padEnd(44)}${fmt(wall)}${fmt(cpu)}`);
  console.log(`features ${features}; ${(features / (wall / 1000)).toFixed(0)} features/s wall, ${(features / (cpu / 1000)).toFixed(0)} per CPU-s`);
  console.log(`peak RSS ${s.peakRssMb.toFixed(0)} MB sampled at stage ends, maxRSS ${s.maxRssMb.toFixed(0)} MB (getrusage)`);
  return { wall, cpu };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const runs = Number(value('--runs') ?? 3);
  const jobs = Number(value('--jobs') ?? 2);
  const scenario = value('--child');
  if (scenario) return child(scenario, value('--dir')!, runs, jobs, value('--dump'));

  const fixtures = value('--fixtures');
  if (fixtures) {
    // only write the B6 files (e.g. for: node --cpu-prof --import tsx bench/radiomics.ts --child single --dir DIR --runs 0)
    const b6 = phantom(B6.size, B6.spacing, B6.axes, 20240601);
    writeNrrd(join(fixtures, 'b6-image.nrrd'), b6.image);
    writeNrrd(join(fixtures, 'b6-mask.nrrd'), b6.mask);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'dlrn-bench-radiomics-'));
  try {
    console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
    const b6 = phantom(B6.size, B6.spacing, B6.axes, 20240601);
    writeNrrd(join(dir, 'b6-image.nrrd'), b6.image);
    writeNrrd(join(dir, 'b6-mask.nrrd'), b6.mask);
    console.log(
      `B6 workload: ${B6.size.join('×')} int16 CT-like, ${B6.spacing.join('×')} mm, gzip NRRD; ellipsoidal ROI ${b6.roiVoxels} voxels; ` +
        'Original + LoG σ 1–5 + Wavelet coif1 (8) + Square/SquareRoot/Logarithm/Exponential/Gradient + LBP3D (m1, m2, k), all classes, binWidth 25',
    );
    const perImage = { binning: 21, firstorder: 21, glcm: 21, glrlm: 21, glszm: 21, gldm: 21, ngtdm: 21, 'filter LoG': 5, 'filter Wavelet': 8, 'filter LBP3D': 3 };

    const single = runChild('single', dir, runs, 1, value('--dump'));
    const one = printScenario('B6 single thread (extractCase on the main thread)', single, perImage);
    const st = medianStages(single.runs);
    const workers = runChild('workers', dir, runs, jobs, value('--dump'));
    const two = printScenario(`B6 with ${jobs} worker threads (image types in parallel)`, workers, perImage);

    let whole: ScenarioResult | undefined;
    if (!argv.includes('--skip-whole')) {
      const w = phantom(WHOLE.size, WHOLE.spacing, WHOLE.axes, 7);
      writeNrrd(join(dir, 'whole-image.nrrd'), w.image);
      writeNrrd(join(dir, 'whole-mask.nrrd'), w.mask);
      whole = runChild('whole', dir, 1, 1);
      printScenario(`B11 whole phase ${WHOLE.size.join('×')} int16, ROI ${w.roiVoxels} voxels, preCrop (padDistance 5), single thread`, whole, perImage);
    }

    console.log('\nTargets (performance.md §3; benchmarks, not tests). CPU = process user+system time, the figure an idle machine would show as wall time for one thread.');
    const per = (k: string, n: number): number => (st.cpu[k] ?? NaN) / n;
    const rows: [string, string, boolean][] = [
      ['B1 GLCM per image (CPU, incl. features)', `${per('glcm', 21).toFixed(1)} ms ≤ ${TARGET.b1GlcmMs} ms`, per('glcm', 21) <= TARGET.b1GlcmMs],
      [
        'B2 GLRLM+GLSZM+GLDM+NGTDM per image (CPU)',
        `${(per('glrlm', 21) + per('glszm', 21) + per('gldm', 21) + per('ngtdm', 21)).toFixed(1)} ms ≤ ${TARGET.b2OtherTextureMs} ms`,
        per('glrlm', 21) + per('glszm', 21) + per('gldm', 21) + per('ngtdm', 21) <= TARGET.b2OtherTextureMs,
      ],
      ['B3 LoG per σ, 256×256×40 (CPU)', `${per('filter LoG', 5).toFixed(1)} ms ≤ ${TARGET.b3LogMs} ms`, per('filter LoG', 5) <= TARGET.b3LogMs],
      ['B4 Wavelet 8 bands (CPU)', `${per('filter Wavelet', 1).toFixed(0)} ms ≤ ${TARGET.b4WaveletMs} ms`, per('filter Wavelet', 1) <= TARGET.b4WaveletMs],
      ['B5 shape incl. Maximum3DDiameter (CPU)', `${per('shape', 1).toFixed(1)} ms ≤ ${TARGET.b5ShapeMs} ms`, per('shape', 1) <= TARGET.b5ShapeMs],
      [
        'B6 single thread, wall',
        `${(one.wall / 1000).toFixed(2)} s ≤ ${TARGET.b6SingleS} s (${(PYRADIOMICS_B6_S / (one.wall / 1000)).toFixed(1)}× pyradiomics 37.4 s)`,
        one.wall / 1000 <= TARGET.b6SingleS,
      ],
      [
        'B6 single thread, CPU',
        `${(one.cpu / 1000).toFixed(2)} s ≤ ${TARGET.b6SingleS} s (${(PYRADIOMICS_B6_S / (one.cpu / 1000)).toFixed(1)}×)`,
        one.cpu / 1000 <= TARGET.b6SingleS,
      ],
      [`B6 ${jobs} workers, wall`, `${(two.wall / 1000).toFixed(2)} s ≤ ${TARGET.b6TwoCoreS} s`, two.wall / 1000 <= TARGET.b6TwoCoreS],
    ];
    if (whole) rows.push(['B11 peak RSS, whole 512×512×160 phase', `${whole.maxRssMb.toFixed(0)} MB ≤ ${TARGET.b11RssMb} MB`, whole.maxRssMb <= TARGET.b11RssMb]);
    for (const [name, figure, ok] of rows) console.log(`${name.padEnd(44)} ${figure.padEnd(52)} ${verdict(ok)}`);
    const load = loadavg()[0]!;
    if (load > cpus().length) console.log(`note: load average ${load.toFixed(2)} exceeds the ${cpus().length} cores: wall times include waiting for a core; CPU times do not.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
