import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import {
  fitCamera,
  sliceIndexAt,
  stepCursor,
  volumeCentre,
  zoomAt,
  type CameraState,
  type ImageGeometry,
  type Orientation,
  type Viewport,
} from '../geometry/sliceGeometry';
import type { Vec3 } from '../tools/grid';
import { BUILT_IN_PRESETS, type WindowLevel, type WindowLevelPreset } from '../tools/windowLevel';

export type Layout = 'single' | 'phases' | 'planes';

export interface Pane {
  id: string;
  volumeId: number;
  orientation: Orientation;
}

const USER_PRESETS = 'dlrn.wlPresets';

function loadUserPresets(): WindowLevelPreset[] {
  try {
    const list = JSON.parse(localStorage.getItem(USER_PRESETS) ?? '[]') as WindowLevelPreset[];
    return list.filter((p) => typeof p.window === 'number' && typeof p.level === 'number' && p.window > 0);
  } catch {
    return [];
  }
}

/**
 * What the viewer shows and from where: layout, panes, the linked cursor (LPS mm, shared by every
 * pane so phases on different grids stay on the same physical position), one camera per
 * orientation (zoom/pan shared by panes of that orientation) and the window/level.
 */
export const useViewerStore = defineStore('viewer', () => {
  const layout = ref<Layout>('single');
  const orientation = ref<Orientation>('axial');
  const primaryVolumeId = ref<number | null>(null);
  const phaseVolumeIds = ref<number[]>([]);
  const cursor = ref<Vec3>([0, 0, 0]);
  const cameras = ref<Partial<Record<Orientation, CameraState>>>({});
  const windowLevel = ref<WindowLevel>({ window: 400, level: 40 });
  const userPresets = ref<WindowLevelPreset[]>(loadUserPresets());
  const activePaneId = ref<string>('p0');
  const hover = ref<{ paneId: string; world: Vec3; value: number | null } | null>(null);
  /** CSS size of each pane, for keyboard zoom/fit. */
  const viewports = ref<Record<string, Viewport>>({});

  const panes = computed<Pane[]>(() => {
    const primary = primaryVolumeId.value;
    if (primary === null) return [];
    if (layout.value === 'phases') return phaseVolumeIds.value.map((volumeId, n) => ({ id: `p${n}`, volumeId, orientation: orientation.value }));
    if (layout.value === 'planes') return (['axial', 'coronal', 'sagittal'] as Orientation[]).map((o, n) => ({ id: `p${n}`, volumeId: primary, orientation: o }));
    return [{ id: 'p0', volumeId: primary, orientation: orientation.value }];
  });
  const activePane = computed(() => panes.value.find((p) => p.id === activePaneId.value) ?? panes.value[0] ?? null);
  const presets = computed(() => [...BUILT_IN_PRESETS, ...userPresets.value]);
  // Panes change size with the layout: fit again rather than keep a zoom chosen for other panes.
  watch(layout, () => {
    cameras.value = {};
    activePaneId.value = 'p0';
  });

  function reset(volumeIds: number[], primary: number, centreOf: ImageGeometry): void {
    phaseVolumeIds.value = volumeIds.slice(0, 3);
    primaryVolumeId.value = primary;
    cursor.value = volumeCentre(centreOf);
    cameras.value = {};
    activePaneId.value = 'p0';
  }

  function sliceOf(g: ImageGeometry, o: Orientation): number {
    return sliceIndexAt(g, o, cursor.value);
  }

  function scroll(g: ImageGeometry, o: Orientation, delta: number): void {
    cursor.value = stepCursor(g, o, cursor.value, delta);
  }

  function ensureCamera(g: ImageGeometry, o: Orientation, vp: Viewport): CameraState {
    return (cameras.value[o] ??= fitCamera(g, o, vp));
  }

  function fit(g: ImageGeometry, o: Orientation, vp: Viewport): void {
    cameras.value = { ...cameras.value, [o]: fitCamera(g, o, vp) };
  }

  function setCamera(o: Orientation, cam: CameraState): void {
    cameras.value = { ...cameras.value, [o]: cam };
  }

  function zoom(o: Orientation, vp: Viewport, factor: number, px = vp.width / 2, py = vp.height / 2): void {
    const cam = cameras.value[o];
    if (cam) setCamera(o, zoomAt(o, cam, vp, factor, px, py));
  }

  function applyPreset(p: WindowLevel): void {
    windowLevel.value = { window: p.window, level: p.level };
  }

  function saveUserPreset(name: string): void {
    const p: WindowLevelPreset = { id: `user-${Date.now()}`, name, ...windowLevel.value, builtIn: false };
    userPresets.value = [...userPresets.value, p];
    localStorage.setItem(USER_PRESETS, JSON.stringify(userPresets.value));
  }

  function deleteUserPreset(id: string): void {
    userPresets.value = userPresets.value.filter((p) => p.id !== id);
    localStorage.setItem(USER_PRESETS, JSON.stringify(userPresets.value));
  }

  return {
    layout,
    orientation,
    primaryVolumeId,
    phaseVolumeIds,
    cursor,
    cameras,
    windowLevel,
    userPresets,
    presets,
    activePaneId,
    activePane,
    hover,
    viewports,
    panes,
    reset,
    sliceOf,
    scroll,
    ensureCamera,
    fit,
    setCamera,
    zoom,
    applyPreset,
    saveUserPreset,
    deleteUserPreset,
  };
});
