import { defineStore } from 'pinia';
import { markRaw, reactive, ref } from 'vue';
import type { SegmentationStatus } from '../../../shared/ipc/imaging';
import { call } from '../api/client';
import { fetchVoxels } from '../api/voxels';
import { t } from '../i18n/messages';
import { Autosaver, type AutosaveState } from '../tools/autosave';
import { defaultDraftStore, draftKey, type Draft, type DraftStore } from '../tools/draftStore';
import { applyEdit, EditRecorder, labelsOf, type Edit } from '../tools/edits';
import type { Grid } from '../tools/grid';
import { UndoStack } from '../tools/history';
import { decodeRuns, encodeRuns } from '../tools/maskCodec';
import type { LoadedImage } from './images';

export interface SegmentState {
  label: number;
  name: string;
  status: SegmentationStatus;
  /** Latest saved version (null: never saved); the base of the next save. */
  version: number | null;
  /** Edits applied / edits saved: unsaved while they differ. */
  edits: number;
  saved: number;
  visible: boolean;
  /** Gap slices filled by interpolation and not yet reviewed by the reader. */
  interpolatedSlices: number[];
}

export interface LabelVolume {
  volumeId: number;
  readerId: number;
  grid: Grid;
  /** Segment label per voxel (x fastest); views draw the displayed slice's labelled box of it. */
  labels: Uint8Array;
  preview: { data: Uint8Array; voxels: number; slices: number[]; label: number; axis: 0 | 1 | 2 } | null;
  segments: SegmentState[];
  /** Bumped whenever voxels change, so views re-render. */
  revision: number;
  canUndo: boolean;
  canRedo: boolean;
  undoName: string | null;
  redoName: string | null;
  saveState: AutosaveState;
  saveError: string | null;
  recovery: { savedAt: string } | null;
}

const AUTOSAVE_MS = 1500;
const DRAFT_MS = 300;

/**
 * The label map a reader edits on each volume (one byte per voxel, value = segment label), with
 * undo/redo of whole actions, debounced autosave through IPC (one new version per changed
 * segment) and crash-recovery drafts.
 */
export const useLabelmapsStore = defineStore('labelmaps', () => {
  const byVolume = ref<Record<number, LabelVolume>>({});
  const activeLabel = ref(1);
  const projectId = ref('');
  let drafts: DraftStore = defaultDraftStore();
  const histories = new Map<number, UndoStack>();
  const autosavers = new Map<number, Autosaver>();
  const draftTimers = new Map<number, ReturnType<typeof setTimeout>>();
  const pendingDrafts = new Map<number, Draft>();

  function useDraftStore(store: DraftStore): void {
    drafts = store;
  }

  function reset(project: string): void {
    for (const a of autosavers.values()) a.dispose();
    autosavers.clear();
    histories.clear();
    byVolume.value = {};
    projectId.value = project;
  }

  async function load(image: LoadedImage, readerId: number): Promise<LabelVolume> {
    const volumeId = image.info.id;
    const current = byVolume.value[volumeId];
    if (current && current.readerId === readerId) return current;
    const grid: Grid = { size: image.geometry.size, spacing: image.geometry.spacing };
    const n = grid.size[0] * grid.size[1] * grid.size[2];
    const labels = new Uint8Array(n);
    const saved = await call('segmentations.get', { volumeId, readerId });
    for (const s of saved) {
      if (!s.url) continue;
      const mask = await fetchVoxels(s.url, 'uint8', n);
      for (let i = 0; i < n; i++) if (mask[i]) labels[i] = s.label;
    }
    const segments: SegmentState[] = saved.map((s) => ({
      label: s.label,
      name: s.name,
      status: s.status,
      version: s.version,
      edits: 0,
      saved: 0,
      visible: true,
      interpolatedSlices: [],
    }));
    if (segments.length === 0) segments.push(newSegment(1, 'tumour'));
    const lv = reactive({
      volumeId,
      readerId,
      grid: markRaw(grid),
      labels: markRaw(labels),
      preview: null,
      segments,
      revision: 0,
      canUndo: false,
      canRedo: false,
      undoName: null,
      redoName: null,
      saveState: 'idle',
      saveError: null,
      recovery: null,
    }) as LabelVolume;
    byVolume.value = { ...byVolume.value, [volumeId]: lv };
    histories.set(volumeId, new UndoStack());
    autosavers.get(volumeId)?.dispose();
    autosavers.set(
      volumeId,
      new Autosaver(
        () => saveNow(volumeId, true),
        AUTOSAVE_MS,
        (state, error) => {
          const v = byVolume.value[volumeId];
          if (v) {
            v.saveState = state;
            v.saveError = error;
          }
        },
      ),
    );
    if (!segments.some((s) => s.label === activeLabel.value)) activeLabel.value = segments[0].label;
    await offerRecovery(lv);
    return byVolume.value[volumeId];
  }

  function newSegment(label: number, name: string): SegmentState {
    return { label, name, status: 'not_started', version: null, edits: 0, saved: 0, visible: true, interpolatedSlices: [] };
  }

  /** A draft left by a session that ended before saving, still based on the versions on disk. */
  async function offerRecovery(lv: LabelVolume): Promise<void> {
    const draft = await drafts.get(draftKey(projectId.value, lv.volumeId, lv.readerId)).catch(() => null);
    if (!draft || draft.voxels !== lv.labels.length) return;
    const stillBased = draft.segments.every((d) => {
      const s = lv.segments.find((x) => x.label === d.label);
      return (s?.version ?? null) === d.baseVersion;
    });
    if (!stillBased) {
      await drafts.delete(draftKey(projectId.value, lv.volumeId, lv.readerId));
      return;
    }
    pendingDrafts.set(lv.volumeId, draft);
    lv.recovery = { savedAt: draft.savedAt };
  }

  /** Apply the recovered draft as one undoable action; its segments become unsaved. */
  function restoreDraft(volumeId: number): void {
    const lv = byVolume.value[volumeId];
    const draft = pendingDrafts.get(volumeId);
    if (!lv || !draft) return;
    const target = decodeRuns(draft.runs, lv.labels.length);
    // Hot loops read the raw arrays: every property read through a reactive proxy costs a trap.
    const labels = lv.labels;
    const rec = new EditRecorder(labels);
    for (let i = 0; i < target.length; i++) if (labels[i] !== target[i]) rec.set(i, target[i]);
    for (const d of draft.segments) {
      if (!lv.segments.some((s) => s.label === d.label)) lv.segments.push({ ...newSegment(d.label, d.name), status: d.status });
    }
    const edit = rec.finish('recover draft');
    if (edit) commit(volumeId, edit);
    pendingDrafts.delete(volumeId);
    lv.recovery = null;
  }

  function discardDraft(volumeId: number): void {
    const lv = byVolume.value[volumeId];
    pendingDrafts.delete(volumeId);
    if (lv) {
      lv.recovery = null;
      void drafts.delete(draftKey(projectId.value, volumeId, lv.readerId));
    }
  }

  function recorder(volumeId: number): EditRecorder {
    return new EditRecorder(byVolume.value[volumeId].labels);
  }

  /** Re-render after voxels changed in place (during a stroke, before the action is committed). */
  function touched(volumeId: number): void {
    byVolume.value[volumeId].revision++;
  }

  function syncHistory(volumeId: number): void {
    const lv = byVolume.value[volumeId];
    const h = histories.get(volumeId)!;
    lv.canUndo = h.canUndo;
    lv.canRedo = h.canRedo;
    lv.undoName = h.nextUndo;
    lv.redoName = h.nextRedo;
  }

  function markEdited(lv: LabelVolume, edit: Edit): void {
    for (const label of labelsOf(edit)) {
      const s = lv.segments.find((x) => x.label === label);
      if (!s) continue;
      s.edits++;
      if (s.status === 'not_started') s.status = 'in_progress';
    }
    touched(lv.volumeId);
    autosavers.get(lv.volumeId)?.touch();
    scheduleDraft(lv);
  }

  /** Record a finished action (already applied to the voxels) for undo, autosave and recovery. */
  function commit(volumeId: number, edit: Edit): void {
    const lv = byVolume.value[volumeId];
    histories.get(volumeId)!.push(markRaw(edit));
    syncHistory(volumeId);
    markEdited(lv, edit);
  }

  function undo(volumeId: number): boolean {
    const lv = byVolume.value[volumeId];
    const edit = lv && histories.get(volumeId)!.undo();
    if (!edit) return false;
    applyEdit(lv.labels, edit, 'undo');
    syncHistory(volumeId);
    markEdited(lv, edit);
    return true;
  }

  function redo(volumeId: number): boolean {
    const lv = byVolume.value[volumeId];
    const edit = lv && histories.get(volumeId)!.redo();
    if (!edit) return false;
    applyEdit(lv.labels, edit, 'redo');
    syncHistory(volumeId);
    markEdited(lv, edit);
    return true;
  }

  function scheduleDraft(lv: LabelVolume): void {
    clearTimeout(draftTimers.get(lv.volumeId));
    draftTimers.set(
      lv.volumeId,
      setTimeout(() => {
        const draft: Draft = {
          savedAt: new Date().toISOString(),
          voxels: lv.labels.length,
          runs: encodeRuns(lv.labels),
          segments: lv.segments.map((s) => ({ label: s.label, name: s.name, baseVersion: s.version, status: s.status })),
        };
        void drafts.put(draftKey(projectId.value, lv.volumeId, lv.readerId), draft).catch(() => {});
      }, DRAFT_MS),
    );
  }

  /** Save every segment with unsaved edits as a new version (mask bytes over IPC). */
  async function saveNow(volumeId: number, autosave: boolean): Promise<void> {
    const lv = byVolume.value[volumeId];
    if (!lv) return;
    for (const s of lv.segments) {
      if (s.edits === s.saved) continue;
      const at = s.edits;
      const labels = lv.labels;
      const label = s.label;
      const mask = new Uint8Array(labels.length);
      for (let i = 0; i < mask.length; i++) mask[i] = labels[i] === label ? 1 : 0;
      const info = await call('segmentations.save', {
        volumeId,
        readerId: lv.readerId,
        label: s.label,
        name: s.name,
        baseVersion: s.version,
        status: s.status,
        autosave,
        mask,
      });
      s.version = info.version;
      s.saved = at;
    }
    if (lv.segments.every((s) => s.edits === s.saved)) {
      clearTimeout(draftTimers.get(volumeId));
      await drafts.delete(draftKey(projectId.value, volumeId, lv.readerId)).catch(() => {});
    }
  }

  /** Explicit save (button, Ctrl+S, leaving the viewer): flush the autosaver now. */
  async function save(volumeId: number): Promise<void> {
    const a = autosavers.get(volumeId);
    if (!a) return;
    if (byVolume.value[volumeId].segments.some((s) => s.edits !== s.saved)) a.touch();
    await a.flush();
  }

  function isDirty(volumeId: number): boolean {
    return byVolume.value[volumeId]?.segments.some((s) => s.edits !== s.saved) ?? false;
  }

  function addSegment(volumeId: number, name: string): void {
    const lv = byVolume.value[volumeId];
    const label = Math.max(0, ...lv.segments.map((s) => s.label)) + 1;
    if (label > 255) return;
    lv.segments.push(newSegment(label, name));
    activeLabel.value = label;
  }

  async function setStatus(volumeId: number, label: number, status: SegmentationStatus): Promise<void> {
    const lv = byVolume.value[volumeId];
    const s = lv.segments.find((x) => x.label === label)!;
    // Unsaved voxels first, so the status lands on the version that holds them.
    if (s.edits !== s.saved) await save(volumeId);
    const info = await call('segmentations.setStatus', { volumeId, readerId: lv.readerId, label, name: s.name, status });
    s.status = info.status;
    s.version = info.version;
    if (status === 'completed') s.interpolatedSlices = [];
  }

  function cycleSegment(volumeId: number, delta: number): void {
    const segs = byVolume.value[volumeId]?.segments ?? [];
    const n = segs.findIndex((s) => s.label === activeLabel.value);
    if (segs.length) activeLabel.value = segs[(n + delta + segs.length) % segs.length].label;
  }

  function setPreview(volumeId: number, preview: LabelVolume['preview']): void {
    byVolume.value[volumeId].preview = preview ? markRaw(preview) : null;
    byVolume.value[volumeId].revision++;
  }

  function saveStatusText(volumeId: number): string {
    const lv = byVolume.value[volumeId];
    if (!lv) return '';
    if (lv.saveState === 'error') return t('save.failed', { error: lv.saveError ?? '?' });
    if (lv.saveState === 'saving') return t('save.saving');
    return isDirty(volumeId) ? t('save.pending') : t('save.saved');
  }

  return {
    byVolume,
    activeLabel,
    useDraftStore,
    reset,
    load,
    restoreDraft,
    discardDraft,
    recorder,
    touched,
    commit,
    undo,
    redo,
    save,
    isDirty,
    addSegment,
    setStatus,
    cycleSegment,
    setPreview,
    saveStatusText,
  };
});
