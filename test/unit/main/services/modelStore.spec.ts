import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256OfBytes, type ModelManifest } from '../../../../src/main/engine/deepFeatures/manifest';
import { ModelChecksumError, ModelNotFoundError } from '../../../../src/main/engine/deepFeatures/modelErrors';
import { ModelDownloadError, ModelStore } from '../../../../src/main/services/modelStore';
import { TINY_MANIFEST, makeTinyModel } from '../../../support/tinyResnet';
import { tempDir } from '../../../support/tmp';

const tiny = makeTinyModel();
const sha = sha256OfBytes(tiny.bytes);
/** A manifest with a published checksum and address, as resnet18-v2-7 has. */
const PUBLISHED: ModelManifest = {
  ...TINY_MANIFEST,
  id: 'tiny-published',
  file: 'tiny-published.onnx',
  sha256: sha,
  sizeBytes: tiny.bytes.length,
  source: { description: 'test', url: 'http://127.0.0.1:1/never-used.onnx', reference: 'test' },
};

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/good.onnx') return res.end(Buffer.from(tiny.bytes));
    if (req.url === '/corrupt.onnx') return res.end(Buffer.from(tiny.bytes.subarray(0, 1000)));
    res.statusCode = 404;
    res.end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  tiny.dispose();
});

function store(): ModelStore {
  const root = tempDir();
  const manifests = join(root, 'manifests');
  mkdirSync(manifests);
  for (const m of [TINY_MANIFEST, PUBLISHED]) writeFileSync(join(manifests, `${m.id}.json`), JSON.stringify(m));
  return new ModelStore(join(root, 'models'), manifests);
}

describe('user model folder', () => {
  it('add copies the file, records its sha256, and resolve then pins that checksum', async () => {
    const s = store();
    expect(() => s.resolve(TINY_MANIFEST.id)).toThrow(ModelNotFoundError);
    expect(() => s.resolve(TINY_MANIFEST.id)).toThrow(/not installed .*dlrn models add resnet18-w8-test FILE/);
    let validated = '';
    const reg = await s.add(TINY_MANIFEST.id, tiny.path, async (_p, m, hash) => void (validated = `${m.id}:${hash}`));
    expect(validated).toBe(`${TINY_MANIFEST.id}:${sha}`);
    expect(reg).toMatchObject({ id: TINY_MANIFEST.id, sha256: sha, sizeBytes: tiny.bytes.length, how: 'add', from: tiny.path });
    expect(sha256OfBytes(readFileSync(join(s.dir, TINY_MANIFEST.file)))).toBe(sha);
    expect(s.resolve(TINY_MANIFEST.id)).toMatchObject({ path: join(s.dir, TINY_MANIFEST.file), expectedSha256: sha });
    // An explicit --model-file with no published checksum is loaded unverified (its sha256 is recorded by the run).
    expect(s.resolve(TINY_MANIFEST.id, tiny.path).expectedSha256).toBeNull();
  });

  it('add refuses a file whose checksum differs from the published one, naming file and expected checksum', async () => {
    const s = store();
    const other = join(tempDir(), 'other.onnx');
    writeFileSync(other, tiny.bytes.subarray(0, 5000));
    const err = await s.add(PUBLISHED.id, other).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelChecksumError);
    expect((err as Error).message).toContain(other);
    expect((err as Error).message).toContain(`expected sha256 ${sha}`);
    expect(existsSync(join(s.dir, PUBLISHED.file))).toBe(false);
    // The published checksum also guards an explicit --model-file.
    expect(s.resolve(PUBLISHED.id, other).expectedSha256).toBe(sha);
  });

  it('fetch says clearly when the machine is offline (unreachable address; no network used)', async () => {
    const s = store();
    // A local port nothing listens on: the connection is refused, as for an offline machine.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const url = `http://127.0.0.1:${port}/resnet18-v2-7.onnx`;
    const err = await s.fetch(PUBLISHED.id, { url }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelDownloadError);
    const msg = (err as Error).message;
    expect(msg).toContain(`cannot download model 'tiny-published' from ${url}`);
    expect(msg).toContain('ECONNREFUSED: this machine appears to be offline');
    expect(msg).toContain('dlrn models add tiny-published FILE');
    expect(s.registration(PUBLISHED.id)).toBeUndefined();
  });

  it('fetch downloads, verifies checksum and size, and registers; a corrupt download is discarded', async () => {
    const s = store();
    const bad = await s.fetch(PUBLISHED.id, { url: `${base}/corrupt.onnx` }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ModelChecksumError);
    expect((bad as Error).message).toContain(`expected sha256 ${sha} (${tiny.bytes.length} bytes)`);
    expect(existsSync(s.dir) ? readdirSync(s.dir) : []).toEqual([]);
    await expect(s.fetch(PUBLISHED.id, { url: `${base}/missing.onnx` })).rejects.toThrow(/HTTP 404/);
    const reg = await s.fetch(PUBLISHED.id, { url: `${base}/good.onnx` });
    expect(reg).toMatchObject({ sha256: sha, how: 'fetch', from: `${base}/good.onnx` });
    expect(s.resolve(PUBLISHED.id).expectedSha256).toBe(sha);
  });

  it('fetch of a model without a download address explains how to get it', async () => {
    await expect(store().fetch(TINY_MANIFEST.id)).rejects.toThrow(/has no download address: generated at test time/);
  });
});
