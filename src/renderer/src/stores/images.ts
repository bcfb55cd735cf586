import { defineStore } from 'pinia';
import { markRaw, ref } from 'vue';
import type vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import type { VolumeHeader, VolumeInfo } from '../../../shared/ipc/imaging';
import { call } from '../api/client';
import { fetchVoxels, type VoxelArray } from '../api/voxels';
import { t } from '../i18n/messages';
import type { ImageGeometry } from '../geometry/sliceGeometry';
import { toVtkImage } from '../vtk/imageData';

export interface LoadedImage {
  info: VolumeInfo;
  header: VolumeHeader;
  geometry: ImageGeometry;
  /** Raw voxels (HU for CT), kept out of Vue's reactivity. */
  voxels: VoxelArray;
  vtkImage: vtkImageData;
}

/** Volumes of the open patient and their decoded voxels (markRaw: never proxied by Vue). */
export const useImagesStore = defineStore('images', () => {
  const volumes = ref<VolumeInfo[]>([]);
  const loaded = ref<Record<number, LoadedImage>>({});
  const loading = ref<Record<number, boolean>>({});
  const error = ref<string | null>(null);
  const pending = new Map<number, Promise<LoadedImage>>();

  async function loadPatient(patientId: string): Promise<void> {
    error.value = null;
    loaded.value = {};
    pending.clear();
    volumes.value = await call('volumes.forPatient', { patientId });
  }

  function load(volumeId: number): Promise<LoadedImage> {
    const existing = pending.get(volumeId);
    if (existing) return existing;
    const p = (async () => {
      loading.value = { ...loading.value, [volumeId]: true };
      try {
        const info = volumes.value.find((v) => v.id === volumeId);
        if (!info) throw new Error(t('viewer.notThisPatient', { id: volumeId }));
        const header = await call('volumes.header', { volumeId });
        const geometry: ImageGeometry = { size: header.size, spacing: header.spacing, origin: header.origin, direction: header.direction };
        const voxels = await fetchVoxels(header.url, header.pixelType, header.size[0] * header.size[1] * header.size[2]);
        const image: LoadedImage = markRaw({ info, header, geometry, voxels: markRaw(voxels), vtkImage: markRaw(toVtkImage(geometry, voxels)) });
        loaded.value = { ...loaded.value, [volumeId]: image };
        return image;
      } catch (err) {
        pending.delete(volumeId);
        error.value = err instanceof Error ? err.message : String(err);
        throw err;
      } finally {
        loading.value = { ...loading.value, [volumeId]: false };
      }
    })();
    pending.set(volumeId, p);
    return p;
  }

  return { volumes, loaded, loading, error, loadPatient, load };
});
