import { CLINICAL_VARIABLES } from '../engine/io/clinicalTable';
import type { PatientRow, Phase, ReaderStatus, SegmentationStatus } from '../../shared/ipc/imaging';
import type { Project } from '../storage/project';

// The Table-1 variables a patient should have; tumour size counts once whether given in mm or cm.
const NOT_TABLE1 = new Set(['centre', 'cohort', 'mdm', 'followup_months', 'event']);
const TABLE1 = [...new Set(CLINICAL_VARIABLES.filter((v) => !NOT_TABLE1.has(v.name)).map((v) => v.name.replace(/_(mm|cm)$/, '')))];

/**
 * A reader's overall status on a patient from the latest version of each of their segments:
 * any flagged → flagged; all completed → completed; anything started → in progress.
 */
function overallStatus(statuses: SegmentationStatus[]): SegmentationStatus {
  if (statuses.includes('flagged')) return 'flagged';
  if (statuses.length > 0 && statuses.every((s) => s === 'completed')) return 'completed';
  if (statuses.some((s) => s !== 'not_started')) return 'in_progress';
  return 'not_started';
}

/** Every patient with centre, cohort, phases present, each reader's status and data completeness. */
export function listPatients(project: Project): PatientRow[] {
  const db = project.db;
  const patients = db
    .prepare('SELECT p.id, c.code AS centre, p.cohort FROM patients p LEFT JOIN centres c ON c.id = p.centre_id ORDER BY p.id')
    .all() as { id: string; centre: string | null; cohort: string | null }[];
  const phases = db.prepare('SELECT DISTINCT patient_id, phase FROM volumes').all() as { patient_id: string; phase: Phase }[];
  const segs = db
    .prepare(
      `SELECT v.patient_id, s.reader_id, r.name AS reader_name, s.status FROM segmentations s
       JOIN volumes v ON v.id = s.volume_id JOIN readers r ON r.id = s.reader_id
       WHERE s.version = (SELECT max(version) FROM segmentations t WHERE t.volume_id = s.volume_id AND t.reader_id = s.reader_id AND t.label = s.label)`,
    )
    .all() as { patient_id: string; reader_id: number; reader_name: string; status: SegmentationStatus }[];
  const clinical = db
    .prepare('SELECT patient_id, name FROM clinical_variables WHERE reader_id IS NULL AND (value_num IS NOT NULL OR value_text IS NOT NULL)')
    .all() as { patient_id: string; name: string }[];
  const outcomes = new Set(
    (db.prepare('SELECT patient_id FROM outcomes WHERE mdm IS NOT NULL').all() as { patient_id: string }[]).map((r) => r.patient_id),
  );

  const phaseOf = new Map<string, Set<Phase>>();
  for (const r of phases) (phaseOf.get(r.patient_id) ?? phaseOf.set(r.patient_id, new Set()).get(r.patient_id)!).add(r.phase);
  const readersOf = new Map<string, Map<number, { name: string; statuses: SegmentationStatus[] }>>();
  for (const s of segs) {
    const byReader = readersOf.get(s.patient_id) ?? readersOf.set(s.patient_id, new Map()).get(s.patient_id)!;
    const entry = byReader.get(s.reader_id) ?? byReader.set(s.reader_id, { name: s.reader_name, statuses: [] }).get(s.reader_id)!;
    entry.statuses.push(s.status);
  }
  const clinicalOf = new Map<string, Set<string>>();
  for (const c of clinical) {
    const name = c.name.replace(/_(mm|cm)$/, '');
    if (TABLE1.includes(name)) (clinicalOf.get(c.patient_id) ?? clinicalOf.set(c.patient_id, new Set()).get(c.patient_id)!).add(name);
  }
  const order: Phase[] = ['non-contrast', 'arterial', 'venous', 'delayed', 'unassigned'];
  return patients.map((p) => {
    const readers: ReaderStatus[] = [...(readersOf.get(p.id) ?? new Map()).entries()]
      .map(([readerId, r]) => ({ readerId, readerName: r.name, status: overallStatus(r.statuses) }))
      .sort((a, b) => a.readerName.localeCompare(b.readerName));
    return {
      id: p.id,
      centre: p.centre,
      cohort: p.cohort,
      phases: order.filter((ph) => phaseOf.get(p.id)?.has(ph)),
      readers,
      clinical: { present: clinicalOf.get(p.id)?.size ?? 0, total: TABLE1.length },
      outcome: outcomes.has(p.id),
    };
  });
}
