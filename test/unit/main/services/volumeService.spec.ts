import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storedVolume, storedVolumeAsync, voxelBytes, voxelBytesAsync } from '../../../../src/main/services/volumeService';
import { initProject, type Project } from '../../../../src/main/storage/project';
import type { Volume } from '../../../../src/main/engine/image/volume';

const volume = (seed: number): Volume<Int16Array> => ({
  size: [5, 4, 3],
  spacing: [1, 1, 2],
  origin: [0, 0, 0],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
  data: Int16Array.from({ length: 60 }, (_, i) => (i * 37 + seed) % 2000 - 1000),
});

describe('stored volumes decoded off the main thread (the voxel routes)', () => {
  let project: Project;
  beforeEach(() => {
    project = initProject(join(mkdtempSync(join(tmpdir(), 'dlrn-vol-')), 'p'), { appVersion: 'test' });
  });
  afterEach(() => project.close());

  it('gives the same voxels, grid and pixel type as the synchronous path', async () => {
    const hash = project.store.putVolume(volume(1));
    const a = await storedVolumeAsync(project, hash);
    expect(a.size).toEqual([5, 4, 3]);
    expect(a.spacing).toEqual([1, 1, 2]);
    expect(a.data).toEqual(volume(1).data);
    const bytes = await voxelBytesAsync(project, hash);
    expect(bytes.pixelType).toBe('int16');
    expect(Buffer.from(bytes.bytes)).toEqual(Buffer.from(voxelBytes(project, hash).bytes));
  });

  it('decodes an object once for concurrent requests and shares the cache with storedVolume', async () => {
    const hash = project.store.putVolume(volume(2));
    const [a, b] = await Promise.all([storedVolumeAsync(project, hash), storedVolumeAsync(project, hash)]);
    expect(a).toBe(b);
    expect(storedVolume(project, hash)).toBe(a);
  });

  it('rejects unknown hashes and objects whose content no longer matches their hash', async () => {
    await expect(storedVolumeAsync(project, 'f'.repeat(64))).rejects.toThrow(/not in the project store/);
    const hash = project.store.putVolume(volume(3));
    const file = join(project.store.root, hash.slice(0, 2), `${hash}.vol`);
    const raw = gunzipSync(readFileSync(file));
    raw[raw.length - 1] ^= 1;
    writeFileSync(file, gzipSync(raw));
    await expect(storedVolumeAsync(project, hash)).rejects.toThrow(/content hash mismatch/);
  });
});
