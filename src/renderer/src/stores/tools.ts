import { defineStore } from 'pinia';
import { computed, markRaw, ref } from 'vue';
import { brushOffsets, diameterInVoxels, stamp, strokeCentres, type BrushMode } from '../tools/brush';
import type { EditRecorder } from '../tools/edits';
import { fillHoles2D } from '../tools/fillHoles';
import { inPlaneAxes, type Axis, type Vec3 } from '../tools/grid';
import { interpolateBetweenSlices } from '../tools/interpolate';
import { fillPolygon, type Point2 } from '../tools/polygon';
import { huRange, type WindowLevel } from '../tools/windowLevel';
import { useImagesStore } from './images';
import { useLabelmapsStore } from './labelmaps';

export type ToolId = 'navigate' | 'brush' | 'eraser' | 'polygon';

interface Stroke {
  volumeId: number;
  axis: Axis;
  last: Vec3;
  offsets: Int32Array;
  recorder: EditRecorder;
  erase: boolean;
}

/**
 * Segmentation tool settings and the actions that apply the framework-free tools (tools/*) to
 * the active label map: brush strokes, polygons, fill holes and fill-between-slices.
 */
export const useToolsStore = defineStore('tools', () => {
  const images = useImagesStore();
  const labelmaps = useLabelmapsStore();

  const active = ref<ToolId>('navigate');
  const brushDiameterMm = ref(10);
  const brushMode = ref<BrushMode>('2d');
  const brushUnit = ref<'mm' | 'vox'>('mm');
  const threshold = ref({ enabled: false, lo: -100, hi: 200 });
  const polygon = ref<{ volumeId: number; axis: Axis; slice: number; points: Point2[] } | null>(null);
  const message = ref<string | null>(null);
  let stroke: Stroke | null = null;

  const thresholdSpec = (volumeId: number) =>
    threshold.value.enabled ? { image: images.loaded[volumeId].voxels, lo: threshold.value.lo, hi: threshold.value.hi } : null;

  function voxelDiameter(volumeId: number, axis: Axis): number {
    const img = images.loaded[volumeId];
    return img ? diameterInVoxels(img.geometry.spacing, axis, brushDiameterMm.value) : NaN;
  }

  function scaleBrush(factor: number): void {
    brushDiameterMm.value = Math.min(200, Math.max(0.5, +(brushDiameterMm.value * factor).toFixed(2)));
  }

  function thresholdFromWindow(wl: WindowLevel): void {
    const [lo, hi] = huRange(wl);
    threshold.value = { enabled: true, lo: Math.round(lo), hi: Math.round(hi) };
  }

  /** Start a brush or eraser stroke at continuous voxel index `at` on slice `at[axis]`. */
  function beginStroke(volumeId: number, axis: Axis, at: Vec3): void {
    const img = images.loaded[volumeId];
    if (!img || !labelmaps.byVolume[volumeId]) return;
    stroke = {
      volumeId,
      axis,
      last: at,
      offsets: markRaw(brushOffsets(img.geometry.spacing, axis, brushMode.value, brushDiameterMm.value)),
      recorder: markRaw(labelmaps.recorder(volumeId)),
      erase: active.value === 'eraser',
    };
    paintTo(at);
  }

  function paintTo(at: Vec3): void {
    if (!stroke) return;
    const lv = labelmaps.byVolume[stroke.volumeId];
    const opts = { label: labelmaps.activeLabel, erase: stroke.erase, threshold: thresholdSpec(stroke.volumeId) };
    const [ua, va] = inPlaneAxes(stroke.axis);
    const step = Math.max(0.5, (0.5 * brushDiameterMm.value) / 2 / Math.max(lv.grid.spacing[ua], lv.grid.spacing[va]));
    let changed = 0;
    for (const c of strokeCentres(stroke.last, at, step)) changed += stamp(stroke.recorder, lv.grid, stroke.offsets, c, opts);
    stroke.last = at;
    if (changed) labelmaps.touched(stroke.volumeId);
  }

  function endStroke(): void {
    if (!stroke) return;
    const edit = stroke.recorder.finish(stroke.erase ? 'erase' : 'brush stroke');
    if (edit) labelmaps.commit(stroke.volumeId, edit);
    stroke = null;
  }

  const stroking = () => stroke !== null;

  function addPolygonPoint(volumeId: number, axis: Axis, slice: number, p: Point2): void {
    const cur = polygon.value;
    if (!cur || cur.volumeId !== volumeId || cur.axis !== axis || cur.slice !== slice) polygon.value = { volumeId, axis, slice, points: [p] };
    else cur.points.push(p);
  }

  function removePolygonPoint(): void {
    const cur = polygon.value;
    if (!cur) return;
    cur.points.pop();
    if (cur.points.length === 0) polygon.value = null;
  }

  function closePolygon(): boolean {
    const cur = polygon.value;
    if (!cur || cur.points.length < 3) return false;
    const rec = labelmaps.recorder(cur.volumeId);
    fillPolygon(rec, labelmaps.byVolume[cur.volumeId].grid, cur.axis, cur.slice, cur.points, labelmaps.activeLabel, thresholdSpec(cur.volumeId));
    const edit = rec.finish('polygon');
    if (edit) labelmaps.commit(cur.volumeId, edit);
    polygon.value = null;
    return true;
  }

  function fillHoles(volumeId: number, axis: Axis): void {
    const lv = labelmaps.byVolume[volumeId];
    if (!lv) return;
    const rec = labelmaps.recorder(volumeId);
    fillHoles2D(rec, lv.grid, axis, labelmaps.activeLabel);
    const edit = rec.finish('fill holes');
    if (edit) labelmaps.commit(volumeId, edit);
  }

  /** Compute the fill-between-slices preview along the view's slicing axis (not yet applied). */
  function previewInterpolation(volumeId: number, axis: Axis): void {
    const lv = labelmaps.byVolume[volumeId];
    const img = images.loaded[volumeId];
    if (!lv || !img) return;
    const p = interpolateBetweenSlices(lv.labels, lv.grid, axis, labelmaps.activeLabel);
    if (p.indices.length === 0) {
      message.value = 'interpolate.nothing';
      labelmaps.setPreview(volumeId, null);
      return;
    }
    message.value = null;
    const data = new Uint8Array(lv.labels.length);
    for (const i of p.indices) data[i] = 1;
    labelmaps.setPreview(volumeId, { data, voxels: p.indices.length, slices: p.slices, label: p.label, axis });
  }

  function applyInterpolation(volumeId: number): boolean {
    const lv = labelmaps.byVolume[volumeId];
    const pv = lv?.preview;
    if (!pv) return false;
    const rec = labelmaps.recorder(volumeId);
    const labels = lv.labels;
    const proposed = pv.data;
    const label = pv.label;
    for (let i = 0; i < proposed.length; i++) if (proposed[i] && labels[i] === 0) rec.set(i, label);
    const edit = rec.finish('fill between slices');
    labelmaps.setPreview(volumeId, null);
    if (edit) {
      labelmaps.commit(volumeId, edit);
      const seg = lv.segments.find((s) => s.label === pv.label);
      if (seg) seg.interpolatedSlices = [...new Set([...seg.interpolatedSlices, ...pv.slices])].sort((a, b) => a - b);
    }
    return true;
  }

  function cancelInterpolation(volumeId: number): boolean {
    if (!labelmaps.byVolume[volumeId]?.preview) return false;
    labelmaps.setPreview(volumeId, null);
    return true;
  }

  const isPainting = computed(() => active.value === 'brush' || active.value === 'eraser');

  return {
    active,
    brushDiameterMm,
    brushMode,
    brushUnit,
    threshold,
    polygon,
    message,
    isPainting,
    voxelDiameter,
    scaleBrush,
    thresholdFromWindow,
    beginStroke,
    paintTo,
    endStroke,
    stroking,
    addPolygonPoint,
    removePolygonPoint,
    closePolygon,
    fillHoles,
    previewInterpolation,
    applyInterpolation,
    cancelInterpolation,
  };
});
