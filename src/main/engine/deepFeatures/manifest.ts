/**
 * Model manifests: one JSON file per model in `native-models/<id>.json`, describing what the
 * preprocessing must produce (input size, channel order, normalisation) and which tensors hold the
 * deep features (the global-average-pool output) and the last convolutional block (for
 * class-activation maps). Weights are never part of the repository; the manifest says where they
 * come from and, when a published file is meant, its SHA-256 and size.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ModelChecksumError, ModelFormatError, ModelNotFoundError } from './modelErrors';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 is 64 lowercase hex digits');
const Triple = z.tuple([z.number(), z.number(), z.number()]);

export const ModelManifest = z
  .object({
    /** Registry id, also the manifest's file name (`<id>.json`). */
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'ids are lowercase letters, digits, ".", "_" and "-"'),
    title: z.string().min(1),
    /** File name of the weights in the user's model folder. */
    file: z.string().regex(/^[^/\\]+\.onnx$/, 'a bare file name ending in .onnx'),
    /** Published SHA-256 of the file; null when it depends on the user's own export. */
    sha256: Sha256.nullable(),
    sizeBytes: z.number().int().positive().nullable(),
    licence: z.string().min(1),
    source: z.object({
      description: z.string().min(1),
      /** Download address for `dlrn models fetch`; null when the user must export the file. */
      url: z.url().nullable(),
      reference: z.string().min(1),
    }),
    input: z.object({
      /** Graph input name; null = the model's only input. */
      name: z.string().min(1).nullable(),
      /** Channels, height, width (NCHW layout; the batch dimension is free or fixed by the model). */
      size: z.tuple([z.literal(3), z.number().int().positive(), z.number().int().positive()]),
      channelOrder: z.enum(['RGB', 'BGR']),
      /** Range of the pixel values before normalisation. */
      range: z.tuple([z.literal(0), z.literal(1)]),
      mean: Triple,
      std: Triple.refine((s) => s.every((v) => v > 0), 'std must be positive'),
    }),
    features: z.object({
      /** Tensor holding the pooled features, shape [N, C] or [N, C, 1, 1]. */
      tensor: z.string().min(1),
      /** Layer name used in feature names, e.g. 'avgpool'. */
      layer: z.string().regex(/^[a-z0-9]+$/),
      count: z.number().int().positive(),
      /** Stem of the feature names: `<phase>_<stem>_<index>`. */
      nameStem: z.string().regex(/^[a-z0-9]+(_[a-z0-9]+)*$/),
    }),
    lastConvBlock: z.object({
      /** Tensor whose channel means are the features, shape [N, C, h, w]. */
      tensor: z.string().min(1),
      grid: z.tuple([z.number().int().positive(), z.number().int().positive()]),
    }),
    notes: z.string().optional(),
  })
  .strict();
export type ModelManifest = z.infer<typeof ModelManifest>;

/** Validate a parsed manifest; errors name the source and every offending field. */
export function parseManifest(value: unknown, source: string): ModelManifest {
  const r = ModelManifest.safeParse(value);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ModelFormatError(`invalid model manifest ${source}: ${issues}`);
  }
  return r.data;
}

/** Read and validate one manifest file. */
export function readManifestFile(path: string): ModelManifest {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ModelFormatError(`cannot read model manifest ${path}: ${(err as Error).message}`);
  }
  return parseManifest(value, path);
}

/** Every manifest `<id>.json` in `dir`, sorted by id; a file whose id differs from its name is an error. */
export function loadManifests(dir: string): ModelManifest[] {
  const out: ModelManifest[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const m = readManifestFile(join(dir, f));
    if (`${m.id}.json` !== f) throw new ModelFormatError(`model manifest ${join(dir, f)} declares id '${m.id}'; the file must be named ${m.id}.json`);
    out.push(m);
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The manifest of model `id` in `dir`. */
export function loadManifest(dir: string, id: string): ModelManifest {
  const path = join(dir, `${id}.json`);
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(id) || !existsSync(path)) {
    const known = existsSync(dir) ? loadManifests(dir).map((m) => m.id) : [];
    throw new ModelNotFoundError(`unknown model '${id}' (known: ${known.join(', ') || 'none'})`);
  }
  return readManifestFile(path);
}

/** SHA-256 of a file, lowercase hex, streamed (model files are tens of MB). */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** SHA-256 of bytes in memory, lowercase hex. */
export function sha256OfBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Check that `path` exists and, when `expectedSha256` is given, that its SHA-256 matches (and its size,
 * when known). Returns the file's SHA-256. Throws {@link ModelNotFoundError} or {@link ModelChecksumError}
 * (whose message names the file and the expected checksum).
 */
export async function verifyModelFile(path: string, expectedSha256: string | null, expectedSize: number | null = null): Promise<string> {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a regular file');
    size = st.size;
  } catch (err) {
    throw new ModelNotFoundError(`model file ${path} not found (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const actual = await sha256OfFile(path);
  if (expectedSha256 !== null && actual !== expectedSha256.toLowerCase()) throw new ModelChecksumError(path, expectedSha256, actual);
  if (expectedSha256 !== null && expectedSize !== null && size !== expectedSize) {
    throw new ModelChecksumError(path, `${expectedSha256} (${expectedSize} bytes)`, `${actual} (${size} bytes)`);
  }
  return actual;
}
