/**
 * The user's model folder: where model weights live (never in the repository), with one registration
 * record per model that pins the file's SHA-256. Layout:
 *   <dir>/<manifest.file>            the weights (e.g. resnet18.onnx)
 *   <dir>/<id>.registration.json     { id, file, sha256, sizeBytes, registeredAt, how, from }
 * The folder is `$DLRN_MODELS_DIR`, else `~/.dlrn/models` (the app may pass its own, e.g. under userData).
 *
 * `add` registers a file the user has (an own torchvision export, or a file downloaded elsewhere);
 * `fetch` downloads a manifest's published file. Both verify a published checksum when the manifest has
 * one; every later use verifies the file against the recorded checksum (in the inference host).
 */
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { appRoot } from '../appRoot';
import { loadManifest, loadManifests, verifyModelFile, type ModelManifest } from '../engine/deepFeatures/manifest';
import { ModelChecksumError, ModelNotFoundError } from '../engine/deepFeatures/modelErrors';

/** The manifests shipped with the app (`native-models/`). */
export function bundledManifestDir(): string {
  return join(appRoot(), 'native-models');
}

/** `$DLRN_MODELS_DIR`, else `~/.dlrn/models`. */
export function defaultModelsDir(): string {
  return process.env.DLRN_MODELS_DIR || join(homedir(), '.dlrn', 'models');
}

const Registration = z.object({
  id: z.string(),
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sizeBytes: z.number().int().nonnegative(),
  registeredAt: z.string(),
  how: z.enum(['add', 'fetch']),
  from: z.string(),
});
export type ModelRegistration = z.infer<typeof Registration>;

/** A download failed; the message says why and what to do instead. */
export class ModelDownloadError extends Error {
  override name = 'ModelDownloadError';
}

const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

function networkCode(err: unknown): string | undefined {
  let e = err as { code?: string; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'string') return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

/** Where a model resolved to, and the checksum its file must have. */
export interface ResolvedModel {
  manifest: ModelManifest;
  path: string;
  /** Checksum the file must match (registration or manifest); null for an unregistered `--model-file` without a published checksum. */
  expectedSha256: string | null;
  registration: ModelRegistration | undefined;
}

export class ModelStore {
  constructor(
    readonly dir: string = defaultModelsDir(),
    readonly manifestDir: string = bundledManifestDir(),
  ) {}

  manifests(): ModelManifest[] {
    return loadManifests(this.manifestDir);
  }

  manifest(id: string): ModelManifest {
    return loadManifest(this.manifestDir, id);
  }

  private registrationPath(id: string): string {
    return join(this.dir, `${id}.registration.json`);
  }

  /** The registration record of model `id`, if it was added or fetched. */
  registration(id: string): ModelRegistration | undefined {
    const path = this.registrationPath(id);
    if (!existsSync(path)) return undefined;
    return Registration.parse(JSON.parse(readFileSync(path, 'utf8')));
  }

  /** Path the weights of `manifest` have in the folder. */
  modelPath(manifest: ModelManifest): string {
    return join(this.dir, manifest.file);
  }

  private register(manifest: ModelManifest, sha256: string, how: 'add' | 'fetch', from: string): ModelRegistration {
    const reg: ModelRegistration = {
      id: manifest.id,
      file: manifest.file,
      sha256,
      sizeBytes: statSync(this.modelPath(manifest)).size,
      registeredAt: new Date().toISOString(),
      how,
      from,
    };
    writeFileSync(this.registrationPath(manifest.id), JSON.stringify(reg, null, 2) + '\n');
    return reg;
  }

  /**
   * Copy `file` into the folder as model `id` and record its SHA-256. A manifest with a published
   * checksum rejects any other file. `validate` (e.g. loading it in the inference host) runs before the
   * file is copied, so a file that does not fit the manifest is never registered.
   */
  async add(id: string, file: string, validate?: (path: string, manifest: ModelManifest, sha256: string) => Promise<void>): Promise<ModelRegistration> {
    const manifest = this.manifest(id);
    const sha256 = await verifyModelFile(file, manifest.sha256, manifest.sizeBytes);
    await validate?.(file, manifest, sha256);
    mkdirSync(this.dir, { recursive: true });
    const target = this.modelPath(manifest);
    const partial = `${target}.partial`;
    copyFileSync(file, partial);
    renameSync(partial, target);
    return this.register(manifest, sha256, 'add', file);
  }

  /**
   * Download model `id` from its manifest's address (or `url`), verify the published checksum and size,
   * and register it. Offline or unreachable: {@link ModelDownloadError} explaining how to register a file
   * downloaded elsewhere instead.
   */
  async fetch(id: string, options: { url?: string } = {}): Promise<ModelRegistration> {
    const manifest = this.manifest(id);
    const url = options.url ?? manifest.source.url;
    if (!url) throw new ModelDownloadError(`model '${id}' has no download address: ${manifest.source.description}`);
    const elsewhere = `On a machine with internet access run \`dlrn models fetch ${id}\` (or download ${url}), copy the file here and register it with \`dlrn models add ${id} FILE\`; its checksum is verified either way.`;
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'follow' });
    } catch (err) {
      const code = networkCode(err);
      const cause = (err as { cause?: { message?: string } }).cause?.message;
      const detail = [(err as Error).message, cause].filter(Boolean).join(': ');
      const why = code && OFFLINE_CODES.has(code) ? `${code}: this machine appears to be offline or cannot reach the server` : detail;
      throw new ModelDownloadError(`cannot download model '${id}' from ${url} (${why}). ${elsewhere}`);
    }
    if (!response.ok || !response.body) throw new ModelDownloadError(`cannot download model '${id}' from ${url}: HTTP ${response.status} ${response.statusText}. ${elsewhere}`);
    mkdirSync(this.dir, { recursive: true });
    const target = this.modelPath(manifest);
    const partial = `${target}.partial`;
    const hash = createHash('sha256');
    let size = 0;
    const out = createWriteStream(partial);
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        hash.update(chunk);
        size += chunk.length;
        if (!out.write(chunk)) await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
    } catch (err) {
      out.destroy();
      rmSync(partial, { force: true });
      throw new ModelDownloadError(`download of model '${id}' from ${url} was interrupted (${networkCode(err) ?? (err as Error).message}). ${elsewhere}`);
    }
    const sha256 = hash.digest('hex');
    const badSha = manifest.sha256 !== null && sha256 !== manifest.sha256;
    const badSize = manifest.sizeBytes !== null && size !== manifest.sizeBytes;
    if (badSha || badSize) {
      rmSync(partial, { force: true });
      throw new ModelChecksumError(`${url} (downloaded)`, `${manifest.sha256} (${manifest.sizeBytes} bytes)`, `${sha256} (${size} bytes)`);
    }
    renameSync(partial, target);
    return this.register(manifest, sha256, 'fetch', url);
  }

  /**
   * The file to load for model `id`: `modelFile` when given (checked against the manifest's published
   * checksum, if any), else the registered file in the folder (checked against its registration).
   */
  resolve(id: string, modelFile?: string): ResolvedModel {
    return resolveModel(this.manifest(id), this, modelFile);
  }
}

/** {@link ModelStore.resolve} for a manifest that may come from elsewhere (e.g. `--manifest FILE`). */
export function resolveModel(manifest: ModelManifest, store: ModelStore, modelFile?: string): ResolvedModel {
  const registration = store.registration(manifest.id);
  if (modelFile) {
    const sameAsRegistered = registration && existsSync(store.modelPath(manifest)) && modelFile === store.modelPath(manifest);
    return { manifest, path: modelFile, expectedSha256: manifest.sha256 ?? (sameAsRegistered ? registration.sha256 : null), registration };
  }
  if (!registration) {
    const how = manifest.source.url ? `\`dlrn models fetch ${manifest.id}\`, or \`dlrn models add ${manifest.id} FILE\`` : `\`dlrn models add ${manifest.id} FILE\` (${manifest.source.description})`;
    throw new ModelNotFoundError(`model '${manifest.id}' is not installed in ${store.dir}; install it with ${how}, or pass --model-file`);
  }
  return { manifest, path: store.modelPath(manifest), expectedSha256: registration.sha256, registration };
}
