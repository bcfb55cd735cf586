/**
 * Deep features end to end with the generated tiny ResNet-18 (width 8, 64 features, seeded random
 * weights; results are not clinical): ONNX Runtime in the crash-isolated host against an independent
 * plain-TypeScript forward pass, batching, determinism, model-file errors, provider fallback, a host
 * crash inside a job, and the `dlrn deep` command.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { sha256OfBytes } from '../../src/main/engine/deepFeatures/manifest';
import { DEFAULT_PREPROCESS_SETTINGS, preprocessRoi, resolvePreprocessSettings } from '../../src/main/engine/deepFeatures/preprocess';
import { Rng } from '../../src/main/engine/stats/rng';
import { extractDeepFeatures, modelLoadSpec } from '../../src/main/services/deepFeatureService';
import { InferenceClient, InferenceHostError, type ModelLoadSpec } from '../../src/main/services/inferenceClient';
import { JobQueue, type JobRunner } from '../../src/main/services/jobQueue';
import { initProject, openProject } from '../../src/main/storage/project';
import { buildResNet18 } from '../golden/generate/resnet18Onnx';
import { onnxInitializers, resnet18Forward } from '../support/resnetReference';
import { syntheticPhase, writeRawNrrd } from '../support/syntheticCt';
import { TINY_FEATURES, TINY_MANIFEST, makeTinyModel, zooStyleModel, type TinyModel } from '../support/tinyResnet';
import { tempDir } from '../support/tmp';

const PER_IMAGE = 3 * 224 * 224;
const CAM = TINY_FEATURES * 7 * 7;

function randomImages(n: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n * PER_IMAGE }, () => 4 * rng.uniform() - 2);
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

/** The error a load rejects with (fails the test if it resolves). */
async function loadError(c: InferenceClient, spec: ModelLoadSpec): Promise<Error> {
  const r = await c.load(spec).then(
    () => undefined,
    (e: Error) => e,
  );
  if (!r) throw new Error(`loading ${spec.path} unexpectedly succeeded`);
  return r;
}

let tiny: TinyModel;
let client: InferenceClient;
const warnings: string[] = [];

beforeAll(async () => {
  tiny = makeTinyModel();
  client = await InferenceClient.start({ log: (level, m) => level === 'warn' && warnings.push(m) });
  await client.load(modelLoadSpec(TINY_MANIFEST, tiny.path, sha256OfBytes(tiny.bytes)), { intraOpNumThreads: 2 });
});
afterAll(async () => {
  await client?.close();
  tiny?.dispose();
});

describe('inference host with the tiny ResNet-18', () => {
  it('returns [N, 64] features tapped at the global average pool of the [N, 64, 7, 7] last block, on the CPU provider', async () => {
    expect(client.loaded).toMatchObject({ provider: 'cpu', inputName: 'input', fixedBatch: null, sha256: sha256OfBytes(tiny.bytes) });
    expect(client.loaded!.availableProviders.map((p) => p.name)).toContain('cpu');
    const r = await client.embed(randomImages(2, 1), 2, { batchSize: 2, outputs: ['features', 'cam'] });
    expect(r.features!.length).toBe(2 * TINY_FEATURES);
    expect(r.cam!.length).toBe(2 * CAM);
    // Feature k is the mean of channel k of layer4 (this is what makes CAM weights meaningful).
    let worst = 0;
    for (let n = 0; n < 2; n++) {
      for (let k = 0; k < TINY_FEATURES; k++) {
        let s = 0;
        for (let i = 0; i < 49; i++) s += r.cam![n * CAM + k * 49 + i];
        worst = Math.max(worst, Math.abs(s / 49 - r.features![n * TINY_FEATURES + k]));
      }
    }
    expect(worst).toBeLessThan(1e-6);
    expect(r.features!.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
  });

  it('matches an independent plain-TypeScript forward pass within 1e-4 (features and layer4)', async () => {
    const weights = onnxInitializers(tiny.bytes);
    const { image, mask } = syntheticPhase();
    const ct = preprocessRoi(image, mask, TINY_MANIFEST.input, resolvePreprocessSettings({ margin: { value: 4, unit: 'mm' } })).tensor;
    const inputs = [ct, randomImages(1, 2), new Float32Array(PER_IMAGE).fill(0.25)];
    let worstFeatures = 0;
    let worstLayer4 = 0;
    for (const x of inputs) {
      const ort = await client.embed(x, 1, { batchSize: 1, outputs: ['features', 'cam'] });
      const ref = resnet18Forward(weights, x);
      worstFeatures = Math.max(worstFeatures, maxAbsDiff(ort.features!, ref.features));
      worstLayer4 = Math.max(worstLayer4, maxAbsDiff(ort.cam!, ref.layer4));
    }
    console.info(`ORT vs TS reference, tiny ResNet-18: max |Δ| features ${worstFeatures.toExponential(2)}, layer4 ${worstLayer4.toExponential(2)}`);
    expect(worstFeatures).toBeLessThan(1e-4);
    expect(worstLayer4).toBeLessThan(1e-4);
  });

  it('is deterministic: the generator writes identical bytes and repeated runs give identical outputs', async () => {
    expect(sha256OfBytes(buildResNet18({ width: 8, seed: 18 }).bytes)).toBe(sha256OfBytes(tiny.bytes));
    expect(sha256OfBytes(buildResNet18({ width: 8, seed: 19 }).bytes)).not.toBe(sha256OfBytes(tiny.bytes));
    const x = randomImages(3, 3);
    const a = await client.embed(x, 3, { batchSize: 3, outputs: ['features'] });
    const b = await client.embed(x, 3, { batchSize: 3, outputs: ['features'] });
    expect(Array.from(b.features!)).toEqual(Array.from(a.features!));
  });

  it('gives the same features for a batch of 4 as for 4 single images (≤ 1e-5)', async () => {
    const x = randomImages(4, 4);
    const batched = await client.embed(x, 4, { batchSize: 4, outputs: ['features', 'cam'] });
    const single = await client.embed(x, 4, { batchSize: 1, outputs: ['features', 'cam'] });
    expect(batched.batches).toBe(1);
    expect(single.batches).toBe(4);
    const dFeatures = maxAbsDiff(batched.features!, single.features!);
    const dCam = maxAbsDiff(batched.cam!, single.cam!);
    console.info(`batch of 4 vs 4 singles: max |Δ| features ${dFeatures.toExponential(2)}, layer4 ${dCam.toExponential(2)}`);
    expect(dFeatures).toBeLessThanOrEqual(1e-5);
    expect(dCam).toBeLessThanOrEqual(1e-5);
    // An uneven split (3 + 1) lands every image in its place.
    const uneven = await client.embed(x, 4, { batchSize: 3, outputs: ['features'] });
    expect(maxAbsDiff(uneven.features!, single.features!)).toBeLessThanOrEqual(1e-5);
  });

  it('rejects a wrong checksum, naming the file and the expected checksum, and keeps serving', async () => {
    const wrong = 'f'.repeat(64);
    const err = await loadError(client, modelLoadSpec(TINY_MANIFEST, tiny.path, wrong));
    expect(err.name).toBe('ModelChecksumError');
    expect(err.message).toContain(tiny.path);
    expect(err.message).toContain(`expected sha256 ${wrong}`);
    expect(err.message).toContain(sha256OfBytes(tiny.bytes));
    const still = await client.embed(randomImages(1, 5), 1, { batchSize: 1, outputs: ['features'] });
    expect(still.features!.length).toBe(TINY_FEATURES);
  });

  it('reports a missing file, an unexpected input shape, a wrong feature width and an absent tensor', async () => {
    const missing = await loadError(client, modelLoadSpec(TINY_MANIFEST, join(tiny.dir, 'nope.onnx'), null));
    expect(missing.name).toBe('ModelNotFoundError');
    expect(missing.message).toMatch(/model file .*nope\.onnx not found/);
    const shape = await loadError(client, { ...modelLoadSpec(TINY_MANIFEST, tiny.path, null), inputSize: [3, 256, 256] });
    expect(shape.name).toBe('ModelShapeError');
    expect(shape.message).toContain("input 'input' has shape [N, 3, 224, 224], expected [N, 3, 256, 256]");
    const width = await loadError(client, { ...modelLoadSpec(TINY_MANIFEST, tiny.path, null), featureCount: 512 });
    expect(width.name).toBe('ModelShapeError');
    expect(width.message).toContain("feature tensor 'features' has shape [N, 64], expected [N, 512]");
    const tensor = await loadError(client, { ...modelLoadSpec(TINY_MANIFEST, tiny.path, null), featureTensor: 'resnetv22_pool1_fwd' });
    expect(tensor.name).toBe('ModelFormatError');
    expect(tensor.message).toContain("no tensor named 'resnetv22_pool1_fwd'");
    const notOnnx = join(tempDir(), 'not.onnx');
    writeFileSync(notOnnx, 'this is not a model');
    expect((await loadError(client, modelLoadSpec(TINY_MANIFEST, notOnnx, null))).name).toBe('ModelFormatError');
  });

  it('loads a Model-Zoo-style file (IR 3, opset 7, weights listed as inputs, input "data", intermediate feature tensors) with the same features', async () => {
    const path = join(tempDir(), 'zoo-style.onnx');
    writeFileSync(path, zooStyleModel(tiny.bytes));
    // As in native-models/resnet18-v2-7.json: no input name, features = GlobalAveragePool output [N, C, 1, 1].
    const manifest = { ...TINY_MANIFEST, input: { ...TINY_MANIFEST.input, name: null }, features: { ...TINY_MANIFEST.features, tensor: 'avgpool_out' }, lastConvBlock: { tensor: 'layer4.1.relu2_out', grid: [7, 7] as [number, number] } };
    const other = await InferenceClient.start();
    try {
      expect(await other.load(modelLoadSpec(manifest, path, null))).toMatchObject({ inputName: 'data', provider: 'cpu' });
      const x = randomImages(2, 6);
      const zoo = await other.embed(x, 2, { batchSize: 2, outputs: ['features', 'cam'] });
      const ours = await client.embed(x, 2, { batchSize: 2, outputs: ['features', 'cam'] });
      expect(maxAbsDiff(zoo.features!, ours.features!)).toBeLessThanOrEqual(1e-6);
      expect(maxAbsDiff(zoo.cam!, ours.cam!)).toBeLessThanOrEqual(1e-6);
    } finally {
      await other.close();
    }
  });

  it('falls back to the CPU provider with a logged warning when CUDA is requested but unavailable', async () => {
    const logs: string[] = [];
    const c = await InferenceClient.start({ log: (level, m) => logs.push(`${level}: ${m}`) });
    try {
      const info = await c.load(modelLoadSpec(TINY_MANIFEST, tiny.path, null), { providers: ['cuda'] });
      // On a machine with the CUDA provider installed this would report 'cuda'; here it is not bundled.
      if (info.provider === 'cpu') expect(logs.some((l) => l.startsWith("warn: execution provider 'cuda' is unavailable"))).toBe(true);
      else expect(info.provider).toBe('cuda');
    } finally {
      await c.close();
    }
  });
});

describe('a crash of the inference host', () => {
  it('fails the running job with a clear error and leaves the project intact', async () => {
    const dir = join(tempDir(), 'p');
    const project = initProject(dir, { appVersion: 'test' });
    project.db.exec('CREATE TABLE deep_test (k INTEGER PRIMARY KEY, v TEXT)');
    project.db.prepare('INSERT INTO deep_test (k, v) VALUES (1, ?)').run('before');
    const crashing = await InferenceClient.start({ testHooks: true });
    await crashing.load(modelLoadSpec(TINY_MANIFEST, tiny.path, null));
    const runner: JobRunner<null, number> = async () => {
      const pending = crashing.embed(randomImages(8, 7), 8, { batchSize: 1, outputs: ['features'] });
      crashing.crashForTest('abort');
      const r = await pending;
      return r.batches;
    };
    const queue = new JobQueue(project.db, { 'deep.test': runner as JobRunner<never, unknown, never> });
    const id = queue.enqueue('deep.test', null);
    await queue.drain();
    const job = queue.get(id);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/^the inference process crashed \(signal SIGABRT\)\. Deep-feature inference stopped; the project and its data are unchanged\./);
    expect(crashing.closed).toBe(true);
    await expect(crashing.embed(randomImages(1, 8), 1, { batchSize: 1, outputs: ['features'] })).rejects.toBeInstanceOf(InferenceHostError);
    project.close();
    const reopened = openProject(dir);
    expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(reopened.db.prepare('SELECT v FROM deep_test WHERE k = 1').get()).toEqual({ v: 'before' });
    reopened.close();
  });

  it('names an out-of-memory style kill and an abnormal exit', async () => {
    for (const [how, pattern] of [
      ['kill', /was killed \(signal SIGKILL\), usually by the system's out-of-memory killer; try a smaller batch size/],
      ['exit', /exited unexpectedly \(exit code 70\)/],
    ] as const) {
      const c = await InferenceClient.start({ testHooks: true });
      await c.load(modelLoadSpec(TINY_MANIFEST, tiny.path, null));
      const pending = c.embed(randomImages(4, 9), 4, { batchSize: 1, outputs: ['features'] });
      c.crashForTest(how);
      await expect(pending).rejects.toThrow(pattern);
      await c.close();
    }
  });
});

describe('deep features of a patient', () => {
  it('names three phases, records provenance, and names patient and phase for an empty ROI', async () => {
    const phases = (['A', 'V', 'D'] as const).map((phase, i) => ({ phase, patient: 'P001', ...syntheticPhase(undefined, 40 * i) }));
    const r = await extractDeepFeatures(client, TINY_MANIFEST, tiny.path, phases, DEFAULT_PREPROCESS_SETTINGS, { batchSize: 3 });
    expect(r.phases.map((p) => p.names[0])).toEqual(['A_resnet18w8_avgpool_0000', 'V_resnet18w8_avgpool_0000', 'D_resnet18w8_avgpool_0000']);
    expect(r.phases[1].names[TINY_FEATURES - 1]).toBe('V_resnet18w8_avgpool_0063');
    expect(r.phases[0].values.length).toBe(TINY_FEATURES);
    expect(r.provenance).toMatchObject({ modelId: TINY_MANIFEST.id, sha256: sha256OfBytes(tiny.bytes), provider: 'cpu', featureTensor: 'features', preprocessing: DEFAULT_PREPROCESS_SETTINGS });
    expect(r.provenance.rois[0]).toMatchObject({ phase: 'A', slice: 3, slab: [3, 3] });
    // Enhancement differs between phases, so must the features.
    expect(maxAbsDiff(r.phases[0].values, r.phases[2].values)).toBeGreaterThan(0);
    const empty = { ...phases[1], mask: { ...phases[1].mask, data: new Uint8Array(phases[1].mask.data.length) } };
    await expect(extractDeepFeatures(client, TINY_MANIFEST, tiny.path, [phases[0], empty], DEFAULT_PREPROCESS_SETTINGS)).rejects.toThrow(
      'empty ROI for patient P001, phase V: the mask has no non-zero voxel',
    );
  });
});

describe('dlrn deep', () => {
  it('writes named features with provenance (CSV and JSON) and an activation-map PNG', async () => {
    const dir = tempDir();
    const { image, mask } = syntheticPhase();
    writeRawNrrd(join(dir, 'ct.nrrd'), image);
    writeRawNrrd(join(dir, 'roi.nrrd'), mask);
    const manifest = join(dir, `${TINY_MANIFEST.id}.json`);
    writeFileSync(manifest, JSON.stringify(TINY_MANIFEST));
    writeFileSync(join(dir, 'signature.json'), JSON.stringify({ V_resnet18w8_avgpool_0003: 0.8, V_resnet18w8_avgpool_0010: -0.2, original_shape_Elongation: 1 }));
    const common = [join(dir, 'ct.nrrd'), join(dir, 'roi.nrrd'), '--manifest', manifest, '--model-file', tiny.path, '--phase-prefix', 'V', '--models-dir', join(dir, 'models')];
    const errors: string[] = [];
    const originalError = console.error;
    console.error = (...a: unknown[]) => void errors.push(a.join(' '));
    try {
      expect(await main(['deep', ...common, '-o', join(dir, 'out.csv'), '--margin-mm', '5', '--window', '350/50'])).toBe(0);
      expect(await main(['deep', ...common, '-o', join(dir, 'out.json'), '--cam-weights', join(dir, 'signature.json'), '--cam-png', join(dir, 'cam.png')])).toBe(0);
      expect(await main(['deep', ...common, '--window', '400'])).toBe(2);
    } finally {
      console.error = originalError;
    }
    const [header, row] = readFileSync(join(dir, 'out.csv'), 'utf8').trim().split('\n');
    const cols = header.split(',');
    expect(cols.slice(0, 3)).toEqual(['Image', 'Mask', 'diagnostics_Model_Id']);
    expect(cols.at(-1)).toBe('V_resnet18w8_avgpool_0063');
    expect(cols.filter((c) => c.startsWith('V_resnet18w8_avgpool_')).length).toBe(TINY_FEATURES);
    expect(row).toContain(sha256OfBytes(tiny.bytes));
    const json = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as { features: Record<string, number>; provenance: { provider: string; preprocessing: { window: unknown; margin: unknown } } };
    expect(Object.keys(json.features).length).toBe(TINY_FEATURES);
    expect(json.provenance.provider).toBe('cpu');
    expect(json.provenance.preprocessing.window).toEqual({ width: 400, level: 40 });
    expect(errors.some((e) => e.includes('activation map:') && e.includes('2 weighted features'))).toBe(true);
    expect(errors.some((e) => e.includes('--window expects WIDTH/LEVEL'))).toBe(true);
    const png = readFileSync(join(dir, 'cam.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([64, 64]);
    const idatLength = png.readUInt32BE(33);
    expect(inflateSync(png.subarray(41, 41 + idatLength)).length).toBe(64 * (1 + 64 * 3));
  });

  it('says how to install a model that is not registered', async () => {
    const dir = tempDir();
    const { image, mask } = syntheticPhase([16, 16, 3]);
    writeRawNrrd(join(dir, 'ct.nrrd'), image);
    writeRawNrrd(join(dir, 'roi.nrrd'), mask);
    const errors: string[] = [];
    const originalError = console.error;
    console.error = (...a: unknown[]) => void errors.push(a.join(' '));
    try {
      expect(await main(['deep', join(dir, 'ct.nrrd'), join(dir, 'roi.nrrd'), '--model', 'resnet18', '--models-dir', join(dir, 'models')])).toBe(1);
    } finally {
      console.error = originalError;
    }
    expect(errors.join('\n')).toMatch(/model 'resnet18' is not installed in .*models; install it with `dlrn models add resnet18 FILE`/);
  });
});
