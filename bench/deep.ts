/**
 * Deep-feature throughput (performance.md B8): images/s of the full-width ResNet-18 (generated with
 * seeded random weights — same graph and cost as the ImageNet model) at batch 1, 16 and 64, through the
 * crash-isolated inference host, fp32, plus the time spent preprocessing (ROI crop, window, resize,
 * normalise) vs in ONNX Runtime. Target B8: ≥ 30 img/s on 2 cores with the CPU provider.
 *
 *   node --import tsx bench/deep.ts [--provider cpu|cuda|webgpu] [--threads N] [--batches 1,16,64] [--images N] [--width 64]
 *
 * `--provider cuda|webgpu` asks for that execution provider; when it is unavailable the host falls back to
 * CPU and the printed provider says so. The CUDA and WebGPU paths are untested on the build machine
 * (no GPU, and the CUDA provider is not bundled with onnxruntime-node).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildResNet18 } from '../test/golden/generate/resnet18Onnx';
import { syntheticPhase } from '../test/support/syntheticCt';
import { preprocessRoi, resolvePreprocessSettings } from '../src/main/engine/deepFeatures/preprocess';
import type { ModelManifest } from '../src/main/engine/deepFeatures/manifest';
import { InferenceClient, type ExecutionProvider } from '../src/main/services/inferenceClient';
import { modelLoadSpec } from '../src/main/services/deepFeatureService';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
}

const provider = arg('--provider', 'cpu') as ExecutionProvider;
const threads = Number(arg('--threads', String(availableParallelism())));
const batches = arg('--batches', '1,16,64').split(',').map(Number);
const width = Number(arg('--width', '64'));
const minImages = Number(arg('--images', '64'));

const manifest: ModelManifest = {
  id: 'bench-resnet18',
  title: 'ResNet-18 topology, seeded random weights (benchmark)',
  file: 'bench-resnet18.onnx',
  sha256: null,
  sizeBytes: null,
  licence: 'generated',
  source: { description: 'generated', url: null, reference: 'test/golden/generate/resnet18Onnx.ts' },
  input: { name: 'input', size: [3, 224, 224], channelOrder: 'RGB', range: [0, 1], mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
  features: { tensor: 'features', layer: 'avgpool', count: 8 * width, nameStem: 'bench_avgpool' },
  lastConvBlock: { tensor: 'layer4', grid: [7, 7] },
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'dlrn-bench-deep-'));
const client = await InferenceClient.start({ log: (level, m) => console.log(`[host ${level}] ${m}`) });
try {
  let t = performance.now();
  const model = buildResNet18({ width, seed: 18, logits: false });
  const path = join(dir, 'resnet18.onnx');
  writeFileSync(path, model.bytes);
  console.log(`model: ResNet-18 topology, width ${width} (${model.featureCount} features), ${(model.bytes.length / 1e6).toFixed(1)} MB, generated in ${(performance.now() - t).toFixed(0)} ms`);

  const info = await client.load(modelLoadSpec(manifest, path, null), { providers: [provider], intraOpNumThreads: threads });
  console.log(`onnxruntime-node ${info.onnxruntimeVersion}; providers in this build: ${info.availableProviders.map((p) => `${p.name}${p.bundled ? '' : ' (not bundled)'}`).join(', ')}`);
  console.log(`provider requested: ${provider}; provider used: ${info.provider}; intraOpNumThreads ${threads}; CPU: ${cpus()[0]?.model ?? '?'} × ${availableParallelism()}`);
  console.log(`load average before: ${loadavg().map((v) => v.toFixed(2)).join(' ')} (other processes on a shared machine slow every figure below)`);

  // Preprocessing: a 256×256×40 CT-like phase with an ellipsoidal ROI (performance.md fixture), timed per crop.
  const phase = syntheticPhase([256, 256, 40]);
  const settings = resolvePreprocessSettings({ margin: { value: 5, unit: 'mm' } });
  const per = 3 * 224 * 224;
  const preTimes: number[] = [];
  let crop = preprocessRoi(phase.image, phase.mask, manifest.input, settings).tensor;
  for (let k = 0; k < 9; k++) {
    t = performance.now();
    crop = preprocessRoi(phase.image, phase.mask, manifest.input, settings).tensor;
    preTimes.push(performance.now() - t);
  }
  const preMs = median(preTimes);
  console.log(`preprocessing (largest slice of 256×256×40, box + 5 mm, window, resize to 224², normalise): ${preMs.toFixed(1)} ms per crop (median of 9)`);

  console.log('\nbatch  images  wall s  img/s (end to end)  img/s (session.run only)  ms/img: preprocess | inference | IPC+copy');
  for (const b of batches) {
    const count = Math.max(b, Math.ceil(minImages / b) * b);
    const images = new Float32Array(count * per);
    for (let i = 0; i < count; i++) images.set(crop, i * per);
    await client.embed(images.subarray(0, b * per), b, { batchSize: b, outputs: ['features'] }); // warm-up
    t = performance.now();
    const r = await client.embed(images, count, { batchSize: b, outputs: ['features'] });
    const wall = (performance.now() - t) / 1000;
    const inferMsPerImg = r.inferenceMs / count;
    const ipcMsPerImg = (wall * 1000) / count - inferMsPerImg;
    console.log(
      `${String(b).padStart(5)}  ${String(count).padStart(6)}  ${wall.toFixed(2).padStart(6)}  ${(count / wall).toFixed(1).padStart(18)}  ${((1000 * count) / r.inferenceMs).toFixed(1).padStart(24)}  ${preMs.toFixed(2).padStart(18)} | ${inferMsPerImg.toFixed(2).padStart(9)} | ${Math.max(0, ipcMsPerImg).toFixed(2)}`,
    );
  }
  console.log(`load average after: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  console.log('results from random weights: timing only, not clinical features');
} finally {
  await client.close();
  rmSync(dir, { recursive: true, force: true });
}
