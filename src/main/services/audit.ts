import type { Project } from '../storage/project';

/** Append one entry to the project's append-only audit log (who, what, on which entity, details). */
export function audit(project: Project, actor: string, action: string, entity: string, entityId: string | number | null, detail?: unknown): void {
  project.db
    .prepare('INSERT INTO audit_log (actor, action, entity, entity_id, detail_json) VALUES (?, ?, ?, ?, ?)')
    .run(actor, action, entity, entityId === null ? null : String(entityId), detail === undefined ? null : JSON.stringify(detail));
}
