import type { Volume } from '../engine/image/volume';
import type { Phase, PixelType, VolumeInfo } from '../../shared/ipc/imaging';
import { pixelTypeOf } from '../storage/contentStore';
import type { Project } from '../storage/project';
import { ServiceError } from './serviceError';

interface VolumeRow {
  id: number;
  patient_id: string;
  phase: Phase;
  content_hash: string;
  size: string;
  spacing: string;
  origin: string;
  direction: string;
  pixel_type: string;
  series_description: string | null;
}

export interface VolumeGeometry {
  volumeId: number;
  hash: string;
  size: [number, number, number];
  spacing: [number, number, number];
  origin: [number, number, number];
  direction: number[];
  pixelType: PixelType;
}

const PHASE_ORDER: Phase[] = ['non-contrast', 'arterial', 'venous', 'delayed', 'unassigned'];

function volumeRow(project: Project, volumeId: number): VolumeRow {
  const row = project.db
    .prepare(
      `SELECT v.*, s.description AS series_description FROM volumes v LEFT JOIN series s ON s.id = v.series_id WHERE v.id = ?`,
    )
    .get(volumeId) as VolumeRow | undefined;
  if (!row) throw new ServiceError('not_found', `volume ${volumeId} is not in this project`);
  return row;
}

/** The volumes (one per phase series) of a patient, in phase order. */
export function volumesForPatient(project: Project, patientId: string): VolumeInfo[] {
  const exists = project.db.prepare('SELECT 1 FROM patients WHERE id = ?').get(patientId);
  if (!exists) throw new ServiceError('not_found', `patient '${patientId}' is not in this project`);
  const rows = project.db
    .prepare(`SELECT v.*, s.description AS series_description FROM volumes v LEFT JOIN series s ON s.id = v.series_id WHERE v.patient_id = ? ORDER BY v.id`)
    .all(patientId) as VolumeRow[];
  return rows
    .map((r) => ({
      id: r.id,
      patientId: r.patient_id,
      phase: r.phase,
      seriesDescription: r.series_description,
      size: JSON.parse(r.size) as VolumeInfo['size'],
      spacing: JSON.parse(r.spacing) as VolumeInfo['spacing'],
    }))
    .sort((a, b) => PHASE_ORDER.indexOf(a.phase) - PHASE_ORDER.indexOf(b.phase) || a.id - b.id);
}

/** Grid and pixel type of a stored volume, read from its row (no voxel decoding). */
export function volumeGeometry(project: Project, volumeId: number): VolumeGeometry {
  const r = volumeRow(project, volumeId);
  return {
    volumeId: r.id,
    hash: r.content_hash,
    size: JSON.parse(r.size) as VolumeGeometry['size'],
    spacing: JSON.parse(r.spacing) as VolumeGeometry['spacing'],
    origin: JSON.parse(r.origin) as VolumeGeometry['origin'],
    direction: JSON.parse(r.direction) as number[],
    pixelType: r.pixel_type as PixelType,
  };
}

// Decoding a 512×512×120 CT (gunzip + hash check) takes a few hundred ms; objects are immutable
// (content-addressed), so the last few decoded ones are kept for repeated viewer loads.
const CACHE_ENTRIES = 4;
const cache = new Map<string, Volume>();

/** Decodes in progress (async path), so concurrent requests for one object decode it once. */
const decoding = new Map<string, Promise<Volume>>();

const cacheKey = (project: Project, hash: string) => `${project.store.root}\0${hash}`;

function cached(key: string): Volume | undefined {
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
  }
  return hit;
}

function remember(key: string, volume: Volume): Volume {
  cache.set(key, volume);
  while (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  return volume;
}

function assertStored(project: Project, hash: string): void {
  if (!/^[0-9a-f]{64}$/.test(hash) || !project.store.has(hash)) throw new ServiceError('not_found', `object ${hash} is not in the project store`);
}

/** A stored volume or mask by content hash (cached, read-only: callers must not modify `data`). */
export function storedVolume(project: Project, hash: string): Volume {
  const key = cacheKey(project, hash);
  const hit = cached(key);
  if (hit) return hit;
  assertStored(project, hash);
  return remember(key, project.store.getVolume(hash));
}

/**
 * storedVolume decoded off the main thread (same cache): the voxel routes use it, so the phases a
 * viewer opens together inflate in parallel and other IPC is not held up meanwhile.
 */
export async function storedVolumeAsync(project: Project, hash: string): Promise<Volume> {
  const key = cacheKey(project, hash);
  const hit = cached(key);
  if (hit) return hit;
  assertStored(project, hash);
  let pending = decoding.get(key);
  if (!pending) {
    pending = project.store
      .getVolumeAsync(hash)
      .then((v) => remember(key, v))
      .finally(() => decoding.delete(key));
    decoding.set(key, pending);
  }
  return pending;
}

export interface VoxelBytes {
  bytes: Uint8Array;
  pixelType: PixelType;
  size: Volume['size'];
}

const bytesOf = (v: Volume): VoxelBytes => ({ bytes: new Uint8Array(v.data.buffer, v.data.byteOffset, v.data.byteLength), pixelType: pixelTypeOf(v.data), size: v.size });

/** Raw little-endian voxel bytes (x fastest) of a stored object plus its pixel type, for streaming. */
export function voxelBytes(project: Project, hash: string): VoxelBytes {
  return bytesOf(storedVolume(project, hash));
}

/** voxelBytes decoded off the main thread (see storedVolumeAsync). */
export async function voxelBytesAsync(project: Project, hash: string): Promise<VoxelBytes> {
  return bytesOf(await storedVolumeAsync(project, hash));
}
