/**
 * Messages between the inference client (main process / CLI) and the crash-isolated inference host
 * (`inference.host.ts`). Typed arrays travel by structured clone (Electron `utilityProcess` messages,
 * or `child_process.fork` with `serialization: 'advanced'`).
 */
import type { SerializedError } from './rpc';

/** Execution providers the host may try; 'cpu' always works and is the final fallback. */
export type ExecutionProvider = 'cpu' | 'cuda' | 'webgpu';

export interface ModelLoadSpec {
  /** Model file to load. */
  path: string;
  /** Expected SHA-256 of the file (published or recorded at registration); null = do not check. */
  expectedSha256: string | null;
  /** Graph input name; null = the model's only input. */
  inputName: string | null;
  /** Expected [channels, height, width] of the input. */
  inputSize: [number, number, number];
  /** Tensor with the pooled features ([N, C] or [N, C, 1, 1]) and its expected width C. */
  featureTensor: string;
  featureCount: number;
  /** Tensor of the last conv block ([N, C, h, w]) and its expected grid (h, w). */
  camTensor: string;
  camGrid: [number, number];
}

export interface HostOptions {
  /** Providers to try in order before the CPU fallback (e.g. ['cuda']). */
  providers: ExecutionProvider[];
  /** ONNX Runtime intra-op threads (0 = ONNX Runtime's default, one per physical core). */
  intraOpNumThreads: number;
}

export interface LoadedModelInfo {
  sha256: string;
  /** The provider the session was created with. */
  provider: ExecutionProvider;
  inputName: string;
  /** Largest batch the model accepts (fixed batch dimension), or null when the batch is free. */
  fixedBatch: number | null;
  onnxruntimeVersion: string;
  /** Providers this onnxruntime-node build lists, with whether they ship in the package. */
  availableProviders: { name: string; bundled: boolean }[];
}

/** Which outputs a run returns. */
export type RunOutput = 'features' | 'cam';

export type HostRequest =
  | { type: 'load'; seq: number; spec: ModelLoadSpec; options: HostOptions }
  | { type: 'run'; seq: number; input: Float32Array; batch: number; outputs: RunOutput[] }
  /** Test hook, honoured only when the host was started with DLRN_INFERENCE_TEST_HOOKS=1. */
  | { type: 'crash'; seq: number; how: 'abort' | 'exit' | 'kill' };

export interface RunResult {
  /** batch × featureCount. */
  features?: Float32Array;
  /** batch × C × h × w. */
  cam?: Float32Array;
  inferenceMs: number;
}

export type HostReply =
  | { type: 'ready'; pid: number }
  | { type: 'log'; level: 'info' | 'warn'; message: string }
  | { type: 'loaded'; seq: number; info: LoadedModelInfo }
  | { type: 'result'; seq: number; result: RunResult }
  | { type: 'error'; seq: number; error: SerializedError };
