import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agreementSubsetSize } from '../../../../src/main/engine/reading/agreementSubset';
import { addReader, findReader } from '../../../../src/main/services/readers';
import {
  createSession,
  enterSession,
  getSession,
  nextPatient,
  overrideWashout,
  readerRatings,
  saveRating,
  saveSessionMask,
  sessionProgress,
  submitSession,
} from '../../../../src/main/services/readingSessions';
import { initProject, type Project } from '../../../../src/main/storage/project';
import { addReadingPatients, sphereMask } from '../../../support/readingProject';
import { tempDir } from '../../../support/tmp';

const DAY = 86_400_000;

function setup(n = 12): { project: Project; patients: ReturnType<typeof addReadingPatients> } {
  const project = initProject(join(tempDir(), 'p'), { appVersion: 'test' });
  const patients = addReadingPatients(project, n);
  addReader(project, 'Coordinator', 'coordinator');
  addReader(project, 'Reader 1');
  addReader(project, 'Reader 2');
  return { project, patients };
}

function auditRows(project: Project, action: string): { actor: string; entity_id: string; detail: Record<string, unknown> }[] {
  return (project.db.prepare('SELECT actor, entity_id, detail_json FROM audit_log WHERE action = ? ORDER BY id').all(action) as { actor: string; entity_id: string; detail_json: string }[]).map(
    (r) => ({ actor: r.actor, entity_id: r.entity_id, detail: JSON.parse(r.detail_json) as Record<string, unknown> }),
  );
}

/** Reader 1 delineates every patient in a primary session and submits it. */
function primaryReading(project: Project, patients: ReturnType<typeof addReadingPatients>) {
  const s = createSession(project, { coordinator: 'Coordinator', reader: 'Reader 1', kind: 'primary', task: 'delineation', phases: ['venous'] });
  patients.forEach((p, i) => saveSessionMask(project, { sessionId: s.id, patientId: p.id, phase: 'venous', mask: sphereMask(i, p.radius), actor: 'Reader 1', tool: 'brush' }));
  return submitSession(project, s.id, 'Reader 1');
}

describe('reading sessions', () => {
  it('only coordinators create sessions; a primary session takes every patient with volumes of its phases', () => {
    const { project } = setup(5);
    expect(() => createSession(project, { coordinator: 'Reader 1', reader: 'Reader 1', kind: 'primary', task: 'both' })).toThrow(/not a coordinator/);
    const s = createSession(project, { coordinator: 'Coordinator', reader: 'Reader 1', kind: 'primary', task: 'both', phases: ['venous'], name: 'first reading' });
    expect(s).toMatchObject({ kind: 'primary', status: 'open', readerName: 'Reader 1', createdBy: 'Coordinator', name: 'first reading', patients: ['PT-0001', 'PT-0002', 'PT-0003', 'PT-0004', 'PT-0005'] });
    expect(auditRows(project, 'session.create')[0]).toMatchObject({ actor: 'Coordinator', entity_id: String(s.id) });
    project.close();
  });

  it('draws the agreement subset from the seed: same seed same patients, size scaled to the cohort, seed recorded', () => {
    const { project } = setup(12);
    const a = createSession(project, { coordinator: 'Coordinator', reader: 'Reader 2', kind: 'inter', task: 'delineation', patients: { subset: { seed: 2024 } } });
    const b = createSession(project, { coordinator: 'Coordinator', reader: 'Reader 2', kind: 'inter', task: 'delineation', patients: { subset: { seed: 2024 } } });
    const c = createSession(project, { coordinator: 'Coordinator', reader: 'Reader 2', kind: 'inter', task: 'delineation', patients: { subset: { seed: 7, size: 5 } } });
    expect(a.patients).toHaveLength(agreementSubsetSize(12));
    expect(b.patients).toEqual(a.patients);
    expect(a.subsetSeed).toBe(2024);
    expect(c.patients).toHaveLength(5);
    const same = createSession(project, { coordinator: 'Coordinator', reader: 'Reader 1', kind: 'primary', task: 'delineation', patients: { sameAs: c.id } });
    expect(same.patients).toEqual(c.patients);
    expect(() => createSession(project, { coordinator: 'Coordinator', reader: 'Reader 2', kind: 'inter', task: 'delineation', patients: { subset: { seed: 1, size: 13 } } })).toThrow(/cannot draw 13/);
    project.close();
  });

  it('a repeat session repeats a submitted session of the same reader and opens only after the wash-out, or by an audited override', () => {
    const { project, patients } = setup(6);
    const first = createSession(project, { coordinator: 'Coordinator', reader: 'Reader 1', kind: 'primary', task: 'delineation', phases: ['venous'] });
    expect(() => createSession(project, { coordinator: 'Coordinator', reader: 'Reader 1', kind: 'intra', task: 'delineation', repeatOf: first.id })).toThrow(/still open/);
    patients.forEach((p, i) => saveSessionMask(project, { sessionId: first.id, patientId: p.id, phase: 'venous', mask: sphereMask(i, p.radius), actor: 'Reader 1', tool: 'brush' }));
    submitSession(project, first.id, 'Reader 1');
    expect(() => createSession(project, { coordinator: 'Coordinator', reader: 'Reader 2', kind: 'intra', task: 'delineation', repeatOf: first.id })).toThrow(/same reader/);
    const repeat = createSession(project, { coordinator: 'Coordinator', reader: 'Reader 1', kind: 'intra', task: 'delineation', phases: ['venous'], repeatOf: first.id, patients: { subset: { seed: 3, size: 3 } } });
    expect(repeat.washoutDays).toBe(21);
    const lastRead = Date.parse((project.db.prepare('SELECT max(created_at) AS t FROM segmentations').get() as { t: string }).t);
    expect(() => enterSession(project, repeat.id, 'Reader 1', new Date(lastRead + 20 * DAY))).toThrow(/cannot open yet: wash-out of 21 days: opens .* \(1 day left\)/);
    expect(enterSession(project, repeat.id, 'Reader 1', new Date(lastRead + 21 * DAY)).patients.size).toBe(3);
    expect(() => enterSession(project, repeat.id, 'Reader 2', new Date(lastRead + 30 * DAY))).toThrow(/belongs to 'Reader 1'/);

    const early = createSession(project, { coordinator: 'Coordinator', reader: 'Reader 1', kind: 'intra', task: 'delineation', repeatOf: first.id, washoutDays: 28 });
    expect(() => enterSession(project, early.id, 'Reader 1', new Date(lastRead + 21 * DAY))).toThrow(/28 days/);
    expect(() => overrideWashout(project, early.id, 'Reader 1', 'because')).toThrow(/not a coordinator/);
    overrideWashout(project, early.id, 'Coordinator', 'reader 1 leaves the department next week');
    expect(enterSession(project, early.id, 'Reader 1', new Date(lastRead + DAY)).sessionId).toBe(early.id);
    expect(auditRows(project, 'session.washout_override')).toEqual([
      { actor: 'Coordinator', entity_id: String(early.id), detail: { reason: 'reader 1 leaves the department next week', washoutDays: 28 } },
    ]);
    project.close();
  });

  it('a submitted session is immutable: rows cannot be updated, edits are new versions with parent_id and an audited reason', () => {
    const { project, patients } = setup(3);
    const s = primaryReading(project, patients);
    expect(s.status).toBe('submitted');
    const v1 = project.db.prepare('SELECT * FROM segmentations WHERE session_id = ? ORDER BY id LIMIT 1').get(s.id) as { id: number; content_hash: string; volume_id: number };
    expect(() => project.db.prepare("UPDATE segmentations SET status = 'flagged' WHERE id = ?").run(v1.id)).toThrow(/immutable/);
    expect(() => project.db.prepare('DELETE FROM segmentations WHERE id = ?').run(v1.id)).toThrow(/immutable/);
    expect(() => project.db.prepare("UPDATE reading_sessions SET status = 'open' WHERE id = ?").run(s.id)).toThrow(/cannot be reopened/);
    expect(() => saveSessionMask(project, { sessionId: s.id, patientId: 'PT-0001', phase: 'venous', mask: sphereMask(0, 5), actor: 'Reader 1', tool: 'brush' })).toThrow(/amendment reason/);
    const amended = saveSessionMask(project, { sessionId: s.id, patientId: 'PT-0001', phase: 'venous', mask: sphereMask(0, 5), actor: 'Coordinator', tool: 'import', amendReason: 'adjudication: outline included the duodenum' });
    expect(amended.version).toBe(2);
    const row = project.db.prepare('SELECT parent_id, session_id FROM segmentations WHERE id = ?').get(amended.id) as { parent_id: number; session_id: number };
    expect(row).toEqual({ parent_id: v1.id, session_id: s.id });
    expect((project.db.prepare('SELECT content_hash FROM segmentations WHERE id = ?').get(v1.id) as { content_hash: string }).content_hash).toBe(v1.content_hash);
    expect(auditRows(project, 'segmentation.amend')[0]).toMatchObject({ actor: 'Coordinator', detail: { sessionId: s.id, reason: 'adjudication: outline included the duodenum', version: 2 } });
    // Every edit is audited with who, when and which tool.
    const saves = auditRows(project, 'segmentation.save');
    expect(saves).toHaveLength(4);
    expect(saves[0]).toMatchObject({ actor: 'Reader 1', detail: { sessionId: s.id, tool: 'brush', version: 1 } });
    const submitted = auditRows(project, 'session.submit')[0];
    expect(submitted.detail).toMatchObject({ done: 3, total: 3, incompleteReason: null });
    expect((submitted.detail.segmentations as unknown[]).length).toBe(3);
    expect(() => enterSession(project, s.id, 'Reader 1')).toThrow(/submitted/);
    expect(() => project.db.prepare('UPDATE audit_log SET actor = ?').run('x')).toThrow(/append-only/);
    project.close();
  });

  it('tracks progress per patient, gives the next patient, and refuses an incomplete submission without a reason', () => {
    const { project, patients } = setup(3);
    const s = createSession(project, { coordinator: 'Coordinator', reader: 'Reader 2', kind: 'inter', task: 'both', phases: ['venous'] });
    expect(nextPatient(project, s.id)).toBe('PT-0001');
    saveSessionMask(project, { sessionId: s.id, patientId: 'PT-0001', phase: 'venous', mask: sphereMask(0, patients[0].radius), actor: 'Reader 2', tool: 'brush' });
    expect(nextPatient(project, s.id)).toBe('PT-0001'); // semantic ratings still missing
    for (const name of ['tumour_size_mm', 'necrosis', 'enhancement_degree', 'enhancement_pattern', 'contours', 'adjacent_organ_involvement']) {
      saveRating(project, { sessionId: s.id, readerId: findReader(project, 'Reader 2').id, patientId: 'PT-0001', name, value: 1, actor: 'Reader 2' });
    }
    expect(nextPatient(project, s.id)).toBe('PT-0002');
    const p = sessionProgress(project, s.id);
    expect(p).toMatchObject({ total: 3, done: 1 });
    expect(p.patients[0]).toMatchObject({ patientId: 'PT-0001', rated: 6, done: true, phases: [{ phase: 'venous', status: 'completed' }] });
    expect(() => submitSession(project, s.id, 'Reader 2')).toThrow(/2 of 3 patients/);
    expect(() => submitSession(project, s.id, 'Reader 1')).toThrow(/only 'Reader 2' or a coordinator/);
    expect(submitSession(project, s.id, 'Coordinator', { incompleteReason: 'reader 2 unavailable' }).status).toBe('submitted');
    project.close();
  });

  it('ratings are append-only versions; a rating in a submitted session needs an amendment reason', () => {
    const { project } = setup(2);
    const r2 = findReader(project, 'Reader 2').id;
    const s = createSession(project, { coordinator: 'Coordinator', reader: 'Reader 2', kind: 'inter', task: 'semantic' });
    saveRating(project, { sessionId: s.id, readerId: r2, patientId: 'PT-0001', name: 'necrosis', value: 0, actor: 'Reader 2', tool: 'form' });
    saveRating(project, { sessionId: s.id, readerId: r2, patientId: 'PT-0001', name: 'necrosis', value: 1, actor: 'Reader 2', tool: 'form' });
    expect(readerRatings(project, s.id, r2, 'PT-0001')).toMatchObject([{ name: 'necrosis', value: 1, version: 2 }]);
    const rows = project.db.prepare('SELECT id, version, parent_id, value_num FROM semantic_ratings ORDER BY id').all() as { id: number; parent_id: number | null }[];
    expect(rows[1].parent_id).toBe(rows[0].id);
    expect(() => project.db.prepare('UPDATE semantic_ratings SET value_num = 3').run()).toThrow(/append-only/);
    expect(() => saveRating(project, { sessionId: s.id, readerId: findReader(project, 'Reader 1').id, patientId: 'PT-0001', name: 'necrosis', value: 1, actor: 'Reader 1' })).toThrow(/belongs to 'Reader 2'/);
    submitSession(project, s.id, 'Coordinator', { incompleteReason: 'test' });
    expect(() => saveRating(project, { sessionId: s.id, readerId: r2, patientId: 'PT-0001', name: 'necrosis', value: 0, actor: 'Reader 2' })).toThrow(/amendment reason/);
    expect(saveRating(project, { sessionId: s.id, readerId: r2, patientId: 'PT-0001', name: 'necrosis', value: 0, actor: 'Coordinator', amendReason: 'typo' }).version).toBe(3);
    expect(getSession(project, s.id).status).toBe('submitted');
    project.close();
  });
});
