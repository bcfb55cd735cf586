import type { Phase } from '../../shared/ipc/imaging';
import type { PhaseReviewRow } from '../../shared/ipc/workflow';
import type { Project } from '../storage/project';
import { audit } from './audit';
import { ServiceError } from './serviceError';

interface Row {
  volumeId: number;
  patientId: string;
  seriesDescription: string | null;
  phase: Phase;
  importDetail: string | null;
  manual: number;
}

// The import records each series' phase and its basis in the audit log ('series.import'); a manual
// change is a later 'volume.phase' entry, so the basis shown is always the one behind the current phase.
const SELECT = `
  SELECT v.id AS volumeId, v.patient_id AS patientId, s.description AS seriesDescription, v.phase,
         (SELECT detail_json FROM audit_log a WHERE a.action = 'series.import' AND a.entity_id = s.series_instance_uid ORDER BY a.id DESC LIMIT 1) AS importDetail,
         EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'volume.phase' AND a.entity = 'volume' AND a.entity_id = CAST(v.id AS TEXT)) AS manual
  FROM volumes v LEFT JOIN series s ON s.id = v.series_id`;

function toRow(r: Row): PhaseReviewRow {
  let basis = 'none';
  if (r.manual) basis = 'manual';
  else if (r.importDetail) basis = (JSON.parse(r.importDetail) as { basis?: string }).basis ?? 'none';
  return { volumeId: r.volumeId, patientId: r.patientId, seriesDescription: r.seriesDescription, phase: r.phase, basis };
}

/** Every volume with its phase and how that phase was set, unassigned ones first, then by patient and phase. */
export function phaseReview(project: Project): PhaseReviewRow[] {
  const rows = project.db.prepare(`${SELECT} ORDER BY v.phase != 'unassigned', v.patient_id, v.phase, v.id`).all() as Row[];
  return rows.map(toRow);
}

/**
 * Set a volume's phase by hand (phase review after import), audited. A patient keeps at most one volume per
 * contrast phase, so feature runs and the viewer find one image per phase: to swap two volumes, set one to
 * 'unassigned' first.
 */
export function setVolumePhase(project: Project, volumeId: number, phase: Phase, actor: string): PhaseReviewRow {
  const db = project.db;
  return db.transaction(() => {
    const v = db.prepare('SELECT patient_id AS patientId, phase FROM volumes WHERE id = ?').get(volumeId) as { patientId: string; phase: Phase } | undefined;
    if (!v) throw new ServiceError('not_found', `volume ${volumeId} is not in this project`);
    if (phase !== 'unassigned') {
      const other = db.prepare('SELECT id FROM volumes WHERE patient_id = ? AND phase = ? AND id != ?').get(v.patientId, phase, volumeId) as { id: number } | undefined;
      if (other) throw new ServiceError('conflict', `patient ${v.patientId} already has a ${phase} volume (volume ${other.id}); set that one to another phase or 'unassigned' first`);
    }
    if (v.phase !== phase) {
      db.prepare('UPDATE volumes SET phase = ? WHERE id = ?').run(phase, volumeId);
      audit(project, actor, 'volume.phase', 'volume', volumeId, { from: v.phase, to: phase });
    }
    return toRow(db.prepare(`${SELECT} WHERE v.id = ?`).get(volumeId) as Row);
  })();
}
