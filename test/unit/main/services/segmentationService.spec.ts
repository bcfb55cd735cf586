import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../src/main/ipc/dispatch';
import type { HandlerContext } from '../../../../src/main/ipc/context';
import { AppServices } from '../../../../src/main/services/appServices';
import { storedVolume } from '../../../../src/main/services/volumeService';
import { initProject, type Project } from '../../../../src/main/storage/project';
import type { Result } from '../../../../src/shared/ipc/result';
import { addSyntheticPatient, type PhaseGrid, type SyntheticPatient } from '../../../support/syntheticCtProject';
import type { TestDialogs } from '../../../e2e/bridge/testDialogs';

const grid: PhaseGrid = { phase: 'venous', size: [8, 6, 4], spacing: [1, 1, 2], origin: [-4, -3, -3] };
const voxels = 8 * 6 * 4;

describe('viewer IPC: patients, volumes and versioned segmentations (real SQLite + content store)', () => {
  let ctx: HandlerContext;
  let project: Project;
  let patient: SyntheticPatient;
  let volumeId: number;
  const call = async <T = unknown>(channel: string, input: unknown): Promise<Result<T>> => (await dispatch(channel, input, ctx)) as Result<T>;
  const ok = async <T = unknown>(channel: string, input: unknown): Promise<T> => {
    const r = await call<T>(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.kind}: ${r.error.message}`);
    return r.value;
  };

  beforeEach(() => {
    const services = new AppServices(mkdtempSync(join(tmpdir(), 'dlrn-seg-')), () => {});
    project = services.activate(initProject(join(mkdtempSync(join(tmpdir(), 'dlrn-seg-')), 'p'), { appVersion: 'test' }));
    patient = addSyntheticPatient(project, { grids: [grid], centre: 'C1', cohort: 'train' });
    volumeId = patient.volumeIds.venous;
    ctx = { services, dialogs: {} as TestDialogs, appVersion: 'test', host: 'bridge', volumeUrl: (h) => `/volume/${h}?token=t` };
  });
  afterEach(() => ctx.services.closeProject());

  it('lists patients with centre, cohort, phases, readers, clinical completeness and outcome', async () => {
    project.db.prepare("INSERT INTO clinical_variables (patient_id, name, value_num) VALUES ('PT-0001', 'age', 54), ('PT-0001', 'tumour_size_cm', 9)").run();
    project.db.prepare("INSERT INTO outcomes (patient_id, mdm) VALUES ('PT-0001', 1)").run();
    const mask = new Uint8Array(voxels);
    await ok('segmentations.save', { volumeId, readerId: patient.readerId, label: 1, name: 'tumour', baseVersion: null, mask });
    const rows = await ok<{ id: string; readers: unknown[]; clinical: { present: number; total: number } }[]>('patients.list', {});
    expect(rows).toEqual([
      {
        id: 'PT-0001',
        centre: 'C1',
        cohort: 'train',
        phases: ['venous'],
        readers: [{ readerId: patient.readerId, readerName: 'Reader A', status: 'in_progress' }],
        clinical: { present: 2, total: 10 },
        outcome: true,
      },
    ]);
  });

  it('returns the volume header with a fetch URL built by the host, and the raw voxels behind it', async () => {
    const [info] = await ok<{ id: number }[]>('volumes.forPatient', { patientId: 'PT-0001' });
    expect(info).toMatchObject({ id: volumeId, phase: 'venous', size: [8, 6, 4], spacing: [1, 1, 2] });
    const header = await ok<{ hash: string; url: string; pixelType: string; origin: number[] }>('volumes.header', { volumeId });
    expect(header).toMatchObject({ pixelType: 'int16', origin: [-4, -3, -3], url: `/volume/${header.hash}?token=t` });
    expect(storedVolume(project, header.hash).data).toHaveLength(voxels);
    expect(await call('volumes.header', { volumeId: 999 })).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect(await call('volumes.forPatient', { patientId: 'nobody' })).toMatchObject({ ok: false, error: { kind: 'not_found' } });
  });

  it('saves each edit as a new version with its mask in the content store, and lists the latest', async () => {
    const mask = new Uint8Array(voxels);
    mask[5] = 1;
    const v1 = await ok<{ version: number; hash: string; url: string }>('segmentations.save', {
      volumeId, readerId: patient.readerId, label: 1, name: 'tumour', baseVersion: null, mask,
    });
    expect(v1).toMatchObject({ version: 1, status: 'in_progress', url: `/volume/${v1.hash}?token=t` });
    mask[6] = 1;
    const v2 = await ok<{ version: number; hash: string }>('segmentations.save', {
      volumeId, readerId: patient.readerId, label: 1, name: 'tumour', baseVersion: 1, status: 'completed', autosave: true, mask,
    });
    expect(v2.version).toBe(2);
    const stored = storedVolume(project, v2.hash);
    expect([...stored.data].reduce((a, b) => a + b, 0)).toBe(2);
    expect(stored.spacing).toEqual(grid.spacing);
    const list = await ok<{ version: number; status: string }[]>('segmentations.get', { volumeId, readerId: patient.readerId });
    expect(list).toMatchObject([{ label: 1, version: 2, status: 'completed', hash: v2.hash }]);
    const audit = project.db.prepare("SELECT action FROM audit_log WHERE entity = 'segmentation' ORDER BY id").all();
    expect(audit).toEqual([{ action: 'segmentation.save' }, { action: 'segmentation.autosave' }]);
  });

  it('refuses a save based on a stale version and names both versions', async () => {
    const mask = new Uint8Array(voxels);
    await ok('segmentations.save', { volumeId, readerId: patient.readerId, label: 1, name: 'tumour', baseVersion: null, mask });
    const r = await call('segmentations.save', { volumeId, readerId: patient.readerId, label: 1, name: 'tumour', baseVersion: null, mask });
    expect(r).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(!r.ok && r.error.message).toContain('version 1 on disk');
  });

  it('validates the mask: wrong voxel count or non-binary values are refused', async () => {
    const short = await call('segmentations.save', { volumeId, readerId: patient.readerId, label: 1, name: 't', baseVersion: null, mask: new Uint8Array(3) });
    expect(short).toMatchObject({ ok: false, error: { kind: 'invalid_input', message: expect.stringContaining('8×6×4 = 192') } });
    const bad = new Uint8Array(voxels);
    bad[7] = 2;
    expect(await call('segmentations.save', { volumeId, readerId: patient.readerId, label: 1, name: 't', baseVersion: null, mask: bad })).toMatchObject({
      ok: false,
      error: { kind: 'invalid_input', message: expect.stringContaining('voxel 7 is 2') },
    });
    // zod: a JSON array is not bytes, label 0 is not a segment, extra keys are refused.
    expect(await call('segmentations.save', { volumeId, readerId: 1, label: 1, name: 't', baseVersion: null, mask: [0, 1] })).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    expect(await call('segmentations.get', { volumeId, readerId: 1, extra: 1 })).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    expect(await call('segmentations.setStatus', { volumeId, readerId: 1, label: 0, name: 't', status: 'completed' })).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
  });

  it('a failed store write leaves the previous version as the latest and says why', async () => {
    const mask = new Uint8Array(voxels);
    mask[0] = 1;
    const v1 = await ok<{ hash: string }>('segmentations.save', { volumeId, readerId: patient.readerId, label: 1, name: 'tumour', baseVersion: null, mask });
    // The store folder replaced by a plain file: every write into it fails (works even as root).
    const root = project.store.root;
    renameSync(root, `${root}.away`);
    writeFileSync(root, 'not a folder');
    try {
      mask[1] = 1;
      const r = await call('segmentations.save', { volumeId, readerId: patient.readerId, label: 1, name: 'tumour', baseVersion: 1, mask });
      expect(r).toMatchObject({ ok: false, error: { kind: 'failed', message: expect.stringMatching(/ENOTDIR|EEXIST/) } });
    } finally {
      rmSync(root);
      renameSync(`${root}.away`, root);
    }
    const list = await ok<{ version: number; hash: string }[]>('segmentations.get', { volumeId, readerId: patient.readerId });
    expect(list).toMatchObject([{ version: 1, hash: v1.hash }]);
  });

  it('sets the status on the latest version, creating a mask-less first version when none exists', async () => {
    const flagged = await ok('segmentations.setStatus', { volumeId, readerId: patient.readerId, label: 2, name: 'oedema', status: 'flagged' });
    expect(flagged).toMatchObject({ label: 2, name: 'oedema', version: 1, status: 'flagged', hash: null, url: null });
    const saved = await ok('segmentations.save', { volumeId, readerId: patient.readerId, label: 2, name: 'oedema', baseVersion: 1, mask: new Uint8Array(voxels) });
    expect(saved).toMatchObject({ version: 2, status: 'flagged' });
    const done = await ok('segmentations.setStatus', { volumeId, readerId: patient.readerId, label: 2, name: 'oedema', status: 'completed' });
    expect(done).toMatchObject({ version: 2, status: 'completed' });
  });

  it('creates and lists readers; a duplicate name is a conflict', async () => {
    await ok('readers.create', { name: 'Reader B' });
    expect(await ok('readers.list', {})).toMatchObject([{ name: 'Reader A' }, { name: 'Reader B' }]);
    expect(await call('readers.create', { name: 'Reader B' })).toMatchObject({ ok: false, error: { kind: 'conflict' } });
  });
});
