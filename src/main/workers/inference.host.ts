/**
 * The inference host: the only module that loads ONNX Runtime. It runs in its own process — an
 * Electron `utilityProcess` in the app, a `child_process.fork` (serialization 'advanced') in the CLI
 * and tests — so a native crash or an out-of-memory kill cannot take the main process (and the open
 * project) down with it. One model per host; requests are served one at a time in arrival order.
 *
 * Load: the file is read once, its SHA-256 computed over the very bytes handed to ONNX Runtime and
 * checked against the expected one, the feature and last-conv-block tensors are exposed as graph
 * outputs when they are intermediate values, and the session is created with the requested execution
 * providers, falling back to CPU (with a logged warning) when a provider is unavailable.
 */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { sha256OfBytes } from '../engine/deepFeatures/manifest';
import { ModelChecksumError, ModelFormatError, ModelNotFoundError, ModelShapeError } from '../engine/deepFeatures/modelErrors';
import { exposeGraphOutputs, summariseOnnxGraph } from '../engine/deepFeatures/onnxWire';
import type { ExecutionProvider, HostOptions, HostReply, HostRequest, LoadedModelInfo, ModelLoadSpec, RunOutput, RunResult } from './inferenceProtocol';
import { serializeError } from './rpc';

/** Electron adds `process.parentPort` in a utility process; typed here to avoid importing Electron. */
interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

interface Transport {
  send(msg: HostReply): void;
  onMessage(listener: (msg: HostRequest) => void): void;
}

function connect(): Transport {
  const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
  if (parentPort) {
    return { send: (m) => parentPort.postMessage(m), onMessage: (l) => parentPort.on('message', (e) => l(e.data as HostRequest)) };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('inference.host must run as an Electron utilityProcess or a forked child process');
  return { send: (m) => send(m), onMessage: (l) => process.on('message', (m) => l(m as HostRequest)) };
}

const transport = connect();
const testHooks = process.env.DLRN_INFERENCE_TEST_HOOKS === '1';

interface Loaded {
  session: ort.InferenceSession;
  spec: ModelLoadSpec;
  inputName: string;
}
let loaded: Loaded | undefined;

function log(level: 'info' | 'warn', message: string): void {
  transport.send({ type: 'log', level, message });
}

function sessionOptions(provider: ExecutionProvider, options: HostOptions): ort.InferenceSession.SessionOptions {
  return {
    executionProviders: [provider],
    intraOpNumThreads: options.intraOpNumThreads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  };
}

async function createSession(model: Uint8Array, options: HostOptions): Promise<{ session: ort.InferenceSession; provider: ExecutionProvider }> {
  const order = [...options.providers.filter((p) => p !== 'cpu'), 'cpu' as const];
  for (const provider of order) {
    try {
      return { session: await ort.InferenceSession.create(model, sessionOptions(provider, options)), provider };
    } catch (err) {
      if (provider === 'cpu') throw new ModelFormatError(`ONNX Runtime cannot load the model: ${(err as Error).message}`);
      log('warn', `execution provider '${provider}' is unavailable (${(err as Error).message.split('\n')[0]}); falling back to the next provider`);
    }
  }
  throw new Error('unreachable: the CPU provider is always tried');
}

function dimsText(dims: readonly (number | string)[]): string {
  return `[${dims.join(', ')}]`;
}

function checkInput(session: ort.InferenceSession, inputName: string, spec: ModelLoadSpec): number | null {
  const meta = session.inputMetadata.find((m) => m.name === inputName);
  if (!meta || !meta.isTensor) throw new ModelShapeError(`model ${spec.path} has no tensor input '${inputName}'`);
  if (meta.type !== 'float32') throw new ModelShapeError(`model ${spec.path}: input '${inputName}' is ${meta.type}, expected float32`);
  const d = meta.shape;
  const [c, h, w] = spec.inputSize;
  const ok = d.length === 4 && d[1] === c && d[2] === h && d[3] === w;
  if (!ok) throw new ModelShapeError(`model ${spec.path}: input '${inputName}' has shape ${dimsText(d)}, expected [N, ${c}, ${h}, ${w}]`);
  return typeof d[0] === 'number' && d[0] > 0 ? d[0] : null;
}

function checkOutputs(session: ort.InferenceSession, spec: ModelLoadSpec): void {
  const byName = new Map(session.outputMetadata.map((m) => [m.name, m]));
  const f = byName.get(spec.featureTensor);
  const fd = f && f.isTensor ? f.shape : [];
  const fWidth = fd.slice(1).every((v) => typeof v === 'number') ? (fd.slice(1) as number[]).reduce((a, b) => a * b, 1) : null;
  if (fd.length < 2 || (fWidth !== null && fWidth !== spec.featureCount)) {
    throw new ModelShapeError(`model ${spec.path}: feature tensor '${spec.featureTensor}' has shape ${dimsText(fd)}, expected [N, ${spec.featureCount}] or [N, ${spec.featureCount}, 1, 1]`);
  }
  const c = byName.get(spec.camTensor);
  const cd = c && c.isTensor ? c.shape : [];
  const [gh, gw] = spec.camGrid;
  const camOk = cd.length === 4 && (typeof cd[1] !== 'number' || cd[1] === spec.featureCount) && (typeof cd[2] !== 'number' || cd[2] === gh) && (typeof cd[3] !== 'number' || cd[3] === gw);
  if (!camOk) throw new ModelShapeError(`model ${spec.path}: last-conv-block tensor '${spec.camTensor}' has shape ${dimsText(cd)}, expected [N, ${spec.featureCount}, ${gh}, ${gw}]`);
}

async function load(spec: ModelLoadSpec, options: HostOptions): Promise<LoadedModelInfo> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(spec.path);
  } catch (err) {
    throw new ModelNotFoundError(`model file ${spec.path} not found (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const sha256 = sha256OfBytes(bytes);
  if (spec.expectedSha256 !== null && sha256 !== spec.expectedSha256.toLowerCase()) throw new ModelChecksumError(spec.path, spec.expectedSha256, sha256);
  const graph = summariseOnnxGraph(bytes);
  let inputName = spec.inputName;
  if (inputName === null) {
    if (graph.inputs.length !== 1) throw new ModelShapeError(`model ${spec.path} has ${graph.inputs.length} inputs (${graph.inputs.map((i) => i.name).join(', ')}); the manifest must name one`);
    inputName = graph.inputs[0].name;
  }
  const model = exposeGraphOutputs(bytes, [spec.featureTensor, spec.camTensor]);
  const { session, provider } = await createSession(model, options);
  try {
    const fixedBatch = checkInput(session, inputName, spec);
    checkOutputs(session, spec);
    await loaded?.session.release();
    loaded = { session, spec, inputName };
    return {
      sha256,
      provider,
      inputName,
      fixedBatch,
      onnxruntimeVersion: ort.env.versions.node ?? ort.env.versions.common,
      availableProviders: ort.listSupportedBackends().map((b) => ({ name: b.name, bundled: b.bundled })),
    };
  } catch (err) {
    await session.release();
    throw err;
  }
}

/** A compact copy when the view does not own its whole buffer (structured clone sends whole buffers). */
function compact(data: Float32Array): Float32Array {
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
}

async function run(input: Float32Array, batch: number, outputs: RunOutput[]): Promise<RunResult> {
  if (!loaded) throw new Error('no model loaded in the inference host');
  const { session, spec, inputName } = loaded;
  const [c, h, w] = spec.inputSize;
  if (input.length !== batch * c * h * w) throw new ModelShapeError(`input holds ${input.length} values; a batch of ${batch} needs ${batch * c * h * w}`);
  const fetches = outputs.map((o) => (o === 'features' ? spec.featureTensor : spec.camTensor));
  const t0 = performance.now();
  const out = await session.run({ [inputName]: new ort.Tensor('float32', input, [batch, c, h, w]) }, fetches);
  const inferenceMs = performance.now() - t0;
  const result: RunResult = { inferenceMs };
  for (const o of outputs) {
    const t = out[o === 'features' ? spec.featureTensor : spec.camTensor];
    result[o] = compact(t.data as Float32Array);
    t.dispose();
  }
  return result;
}

function crash(how: 'abort' | 'exit' | 'kill'): void {
  if (how === 'abort') process.abort();
  else if (how === 'kill') process.kill(process.pid, 'SIGKILL');
  else process.exit(70);
}

async function handle(req: HostRequest): Promise<void> {
  try {
    if (req.type === 'load') transport.send({ type: 'loaded', seq: req.seq, info: await load(req.spec, req.options) });
    else if (req.type === 'run') transport.send({ type: 'result', seq: req.seq, result: await run(req.input, req.batch, req.outputs) });
    else throw new Error(`unknown inference request '${(req as { type: string }).type}'`);
  } catch (err) {
    transport.send({ type: 'error', seq: req.seq, error: serializeError(err) });
  }
}

// Loads and runs are served strictly one after another; the test-only crash request jumps the queue.
let queue: Promise<void> = Promise.resolve();
transport.onMessage((req) => {
  if (req.type === 'crash' && testHooks) crash(req.how);
  else queue = queue.then(() => handle(req));
});

transport.send({ type: 'ready', pid: process.pid });
