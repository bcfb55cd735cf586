/**
 * Blinding through the IPC contract (loopback bridge, the same dispatcher and handlers Electron serves):
 * while a reader's session is active, other readers' masks, the reader's own earlier reads (repeat
 * session), outcomes, clinical columns, patients outside the session and agreement results are refused
 * with kind 'forbidden'; after leaving the session they are visible again.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addReader } from '../../src/main/services/readers';
import { createSession, saveRating, saveSessionMask, submitSession } from '../../src/main/services/readingSessions';
import { openProject } from '../../src/main/storage/project';
import { startBridge, type Bridge } from '../e2e/bridge/server';
import { encodeBinaryBody } from '../e2e/bridge/binaryBody';
import { addReadingPatients, sphereMask } from '../support/readingProject';

interface Reply {
  ok: boolean;
  value?: any;
  error?: { kind: string; message: string };
}

describe('reader blinding in the IPC layer', () => {
  let bridge: Bridge;
  let base: URL;
  const ids: Record<string, number> = {};
  let volumeOf: Record<string, number> = {};
  let subset: string[] = [];
  let outside = '';
  let reader1MaskHash = '';
  const call = async (channel: string, input: unknown = {}): Promise<Reply> => {
    const res = await fetch(new URL(`/ipc/${channel}`, base), { method: 'POST', headers: { 'content-type': 'application/json', 'x-dlrn-token': bridge.token }, body: JSON.stringify(input) });
    return (await res.json()) as Reply;
  };
  const forbidden = (r: Reply) => {
    expect(r.ok, JSON.stringify(r)).toBe(false);
    expect(r.error!.kind).toBe('forbidden');
  };

  beforeAll(async () => {
    bridge = await startBridge({ userDataDir: mkdtempSync(join(tmpdir(), 'dlrn-blind-')) });
    base = new URL(bridge.url);
    const dir = join(mkdtempSync(join(tmpdir(), 'dlrn-blind-')), 'study');
    expect((await call('projects.create', { dir })).ok).toBe(true);
    // Reader 1's primary reading (masks + ratings), submitted, set up directly through the services.
    const p = openProject(dir);
    const patients = addReadingPatients(p, 6);
    volumeOf = Object.fromEntries(patients.map((x) => [x.id, x.volumes.venous]));
    for (const [name, role] of [['Coordinator', 'coordinator'], ['Reader 1', 'reader'], ['Reader 2', 'reader']] as const) ids[name] = addReader(p, name, role).id;
    const primary = createSession(p, { coordinator: 'Coordinator', reader: 'Reader 1', kind: 'primary', task: 'both', phases: ['venous'] });
    patients.forEach((x, i) => {
      const m = saveSessionMask(p, { sessionId: primary.id, patientId: x.id, phase: 'venous', mask: sphereMask(i, x.radius), actor: 'Reader 1', tool: 'brush' });
      if (i === 0) reader1MaskHash = m.hash!;
      saveRating(p, { sessionId: primary.id, readerId: ids['Reader 1'], patientId: x.id, name: 'necrosis', value: 1, actor: 'Reader 1' });
    });
    submitSession(p, primary.id, 'Reader 1', { incompleteReason: 'test' });
    ids.primary = primary.id;
    p.close();
  });
  afterAll(() => bridge.close());

  it('a second reader sees only their own work on session patients, no outcomes or clinical data', async () => {
    const created = await call('readingSessions.create', {
      coordinatorId: ids.Coordinator,
      readerId: ids['Reader 2'],
      kind: 'inter',
      task: 'both',
      phases: ['venous'],
      patients: { subset: { seed: 11, size: 3 } },
    });
    expect(created.ok, JSON.stringify(created)).toBe(true);
    subset = created.value.patients;
    outside = Object.keys(volumeOf).find((id) => !subset.includes(id))!;
    ids.inter = created.value.id;
    // A reader cannot enter another reader's session.
    forbidden(await call('readingSessions.enter', { sessionId: ids.inter, readerId: ids['Reader 1'] }));
    const entered = await call('readingSessions.enter', { sessionId: ids.inter, readerId: ids['Reader 2'] });
    expect(entered.value).toMatchObject({ sessionId: ids.inter, readerName: 'Reader 2', patients: subset });

    const [p0] = subset;
    forbidden(await call('segmentations.get', { volumeId: volumeOf[p0], readerId: ids['Reader 1'] }));
    expect(await call('segmentations.get', { volumeId: volumeOf[p0], readerId: ids['Reader 2'] })).toEqual({ ok: true, value: [] });
    // Reader 1's mask bytes are refused even with its content hash; the CT is served.
    expect((await fetch(new URL(`/volume/${reader1MaskHash}?token=${bridge.token}`, base))).status).toBe(403);
    const header = await call('volumes.header', { volumeId: volumeOf[p0] });
    expect((await fetch(new URL(header.value.url, base))).status).toBe(200);
    // Patients outside the session.
    forbidden(await call('volumes.forPatient', { patientId: outside }));
    forbidden(await call('volumes.header', { volumeId: volumeOf[outside] }));
    forbidden(await call('segmentations.get', { volumeId: volumeOf[outside], readerId: ids['Reader 2'] }));
    forbidden(await call('ratings.get', { patientId: outside }));
    // The patient list: session patients only, outcome and clinical columns hidden, no other reader's status.
    const list = await call('patients.list');
    expect(list.value.map((r: { id: string }) => r.id)).toEqual(subset);
    for (const row of list.value) expect(row).toMatchObject({ outcome: null, clinical: null, readers: [] });
    // Other readers' ratings and all agreement results; coordinator actions.
    expect(await call('ratings.get', { patientId: p0 })).toEqual({ ok: true, value: [] });
    forbidden(await call('agreement.masks'));
    forbidden(await call('agreement.semantic'));
    forbidden(await call('agreement.runs'));
    forbidden(await call('agreement.icc', { runs: { reference: 1, inter: 2 } }));
    forbidden(await call('readingSessions.create', { coordinatorId: ids.Coordinator, readerId: ids['Reader 2'], kind: 'inter', task: 'both' }));
    forbidden(await call('readingSessions.progress', { sessionId: ids.primary }));
    expect((await call('readingSessions.list')).value.map((s: { id: number }) => s.id)).toEqual([ids.inter]);

    // Reader 2 draws; the mask lands in the session, the tool in the audit log.
    const mask = sphereMask(0, 8).data;
    const body = encodeBinaryBody({ volumeId: volumeOf[p0], readerId: ids['Reader 2'], label: 1, name: 'tumour', baseVersion: null, status: 'completed', tool: 'brush', mask }, 'mask');
    const saved = await (await fetch(new URL('/ipc-binary/segmentations.save', base), { method: 'POST', headers: { 'x-dlrn-token': bridge.token }, body })).json();
    expect(saved).toMatchObject({ ok: true, value: { version: 1 } });
    const forOther = encodeBinaryBody({ volumeId: volumeOf[p0], readerId: ids['Reader 1'], label: 1, name: 'tumour', baseVersion: 1, mask }, 'mask');
    forbidden(await (await fetch(new URL('/ipc-binary/segmentations.save', base), { method: 'POST', headers: { 'x-dlrn-token': bridge.token }, body: forOther })).json());
    expect((await call('readingSessions.next')).value).toEqual({ patientId: p0 }); // ratings still missing
    expect((await call('ratings.save', { patientId: p0, name: 'necrosis', value: 0, tool: 'form' })).value).toMatchObject({ name: 'necrosis', value: 0, version: 1 });

    expect((await call('readingSessions.leave')).ok).toBe(true);
    // Coordinator mode again: everything visible.
    expect((await call('segmentations.get', { volumeId: volumeOf[p0], readerId: ids['Reader 1'] })).ok).toBe(true);
    const full = await call('patients.list');
    expect(full.value).toHaveLength(6);
    expect(full.value[0].outcome).toBe(true);
    const masks = await call('agreement.masks');
    expect(masks.ok, JSON.stringify(masks)).toBe(true);
    expect(masks.value.rows).toHaveLength(1);
    expect(masks.value.missing).toHaveLength(2);
  });

  it('in a repeat session the reader cannot reach their own earlier reading', async () => {
    const repeat = await call('readingSessions.create', {
      coordinatorId: ids.Coordinator,
      readerId: ids['Reader 1'],
      kind: 'intra',
      task: 'both',
      phases: ['venous'],
      repeatOf: ids.primary,
      patients: { sameAs: ids.inter },
    });
    expect(repeat.ok, JSON.stringify(repeat)).toBe(true);
    expect(repeat.value.washout).toMatchObject({ open: false, daysLeft: 21 });
    const early = await call('readingSessions.enter', { sessionId: repeat.value.id, readerId: ids['Reader 1'] });
    forbidden(early);
    expect(early.error!.message).toMatch(/wash-out of 21 days/);
    const over = await call('readingSessions.overrideWashout', { sessionId: repeat.value.id, coordinatorId: ids.Coordinator, reason: 'e2e test of blinding' });
    expect(over.value.washout).toMatchObject({ open: true });
    expect((await call('readingSessions.enter', { sessionId: repeat.value.id, readerId: ids['Reader 1'] })).ok).toBe(true);
    const [p0] = subset;
    // Reader 1's own masks: only this session's (none yet), never the primary reading's.
    expect(await call('segmentations.get', { volumeId: volumeOf[p0], readerId: ids['Reader 1'] })).toEqual({ ok: true, value: [] });
    expect((await fetch(new URL(`/volume/${reader1MaskHash}?token=${bridge.token}`, base))).status).toBe(403);
    expect(await call('ratings.get', { patientId: p0 })).toEqual({ ok: true, value: [] });
    forbidden(await call('segmentations.get', { volumeId: volumeOf[p0], readerId: ids['Reader 2'] }));
    // Leaving another session while one is active is explicit.
    const other = await call('readingSessions.enter', { sessionId: ids.inter, readerId: ids['Reader 2'] });
    expect(other.error!.kind).toBe('conflict');
    expect((await call('readingSessions.current')).value).toMatchObject({ sessionId: repeat.value.id, readerName: 'Reader 1' });
    expect((await call('readingSessions.leave')).ok).toBe(true);
    expect(await call('readingSessions.current')).toEqual({ ok: true, value: null });
  });
});
