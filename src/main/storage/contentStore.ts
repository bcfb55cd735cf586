import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip, gunzipSync, gzipSync } from 'node:zlib';
import type { Volume, VoxelArray } from '../engine/image/volume';
import { PIXEL_TYPE_ARRAYS, type PixelTypeName } from '../../shared/domain/pixelTypes';

const TYPES = PIXEL_TYPE_ARRAYS;
const gunzipAsync = promisify(gunzip);
type PixelType = PixelTypeName;

export function pixelTypeOf(data: VoxelArray): PixelType {
  for (const [name, ctor] of Object.entries(TYPES)) if (data instanceof ctor) return name as PixelType;
  throw new Error('unsupported voxel array type');
}

interface Header {
  format: 'dlrn-volume-1';
  pixelType: PixelType;
  size: Volume['size'];
  spacing: Volume['spacing'];
  origin: Volume['origin'];
  direction: Volume['direction'];
}

/**
 * Content-addressed store of gzip-compressed volumes and masks inside a project folder
 * (`store/ab/abcdef….vol`). The key is the SHA-256 of the uncompressed header + voxels, so the
 * same volume is stored once; writes go to a temporary file renamed into place, so a crash never
 * leaves a half-written object under a valid key.
 */
export class ContentStore {
  constructor(readonly root: string) {
    mkdirSync(root, { recursive: true });
  }

  private pathOf(hash: string): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(`invalid content hash '${hash}'`);
    return join(this.root, hash.slice(0, 2), `${hash}.vol`);
  }

  has(hash: string): boolean {
    return existsSync(this.pathOf(hash));
  }

  putVolume(volume: Volume): string {
    const header: Header = {
      format: 'dlrn-volume-1',
      pixelType: pixelTypeOf(volume.data),
      size: volume.size,
      spacing: volume.spacing,
      origin: volume.origin,
      direction: volume.direction,
    };
    const headerBytes = Buffer.from(JSON.stringify(header) + '\n', 'utf8');
    const voxels = Buffer.from(volume.data.buffer, volume.data.byteOffset, volume.data.byteLength);
    const hash = createHash('sha256').update(headerBytes).update(voxels).digest('hex');
    const target = this.pathOf(hash);
    if (existsSync(target)) return hash;
    mkdirSync(join(this.root, hash.slice(0, 2)), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      writeFileSync(tmp, gzipSync(Buffer.concat([headerBytes, voxels]), { level: 6 }), { flush: true });
      renameSync(tmp, target);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
    return hash;
  }

  getVolume(hash: string): Volume {
    const file = this.existingFile(hash);
    return decodeVolume(file, hash, gunzipSync(readFileSync(file)));
  }

  /**
   * getVolume with the read and the inflate off the main thread (libuv pool): several volumes
   * (the phases a viewer opens together) decode in parallel and the event loop stays responsive.
   */
  async getVolumeAsync(hash: string): Promise<Volume> {
    const file = this.existingFile(hash);
    // 1 MiB output chunks: zlib's default 16 KiB costs one event-loop round trip per chunk
    // (thousands for a CT), slower than the synchronous inflate on a busy loop.
    return decodeVolume(file, hash, await gunzipAsync(await readFile(file), { chunkSize: 1 << 20 }));
  }

  private existingFile(hash: string): string {
    const file = this.pathOf(hash);
    if (!existsSync(file)) throw new Error(`volume ${hash} is not in the project store (${file})`);
    return file;
  }
}

/** Header + voxels of an inflated store object, checked against its content hash. */
function decodeVolume(file: string, hash: string, raw: Buffer): Volume {
  const nl = raw.indexOf(0x0a);
  const header = JSON.parse(raw.subarray(0, nl).toString('utf8')) as Header;
  if (header.format !== 'dlrn-volume-1') throw new Error(`${file}: unknown volume format`);
  const body = raw.subarray(nl + 1);
  const actual = createHash('sha256').update(raw).digest('hex');
  if (actual !== hash) throw new Error(`${file}: content hash mismatch (store object is damaged)`);
  const Ctor = TYPES[header.pixelType];
  const copy = new Uint8Array(body.byteLength);
  copy.set(body);
  const data = new Ctor(copy.buffer, 0, body.byteLength / Ctor.BYTES_PER_ELEMENT) as VoxelArray;
  return { size: header.size, spacing: header.spacing, origin: header.origin, direction: header.direction, data };
}
