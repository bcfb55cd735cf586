import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../../src/main/ipc/dispatch';
import type { HandlerContext } from '../../../../src/main/ipc/context';
import { AppServices } from '../../../../src/main/services/appServices';
import { voxelBytes } from '../../../../src/main/services/volumeService';
import { initProject, type Project } from '../../../../src/main/storage/project';
import { buildApi } from '../../../../src/shared/ipc/buildApi';
import { channelNames } from '../../../../src/shared/ipc/channels';
import type { VolumeInfo } from '../../../../src/shared/ipc/imaging';
import type { LoadedImage } from '../../../../src/renderer/src/stores/images';
import { useImagesStore } from '../../../../src/renderer/src/stores/images';
import { useLabelmapsStore } from '../../../../src/renderer/src/stores/labelmaps';
import { useToolsStore } from '../../../../src/renderer/src/stores/tools';
import { MemoryDraftStore } from '../../../../src/renderer/src/tools/draftStore';
import { toVtkImage } from '../../../../src/renderer/src/vtk/imageData';
import { addSyntheticPatient, type PhaseGrid, type SyntheticPatient } from '../../../support/syntheticCtProject';
import type { TestDialogs } from '../../../e2e/bridge/testDialogs';

const grid: PhaseGrid = { phase: 'venous', size: [24, 20, 6], spacing: [1, 1, 2], origin: [-12, -10, -5] };
const n = 24 * 20 * 6;

describe('label-map store: strokes, undo/redo, autosave through IPC, crash recovery', () => {
  let project: Project;
  let patient: SyntheticPatient;
  let failSaves: string | null;
  let image: LoadedImage;
  const drafts = new MemoryDraftStore();

  beforeEach(async () => {
    vi.useFakeTimers();
    const services = new AppServices(mkdtempSync(join(tmpdir(), 'dlrn-lm-')), () => {});
    project = services.activate(initProject(join(mkdtempSync(join(tmpdir(), 'dlrn-lm-')), 'p'), { appVersion: 'test' }));
    patient = addSyntheticPatient(project, { grids: [grid] });
    const ctx: HandlerContext = { services, dialogs: {} as TestDialogs, appVersion: 'test', host: 'bridge', volumeUrl: (h) => `http://store.test/${h}` };
    failSaves = null;
    window.api = buildApi(channelNames, {
      invoke: async (channel, input) =>
        channel === 'segmentations.save' && failSaves ? { ok: false, error: { kind: 'failed', message: failSaves } } : dispatch(channel, input, ctx),
      subscribe: () => () => {},
    });
    // Mask bytes come from the URL the main process hands out, as in the app.
    vi.stubGlobal('fetch', async (url: string) => new Response(voxelBytes(project, url.split('/').pop()!).bytes.slice()));
    setActivePinia(createPinia());
    drafts.drafts.clear();
    image = await loadImage();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    project.close();
  });

  async function loadImage(): Promise<LoadedImage> {
    const header = await window.api['volumes.header']({ volumeId: patient.volumeIds.venous });
    if (!header.ok) throw new Error(header.error.message);
    const geometry = { size: header.value.size, spacing: header.value.spacing, origin: header.value.origin, direction: header.value.direction };
    const voxels = new Int16Array(voxelBytes(project, header.value.hash).bytes.slice().buffer);
    const info: VolumeInfo = { id: patient.volumeIds.venous, patientId: 'PT-0001', phase: 'venous', seriesDescription: null, size: grid.size, spacing: grid.spacing };
    const img = { info, header: header.value, geometry, voxels, vtkImage: toVtkImage(geometry, voxels) };
    useImagesStore().loaded = { [info.id]: img };
    return img;
  }

  async function session() {
    const labelmaps = useLabelmapsStore();
    labelmaps.useDraftStore(drafts);
    labelmaps.reset('project-1');
    const lv = await labelmaps.load(image, patient.readerId);
    return { labelmaps, lv, tools: useToolsStore() };
  }

  const count = (labels: Uint8Array, v = 1) => labels.reduce((a, b) => a + (b === v ? 1 : 0), 0);

  it('a stroke is one undoable action; undo/redo restore it; autosave stores it as a new version', async () => {
    const { labelmaps, lv, tools } = await session();
    expect(lv.segments).toMatchObject([{ label: 1, name: 'tumour', status: 'not_started', version: null }]);
    tools.active = 'brush';
    tools.brushDiameterMm = 3;
    tools.beginStroke(image.info.id, 2, [5, 10, 3]);
    tools.paintTo([9, 10, 3]);
    tools.paintTo([12, 10, 3]);
    tools.endStroke();
    const painted = count(lv.labels);
    // A 3 mm disc on 1 mm pixels is a 3×3 square (corners at √2 ≤ 1.5 mm): rows 9–11, x = 4…13.
    expect(painted).toBe(3 * 10);
    expect(lv.canUndo).toBe(true);
    expect(lv.undoName).toBe('brush stroke');
    expect(lv.segments[0].status).toBe('in_progress');

    labelmaps.undo(image.info.id);
    expect(count(lv.labels)).toBe(0);
    labelmaps.redo(image.info.id);
    expect(count(lv.labels)).toBe(painted);

    expect(labelmaps.isDirty(image.info.id)).toBe(true);
    await vi.advanceTimersByTimeAsync(1600);
    expect(labelmaps.isDirty(image.info.id)).toBe(false);
    expect(lv.segments[0].version).toBe(1);
    const saved = await window.api['segmentations.get']({ volumeId: image.info.id, readerId: patient.readerId });
    expect(saved.ok && saved.value[0]).toMatchObject({ version: 1, status: 'in_progress' });
    // Saved: no recovery draft is left behind.
    expect(drafts.drafts.size).toBe(0);
  });

  it('after a crash before autosave, the draft is offered and restores the edits as unsaved', async () => {
    const first = await session();
    first.tools.active = 'brush';
    first.tools.brushDiameterMm = 5;
    first.tools.beginStroke(image.info.id, 2, [10, 10, 2]);
    first.tools.endStroke();
    const painted = count(first.lv.labels);
    await vi.advanceTimersByTimeAsync(400); // the draft is written, the autosave has not run yet
    expect(drafts.drafts.size).toBe(1);

    // "Crash": a new renderer session over the same project and draft store.
    setActivePinia(createPinia());
    useImagesStore().loaded = { [image.info.id]: image };
    const second = await session();
    expect(count(second.lv.labels)).toBe(0);
    expect(second.lv.recovery).not.toBeNull();
    second.labelmaps.restoreDraft(image.info.id);
    expect(count(second.lv.labels)).toBe(painted);
    expect(second.lv.recovery).toBeNull();
    expect(second.labelmaps.isDirty(image.info.id)).toBe(true);
    await second.labelmaps.save(image.info.id);
    expect(second.lv.segments[0].version).toBe(1);
  });

  it('a draft older than what is on disk is dropped, not offered', async () => {
    const first = await session();
    first.tools.active = 'brush';
    first.tools.beginStroke(image.info.id, 2, [10, 10, 2]);
    first.tools.endStroke();
    await vi.advanceTimersByTimeAsync(400);
    // Someone saves version 1 elsewhere before this session comes back.
    const mask = new Uint8Array(n);
    mask[0] = 1;
    await window.api['segmentations.save']({ volumeId: image.info.id, readerId: patient.readerId, label: 1, name: 'tumour', baseVersion: null, mask });
    setActivePinia(createPinia());
    useImagesStore().loaded = { [image.info.id]: image };
    const second = await session();
    expect(second.lv.recovery).toBeNull();
    expect(count(second.lv.labels)).toBe(1);
    expect(drafts.drafts.size).toBe(0);
  });

  it('a failed save keeps the edits, says why, and succeeds on retry', async () => {
    const { labelmaps, lv, tools } = await session();
    tools.active = 'brush';
    tools.beginStroke(image.info.id, 2, [10, 10, 2]);
    tools.endStroke();
    failSaves = 'disk full';
    await vi.advanceTimersByTimeAsync(1600);
    expect(lv.saveState).toBe('error');
    expect(labelmaps.saveStatusText(image.info.id)).toContain('Save failed: disk full');
    expect(labelmaps.isDirty(image.info.id)).toBe(true);
    expect(drafts.drafts.size).toBe(1);
    failSaves = null;
    await vi.advanceTimersByTimeAsync(7600);
    expect(lv.saveState).toBe('idle');
    expect(labelmaps.isDirty(image.info.id)).toBe(false);
  });

  it('polygon, fill holes and interpolation preview → apply are undoable actions', async () => {
    const { labelmaps, lv, tools } = await session();
    const vid = image.info.id;
    for (const k of [1, 4]) {
      tools.addPolygonPoint(vid, 2, k, [4, 4]);
      tools.addPolygonPoint(vid, 2, k, [12, 4]);
      tools.addPolygonPoint(vid, 2, k, [12, 12]);
      tools.addPolygonPoint(vid, 2, k, [4, 12]);
      tools.removePolygonPoint();
      tools.addPolygonPoint(vid, 2, k, [4, 12]);
      expect(tools.closePolygon()).toBe(true);
    }
    expect(count(lv.labels)).toBe(2 * 64);
    tools.previewInterpolation(vid, 2);
    expect(lv.preview).toMatchObject({ voxels: 2 * 64, slices: [2, 3] });
    expect(count(lv.labels)).toBe(2 * 64); // a preview changes nothing yet
    expect(tools.applyInterpolation(vid)).toBe(true);
    expect(count(lv.labels)).toBe(4 * 64);
    expect(lv.segments[0].interpolatedSlices).toEqual([2, 3]);
    labelmaps.undo(vid);
    expect(count(lv.labels)).toBe(2 * 64);
    tools.previewInterpolation(vid, 2);
    expect(tools.cancelInterpolation(vid)).toBe(true);
    expect(lv.preview).toBeNull();
  });
});
