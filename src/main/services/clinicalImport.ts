import type { ClinicalTable, RowError } from '../engine/io/clinicalTable';
import type { Project } from '../storage/project';
import { centreId, createPatient, resolvePatient } from './pseudonyms';

export interface ClinicalImportOptions {
  /** Create patients that are not yet in the project (new pseudonyms), instead of reporting them. */
  createMissing?: boolean;
  /** With createMissing: keep the source ids in the identity table (opt-in PHI). */
  keepIdentity?: boolean;
  actor?: string;
}

export interface ClinicalImportResult {
  imported: number;
  created: number;
  variables: string[];
}

export class ClinicalImportError extends Error {
  constructor(
    readonly source: string,
    readonly errors: RowError[],
  ) {
    super(
      `${source}: ${errors.length} problem(s), nothing was imported:\n` +
        errors
          .slice(0, 50)
          .map((e) => `  line ${e.line}${e.patientId ? ` (patient ${e.patientId})` : ''}, column ${e.column}: ${e.message}`)
          .join('\n') +
        (errors.length > 50 ? `\n  … and ${errors.length - 50} more` : ''),
    );
    this.name = 'ClinicalImportError';
  }
}

const OUTCOME_VARS = new Set(['mdm', 'followup_months', 'event']);
const PATIENT_VARS = new Set(['centre', 'cohort']);

/**
 * Import a validated clinical table into the project in one transaction: either every row is
 * stored (variables, outcome, follow-up, centre/cohort) or, on any error, nothing is.
 */
export function importClinicalTable(project: Project, table: ClinicalTable, source: string, options: ClinicalImportOptions = {}): ClinicalImportResult {
  const errors = [...table.errors];
  const ids = new Map<string, string | undefined>();
  for (const row of table.rows) {
    const pid = resolvePatient(project, row.patientId);
    ids.set(row.patientId, pid);
    if (!pid && !options.createMissing) {
      errors.push({ line: row.line, patientId: row.patientId, column: 'patient_id', message: 'patient is not in the project (use --create-missing to add it)' });
    }
  }
  if (errors.length) throw new ClinicalImportError(source, errors);

  const db = project.db;
  const variables = [...new Set(table.columns.filter((c) => c.variable !== 'patient_id').map((c) => c.variable))];
  let created = 0;
  db.transaction(() => {
    const delVar = db.prepare('DELETE FROM clinical_variables WHERE patient_id = ? AND name = ? AND reader_id IS NULL');
    const putVar = db.prepare('INSERT INTO clinical_variables (patient_id, name, value_num, value_text) VALUES (?, ?, ?, ?)');
    const putOutcome = db.prepare(
      `INSERT INTO outcomes (patient_id, mdm, followup_months, event) VALUES (@id, @mdm, @time, @event)
       ON CONFLICT (patient_id) DO UPDATE SET mdm = excluded.mdm, followup_months = excluded.followup_months, event = excluded.event`,
    );
    for (const row of table.rows) {
      let pid = ids.get(row.patientId);
      const centre = row.values.get('centre');
      const cohort = row.values.get('cohort');
      const centreRef = typeof centre === 'string' ? centreId(project, centre) : null;
      if (!pid) {
        pid = createPatient(project, { sourceId: row.patientId, centreId: centreRef, cohort: typeof cohort === 'string' ? cohort : null, keepIdentity: options.keepIdentity });
        created++;
      } else {
        if (centreRef !== null) db.prepare('UPDATE patients SET centre_id = ? WHERE id = ?').run(centreRef, pid);
        if (typeof cohort === 'string') db.prepare('UPDATE patients SET cohort = ? WHERE id = ?').run(cohort, pid);
      }
      for (const [name, value] of row.values) {
        if (OUTCOME_VARS.has(name) || PATIENT_VARS.has(name)) continue;
        delVar.run(pid, name);
        putVar.run(pid, name, typeof value === 'number' ? value : null, typeof value === 'string' ? value : null);
      }
      if ([...OUTCOME_VARS].some((v) => row.values.has(v))) {
        putOutcome.run({
          id: pid,
          mdm: (row.values.get('mdm') as number | null | undefined) ?? null,
          time: (row.values.get('followup_months') as number | null | undefined) ?? null,
          event: (row.values.get('event') as number | null | undefined) ?? null,
        });
      }
    }
    db.prepare('INSERT INTO audit_log (actor, action, entity, detail_json) VALUES (?, ?, ?, ?)').run(
      options.actor ?? 'cli',
      'clinical.import',
      'clinical_variables',
      JSON.stringify({ source: source.split(/[\\/]/).pop(), rows: table.rows.length, created }),
    );
  })();
  return { imported: table.rows.length, created, variables };
}
