import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadManifest, loadManifests, parseManifest, sha256OfBytes, verifyModelFile } from '../../../../../src/main/engine/deepFeatures/manifest';
import { ModelChecksumError, ModelNotFoundError } from '../../../../../src/main/engine/deepFeatures/modelErrors';
import { TINY_MANIFEST, makeTinyModel } from '../../../../support/tinyResnet';
import { tempDir } from '../../../../support/tmp';

const bundled = fileURLToPath(new URL('../../../../../native-models', import.meta.url));

describe('model manifests', () => {
  const tiny = makeTinyModel();
  afterAll(() => tiny.dispose());

  it('the bundled manifests validate and describe 512 avgpool features with a 7×7 last block', () => {
    const all = loadManifests(bundled);
    expect(all.map((m) => m.id)).toEqual(['resnet18', 'resnet18-v2-7']);
    for (const m of all) {
      expect(m.features.count).toBe(512);
      expect(m.lastConvBlock.grid).toEqual([7, 7]);
      expect(m.input.size).toEqual([3, 224, 224]);
      expect(m.input.mean).toEqual([0.485, 0.456, 0.406]);
    }
    const zoo = loadManifest(bundled, 'resnet18-v2-7');
    expect(zoo.sha256).toBe('3b4d048057854022232aa20bf68262e31718ab7119a17f920b8a2dc1433f824b');
    expect(zoo.sizeBytes).toBe(46806737);
    expect(zoo.source.url).toMatch(/^https:\/\/github\.com\/onnx\/models\/.*validated\/vision\/classification\/resnet\/model\/resnet18-v2-7\.onnx$/);
    expect(loadManifest(bundled, 'resnet18').sha256).toBeNull();
  });

  it('reports every invalid field and unknown ids', () => {
    expect(() => parseManifest({ ...TINY_MANIFEST, sha256: 'abc', features: { ...TINY_MANIFEST.features, count: 0 } }, 'x.json')).toThrow(
      /invalid model manifest x\.json: sha256: .*64 lowercase hex.*features\.count/,
    );
    expect(() => loadManifest(bundled, 'resnet50')).toThrow(ModelNotFoundError);
    expect(() => loadManifest(bundled, 'resnet50')).toThrow(/known: resnet18, resnet18-v2-7/);
  });

  it('requires a manifest file to be named after its id', () => {
    const dir = join(tempDir(), 'm');
    mkdirSync(dir);
    writeFileSync(join(dir, 'other.json'), JSON.stringify(TINY_MANIFEST));
    expect(() => loadManifests(dir)).toThrow(/must be named resnet18-w8-test\.json/);
  });

  it('verifies a file checksum: match returns it, mismatch names the file and the expected checksum', async () => {
    const sha = sha256OfBytes(tiny.bytes);
    await expect(verifyModelFile(tiny.path, sha)).resolves.toBe(sha);
    await expect(verifyModelFile(tiny.path, null)).resolves.toBe(sha);
    const wrong = '0'.repeat(64);
    const err = await verifyModelFile(tiny.path, wrong).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelChecksumError);
    expect((err as Error).message).toContain(tiny.path);
    expect((err as Error).message).toContain(`expected sha256 ${wrong}`);
    await expect(verifyModelFile(tiny.path, sha, 12)).rejects.toThrow(/12 bytes/);
  });

  it('reports a missing model file by path', async () => {
    await expect(verifyModelFile(join(tiny.dir, 'absent.onnx'), null)).rejects.toThrow(/model file .*absent\.onnx not found \(ENOENT\)/);
  });
});
