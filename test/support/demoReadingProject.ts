/** A small generated demo cohort imported into a project, with reader1's submitted primary masks. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoCohort } from '../../src/main/engine/demo/generate';
import { readClinicalCsv } from '../../src/main/engine/io/clinicalTable';
import { readImage } from '../../src/main/engine/io/readImage';
import { importClinicalTable } from '../../src/main/services/clinicalImport';
import { importDicomFolder } from '../../src/main/services/dicomImport';
import { resolvePatient } from '../../src/main/services/pseudonyms';
import { addReader } from '../../src/main/services/readers';
import { createSession, saveSessionMask, submitSession, type ReadingPhase } from '../../src/main/services/readingSessions';
import type { Project } from '../../src/main/storage/project';

const PHASE_DIR: Record<string, ReadingPhase> = { ART: 'arterial', PV: 'venous', DELAY: 'delayed' };

/**
 * Generate `patients` demo patients under `dir`/cohort, import their DICOM and clinical table into `project`,
 * and save reader1's masks of every phase in a submitted primary session. Returns the session id and the
 * project's patient ids in cohort order.
 */
export async function addDemoReadings(project: Project, dir: string, patients: number, seed: number): Promise<{ sessionId: number; patientIds: string[] }> {
  const manifest = await generateDemoCohort(join(dir, 'cohort'), { patients, seed });
  const imported = await importDicomFolder(project, join(dir, 'cohort', 'dicom'), { actor: 'test' });
  if (imported.errors.length) throw new Error(`demo import: ${JSON.stringify(imported.errors)}`);
  const csv = join(dir, 'cohort', manifest.files.clinical);
  importClinicalTable(project, readClinicalCsv(readFileSync(csv, 'utf8'), csv), csv, { actor: 'test' });
  addReader(project, 'coordinator', 'coordinator', 'test');
  addReader(project, 'reader1', 'reader', 'test');
  const session = createSession(project, { coordinator: 'coordinator', reader: 'reader1', kind: 'primary', task: 'delineation', name: 'primary' });
  const patientIds: string[] = [];
  for (const p of manifest.cohort) {
    const patientId = resolvePatient(project, p.id) as string;
    patientIds.push(patientId);
    for (const [folder, phase] of Object.entries(PHASE_DIR)) {
      const entry = p.phases?.[folder as keyof typeof p.phases]?.masks.find((m) => m.reader === 'reader1');
      if (!entry) throw new Error(`no reader1 mask for ${p.id} ${folder}`);
      saveSessionMask(project, { sessionId: session.id, patientId, phase, mask: readImage(join(dir, 'cohort', entry.path)), actor: 'reader1', tool: 'import' });
    }
  }
  submitSession(project, session.id, 'reader1');
  return { sessionId: session.id, patientIds };
}
