import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { CliError, opt, parseArgs, type Command } from '../command';
import { readImage } from '../../main/engine/io/readImage';
import { toCsv } from '../../main/engine/io/csvWrite';
import { encodePng } from '../../main/engine/image/png';
import { camWeightsFromCoefficients, renderActivationOverlay } from '../../main/engine/deepFeatures/cam';
import { readManifestFile, type ModelManifest } from '../../main/engine/deepFeatures/manifest';
import { resolvePreprocessSettings, type DeepPreprocessSettings } from '../../main/engine/deepFeatures/preprocess';
import { InferenceClient, type ExecutionProvider } from '../../main/services/inferenceClient';
import { ModelStore, resolveModel } from '../../main/services/modelStore';
import { extractDeepFeatures, modelLoadSpec, type DeepFeatureResult } from '../../main/services/deepFeatureService';

/** Errors whose message is meant for the user as is (engine and host errors keep their name across the process boundary). */
const USER_ERRORS = new Set(['ModelNotFoundError', 'ModelChecksumError', 'ModelFormatError', 'ModelShapeError', 'ModelDownloadError', 'EmptyRoiError', 'ImageReadError', 'InferenceHostError', 'RangeError']);

/** Re-throw a known error as a CliError (exit 1), anything else unchanged. */
export function asCliError(err: unknown): never {
  if (err instanceof Error && USER_ERRORS.has(err.name)) throw new CliError(err.message);
  throw err;
}

function number(p: ReturnType<typeof parseArgs>, key: string): number | undefined {
  const v = opt(p, key);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new CliError(`${key} expects a number, got '${v}'`, 2);
  return n;
}

function settingsFrom(p: ReturnType<typeof parseArgs>): DeepPreprocessSettings {
  const partial: Parameters<typeof resolvePreprocessSettings>[0] = {};
  const label = opt(p, '--label');
  if (label !== undefined) partial.label = label === 'nonzero' ? 'nonzero' : Number(label);
  const window = opt(p, '--window');
  if (window !== undefined) {
    const m = /^(-?[\d.]+)\/(-?[\d.]+)$/.exec(window);
    if (!m) throw new CliError(`--window expects WIDTH/LEVEL in HU, e.g. 400/40; got '${window}'`, 2);
    partial.window = { width: Number(m[1]), level: Number(m[2]) };
  }
  const mm = number(p, '--margin-mm');
  const vox = number(p, '--margin');
  if (mm !== undefined && vox !== undefined) throw new CliError('give --margin (voxels) or --margin-mm, not both', 2);
  if (mm !== undefined) partial.margin = { value: mm, unit: 'mm' };
  if (vox !== undefined) partial.margin = { value: vox, unit: 'voxel' };
  const slices = number(p, '--slices');
  if (slices !== undefined) partial.neighbourSlices = slices;
  if (p.flags.has('--square')) partial.square = true;
  if (p.flags.has('--mask-outside')) partial.maskOutside = true;
  try {
    return resolvePreprocessSettings(partial);
  } catch (err) {
    throw new CliError((err as Error).message, 2);
  }
}

function providersFrom(p: ReturnType<typeof parseArgs>): ExecutionProvider[] {
  const v = opt(p, '--provider') ?? 'cpu';
  if (v !== 'cpu' && v !== 'cuda' && v !== 'webgpu') throw new CliError(`--provider must be cpu, cuda or webgpu; got '${v}'`, 2);
  return [v];
}

function writeResult(out: string | undefined, result: DeepFeatureResult, image: string, mask: string): void {
  const { names, values } = result.phases[0];
  const prov = result.provenance;
  if (out && extname(out).toLowerCase() === '.json') {
    const features = Object.fromEntries(names.map((n, i) => [n, values[i]]));
    writeFileSync(out, JSON.stringify({ image, mask, features, provenance: prov }, null, 2) + '\n');
    return;
  }
  const roi = prov.rois[0];
  const diagnostics: [string, string | number][] = [
    ['diagnostics_Model_Id', prov.modelId],
    ['diagnostics_Model_Sha256', prov.sha256],
    ['diagnostics_Model_Provider', prov.provider],
    ['diagnostics_Model_OnnxRuntime', prov.onnxruntimeVersion],
    ['diagnostics_Preprocessing_Settings', JSON.stringify(prov.preprocessing)],
    ['diagnostics_Roi_Slice', roi.slice],
    ['diagnostics_Roi_Box', JSON.stringify(roi.box)],
    ['diagnostics_Roi_Pixels', roi.roiPixels],
  ];
  const csv = toCsv(['Image', 'Mask', ...diagnostics.map((d) => d[0]), ...names], [[image, mask, ...diagnostics.map((d) => d[1]), ...Array.from(values)]]);
  if (out) writeFileSync(out, csv);
  else process.stdout.write(csv);
}

export const deep: Command = {
  name: 'deep',
  summary: 'deep features of one phase: ResNet-18 global-average-pool outputs of the ROI (ONNX Runtime, isolated process)',
  usage:
    'dlrn deep IMAGE MASK --model ID [--model-file F] [--manifest FILE.json] [--phase-prefix V] [-o OUT.csv|OUT.json]\n' +
    '       [--label N|nonzero] [--margin VOXELS | --margin-mm MM] [--square] [--window W/L] [--slices N] [--mask-outside]\n' +
    '       [--provider cpu|cuda|webgpu] [--threads N] [--models-dir DIR] [--cam-weights W.json --cam-png OUT.png]\n' +
    '  IMAGE, MASK: NRRD or NIfTI on the same grid. Defaults: largest axial ROI slice, ROI bounding box, window 400/40,\n' +
    '  224×224 bilinear (half-pixel centres), ImageNet mean/std. --cam-weights: JSON {featureName: coefficient} of a\n' +
    '  fitted signature; writes the activation map of this phase over the windowed slice.',
  async run(args) {
    const p = parseArgs(
      args,
      ['--model', '--model-file', '--manifest', '--phase-prefix', '-o', '--output', '--label', '--margin', '--margin-mm', '--window', '--slices', '--provider', '--threads', '--models-dir', '--cam-weights', '--cam-png'],
      ['--square', '--mask-outside'],
    );
    if (p.positional.length !== 2) throw new CliError('usage: ' + this.usage, 2);
    const [imagePath, maskPath] = p.positional;
    const camWeightsFile = opt(p, '--cam-weights');
    const camPng = opt(p, '--cam-png');
    if (!!camWeightsFile !== !!camPng) throw new CliError('--cam-weights and --cam-png go together', 2);
    const settings = settingsFrom(p);
    const providers = providersFrom(p);
    const threads = number(p, '--threads') ?? 0;
    const phase = opt(p, '--phase-prefix') ?? 'V';
    const out = opt(p, '-o', '--output');
    const store = new ModelStore(opt(p, '--models-dir'));
    let client: InferenceClient | undefined;
    try {
      const manifestFile = opt(p, '--manifest');
      const id = opt(p, '--model');
      const manifest: ModelManifest = manifestFile ? readManifestFile(manifestFile) : store.manifest(id ?? 'resnet18');
      if (id !== undefined && id !== manifest.id) throw new CliError(`--model ${id} differs from the id '${manifest.id}' of ${manifestFile}`, 2);
      const modelFile = opt(p, '--model-file');
      const model = resolveModel(manifest, store, modelFile ? resolve(modelFile) : undefined);
      const image = readImage(imagePath);
      const mask = readImage(maskPath);
      client = await InferenceClient.start({ log: (level, message) => level === 'warn' && console.error(`warning: ${message}`) });
      await client.load(modelLoadSpec(manifest, model.path, model.expectedSha256), { providers, intraOpNumThreads: threads });
      const result = await extractDeepFeatures(client, manifest, model.path, [{ phase, image, mask }], settings, { batchSize: 1, withCam: !!camWeightsFile });
      if (out) mkdirSync(dirname(resolve(out)), { recursive: true });
      writeResult(out, result, imagePath, maskPath);
      if (camWeightsFile && camPng) {
        const coefficients = Object.entries(JSON.parse(readFileSync(camWeightsFile, 'utf8')) as Record<string, number>);
        const weights = camWeightsFromCoefficients(coefficients, phase, manifest.features.nameStem);
        if (!weights.length) throw new CliError(`${camWeightsFile} has no ${phase}_${manifest.features.nameStem}_* coefficient`);
        const [h, w] = manifest.lastConvBlock.grid;
        const { png, contribution, peak } = renderActivationOverlay(image, result.phases[0].roi, result.phases[0].cam!, { channels: manifest.features.count, h, w }, weights, settings.window);
        writeFileSync(camPng, encodePng(png));
        console.error(`activation map: ${camPng} (${weights.length} weighted features, contribution to the score ${contribution.toPrecision(6)})`);
        if (peak === 0) console.error('note: no region raises the score (ReLU of the weighted map is zero everywhere); the PNG shows the plain slice');
      }
      if (!model.registration && model.expectedSha256 === null) console.error(`note: ${model.path} is not registered; its sha256 ${result.provenance.sha256} is recorded in the output`);
      if (out) console.error(`wrote ${manifest.features.count} deep features (${manifest.id}, provider ${result.provenance.provider}) to ${out}`);
      return 0;
    } catch (err) {
      return asCliError(err);
    } finally {
      await client?.close();
    }
  },
};
